-- stg_disclosures__document_files: 每个文件路径一行 / one row per file path.
-- 只做重命名与类型转换 / rename and cast only; no joins, no derived values.
with source as (

    select * from {{ source('disclosures', 'document_files') }}

),

renamed as (

    select
        cast(document_sha256 as varchar) as document_sha256,
        cast(source_path as varchar) as source_path,
        cast(file_size_bytes as bigint) as file_size_bytes,
        cast(file_modified_at as timestamp) as file_modified_at,
        cast(is_present as boolean) as is_present
    from source

)

select * from renamed
