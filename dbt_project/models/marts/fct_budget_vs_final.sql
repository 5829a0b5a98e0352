-- fct_budget_vs_final: 同一部门同一年度的预算与决算对照（合计与按功能分类） /
-- a department's 预算 of year N beside its 决算 of year N. Grain: one row per department_key x fiscal_year x
-- comparison_level x function_class_code, only for department-years with both reports in the warehouse.
-- comparison_level 'total': 本年支出合计 of each report (metric current_year_expenditure; function_class_code
-- null); '类' / '款' / '项': the function class rows of fct_function_spending, a class printed by one report
-- only keeps a null on the other side. difference = final - budget; execution_rate_pct = 100 * final / budget,
-- exact decimal rounded half away from zero. Both sides' fund scopes are kept: a 决算 read from its all-funds
-- table beside a 预算 read from its general-budget table is not like for like (is_same_fund_scope).
with metrics as (

    select * from {{ ref('int_department_metrics') }}
    where metric_code = 'current_year_expenditure'

),

spending as (

    select * from {{ ref('fct_function_spending') }}

),

paired_years as (

    select department_key, fiscal_year
    from {{ ref('int_current_documents') }}
    group by department_key, fiscal_year
    having count(distinct report_kind) = 2

),

names as (

    select department_key, fiscal_year, arg_min(department_name, [report_kind, document_sha256]) as department_name,
        arg_min(region_code, [report_kind, document_sha256]) as region_code
    from {{ ref('int_current_documents') }}
    where document_preference = 1
    group by department_key, fiscal_year

),

totals as (

    select
        paired_years.department_key,
        paired_years.fiscal_year,
        'total' as comparison_level,
        cast(null as varchar) as function_class_code,
        cast(null as varchar) as function_class_name_zh,
        budget.value_wan_yuan as budget_wan_yuan,
        final_account.value_wan_yuan as final_wan_yuan,
        cast(null as varchar) as budget_fund_scope,
        cast(null as varchar) as final_fund_scope,
        coalesce(budget.table_document_sha256, budget.narrative_document_sha256) as budget_document_sha256,
        coalesce(final_account.table_document_sha256, final_account.narrative_document_sha256)
            as final_document_sha256
    from paired_years
    left join metrics as budget
        on paired_years.department_key = budget.department_key
        and paired_years.fiscal_year = budget.fiscal_year
        and budget.report_kind = 'budget'
    left join metrics as final_account
        on paired_years.department_key = final_account.department_key
        and paired_years.fiscal_year = final_account.fiscal_year
        and final_account.report_kind = 'final_account'

),

budget_classes as (

    select spending.* from spending
    inner join paired_years using (department_key, fiscal_year)
    where spending.report_kind = 'budget'

),

final_classes as (

    select spending.* from spending
    inner join paired_years using (department_key, fiscal_year)
    where spending.report_kind = 'final_account'

),

classes as (

    select
        coalesce(budget_classes.department_key, final_classes.department_key) as department_key,
        coalesce(budget_classes.fiscal_year, final_classes.fiscal_year) as fiscal_year,
        coalesce(budget_classes.class_level, final_classes.class_level) as comparison_level,
        coalesce(budget_classes.function_class_code, final_classes.function_class_code) as function_class_code,
        coalesce(budget_classes.function_class_name_zh, final_classes.function_class_name_zh)
            as function_class_name_zh,
        budget_classes.total_wan_yuan as budget_wan_yuan,
        final_classes.total_wan_yuan as final_wan_yuan,
        budget_classes.fund_scope as budget_fund_scope,
        final_classes.fund_scope as final_fund_scope,
        budget_classes.document_sha256 as budget_document_sha256,
        final_classes.document_sha256 as final_document_sha256
    from budget_classes
    full outer join final_classes
        on budget_classes.department_key = final_classes.department_key
        and budget_classes.fiscal_year = final_classes.fiscal_year
        and budget_classes.function_class_code = final_classes.function_class_code

),

compared as (

    select * from totals
    union all
    select * from classes

)

select
    cast(compared.department_key as varchar) as department_key,
    cast(names.department_name as varchar) as department_name,
    cast(names.region_code as varchar) as region_code,
    cast(compared.fiscal_year as integer) as fiscal_year,
    cast(compared.comparison_level as varchar) as comparison_level,
    cast(compared.function_class_code as varchar) as function_class_code,
    cast(compared.function_class_name_zh as varchar) as function_class_name_zh,
    cast(compared.budget_wan_yuan as decimal(24, 6)) as budget_wan_yuan,
    cast(compared.final_wan_yuan as decimal(24, 6)) as final_wan_yuan,
    cast(compared.final_wan_yuan - compared.budget_wan_yuan as decimal(24, 6)) as difference_wan_yuan,
    cast({{ exact_percent('compared.final_wan_yuan', 'compared.budget_wan_yuan', 2) }} as decimal(38, 2))
        as execution_rate_pct,
    cast(compared.budget_fund_scope as varchar) as budget_fund_scope,
    cast(compared.final_fund_scope as varchar) as final_fund_scope,
    cast(case
        when compared.comparison_level <> 'total' and compared.budget_fund_scope is not null
            and compared.final_fund_scope is not null
            then compared.budget_fund_scope = compared.final_fund_scope
    end as boolean) as is_same_fund_scope,
    cast(compared.budget_document_sha256 as varchar) as budget_document_sha256,
    cast(compared.final_document_sha256 as varchar) as final_document_sha256
from compared
left join names
    on compared.department_key = names.department_key
    and compared.fiscal_year = names.fiscal_year
