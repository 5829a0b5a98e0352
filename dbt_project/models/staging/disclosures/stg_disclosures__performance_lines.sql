-- stg_disclosures__performance_lines: 每个预算执行行一行 / one row per budget-execution line.
-- 只做重命名与类型转换 / rename and cast only; no joins, no derived values.
with source as (

    select * from {{ source('disclosures', 'performance_lines') }}

),

renamed as (

    select
        cast(document_sha256 as varchar) as document_sha256,
        cast(table_index as integer) as table_index,
        cast(line_index as integer) as line_index,
        cast(task as varchar) as task,
        cast(project_name as varchar) as project_name,
        cast(allocated_wan_yuan as decimal(24,6)) as allocated_wan_yuan,
        cast(executed_wan_yuan as decimal(24,6)) as executed_wan_yuan,
        cast(execution_rate_pct as decimal(12,4)) as execution_rate_pct,
        cast(weight as decimal(12,4)) as weight,
        cast(score as decimal(12,4)) as score,
        cast(line_no as integer) as line_no,
        cast(page as integer) as page
    from source

)

select * from renamed
