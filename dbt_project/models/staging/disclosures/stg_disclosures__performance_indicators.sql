-- 由 pipeline/load/dbt_generated.py 依 pipeline/schemas.py 生成，请勿手改。
-- Generated from pipeline/schemas.py by pipeline/load/dbt_generated.py; do not edit (python -m pipeline.load.dbt_generated).
-- stg_disclosures__performance_indicators: 绩效自评表的指标行 / Indicator rows of a performance table (绩效指标)
-- 只做重命名与类型转换 / rename and cast only; no joins, no derived values.
with source as (

    select * from {{ source('disclosures', 'performance_indicators') }}

),

renamed as (

    select
        cast(document_sha256 as VARCHAR) as document_sha256,
        cast(table_index as INTEGER) as table_index,
        cast(indicator_index as INTEGER) as indicator_index,
        cast(level1 as VARCHAR) as level1,
        cast(level2 as VARCHAR) as level2,
        cast(level3 as VARCHAR) as level3,
        cast(operator as VARCHAR) as operator,
        cast(target_value as VARCHAR) as target_value,
        cast(measure_unit as VARCHAR) as measure_unit,
        cast(actual_value as VARCHAR) as actual_value,
        cast(completion as VARCHAR) as completion,
        cast(weight as DECIMAL(12, 4)) as weight,
        cast(score as DECIMAL(12, 4)) as score,
        cast(deviation_reason as VARCHAR) as deviation_reason,
        cast(improvement as VARCHAR) as improvement,
        cast(line_no as INTEGER) as line_no,
        cast(page as INTEGER) as page
    from source

)

select * from renamed
