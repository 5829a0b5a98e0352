-- 由 pipeline/load/dbt_generated.py 依 pipeline/schemas.py 生成，请勿手改。
-- Generated from pipeline/schemas.py by pipeline/load/dbt_generated.py; do not edit (python -m pipeline.load.dbt_generated).
-- stg_disclosures__quarantine: 无法读取的文件：每个文件一行，附原因 / Documents that could not be read: one row each, with the reason
-- 只做重命名与类型转换 / rename and cast only; no joins, no derived values.
with source as (

    select * from {{ source('disclosures', 'quarantine') }}

),

renamed as (

    select
        cast(document_sha256 as VARCHAR) as document_sha256,
        cast(source_path as VARCHAR) as first_source_path,
        cast(reason_code as VARCHAR) as reason_code,
        cast(reason as VARCHAR) as reason,
        cast(parser_version as VARCHAR) as parser_version
    from source

)

select * from renamed
