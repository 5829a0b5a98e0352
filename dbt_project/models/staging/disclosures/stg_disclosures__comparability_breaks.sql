-- stg_disclosures__comparability_breaks: 报告声明与上年不可比的句子，每条一行 /
-- one row per sentence where the report declares its figures not comparable with the prior year's.
-- 只做重命名与类型转换 / rename and cast only; no joins, no derived values.
with source as (

    select * from {{ source('disclosures', 'comparability_breaks') }}

),

renamed as (

    select
        cast(document_sha256 as varchar) as document_sha256,
        cast(break_index as integer) as break_index,
        cast(section as varchar) as section,
        cast(reason_code as varchar) as reason_code,
        cast(phrase_printed as varchar) as phrase_printed,
        cast(line_no as integer) as line_no,
        cast(page as integer) as page,
        cast(char_start as integer) as char_start,
        cast(char_end as integer) as char_end,
        cast(sentence as varchar) as sentence
    from source

)

select * from renamed
