-- int_current_table_cells: 当前文档表格中的每个数字单元格一行，附表种类、部门、年度与范围 /
-- one row per numeric table cell of the documents feeding the department marts, with its table kind and the
-- department, year, report kind and scope; the row name and the column header in the form the metric rules match
-- (macro label_key), and what the column is of (value_role):
--   a header naming another year ("2023年“三公”经费预算数" in a 2024 report) is that year's column: 'prior' for the
--   year before, 'other_year' else, and the year's own "2024年" is dropped;
--   in a 决算, a column of 年初预算 / 预算数 is the 'budget' printed beside the 决算数 ('adjusted_budget' for 全年预算);
--   everything else is the report's own figure, 'value'.
-- panel: the side-by-side panel; in a summary table printed in one column pair (收入 above 支出) the expenditure
-- side counts as panel 1, where it stands in the side-by-side layout.
-- measure_subject is the header without the words that only say which of these it is (预算数, 决算数, 年初预算).
with line_items as (

    select * from {{ ref('stg_disclosures__line_items') }}
    where {{ in_build_scope('document_sha256') }}

),

statement_tables as (

    select * from {{ ref('stg_disclosures__statement_tables') }}
    where {{ in_build_scope('document_sha256') }}

),

current_documents as (

    select * from {{ ref('int_current_documents') }}

),

keyed as (

    select
        line_items.document_sha256,
        line_items.table_index,
        line_items.cell_index,
        line_items.page,
        line_items.panel,
        line_items.row_index,
        line_items.classification_code,
        line_items.code_system,
        line_items.item_name,
        line_items.measure,
        line_items.value_printed,
        line_items.unit_printed,
        line_items.value_wan_yuan,
        statement_tables.table_kind,
        current_documents.department_key,
        current_documents.fiscal_year,
        current_documents.report_kind,
        current_documents.report_scope,
        current_documents.document_preference,
        {{ label_key('line_items.item_name') }} as item_key,
        string_split({{ label_key('line_items.measure') }}, '/') as measure_segments,
        try_cast(
            regexp_extract({{ label_key('line_items.measure') }}, '(?:^|/)((?:19|20)[0-9]{2})年', 1) as integer
        ) as measure_year
    from line_items
    inner join statement_tables
        on line_items.document_sha256 = statement_tables.document_sha256
        and line_items.table_index = statement_tables.table_index
    inner join current_documents
        on line_items.document_sha256 = current_documents.document_sha256

),

stacked_summaries as (

    -- a summary table printed in one column pair (收入 above 支出): the rows after the income side's 总计 are the
    -- expenditure side, the panel they would stand in side by side
    select
        document_sha256,
        table_index,
        min(row_index) filter (where item_key in ('总计', '收入总计', '收入合计')) as income_total_row
    from keyed
    where table_kind in (
        'final_income_expenditure_summary', 'final_fiscal_summary', 'budget_finance_summary', 'budget_fiscal_summary'
    )
    group by document_sha256, table_index
    having max(panel) = 0

),

unyeared as (

    select
        keyed.* exclude (panel),
        case
            when keyed.row_index > stacked_summaries.income_total_row then 1 else keyed.panel
        end as panel,
        list_transform(measure_segments, s -> regexp_replace(s, '^(?:19|20)[0-9]{2}年度?', '')) as segments
    from keyed
    left join stacked_summaries
        on keyed.document_sha256 = stacked_summaries.document_sha256
        and keyed.table_index = stacked_summaries.table_index

)

select
    unyeared.* exclude (measure_segments, segments),
    case
        when measure_year = fiscal_year - 1 then 'prior'
        when measure_year is not null and measure_year <> fiscal_year then 'other_year'
        when report_kind = 'final_account'
            and list_bool_or(list_transform(segments, s -> regexp_matches(s, '(?:全年|调整后?)预算数?$')))
            then 'adjusted_budget'
        when report_kind = 'final_account'
            and list_bool_or(list_transform(segments, s -> regexp_matches(s, '(?:^|年初)预算数?$|预算数$')))
            then 'budget'
        else 'value'
    end as value_role,
    array_to_string(
        list_filter(
            list_transform(
                segments,
                s -> regexp_replace(s, '(?:(?:年初|全年|调整后?)?(?:预算|决算)数|(?:年初|全年|调整后?)预算|^预算|^决算)$', '')
            ),
            s -> s <> ''
        ),
        '/'
    ) as measure_subject
from unyeared
