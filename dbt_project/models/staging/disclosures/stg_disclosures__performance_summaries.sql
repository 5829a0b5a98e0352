-- 由 pipeline/load/dbt_generated.py 依 pipeline/schemas.py 生成，请勿手改。
-- Generated from pipeline/schemas.py by pipeline/load/dbt_generated.py; do not edit (python -m pipeline.load.dbt_generated).
-- stg_disclosures__performance_summaries: 绩效自评表的表头与总分：每张表一行 / Performance self-evaluation tables (绩效自评表): header figures and total score, one row per table
-- 只做重命名与类型转换 / rename and cast only; no joins, no derived values.
with source as (

    select * from {{ source('disclosures', 'performance_summaries') }}

),

renamed as (

    select
        cast(document_sha256 as VARCHAR) as document_sha256,
        cast(table_index as INTEGER) as table_index,
        cast(table_title as VARCHAR) as table_title,
        cast(unit_name_printed as VARCHAR) as unit_name_printed,
        cast(budget_income_wan_yuan as DECIMAL(24, 6)) as budget_income_wan_yuan,
        cast(budget_expenditure_wan_yuan as DECIMAL(24, 6)) as budget_expenditure_wan_yuan,
        cast(annual_goal as VARCHAR) as annual_goal,
        cast(annual_result as VARCHAR) as annual_result,
        cast(total_score as DECIMAL(12, 4)) as total_score,
        cast(line_no as INTEGER) as line_no,
        cast(page as INTEGER) as page
    from source

)

select * from renamed
