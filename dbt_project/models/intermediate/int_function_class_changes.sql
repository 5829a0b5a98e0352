-- int_function_class_changes: 功能分类类、款支出的同比变动，部门 × 范围 × 年度 × 报告种类 × 科目一行 /
-- the year-over-year change of each function class (类 and 款) a report prints: one row per department, scope,
-- fiscal year, report kind and class code, its total beside the same department's report of the same scope and
-- kind for the year before (fct_function_spending), and the change the narrative states for it where it names the
-- class ("公共安全（类）支出…与上年相比增加410.44万元"), matched by the class's name in that report.
-- The same checks as int_metric_changes: the stated change against the two reports within the rounding of the
-- printed terms.
with spending as (

    select * from {{ ref('fct_function_spending') }}
    where class_level in ('类', '款')
        and {{ in_build_scope('document_sha256') }}

),

current_documents as (

    select * from {{ ref('int_current_documents') }}

),

named_statements as (

    -- "公共安全（类）支出", "法院（款）" - the last level the label names, with the name before it
    select
        statements.*,
        regexp_extract({{ label_key('statements.metric_label') }}, '([^()]+)\((类|款|项)\)(?:支出)?$', 1)
            as class_name,
        regexp_extract({{ label_key('statements.metric_label') }}, '([^()]+)\((类|款|项)\)(?:支出)?$', 2)
            as class_level
    from {{ ref('int_yoy_statements_mapped_to_metrics') }} as statements
    where statements.metric_code is null

),

statements as (

    select
        spending.department_key,
        spending.report_scope,
        spending.fiscal_year,
        spending.report_kind,
        spending.function_class_code,
        arg_min(
            {
                'document_sha256': named_statements.document_sha256,
                'statement_index': named_statements.statement_index,
                'page': named_statements.page,
                'line_no': named_statements.line_no,
                'amount_printed': named_statements.amount_printed,
                'pct_printed': named_statements.pct_printed,
                'change_sign': named_statements.change_sign,
                'unsigned_amount': named_statements.stated_change_amount_unsigned_wan_yuan,
                'unsigned_pct': named_statements.stated_change_pct_unsigned,
                'amount': named_statements.stated_change_amount_wan_yuan,
                'pct': named_statements.stated_change_pct,
                'direction': named_statements.stated_direction,
                'reason': named_statements.stated_reason,
                'comparison_printed': named_statements.comparison_printed,
                'comparison_basis': named_statements.comparison_basis
            },
            [current_documents.document_preference, named_statements.statement_index]
        ) as stated
    from named_statements
    inner join current_documents
        on named_statements.document_sha256 = current_documents.document_sha256
    inner join spending
        on {{ same_keys('current_documents', 'spending', report_keys()) }}
        and named_statements.class_level = spending.class_level
        and {{ label_key('spending.function_class_name_zh') }}
            in ({{ label_key('named_statements.class_name') }}, {{ label_key('named_statements.class_name') }} || '支出')
    group by all

),

joined as (

    select
        spending.department_key,
        spending.report_scope,
        spending.fiscal_year,
        spending.report_kind,
        spending.function_class_code,
        spending.function_class_name_zh,
        spending.class_level,
        spending.total_wan_yuan as value_wan_yuan,
        spending.document_sha256 as value_document_sha256,
        spending.page as value_page,
        prior_year.total_wan_yuan as report_prior_value_wan_yuan,
        prior_year.document_sha256 as prior_document_sha256,
        prior_year.page as prior_page,
        statements.stated
    from spending
    left join spending as prior_year
        on spending.department_key = prior_year.department_key
        and spending.report_scope = prior_year.report_scope
        and spending.fiscal_year - 1 = prior_year.fiscal_year
        and spending.report_kind = prior_year.report_kind
        and spending.function_class_code = prior_year.function_class_code
    left join statements
        on {{ same_keys('spending', 'statements', report_keys() + ['function_class_code']) }}

)

select
    joined.* exclude (stated),
    stated.document_sha256 as statement_document_sha256,
    stated.page as statement_page,
    stated.line_no as statement_line_no,
    stated.amount as stated_change_amount_wan_yuan,
    stated.pct as stated_change_pct,
    stated.direction as stated_direction,
    stated.reason as stated_reason,
    stated.comparison_printed,
    stated.comparison_basis,
    value_wan_yuan - stated.amount as implied_prior_value_wan_yuan,
    case
        when report_prior_value_wan_yuan is not null then 'report'
        when stated.amount is not null then 'implied'
    end as prior_source,
    case
        when report_prior_value_wan_yuan is null or stated.document_sha256 is null then null
        when not (stated.comparison_basis in ('prior_year', 'prior_budget', 'prior_final_account')) then null
        when stated.amount is not null
            -- table totals are printed to the 0.01 in 万元 or exactly in 元: the stated change's rounding and 0.01
            -- per printed total
            and abs(stated.amount - (value_wan_yuan - report_prior_value_wan_yuan))
                > {{ half_unit_wan_yuan('stated.amount_printed', "'万元'") }} + 0.01
            then false
        when stated.unsigned_amount is not null and stated.change_sign is null
            and abs(stated.unsigned_amount - abs(value_wan_yuan - report_prior_value_wan_yuan))
                > {{ half_unit_wan_yuan('stated.amount_printed', "'万元'") }} + 0.01
            then false
        when stated.unsigned_amount is not null or stated.unsigned_pct is not null then true
    end as is_stated_consistent
from joined
