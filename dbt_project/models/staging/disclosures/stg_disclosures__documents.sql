-- stg_disclosures__documents: 每份已解析文档一行 / one row per parsed document.
-- 只做重命名与类型转换 / rename and cast only; no joins, no derived values.
with source as (

    select * from {{ source('disclosures', 'documents') }}

),

renamed as (

    select
        cast(document_sha256 as varchar) as document_sha256,
        cast(source_path as varchar) as first_source_path,
        cast(media_type as varchar) as media_type,
        cast(text_encoding as varchar) as text_encoding,
        cast(department_name as varchar) as department_name,
        cast(department_name_normalized as varchar) as department_name_normalized,
        cast(unit_code as varchar) as unit_code,
        cast(region_code as varchar) as region_code,
        cast(fiscal_year as integer) as fiscal_year,
        cast(report_kind as varchar) as report_kind,
        cast(report_scope as varchar) as report_scope,
        cast(parser_version as varchar) as parser_version
    from source

)

select * from renamed
