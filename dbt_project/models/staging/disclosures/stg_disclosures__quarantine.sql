-- stg_disclosures__quarantine: 每个无法读取的文档一行 / one row per unreadable document.
-- 只做重命名与类型转换 / rename and cast only; no joins, no derived values.
with source as (

    select * from {{ source('disclosures', 'quarantine') }}

),

renamed as (

    select
        cast(document_sha256 as varchar) as document_sha256,
        cast(source_path as varchar) as first_source_path,
        cast(reason_code as varchar) as reason_code,
        cast(reason as varchar) as reason,
        cast(parser_version as varchar) as parser_version
    from source

)

select * from renamed
