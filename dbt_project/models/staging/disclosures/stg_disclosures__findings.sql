-- stg_disclosures__findings: 每条发现一行 / one row per finding.
-- 只做重命名与类型转换 / rename and cast only; no joins, no derived values.
with source as (

    select * from {{ source('disclosures', 'findings') }}

),

renamed as (

    select
        cast(document_sha256 as varchar) as document_sha256,
        cast(check_name as varchar) as check_name,
        cast(severity as varchar) as severity,
        cast(subject as varchar) as subject,
        cast(expected_value as decimal(24,6)) as expected_value,
        cast(observed_value as decimal(24,6)) as observed_value,
        cast(difference as decimal(24,6)) as difference,
        cast(tolerance as decimal(24,6)) as tolerance,
        cast(observed_location as varchar) as observed_location,
        cast(expected_location as varchar) as expected_location,
        cast(message as varchar) as message
    from source

)

select * from renamed
