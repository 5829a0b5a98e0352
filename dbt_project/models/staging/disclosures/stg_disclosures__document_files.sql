-- 由 pipeline/load/dbt_generated.py 依 pipeline/schemas.py 生成，请勿手改。
-- Generated from pipeline/schemas.py by pipeline/load/dbt_generated.py; do not edit (python -m pipeline.load.dbt_generated).
-- stg_disclosures__document_files: 原始文件：每个文件路径一行，同一内容的多个文件名指向同一文档 / Raw files: one row per file path; copies of the same bytes under other names point to one document
-- 只做重命名与类型转换 / rename and cast only; no joins, no derived values.
with source as (

    select * from {{ source('disclosures', 'document_files') }}

),

renamed as (

    select
        cast(document_sha256 as VARCHAR) as document_sha256,
        cast(source_path as VARCHAR) as source_path,
        cast(file_size_bytes as BIGINT) as file_size_bytes,
        cast(file_modified_at as TIMESTAMP) as file_modified_at,
        cast(is_present as BOOLEAN) as is_present
    from source

)

select * from renamed
