-- dim_region: 每个行政区划一行（GB/T 2260 省、地、县三级）/ one row per administrative division (GB/T 2260),
-- with the names of its province and prefecture and its full name (上海市普陀区; a municipality's name once).
-- Rebuilt whole each build: a code list, small, named from every report's printing.
{{ config(materialized='table') }}
with regions as (

    select * from {{ ref('stg_disclosures__regions') }}

)

select
    cast(regions.region_code as varchar) as region_code,
    cast(regions.region_name as varchar) as region_name,
    cast(regions.level as varchar) as level,
    cast(regions.province_code as varchar) as province_code,
    cast(provinces.region_name as varchar) as province_name,
    cast(regions.city_code as varchar) as city_code,
    cast(cities.region_name as varchar) as city_name,
    cast(
        case regions.level
            when 'province' then regions.region_name
            -- 上海市 is both the province and its prefecture: the full name prints it once.
            when 'city' then provinces.region_name
                || case when cities.region_name = provinces.region_name then '' else regions.region_name end
            else provinces.region_name
                || case when cities.region_name is null or cities.region_name = provinces.region_name then ''
                        else cities.region_name end
                || regions.region_name
        end
        as varchar
    ) as full_name,
    cast(regions.longitude as double) as longitude,
    cast(regions.latitude as double) as latitude
from regions
left join regions as provinces
    on regions.province_code = provinces.region_code
left join regions as cities
    on regions.city_code = cities.region_code
