-- int_metric_changes: 部门 × 范围 × 年度 × 报告种类 × 指标的同比变动，每行一个；所述与计算并列 /
-- the year-over-year change of every metric, one row per department, scope, fiscal year, report kind and metric
-- that the report discloses (int_department_metrics) or states a change of; what the report states beside what
-- two reports give, and the one place the two are checked against each other.
--
-- prior ('report'): the value of the same metric in the same department's report of the same scope and kind for
-- the year before, when that report is loaded; else ('implied') the figure the statement is about minus the
-- signed stated change; else none.
-- A change is checked against the two reports only where the report compares with what that report is: a 预算
-- with the prior 预算 (上年, 上年预算), a 决算 with the prior 决算 (上年, 上年决算); against 上年预算执行数 it is not.
-- Within rounding: each printed term allows half a unit of its last printed decimal (macro half_unit_wan_yuan);
-- a percent also the printed percent's own half unit. A percent stated beside an amount in one report is checked
-- once, by the parser (raw.findings, yoy_pct_consistent): the result is read here, not computed again.
-- is_comparable is false where the report declares a break (stg_disclosures__comparability_breaks) in the
-- metric's own section, or in a section of the whole report (收入, 支出, 其他).
with metrics as (

    -- a figure printed beyond range is a row with its status and no value: no change is computed from it
    select * from {{ ref('int_department_metrics') }}
    where value_wan_yuan is not null or disclosure_status = 'printed_out_of_range'

),

current_documents as (

    select * from {{ ref('int_current_documents') }}

),

metric_codes as (

    select * from {{ ref('metric_codes') }}

),

statement_candidates as (

    select
        statements.*,
        current_documents.department_key,
        current_documents.report_scope,
        current_documents.fiscal_year,
        current_documents.report_kind,
        row_number() over (
            partition by current_documents.department_key, current_documents.report_scope,
                current_documents.fiscal_year, current_documents.report_kind, statements.metric_code
            order by current_documents.document_preference, statements.statement_index
        ) as preference
    from {{ ref('int_yoy_statements_mapped_to_metrics') }} as statements
    inner join current_documents
        on statements.document_sha256 = current_documents.document_sha256
    where statements.is_first_for_metric

),

statements as (

    select * from statement_candidates where preference = 1

),

parser_pct_findings as (

    select document_sha256, observed_location
    from {{ ref('stg_disclosures__findings') }}
    where check_name = 'yoy_pct_consistent'
        and {{ in_build_scope('document_sha256') }}

),

breaks as (

    select
        current_documents.department_key,
        current_documents.report_scope,
        current_documents.fiscal_year,
        current_documents.report_kind,
        breaks.section,
        breaks.reason_code,
        breaks.phrase_printed,
        breaks.document_sha256,
        breaks.page,
        breaks.line_no,
        breaks.break_index
    from {{ ref('stg_disclosures__comparability_breaks') }} as breaks
    inner join current_documents
        on breaks.document_sha256 = current_documents.document_sha256

),

keys as (

    select department_key, report_scope, fiscal_year, report_kind, metric_code from metrics
    union
    select department_key, report_scope, fiscal_year, report_kind, metric_code from statements

),

joined as (

    select
        keys.*,
        metric_codes.section as metric_section,
        current_year.value_wan_yuan,
        current_year.value_printed,
        current_year.unit_printed,
        current_year.disclosure_status,
        current_year.value_source,
        current_year.document_sha256 as value_document_sha256,
        current_year.page as value_page,
        current_year.narrative_value_wan_yuan,
        current_year.narrative_value_printed,
        current_year.narrative_unit_printed,
        prior_year.value_wan_yuan as report_prior_value_wan_yuan,
        prior_year.value_printed as report_prior_value_printed,
        prior_year.unit_printed as report_prior_unit_printed,
        prior_year.document_sha256 as prior_document_sha256,
        prior_year.page as prior_page,
        current_year.printed_prior_wan_yuan,
        statements.document_sha256 as statement_document_sha256,
        statements.statement_index,
        statements.page as statement_page,
        statements.line_no as statement_line_no,
        statements.char_start as statement_char_start,
        statements.char_end as statement_char_end,
        statements.change_sign as stated_change_sign,
        statements.amount_printed as stated_amount_printed,
        statements.pct_printed as stated_pct_printed,
        statements.stated_change_amount_unsigned_wan_yuan,
        statements.stated_change_pct_unsigned,
        statements.stated_change_amount_wan_yuan,
        statements.stated_change_pct,
        statements.stated_direction,
        statements.stated_reason,
        statements.comparison_printed,
        statements.comparison_basis,
        parser_pct_findings.document_sha256 is not null as parser_found_pct_inconsistent
    from keys
    inner join metric_codes
        on keys.metric_code = metric_codes.metric_code
    left join metrics as current_year
        on {{ same_keys('keys', 'current_year', metric_keys()) }}
    left join metrics as prior_year
        on keys.department_key = prior_year.department_key
        and keys.report_scope = prior_year.report_scope
        and keys.fiscal_year - 1 = prior_year.fiscal_year
        and keys.report_kind = prior_year.report_kind
        and keys.metric_code = prior_year.metric_code
    left join statements
        on {{ same_keys('keys', 'statements', metric_keys()) }}
    left join parser_pct_findings
        on statements.document_sha256 = parser_pct_findings.document_sha256
        and parser_pct_findings.observed_location
            = 'L' || statements.line_no || ':' || statements.char_start || '-' || statements.char_end

),

with_prior as (

    select
        joined.*,
        -- the statement speaks of the narrative's figure where the narrative prints one
        coalesce(narrative_value_wan_yuan, value_wan_yuan) - stated_change_amount_wan_yuan
            as implied_prior_value_wan_yuan,
        case
            when report_prior_value_wan_yuan is not null then 'report'
            when stated_change_amount_wan_yuan is not null
                and coalesce(narrative_value_wan_yuan, value_wan_yuan) is not null then 'implied'
        end as prior_source,
        case
            when comparison_basis is null then null
            when report_kind = 'budget' then comparison_basis in ('prior_year', 'prior_budget')
            else comparison_basis in ('prior_year', 'prior_final_account')
        end as is_basis_of_prior_report
    from joined

),

with_change as (

    select
        with_prior.*,
        case prior_source
            when 'report' then report_prior_value_wan_yuan
            when 'implied' then implied_prior_value_wan_yuan
        end as prior_value_wan_yuan,
        value_wan_yuan - report_prior_value_wan_yuan as computed_change_wan_yuan,
        -- the rounding the two reports' printed figures and the stated change allow
        {{ half_unit_wan_yuan('value_printed', 'unit_printed') }}
            + {{ half_unit_wan_yuan('report_prior_value_printed', 'report_prior_unit_printed') }}
            + {{ half_unit_wan_yuan('stated_amount_printed', "'万元'") }} as amount_tolerance
    from with_prior

),

checked as (

    select
        with_change.*,
        case
            when prior_source = 'report' and is_basis_of_prior_report then
                case
                    when stated_change_amount_unsigned_wan_yuan is not null and stated_change_sign is not null
                        and abs(stated_change_amount_wan_yuan - computed_change_wan_yuan) > amount_tolerance
                        then false
                    when stated_change_amount_unsigned_wan_yuan is not null and stated_change_sign is null
                        and abs(stated_change_amount_unsigned_wan_yuan - abs(computed_change_wan_yuan))
                            > amount_tolerance
                        then false
                    when stated_change_pct_unsigned is not null and report_prior_value_wan_yuan > 0
                        and abs(
                            coalesce(stated_change_sign, sign(computed_change_wan_yuan)) * stated_change_pct_unsigned
                            - 100.0 * computed_change_wan_yuan::double / report_prior_value_wan_yuan::double
                        ) > 100.0 * amount_tolerance / report_prior_value_wan_yuan::double
                            * (1 + abs(computed_change_wan_yuan::double / report_prior_value_wan_yuan::double))
                            + {{ half_unit_wan_yuan('stated_pct_printed', "'万元'") }}
                        then false
                    when stated_change_amount_unsigned_wan_yuan is not null or stated_change_pct_unsigned is not null
                        then true
                end
            when prior_source = 'implied' then
                case
                    when implied_prior_value_wan_yuan < 0 then false
                    when parser_found_pct_inconsistent then false
                    when stated_change_pct_unsigned is not null then true
                end
        end as is_stated_consistent
    from with_change

),

declared_breaks as (

    select
        checked.department_key,
        checked.report_scope,
        checked.fiscal_year,
        checked.report_kind,
        checked.metric_code,
        arg_min(breaks.reason_code, [breaks.section <> checked.metric_section, breaks.break_index])
            as break_reason_code,
        arg_min(breaks.phrase_printed, [breaks.section <> checked.metric_section, breaks.break_index])
            as break_phrase_printed,
        arg_min(breaks.page, [breaks.section <> checked.metric_section, breaks.break_index]) as break_page,
        arg_min(breaks.line_no, [breaks.section <> checked.metric_section, breaks.break_index]) as break_line_no
    from checked
    inner join breaks
        on {{ same_keys('checked', 'breaks', report_keys()) }}
        and (breaks.section = checked.metric_section or breaks.section in ('收入', '支出', '其他'))
    group by all

)

select
    checked.*,
    declared_breaks.break_reason_code is null as is_comparable,
    declared_breaks.break_reason_code,
    declared_breaks.break_phrase_printed,
    declared_breaks.break_page,
    declared_breaks.break_line_no
from checked
left join declared_breaks
    on {{ same_keys('checked', 'declared_breaks', metric_keys()) }}
