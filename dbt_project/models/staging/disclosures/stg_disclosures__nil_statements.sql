-- 由 pipeline/load/dbt_generated.py 依 pipeline/schemas.py 生成，请勿手改。
-- Generated from pipeline/schemas.py by pipeline/load/dbt_generated.py; do not edit (python -m pipeline.load.dbt_generated).
-- stg_disclosures__nil_statements: 说明文字声明为无（零）的项目：如 无“三公”经费支出、没有政府性基金预算财政拨款收入和支出、为零 / What the narrative declares nil without printing a number: 无“三公”经费支出, 没有政府性基金…收入和支出, …为零
-- 只做重命名与类型转换 / rename and cast only; no joins, no derived values.
with source as (

    select * from {{ source('disclosures', 'nil_statements') }}

),

renamed as (

    select
        cast(document_sha256 as VARCHAR) as document_sha256,
        cast(statement_index as INTEGER) as statement_index,
        cast(section as VARCHAR) as section,
        cast(subject as VARCHAR) as subject,
        cast(subject_printed as VARCHAR) as subject_printed,
        cast(line_no as INTEGER) as line_no,
        cast(page as INTEGER) as page,
        cast(char_start as INTEGER) as char_start,
        cast(char_end as INTEGER) as char_end,
        cast(sentence as VARCHAR) as sentence
    from source

)

select * from renamed
