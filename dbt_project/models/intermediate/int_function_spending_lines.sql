-- int_function_spending_lines: 按支出功能分类的支出，每个部门 × 年度 × 报告种类 × 科目编码一行 /
-- expenditure by function class: one row per department, scope, fiscal year, report kind and printed function
-- code, read from ONE table per department, scope, year and kind: the preferred kind of the seed function_table_measures
-- (all funds before the general budget before fiscal appropriations), the preferred document, the first table.
-- Total, basic and project amounts are that table's columns for the code's row; a total printed beyond what the
-- warehouse holds is a row with a null total (fct_function_spending leaves it out and its report's shares null).
with cells as (

    select * from {{ ref('int_current_table_cells') }}
    where code_system = 'function'
        and classification_code is not null

),

measures as (

    select * from {{ ref('function_table_measures') }}

),

measured as (

    select
        cells.*,
        measures.amount_role,
        measures.fund_scope,
        measures.table_priority
    from cells
    inner join measures
        on cells.table_kind = measures.table_kind
        and cells.measure = measures.measure

),

chosen_table as (

    select department_key, report_scope, fiscal_year, report_kind,
        arg_min(
            {'document_sha256': document_sha256, 'table_index': table_index},
            [table_priority, document_preference, table_index]
        ) as chosen
    from measured
    where amount_role = 'total'
    group by department_key, report_scope, fiscal_year, report_kind

),

table_cells as (

    select measured.*
    from measured
    inner join chosen_table
        on measured.document_sha256 = chosen_table.chosen.document_sha256
        and measured.table_index = chosen_table.chosen.table_index

)

-- A code printed twice in one table (a repeated header row) keeps its first cell of each role.
select
    document_sha256,
    table_index,
    table_kind,
    fund_scope,
    department_key,
    report_scope,
    fiscal_year,
    report_kind,
    classification_code as function_class_code,
    arg_min(item_name, cell_index) as item_name,
    arg_min(value_wan_yuan, cell_index) filter (where amount_role = 'total') as total_wan_yuan,
    arg_min(value_wan_yuan, cell_index) filter (where amount_role = 'basic') as basic_wan_yuan,
    arg_min(value_wan_yuan, cell_index) filter (where amount_role = 'project') as project_wan_yuan,
    arg_min(page, cell_index) filter (where amount_role = 'total') as total_page,
    min(cell_index) filter (where amount_role = 'total') as total_cell_index
from table_cells
group by all
having count(*) filter (where amount_role = 'total') > 0
