-- 由 pipeline/load/dbt_generated.py 依 pipeline/schemas.py 生成，请勿手改。
-- Generated from pipeline/schemas.py by pipeline/load/dbt_generated.py; do not edit (python -m pipeline.load.dbt_generated).
-- stg_disclosures__performance_lines: 绩效自评表的预算执行行（对应项目） / Budget-execution lines of a performance table (对应项目)
-- 只做重命名与类型转换 / rename and cast only; no joins, no derived values.
with source as (

    select * from {{ source('disclosures', 'performance_lines') }}

),

renamed as (

    select
        cast(document_sha256 as VARCHAR) as document_sha256,
        cast(table_index as INTEGER) as table_index,
        cast(line_index as INTEGER) as line_index,
        cast(task as VARCHAR) as task,
        cast(project_name as VARCHAR) as project_name,
        cast(allocated_wan_yuan as DECIMAL(24, 6)) as allocated_wan_yuan,
        cast(executed_wan_yuan as DECIMAL(24, 6)) as executed_wan_yuan,
        cast(execution_rate_pct as DECIMAL(12, 4)) as execution_rate_pct,
        cast(weight as DECIMAL(12, 4)) as weight,
        cast(score as DECIMAL(12, 4)) as score,
        cast(line_no as INTEGER) as line_no,
        cast(page as INTEGER) as page
    from source

)

select * from renamed
