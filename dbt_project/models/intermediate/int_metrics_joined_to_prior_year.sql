-- int_metrics_joined_to_prior_year: 每份主文档 × 指标一行：本年数值、所述增减、同部门上年同类报告的数值 /
-- one row per primary document x metric: the current value (first mapped figure), the stated change
-- (first mapped statement) and, when the same department's prior-year report of the same kind is in the
-- warehouse and has that metric, the prior report's value. No arithmetic beyond the joins: fct_yoy_change
-- derives the prior value, the change and the consistency flag.
with departments as (

    select * from {{ ref('int_departments_resolved') }}
    where is_primary_document

),

figures as (

    select * from {{ ref('int_figures_mapped_to_metrics') }}
    where is_first_for_metric

),

statements as (

    select * from {{ ref('int_yoy_statements_mapped_to_metrics') }}
    where is_first_for_metric

),

document_metrics as (

    select figures.document_sha256, figures.metric_code from figures
    union
    select statements.document_sha256, statements.metric_code from statements

),

current_year as (

    select
        departments.department_key,
        departments.department_name,
        departments.region_code,
        departments.fiscal_year,
        departments.report_kind,
        document_metrics.document_sha256,
        document_metrics.metric_code,
        figures.value_wan_yuan,
        figures.figure_index as value_figure_index,
        figures.line_no as value_line_no,
        figures.char_start as value_char_start,
        figures.char_end as value_char_end,
        statements.statement_index,
        statements.stated_change_amount_unsigned_wan_yuan,
        statements.stated_change_pct_unsigned,
        statements.change_sign as stated_change_sign,
        statements.stated_change_amount_wan_yuan,
        statements.stated_change_pct,
        statements.stated_direction,
        statements.stated_reason,
        statements.line_no as statement_line_no
    from document_metrics
    inner join departments
        on document_metrics.document_sha256 = departments.document_sha256
    left join figures
        on document_metrics.document_sha256 = figures.document_sha256
        and document_metrics.metric_code = figures.metric_code
    left join statements
        on document_metrics.document_sha256 = statements.document_sha256
        and document_metrics.metric_code = statements.metric_code

),

prior_year_figures as (

    select
        departments.department_key,
        departments.fiscal_year,
        departments.report_kind,
        figures.metric_code,
        figures.document_sha256,
        figures.value_wan_yuan,
        figures.line_no
    from figures
    inner join departments
        on figures.document_sha256 = departments.document_sha256
    where figures.value_wan_yuan is not null

)

select
    current_year.*,
    prior_year_figures.document_sha256 as prior_report_document_sha256,
    prior_year_figures.value_wan_yuan as prior_report_value_wan_yuan,
    prior_year_figures.line_no as prior_report_line_no
from current_year
left join prior_year_figures
    on current_year.department_key = prior_year_figures.department_key
    and current_year.report_kind = prior_year_figures.report_kind
    and current_year.fiscal_year - 1 = prior_year_figures.fiscal_year
    and current_year.metric_code = prior_year_figures.metric_code
