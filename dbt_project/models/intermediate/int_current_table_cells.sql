-- int_current_table_cells: 当前文档表格中的每个数字单元格一行，附表种类与部门、年度 /
-- one row per numeric table cell of the documents feeding the department marts, with its table kind,
-- department, year and report kind, and the column header with a leading "<fiscal year>年" removed
-- (budget tables print "2024年“三公”经费预算数/合计" for the year's own column; another year's column keeps
-- its prefix and so never matches a year-free map entry).
with line_items as (

    select * from {{ ref('stg_disclosures__line_items') }}

),

statement_tables as (

    select * from {{ ref('stg_disclosures__statement_tables') }}

),

current_documents as (

    select * from {{ ref('int_current_documents') }}

)

select
    line_items.document_sha256,
    line_items.table_index,
    line_items.cell_index,
    line_items.page,
    line_items.panel,
    line_items.classification_code,
    line_items.code_system,
    line_items.item_name,
    line_items.measure,
    line_items.value_wan_yuan,
    statement_tables.table_kind,
    current_documents.department_key,
    current_documents.fiscal_year,
    current_documents.report_kind,
    current_documents.document_preference,
    case
        when starts_with(line_items.measure, cast(current_documents.fiscal_year as varchar) || '年')
            then substr(line_items.measure, length(cast(current_documents.fiscal_year as varchar) || '年') + 1)
        else line_items.measure
    end as measure_of_year
from line_items
inner join statement_tables
    on line_items.document_sha256 = statement_tables.document_sha256
    and line_items.table_index = statement_tables.table_index
inner join current_documents
    on line_items.document_sha256 = current_documents.document_sha256
