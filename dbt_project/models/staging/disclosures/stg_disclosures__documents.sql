-- 由 pipeline/load/dbt_generated.py 依 pipeline/schemas.py 生成，请勿手改。
-- Generated from pipeline/schemas.py by pipeline/load/dbt_generated.py; do not edit (python -m pipeline.load.dbt_generated).
-- stg_disclosures__documents: 已解析的公开报告：每份文档一行 / Parsed disclosure reports: one row per document
-- 只做重命名与类型转换 / rename and cast only; no joins, no derived values.
with source as (

    select * from {{ source('disclosures', 'documents') }}

),

renamed as (

    select
        cast(document_sha256 as VARCHAR) as document_sha256,
        cast(source_path as VARCHAR) as first_source_path,
        cast(media_type as VARCHAR) as media_type,
        cast(text_encoding as VARCHAR) as text_encoding,
        cast(department_name as VARCHAR) as department_name,
        cast(department_name_normalized as VARCHAR) as department_name_normalized,
        cast(unit_code as VARCHAR) as unit_code,
        cast(region_code as VARCHAR) as region_code,
        cast(fiscal_year as INTEGER) as fiscal_year,
        cast(report_kind as VARCHAR) as report_kind,
        cast(report_scope as VARCHAR) as report_scope,
        cast(parser_version as VARCHAR) as parser_version
    from source

)

select * from renamed
