-- 由 pipeline/load/dbt_generated.py 依 pipeline/schemas.py 生成，请勿手改。
-- Generated from pipeline/schemas.py by pipeline/load/dbt_generated.py; do not edit (python -m pipeline.load.dbt_generated).
-- stg_disclosures__findings: 报告自身的不一致：每条发现一行，两边数字与位置都保留，从不改正 / The report's own inconsistencies: one row per finding, both numbers and where they stand; never corrected
-- 只做重命名与类型转换 / rename and cast only; no joins, no derived values.
with source as (

    select * from {{ source('disclosures', 'findings') }}

),

renamed as (

    select
        cast(document_sha256 as VARCHAR) as document_sha256,
        cast(check_name as VARCHAR) as check_name,
        cast(severity as VARCHAR) as severity,
        cast(subject as VARCHAR) as subject,
        cast(expected_value as DECIMAL(24, 6)) as expected_value,
        cast(observed_value as DECIMAL(24, 6)) as observed_value,
        cast(difference as DECIMAL(24, 6)) as difference,
        cast(tolerance as DECIMAL(24, 6)) as tolerance,
        cast(observed_location as VARCHAR) as observed_location,
        cast(expected_location as VARCHAR) as expected_location,
        cast(message as VARCHAR) as message,
        cast(page as INTEGER) as page,
        cast(pages as INTEGER[]) as pages,
        cast(unit as VARCHAR) as unit
    from source

)

select * from renamed
