-- fct_yoy_change: 同比变动事实表。粒度：部门 × 年度 × 报告种类 × 指标，每行一个。
-- Year-over-year change. Grain: one row per department_key x fiscal_year x report_kind x metric
-- (one primary document per department, year and kind; see int_departments_resolved).
--
-- prior value: the same department's prior-year report of the same kind when it is in the warehouse and
-- has the metric ('report'); else the current value minus the signed stated change ('implied'); else null.
-- change_pct is exact decimal arithmetic rounded half away from zero (macro exact_percent).
-- is_stated_consistent compares what the report states with what is computed, within rounding: it flags,
-- it never corrects.
with metrics as (

    select * from {{ ref('int_metrics_joined_to_prior_year') }}

),

metric_codes as (

    select * from {{ ref('metric_codes') }}

),

with_prior as (

    select
        metrics.*,
        case
            when metrics.prior_report_value_wan_yuan is not null then 'report'
            when metrics.value_wan_yuan is not null and metrics.stated_change_amount_wan_yuan is not null
                then 'implied'
        end as prior_source,
        case
            when metrics.prior_report_value_wan_yuan is not null then metrics.prior_report_value_wan_yuan
            when metrics.value_wan_yuan is not null and metrics.stated_change_amount_wan_yuan is not null
                then metrics.value_wan_yuan - metrics.stated_change_amount_wan_yuan
        end as prior_value
    from metrics

),

with_change as (

    select
        with_prior.*,
        with_prior.value_wan_yuan - with_prior.prior_value as change_amount,
        {{ exact_percent('with_prior.value_wan_yuan - with_prior.prior_value', 'with_prior.prior_value', 2) }}
            as change_pct_exact,
        -- Tolerances for comparing the stated change with the computed one:
        --   amounts: 0.01 per term (change = value - prior, two printed terms);
        --   percent: how far +-0.005 rounding of both the change and the prior can move 100*change/prior,
        --            plus 0.01 for the printed percent's own rounding.
        case
            when with_prior.prior_value is not null and with_prior.prior_value <> 0 then
                100.0 * 0.005 * (abs(with_prior.value_wan_yuan - with_prior.prior_value) + abs(with_prior.prior_value))
                / (with_prior.prior_value::double * with_prior.prior_value::double)
                + 0.01
        end as pct_tolerance,
        case
            when with_prior.prior_value is not null and with_prior.prior_value <> 0 then
                100.0 * (with_prior.value_wan_yuan - with_prior.prior_value)::double / with_prior.prior_value::double
        end as change_pct_unrounded
    from with_prior

),

with_checks as (

    select
        with_change.*,
        case
            when with_change.stated_change_amount_unsigned_wan_yuan is null or with_change.change_amount is null
                then null
            when with_change.stated_change_amount_wan_yuan is not null
                then abs(with_change.stated_change_amount_wan_yuan - with_change.change_amount) <= 0.02
            -- direction not stated: compare magnitudes only
            else abs(with_change.stated_change_amount_unsigned_wan_yuan - abs(with_change.change_amount)) <= 0.02
        end as is_amount_consistent,
        case
            when with_change.stated_change_pct_unsigned is null or with_change.change_amount is null
                then null
            when with_change.prior_value = 0
                -- no percent can be computed from a zero prior; "0%" for no change is consistent
                then case
                    when with_change.change_amount = 0 and with_change.stated_change_pct_unsigned = 0 then true
                end
            when with_change.stated_change_pct is not null
                then abs(with_change.stated_change_pct::double - with_change.change_pct_unrounded)
                    <= with_change.pct_tolerance
            else abs(with_change.stated_change_pct_unsigned::double - abs(with_change.change_pct_unrounded))
                <= with_change.pct_tolerance
        end as is_pct_consistent
    from with_change

),

final as (

    select
        cast(with_checks.department_key as varchar) as department_key,
        cast(with_checks.department_name as varchar) as department_name,
        cast(with_checks.region_code as varchar) as region_code,
        cast(with_checks.fiscal_year as integer) as fiscal_year,
        cast(with_checks.report_kind as varchar) as report_kind,
        cast(with_checks.metric_code as varchar) as metric,
        cast(metric_codes.label_zh as varchar) as metric_label_zh,
        cast(metric_codes.label_en as varchar) as metric_label_en,
        cast(with_checks.value_wan_yuan as decimal(24, 6)) as value_wan_yuan,
        cast(with_checks.prior_value as decimal(24, 6)) as prior_value_wan_yuan,
        cast(with_checks.prior_source as varchar) as prior_source,
        cast(case when with_checks.prior_source = 'report' then with_checks.prior_report_document_sha256 end as varchar)
            as prior_document_sha256,
        cast(with_checks.change_amount as decimal(24, 6)) as change_amount_wan_yuan,
        cast(with_checks.change_pct_exact as decimal(38, 2)) as change_pct,
        cast(with_checks.stated_change_amount_wan_yuan as decimal(24, 6)) as stated_change_amount_wan_yuan,
        cast(with_checks.stated_change_pct as decimal(12, 4)) as stated_change_pct,
        cast(with_checks.stated_direction as varchar) as stated_direction,
        cast(with_checks.stated_reason as varchar) as stated_reason,
        cast(case
            when with_checks.is_amount_consistent is null and with_checks.is_pct_consistent is null then null
            else coalesce(with_checks.is_amount_consistent, true) and coalesce(with_checks.is_pct_consistent, true)
        end as boolean) as is_stated_consistent,
        cast(with_checks.document_sha256 as varchar) as document_sha256,
        cast(with_checks.value_figure_index as integer) as value_figure_index,
        cast(with_checks.value_line_no as integer) as value_line_no,
        cast(with_checks.value_char_start as integer) as value_char_start,
        cast(with_checks.value_char_end as integer) as value_char_end,
        cast(with_checks.statement_index as integer) as statement_index,
        cast(with_checks.statement_line_no as integer) as statement_line_no,
        cast(case when with_checks.prior_source = 'report' then with_checks.prior_report_line_no end as integer)
            as prior_value_line_no
    from with_checks
    left join metric_codes
        on with_checks.metric_code = metric_codes.metric_code

)

-- Stored metric by metric: a question about one metric reads that metric's row groups only (DuckDB's zone maps
-- skip the rest), which on a warehouse of 100,000 reports is a twentieth of the table.
select * from final
order by metric, department_key, fiscal_year, report_kind
