-- stg_disclosures__performance_indicators: 每个绩效指标行一行 / one row per indicator row.
-- 只做重命名与类型转换 / rename and cast only; no joins, no derived values.
with source as (

    select * from {{ source('disclosures', 'performance_indicators') }}

),

renamed as (

    select
        cast(document_sha256 as varchar) as document_sha256,
        cast(table_index as integer) as table_index,
        cast(indicator_index as integer) as indicator_index,
        cast(level1 as varchar) as level1,
        cast(level2 as varchar) as level2,
        cast(level3 as varchar) as level3,
        cast(operator as varchar) as operator,
        cast(target_value as varchar) as target_value,
        cast(measure_unit as varchar) as measure_unit,
        cast(actual_value as varchar) as actual_value,
        cast(completion as varchar) as completion,
        cast(weight as decimal(12,4)) as weight,
        cast(score as decimal(12,4)) as score,
        cast(deviation_reason as varchar) as deviation_reason,
        cast(improvement as varchar) as improvement,
        cast(line_no as integer) as line_no,
        cast(page as integer) as page
    from source

)

select * from renamed
