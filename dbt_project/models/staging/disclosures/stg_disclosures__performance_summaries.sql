-- stg_disclosures__performance_summaries: 每张绩效自评表一行 / one row per performance self-evaluation table.
-- 只做重命名与类型转换 / rename and cast only; no joins, no derived values.
with source as (

    select * from {{ source('disclosures', 'performance_summaries') }}

),

renamed as (

    select
        cast(document_sha256 as varchar) as document_sha256,
        cast(table_index as integer) as table_index,
        cast(table_title as varchar) as table_title,
        cast(unit_name_printed as varchar) as unit_name_printed,
        cast(budget_income_wan_yuan as decimal(24,6)) as budget_income_wan_yuan,
        cast(budget_expenditure_wan_yuan as decimal(24,6)) as budget_expenditure_wan_yuan,
        cast(annual_goal as varchar) as annual_goal,
        cast(annual_result as varchar) as annual_result,
        cast(total_score as decimal(12,4)) as total_score,
        cast(line_no as integer) as line_no,
        cast(page as integer) as page
    from source

)

select * from renamed
