-- fct_department_year: 部门 × 范围 × 年度宽表，每行一个 / one wide row per department_key x report_scope x
-- fiscal_year: the panel (fct_department_metric) pivoted, one column per metric.
-- Figures come from the year's 决算 when the warehouse holds one, else from its 预算 (figures_report_kind). A 部门
-- report and a 单位 report of one department and year are two rows (report_scope). Each amount is the standard
-- table's figure where a table prints it, else the narrative's (metrics_from_narrative lists those); 0 where the
-- report prints 0 or states there is none (metrics_stated_zero lists the latter); null where the report discloses
-- nothing, or prints a number beyond what the warehouse holds (metrics_out_of_range lists those). Budget execution
-- columns: the 本年支出合计 row of fct_budget_vs_final.
{%- set metrics = department_metric_codes() %}
with panel as (

    select * from {{ ref('fct_department_metric') }}
    where {{ in_build_scope('document_sha256') }}

),

current_documents as (

    select * from {{ ref('int_current_documents') }}

),

department_years as (

    -- 'final_account' sorts after 'budget': max picks the 决算 when the year has one
    select department_key, report_scope, fiscal_year, max(report_kind) as figures_report_kind
    from current_documents
    group by department_key, report_scope, fiscal_year

),

figures_documents as (

    select current_documents.*
    from current_documents
    inner join department_years
        on current_documents.department_key = department_years.department_key
        and current_documents.report_scope = department_years.report_scope
        and current_documents.fiscal_year = department_years.fiscal_year
        and current_documents.report_kind = department_years.figures_report_kind
    where current_documents.document_preference = 1

),

wide as (

    select
        panel.department_key,
        panel.report_scope,
        panel.fiscal_year,
        {%- for metric in metrics %}
        max(panel.value_wan_yuan) filter (where panel.metric_code = '{{ metric }}') as {{ metric }}_wan_yuan,
        {%- endfor %}
        list_sort(list(panel.metric_code) filter (where panel.value_source = 'narrative'))
            as metrics_from_narrative,
        list_sort(list(panel.metric_code) filter (where panel.disclosure_status = 'stated_zero'))
            as metrics_stated_zero,
        list_sort(list(panel.metric_code) filter (where panel.disclosure_status = 'printed_out_of_range'))
            as metrics_out_of_range
    from panel
    inner join department_years
        on {{ same_keys('panel', 'department_years', department_year_keys()) }}
        and panel.report_kind = department_years.figures_report_kind
    group by panel.department_key, panel.report_scope, panel.fiscal_year

),

scores as (

    -- a report may hold several self-evaluation tables: the department-wide one is the first
    select
        current_documents.department_key,
        current_documents.report_scope,
        current_documents.fiscal_year,
        arg_min(summaries.total_score, [current_documents.document_preference, summaries.table_index])
            as performance_total_score
    from {{ ref('stg_disclosures__performance_summaries') }} as summaries
    inner join current_documents
        on summaries.document_sha256 = current_documents.document_sha256
    where summaries.total_score is not null
    group by all

),

budget_vs_final as (

    select * from {{ ref('fct_budget_vs_final') }}
    where comparison_level = 'metric' and metric_code = 'current_year_expenditure'
        and {{ in_build_scope('department_key', 'department_key') }}

)

select
    cast(department_years.department_key as varchar) as department_key,
    cast(departments.department_name as varchar) as department_name,
    cast(departments.region_code as varchar) as region_code,
    cast(department_years.report_scope as varchar) as report_scope,
    cast(department_years.fiscal_year as integer) as fiscal_year,
    cast(department_years.figures_report_kind as varchar) as figures_report_kind,
    cast(figures_documents.document_sha256 as varchar) as document_sha256,
    {%- for metric in metrics %}
    cast(wide.{{ metric }}_wan_yuan as decimal(24, 6)) as {{ metric }}_wan_yuan,
    {%- endfor %}
    cast(coalesce(wide.metrics_from_narrative, []) as varchar[]) as metrics_from_narrative,
    cast(coalesce(wide.metrics_stated_zero, []) as varchar[]) as metrics_stated_zero,
    cast(coalesce(wide.metrics_out_of_range, []) as varchar[]) as metrics_out_of_range,
    cast(scores.performance_total_score as decimal(12, 4)) as performance_total_score,
    cast(budget_vs_final.budget_wan_yuan as decimal(24, 6)) as budget_expenditure_wan_yuan,
    cast(budget_vs_final.final_wan_yuan as decimal(24, 6)) as final_expenditure_wan_yuan,
    cast(budget_vs_final.difference_wan_yuan as decimal(24, 6)) as budget_final_difference_wan_yuan,
    cast(budget_vs_final.execution_rate_pct as decimal(38, 2)) as budget_execution_rate_pct
from department_years
inner join figures_documents
    on {{ same_keys('department_years', 'figures_documents', department_year_keys()) }}
inner join {{ ref('dim_department') }} as departments
    on department_years.department_key = departments.department_key
left join wide
    on {{ same_keys('department_years', 'wide', department_year_keys()) }}
left join scores
    on {{ same_keys('department_years', 'scores', department_year_keys()) }}
left join budget_vs_final
    on {{ same_keys('department_years', 'budget_vs_final', department_year_keys()) }}
