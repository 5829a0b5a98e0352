-- int_department_metrics: 部门 × 范围 × 年度 × 报告种类 × 指标，每行一个；表格优先于说明文字 /
-- one row per department, scope, fiscal year, report kind and metric that the report discloses in any way.
-- The value is, in this order: the standard table's figure (a printed number, 0.00 included); 0 for a standard
-- table printed empty with a note that says so ("故本表无数据", "本表为空表"); the narrative's figure, where no table prints one; 0 where the
-- narrative declares it nil ("无“三公”经费支出"). disclosure_status says which: printed, printed_zero, stated_zero, or
-- printed_out_of_range: the figure read first is printed beyond what the warehouse holds (its value is null, its
-- text and place are kept, fct_finding's amount_out_of_range explains it); the other source's figure does not
-- take its place, and it is neither 0 nor undisclosed.
-- The table's and the narrative's figures are both kept with their provenance, so a difference between them is
-- seen (fct_finding), never hidden. A 决算's own 年初预算 (budget_wan_yuan) is read the same way, tables first.
with current_documents as (

    select * from {{ ref('int_current_documents') }}

),

table_figures as (

    select * from {{ ref('int_table_figures_mapped_to_metrics') }}
    where is_chosen

),

empty_tables as (

    -- every metric a rule reads from a table kind is stated nil by that table printed empty with a note that says
    -- so ("故本表无数据", "本表为空表", "本部门无该项目"); an empty table without one says nothing
    select
        current_documents.department_key,
        current_documents.report_scope,
        current_documents.fiscal_year,
        current_documents.report_kind,
        rules.metric_code,
        arg_min(
            {'document_sha256': tables.document_sha256, 'table_index': tables.table_index, 'page': tables.page_first,
             'table_priority': rules.table_priority},
            [rules.table_priority, current_documents.document_preference, tables.table_index]
        ) as chosen
    from {{ ref('stg_disclosures__statement_tables') }} as tables
    inner join current_documents
        on tables.document_sha256 = current_documents.document_sha256
    inner join {{ ref('table_metric_rules') }} as rules
        on tables.table_kind = rules.table_kind
    where tables.is_empty
        and {{ says_no_data('tables.note') }}
        and rules.metric_code is not null
    group by all

),

narrative_candidates as (

    select
        figures.*,
        current_documents.department_key,
        current_documents.report_scope,
        current_documents.fiscal_year,
        row_number() over (
            partition by current_documents.department_key, current_documents.report_scope,
                current_documents.fiscal_year, current_documents.report_kind, figures.metric_code,
                figures.figure_role
            order by current_documents.document_preference, figures.figure_index
        ) as preference
    from {{ ref('int_narrative_figures_mapped_to_metrics') }} as figures
    inner join current_documents
        on figures.document_sha256 = current_documents.document_sha256
    where figures.is_first_for_metric
        -- an amount: in 万元, or printed beyond range (no value in any unit), not a count or a score
        and (figures.value_wan_yuan is not null or figures.value_in_printed_unit is null)
        and figures.figure_role in ('value', 'budget')

),

narrative_figures as (

    select * from narrative_candidates where preference = 1

),

nil_statements as (

    select
        current_documents.department_key,
        current_documents.report_scope,
        current_documents.fiscal_year,
        current_documents.report_kind,
        nil.metric_code,
        arg_min(
            {'document_sha256': nil.document_sha256, 'page': nil.page, 'line_no': nil.line_no,
             'char_start': nil.char_start, 'char_end': nil.char_end},
            [current_documents.document_preference, nil.statement_index]
        ) as chosen
    from {{ ref('int_nil_statements_mapped_to_metrics') }} as nil
    inner join current_documents
        on nil.document_sha256 = current_documents.document_sha256
    group by all

),

keys as (

    select department_key, report_scope, fiscal_year, report_kind, metric_code from table_figures
    union
    select department_key, report_scope, fiscal_year, report_kind, metric_code from empty_tables
    union
    select department_key, report_scope, fiscal_year, report_kind, metric_code from narrative_figures
    union
    select department_key, report_scope, fiscal_year, report_kind, metric_code from nil_statements

),

joined as (

    select
        keys.*,
        -- the table a metric is read from first decides: its being printed empty beats a 0.00 of a later table
        table_value.document_sha256 is not null
            and (empty_tables.chosen is null or table_value.table_priority <= empty_tables.chosen.table_priority)
            as has_table_value,
        case when has_table_value then table_value.value_wan_yuan end as table_value_wan_yuan,
        table_value.value_printed as table_value_printed,
        table_value.unit_printed as table_unit_printed,
        table_value.document_sha256 as table_document_sha256,
        table_value.table_index,
        table_value.cell_index,
        table_value.page as table_page,
        table_value.table_kind,
        case when not has_table_value then empty_tables.chosen end as empty_table,
        narrative_value.document_sha256 is not null as has_narrative_value,
        narrative_value.value_wan_yuan as narrative_value_wan_yuan,
        narrative_value.value_printed as narrative_value_printed,
        narrative_value.unit_printed as narrative_unit_printed,
        narrative_value.document_sha256 as narrative_document_sha256,
        narrative_value.figure_index as narrative_figure_index,
        narrative_value.page as narrative_page,
        narrative_value.line_no as narrative_line_no,
        narrative_value.char_start as narrative_char_start,
        narrative_value.char_end as narrative_char_end,
        nil_statements.chosen as nil_statement,
        table_budget.document_sha256 is not null as has_table_budget,
        table_budget.value_wan_yuan as table_budget_wan_yuan,
        table_budget.document_sha256 as table_budget_document_sha256,
        table_budget.page as table_budget_page,
        narrative_budget.value_wan_yuan as narrative_budget_wan_yuan,
        narrative_budget.document_sha256 as narrative_budget_document_sha256,
        narrative_budget.page as narrative_budget_page,
        table_prior.value_wan_yuan as printed_prior_wan_yuan,
        table_prior.document_sha256 as printed_prior_document_sha256,
        table_prior.page as printed_prior_page
    from keys
    left join table_figures as table_value
        on {{ same_keys('keys', 'table_value', metric_keys()) }}
        and table_value.value_role = 'value'
    left join table_figures as table_budget
        on {{ same_keys('keys', 'table_budget', metric_keys()) }}
        and table_budget.value_role = 'budget'
    left join table_figures as table_prior
        on {{ same_keys('keys', 'table_prior', metric_keys()) }}
        and table_prior.value_role = 'prior'
    left join empty_tables
        on {{ same_keys('keys', 'empty_tables', metric_keys()) }}
    left join narrative_figures as narrative_value
        on {{ same_keys('keys', 'narrative_value', metric_keys()) }}
        and narrative_value.figure_role = 'value'
    left join narrative_figures as narrative_budget
        on {{ same_keys('keys', 'narrative_budget', metric_keys()) }}
        and narrative_budget.figure_role = 'budget'
    left join nil_statements
        on {{ same_keys('keys', 'nil_statements', metric_keys()) }}

)

select
    joined.department_key,
    joined.report_scope,
    joined.fiscal_year,
    joined.report_kind,
    joined.metric_code,
    case
        when has_table_value then table_value_wan_yuan
        when empty_table is not null then 0
        when has_narrative_value then narrative_value_wan_yuan
        when nil_statement is not null then 0
    end as value_wan_yuan,
    case
        when has_table_value then {{ printed_status('table_value_wan_yuan') }}
        when empty_table is not null then 'stated_zero'
        when has_narrative_value then {{ printed_status('narrative_value_wan_yuan') }}
        when nil_statement is not null then 'stated_zero'
        else 'not_disclosed'
    end as disclosure_status,
    case
        when has_table_value or empty_table is not null then 'table'
        when has_narrative_value or nil_statement is not null then 'narrative'
    end as value_source,
    case
        when has_table_value then table_value_printed
        when empty_table is null and has_narrative_value then narrative_value_printed
    end as value_printed,
    case
        when has_table_value then table_unit_printed
        when empty_table is null and has_narrative_value then narrative_unit_printed
    end as unit_printed,
    case
        when has_table_value then table_document_sha256
        when empty_table is not null then empty_table.document_sha256
        when has_narrative_value then narrative_document_sha256
        else nil_statement.document_sha256
    end as document_sha256,
    case
        when has_table_value then table_page
        when empty_table is not null then empty_table.page
        when has_narrative_value then narrative_page
        else nil_statement.page
    end as page,
    case when has_table_value then table_index else empty_table.table_index end as table_index,
    case when has_table_value then cell_index end as cell_index,
    case
        when not has_table_value and empty_table is null then
            coalesce(
                case when has_narrative_value then narrative_line_no end, nil_statement.line_no
            )
    end as line_no,
    case
        when not has_table_value and empty_table is null then
            coalesce(
                case when has_narrative_value then narrative_char_start end,
                nil_statement.char_start
            )
    end as char_start,
    case
        when not has_table_value and empty_table is null then
            coalesce(
                case when has_narrative_value then narrative_char_end end, nil_statement.char_end
            )
    end as char_end,
    table_value_wan_yuan,
    table_kind,
    narrative_value_wan_yuan,
    narrative_value_printed,
    narrative_unit_printed,
    narrative_document_sha256,
    narrative_figure_index,
    narrative_page,
    narrative_line_no,
    narrative_char_start,
    narrative_char_end,
    -- tables first here too: a table's budget printed beyond range leaves it null, not the narrative's
    case when has_table_budget then table_budget_wan_yuan else narrative_budget_wan_yuan end as budget_wan_yuan,
    case
        when has_table_budget then 'table'
        when narrative_budget_document_sha256 is not null then 'narrative'
    end as budget_source,
    case when has_table_budget then table_budget_document_sha256
        else narrative_budget_document_sha256 end as budget_document_sha256,
    case when has_table_budget then table_budget_page else narrative_budget_page end
        as budget_page,
    printed_prior_wan_yuan,
    printed_prior_document_sha256,
    printed_prior_page
from joined
