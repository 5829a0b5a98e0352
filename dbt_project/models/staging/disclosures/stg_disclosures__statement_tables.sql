-- 由 pipeline/load/dbt_generated.py 依 pipeline/schemas.py 生成，请勿手改。
-- Generated from pipeline/schemas.py by pipeline/load/dbt_generated.py; do not edit (python -m pipeline.load.dbt_generated).
-- stg_disclosures__statement_tables: 报告中的表格：每张表一行（跨页续表算一张） / Tables of a report: one row per table (a table continued over pages is one)
-- 只做重命名与类型转换 / rename and cast only; no joins, no derived values.
with source as (

    select * from {{ source('disclosures', 'statement_tables') }}

),

renamed as (

    select
        cast(document_sha256 as VARCHAR) as document_sha256,
        cast(table_index as INTEGER) as table_index,
        cast(table_kind as VARCHAR) as table_kind,
        cast(table_title as VARCHAR) as table_title,
        cast(table_number_printed as VARCHAR) as table_number_printed,
        cast(page_first as INTEGER) as page_first,
        cast(page_last as INTEGER) as page_last,
        cast(unit_printed as VARCHAR) as unit_printed,
        cast(is_empty as BOOLEAN) as is_empty,
        cast(note as VARCHAR) as note,
        cast(cell_count as INTEGER) as cell_count
    from source

)

select * from renamed
