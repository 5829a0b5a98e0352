-- stg_disclosures__nil_statements: 说明文字声明为无（零）的项目，每条一行 / one row per subject the narrative declares nil.
-- 只做重命名与类型转换 / rename and cast only; no joins, no derived values.
with source as (

    select * from {{ source('disclosures', 'nil_statements') }}

),

renamed as (

    select
        cast(document_sha256 as varchar) as document_sha256,
        cast(statement_index as integer) as statement_index,
        cast(section as varchar) as section,
        cast(subject as varchar) as subject,
        cast(subject_printed as varchar) as subject_printed,
        cast(line_no as integer) as line_no,
        cast(page as integer) as page,
        cast(char_start as integer) as char_start,
        cast(char_end as integer) as char_end,
        cast(sentence as varchar) as sentence
    from source

)

select * from renamed
