-- 由 pipeline/load/dbt_generated.py 依 pipeline/schemas.py 生成，请勿手改。
-- Generated from pipeline/schemas.py by pipeline/load/dbt_generated.py; do not edit (python -m pipeline.load.dbt_generated).
-- stg_disclosures__comparability_breaks: 报告声明与上年不可比的句子：无可比性、口径调整、机构改革、新成立 / Sentences where the report declares its figures not comparable with the prior year's: 无可比性, 口径调整, 机构改革, 新成立
-- 只做重命名与类型转换 / rename and cast only; no joins, no derived values.
with source as (

    select * from {{ source('disclosures', 'comparability_breaks') }}

),

renamed as (

    select
        cast(document_sha256 as VARCHAR) as document_sha256,
        cast(break_index as INTEGER) as break_index,
        cast(section as VARCHAR) as section,
        cast(reason_code as VARCHAR) as reason_code,
        cast(phrase_printed as VARCHAR) as phrase_printed,
        cast(line_no as INTEGER) as line_no,
        cast(page as INTEGER) as page,
        cast(char_start as INTEGER) as char_start,
        cast(char_end as INTEGER) as char_end,
        cast(sentence as VARCHAR) as sentence
    from source

)

select * from renamed
