-- stg_disclosures__regions: 每个行政区划一行 / one row per administrative division (GB/T 2260).
-- 只做重命名与类型转换 / rename and cast only; no joins, no derived values.
with source as (

    select * from {{ source('disclosures', 'regions') }}

),

renamed as (

    select
        cast(region_code as varchar) as region_code,
        cast(region_name as varchar) as region_name,
        cast(level as varchar) as level,
        cast(province_code as varchar) as province_code,
        cast(city_code as varchar) as city_code,
        cast(longitude as double) as longitude,
        cast(latitude as double) as latitude
    from source

)

select * from renamed
