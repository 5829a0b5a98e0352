-- fct_performance_summary: 绩效自评表的表头与总分，每张表一行；附部门与年度列 /
-- performance self-evaluation tables: header figures and total score, one row per table,
-- with department and year columns.
with summaries as (

    select * from {{ ref('stg_disclosures__performance_summaries') }}
    where {{ in_build_scope('document_sha256') }}

),

departments as (

    -- The latest version of each report only; older versions are listed in fct_document_revision_change.
    select * from {{ ref('int_departments_resolved') }}
    where is_current_version
        and {{ in_build_scope('document_sha256') }}

)

select
    cast(summaries.document_sha256 as varchar) as document_sha256,
    cast(summaries.table_index as integer) as table_index,
    cast(departments.department_key as varchar) as department_key,
    cast(department_names.department_name as varchar) as department_name,
    cast(department_names.region_code as varchar) as region_code,
    cast(departments.fiscal_year as integer) as fiscal_year,
    cast(departments.report_kind as varchar) as report_kind,
    cast(departments.report_scope as varchar) as report_scope,
    cast(summaries.table_title as varchar) as table_title,
    cast(summaries.unit_name_printed as varchar) as unit_name_printed,
    cast(summaries.budget_income_wan_yuan as decimal(24, 6)) as budget_income_wan_yuan,
    cast(summaries.budget_expenditure_wan_yuan as decimal(24, 6)) as budget_expenditure_wan_yuan,
    cast(summaries.annual_goal as varchar) as annual_goal,
    cast(summaries.annual_result as varchar) as annual_result,
    cast(summaries.total_score as decimal(12, 4)) as total_score,
    cast(summaries.line_no as integer) as line_no,
    cast(summaries.page as integer) as page
from summaries
join departments
    on summaries.document_sha256 = departments.document_sha256
inner join {{ ref('dim_department') }} as department_names
    on departments.department_key = department_names.department_key
