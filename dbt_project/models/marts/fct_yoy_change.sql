-- fct_yoy_change: 同比变动事实表 / year-over-year change.
-- Grain: one row per department_key x report_scope x fiscal_year x report_kind x metric_code x function class
-- (function_class_code is null for the panel's metrics; for metric_code 'function_class_expenditure' it names the
-- 类 or 款). Every metric the report discloses or states a change of has a row, with or without a prior.
--
-- prior_source: 'report' when the same department's report of the same scope and kind for the year before is
-- loaded (its value is the prior), 'implied' when only the report's stated change gives one (value - signed
-- change), null when neither does. The stated change and the computed one are kept side by side, with the basis
-- the report compares with (comparison_basis) and whether the two agree within rounding (is_stated_consistent,
-- int_metric_changes: flagged, never corrected). is_comparable is false where the report itself declares a break
-- (无可比性, 口径调整, 机构改革, 新成立): the change is shown, but is no like-for-like change.
-- change_pct is exact decimal arithmetic rounded half away from zero (macro exact_percent), null when the prior is
-- not above zero.
-- Scoped through its inputs; its pre-hook (rebuild_build_scope) reads the scope itself:
-- depends_on: {{ ref('int_build_scope') }}
with metric_changes as (

    select * from {{ ref('int_metric_changes') }}

),

class_changes as (

    select * from {{ ref('int_function_class_changes') }}

),

departments as (

    select * from {{ ref('dim_department') }}

),

metric_codes as (

    select * from {{ ref('metric_codes') }}

),

unioned as (

    select
        department_key, report_scope, fiscal_year, report_kind, metric_code,
        cast(null as varchar) as function_class_code,
        cast(null as varchar) as function_class_name_zh,
        cast(null as varchar) as class_level,
        value_wan_yuan, disclosure_status, prior_value_wan_yuan, prior_source,
        report_prior_value_wan_yuan, implied_prior_value_wan_yuan,
        case when prior_source = 'report' then prior_document_sha256 end as prior_document_sha256,
        case when prior_source = 'report' then prior_page end as prior_page,
        stated_change_amount_wan_yuan, stated_change_pct, stated_direction, stated_reason,
        comparison_basis, comparison_printed, is_stated_consistent,
        is_comparable, break_reason_code, break_phrase_printed, break_page,
        value_document_sha256, value_page,
        statement_document_sha256, statement_page, statement_line_no
    from metric_changes

    union all

    select
        department_key, report_scope, fiscal_year, report_kind, 'function_class_expenditure',
        function_class_code, function_class_name_zh, class_level,
        value_wan_yuan, 'printed',
        case prior_source when 'report' then report_prior_value_wan_yuan when 'implied'
            then implied_prior_value_wan_yuan end,
        prior_source, report_prior_value_wan_yuan, implied_prior_value_wan_yuan,
        case when prior_source = 'report' then prior_document_sha256 end,
        case when prior_source = 'report' then prior_page end,
        stated_change_amount_wan_yuan, stated_change_pct, stated_direction, stated_reason,
        comparison_basis, comparison_printed, is_stated_consistent,
        true, null, null, null,
        value_document_sha256, value_page,
        statement_document_sha256, statement_page, statement_line_no
    from class_changes

),

final as (

    select
        cast(unioned.department_key as varchar) as department_key,
        cast(departments.department_name as varchar) as department_name,
        cast(departments.region_code as varchar) as region_code,
        cast(unioned.report_scope as varchar) as report_scope,
        cast(unioned.fiscal_year as integer) as fiscal_year,
        cast(unioned.report_kind as varchar) as report_kind,
        cast(unioned.metric_code as varchar) as metric_code,
        cast(unioned.function_class_code as varchar) as function_class_code,
        cast(unioned.class_level as varchar) as class_level,
        cast(coalesce(unioned.function_class_name_zh, metric_codes.label_zh) as varchar) as metric_label_zh,
        cast(metric_codes.label_en as varchar) as metric_label_en,
        cast(unioned.value_wan_yuan as decimal(24, 6)) as value_wan_yuan,
        cast(unioned.disclosure_status as varchar) as disclosure_status,
        cast(unioned.prior_value_wan_yuan as decimal(24, 6)) as prior_value_wan_yuan,
        cast(unioned.prior_source as varchar) as prior_source,
        cast(unioned.report_prior_value_wan_yuan as decimal(24, 6)) as report_prior_value_wan_yuan,
        cast(unioned.implied_prior_value_wan_yuan as decimal(24, 6)) as implied_prior_value_wan_yuan,
        cast(unioned.value_wan_yuan - unioned.prior_value_wan_yuan as decimal(24, 6)) as change_amount_wan_yuan,
        cast({{ exact_percent(
            'unioned.value_wan_yuan - unioned.prior_value_wan_yuan',
            'case when unioned.prior_value_wan_yuan > 0 then unioned.prior_value_wan_yuan end', 2) }}
            as decimal(38, 2)) as change_pct,
        cast(unioned.stated_change_amount_wan_yuan as decimal(24, 6)) as stated_change_amount_wan_yuan,
        cast(unioned.stated_change_pct as decimal(12, 4)) as stated_change_pct,
        cast(unioned.stated_direction as varchar) as stated_direction,
        cast(unioned.stated_reason as varchar) as stated_reason,
        cast(unioned.comparison_basis as varchar) as comparison_basis,
        cast(unioned.comparison_printed as varchar) as comparison_printed,
        cast(unioned.is_stated_consistent as boolean) as is_stated_consistent,
        cast(unioned.is_comparable as boolean) as is_comparable,
        cast(unioned.break_reason_code as varchar) as break_reason_code,
        cast(unioned.break_phrase_printed as varchar) as break_phrase_printed,
        cast(unioned.break_page as integer) as break_page,
        cast(unioned.value_document_sha256 as varchar) as document_sha256,
        cast(unioned.value_page as integer) as page,
        cast(unioned.prior_document_sha256 as varchar) as prior_document_sha256,
        cast(unioned.prior_page as integer) as prior_page,
        cast(unioned.statement_document_sha256 as varchar) as statement_document_sha256,
        cast(unioned.statement_page as integer) as statement_page,
        cast(unioned.statement_line_no as integer) as statement_line_no
    from unioned
    inner join departments
        on unioned.department_key = departments.department_key
    inner join metric_codes
        on unioned.metric_code = metric_codes.metric_code

)

-- Stored metric by metric: a question about one metric reads that metric's row groups only (DuckDB's zone maps
-- skip the rest).
select * from final
order by metric_code, department_key, report_scope, fiscal_year, report_kind, function_class_code
