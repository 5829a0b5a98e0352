-- 由 pipeline/load/dbt_generated.py 依 pipeline/schemas.py 生成，请勿手改。
-- Generated from pipeline/schemas.py by pipeline/load/dbt_generated.py; do not edit (python -m pipeline.load.dbt_generated).
-- stg_disclosures__report_outline: 报告的目录条目与正文中必备说明部分的标题：每个条目或标题一行 / A report's outline: each entry of its table of contents (目录) and each heading of a required narrative section in its body, one row each
-- 只做重命名与类型转换 / rename and cast only; no joins, no derived values.
with source as (

    select * from {{ source('disclosures', 'report_outline') }}

),

renamed as (

    select
        cast(document_sha256 as VARCHAR) as document_sha256,
        cast(entry_index as INTEGER) as entry_index,
        cast(place as VARCHAR) as place,
        cast(section_code as VARCHAR) as section_code,
        cast(table_kind as VARCHAR) as table_kind,
        cast(title_printed as VARCHAR) as title_printed,
        cast(page_printed as INTEGER) as page_printed,
        cast(line_no as INTEGER) as line_no,
        cast(page as INTEGER) as page,
        cast(char_start as INTEGER) as char_start,
        cast(char_end as INTEGER) as char_end
    from source

)

select * from renamed
