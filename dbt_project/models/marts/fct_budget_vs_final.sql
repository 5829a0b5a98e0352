-- fct_budget_vs_final: 预算执行：决算数与预算数对照 / budget execution: a 决算's figures beside their budget.
-- Grain: one row per department_key x report_scope x fiscal_year x comparison_level x subject (a panel metric, or a
-- 类/款/项 function class): a loaded 决算's metric or class that has a budget from either source, and every class of
-- a year whose 预算 and 决算 are both loaded (a class one of them does not print keeps a null on that side). The
-- sources:
--   'final_account': the 决算's own 年初预算 printed beside its 决算数 (the 三公 table's 预算数 columns, a 年初预算数
--   column of its expenditure table, a sentence 年初预算为X万元，支出决算为Y万元);
--   'budget_report': the same department's 预算 of the same scope and year, when it is loaded.
-- budget_wan_yuan is the first of the two (the 决算's own figure, the one the report is accountable to); both are
-- kept. difference = final - budget; execution_rate_pct = 100 * final / budget, exact decimal rounded half away
-- from zero (null when the budget is 0 or missing). Function classes compare one table per report: both sides'
-- fund scopes are kept, as a 决算 read from its all-funds table beside a 预算 read from its general-budget table is
-- not like for like (is_same_fund_scope).
with metrics as (

    select * from {{ ref('int_department_metrics') }}

),

spending as (

    select * from {{ ref('fct_function_spending') }}
    where {{ in_build_scope('document_sha256') }}

),

departments as (

    select * from {{ ref('dim_department') }}

),

metric_codes as (

    select * from {{ ref('metric_codes') }}
    where grain = 'department'

),

finals as (

    select * from metrics where report_kind = 'final_account'

),

budgets as (

    select * from metrics where report_kind = 'budget' and value_wan_yuan is not null

),

metric_rows as (

    select
        finals.department_key,
        finals.report_scope,
        finals.fiscal_year,
        'metric' as comparison_level,
        finals.metric_code,
        cast(null as varchar) as function_class_code,
        metric_codes.label_zh as subject_label_zh,
        finals.value_wan_yuan as final_wan_yuan,
        finals.document_sha256 as final_document_sha256,
        finals.page as final_page,
        finals.budget_wan_yuan as budget_printed_in_final_wan_yuan,
        finals.budget_page as budget_printed_in_final_page,
        budgets.value_wan_yuan as budget_report_wan_yuan,
        budgets.document_sha256 as budget_report_document_sha256,
        budgets.page as budget_report_page,
        cast(null as varchar) as final_fund_scope,
        cast(null as varchar) as budget_fund_scope
    from finals
    inner join metric_codes
        on finals.metric_code = metric_codes.metric_code
    left join budgets
        on finals.department_key = budgets.department_key
        and finals.report_scope = budgets.report_scope
        and finals.fiscal_year = budgets.fiscal_year
        and finals.metric_code = budgets.metric_code
    where finals.budget_wan_yuan is not null or budgets.value_wan_yuan is not null

),

paired_years as (

    select department_key, report_scope, fiscal_year
    from {{ ref('int_current_documents') }}
    group by all
    having count(distinct report_kind) = 2

),

printed_budgets as (

    select * from {{ ref('int_function_budgets_printed') }}

),

class_pairs as (

    -- a class printed by one of the two reports only keeps a null on the other side
    select
        coalesce(final_classes.department_key, budget_classes.department_key) as department_key,
        coalesce(final_classes.report_scope, budget_classes.report_scope) as report_scope,
        coalesce(final_classes.fiscal_year, budget_classes.fiscal_year) as fiscal_year,
        coalesce(final_classes.class_level, budget_classes.class_level) as class_level,
        coalesce(final_classes.function_class_code, budget_classes.function_class_code) as function_class_code,
        coalesce(final_classes.function_class_name_zh, budget_classes.function_class_name_zh)
            as function_class_name_zh,
        final_classes.total_wan_yuan as final_wan_yuan,
        final_classes.document_sha256 as final_document_sha256,
        final_classes.page as final_page,
        final_classes.fund_scope as final_fund_scope,
        budget_classes.total_wan_yuan as budget_report_wan_yuan,
        budget_classes.document_sha256 as budget_report_document_sha256,
        budget_classes.page as budget_report_page,
        budget_classes.fund_scope as budget_fund_scope
    from (select * from spending where report_kind = 'final_account') as final_classes
    full outer join (select * from spending where report_kind = 'budget') as budget_classes
        on final_classes.department_key = budget_classes.department_key
        and final_classes.report_scope = budget_classes.report_scope
        and final_classes.fiscal_year = budget_classes.fiscal_year
        and final_classes.function_class_code = budget_classes.function_class_code

),

class_rows as (

    select
        class_pairs.department_key,
        class_pairs.report_scope,
        class_pairs.fiscal_year,
        class_pairs.class_level as comparison_level,
        cast(null as varchar) as metric_code,
        class_pairs.function_class_code,
        class_pairs.function_class_name_zh as subject_label_zh,
        class_pairs.final_wan_yuan,
        class_pairs.final_document_sha256,
        class_pairs.final_page,
        printed_budgets.budget_wan_yuan as budget_printed_in_final_wan_yuan,
        printed_budgets.page as budget_printed_in_final_page,
        class_pairs.budget_report_wan_yuan,
        class_pairs.budget_report_document_sha256,
        class_pairs.budget_report_page,
        class_pairs.final_fund_scope,
        class_pairs.budget_fund_scope
    from class_pairs
    left join printed_budgets
        on class_pairs.department_key = printed_budgets.department_key
        and class_pairs.report_scope = printed_budgets.report_scope
        and class_pairs.fiscal_year = printed_budgets.fiscal_year
        and class_pairs.function_class_code = printed_budgets.function_class_code
    left join paired_years
        on class_pairs.department_key = paired_years.department_key
        and class_pairs.report_scope = paired_years.report_scope
        and class_pairs.fiscal_year = paired_years.fiscal_year
    where paired_years.department_key is not null
        or (printed_budgets.budget_wan_yuan is not null and class_pairs.final_wan_yuan is not null)

),

compared as (

    select * from metric_rows
    union all
    select * from class_rows

)

select
    cast(compared.department_key as varchar) as department_key,
    cast(departments.department_name as varchar) as department_name,
    cast(departments.region_code as varchar) as region_code,
    cast(compared.report_scope as varchar) as report_scope,
    cast(compared.fiscal_year as integer) as fiscal_year,
    cast(compared.comparison_level as varchar) as comparison_level,
    cast(compared.metric_code as varchar) as metric_code,
    cast(compared.function_class_code as varchar) as function_class_code,
    cast(compared.subject_label_zh as varchar) as subject_label_zh,
    cast(coalesce(compared.budget_printed_in_final_wan_yuan, compared.budget_report_wan_yuan) as decimal(24, 6))
        as budget_wan_yuan,
    cast(case
        when compared.budget_printed_in_final_wan_yuan is not null then 'final_account'
        when compared.budget_report_wan_yuan is not null then 'budget_report'
    end as varchar) as budget_source,
    cast(compared.final_wan_yuan as decimal(24, 6)) as final_wan_yuan,
    cast(
        compared.final_wan_yuan
        - coalesce(compared.budget_printed_in_final_wan_yuan, compared.budget_report_wan_yuan)
        as decimal(24, 6)
    ) as difference_wan_yuan,
    cast({{ exact_percent(
        'compared.final_wan_yuan',
        'coalesce(compared.budget_printed_in_final_wan_yuan, compared.budget_report_wan_yuan)', 2) }}
        as decimal(38, 2)) as execution_rate_pct,
    cast(compared.budget_printed_in_final_wan_yuan as decimal(24, 6)) as budget_printed_in_final_wan_yuan,
    cast(compared.budget_report_wan_yuan as decimal(24, 6)) as budget_report_wan_yuan,
    cast(compared.budget_fund_scope as varchar) as budget_fund_scope,
    cast(compared.final_fund_scope as varchar) as final_fund_scope,
    cast(case
        when compared.budget_fund_scope is not null and compared.final_fund_scope is not null
            then compared.budget_fund_scope = compared.final_fund_scope
    end as boolean) as is_same_fund_scope,
    cast(compared.final_document_sha256 as varchar) as final_document_sha256,
    cast(compared.final_page as integer) as final_page,
    cast(compared.budget_printed_in_final_page as integer) as budget_printed_in_final_page,
    cast(compared.budget_report_document_sha256 as varchar) as budget_report_document_sha256,
    cast(compared.budget_report_page as integer) as budget_report_page
from compared
inner join departments
    on compared.department_key = departments.department_key
