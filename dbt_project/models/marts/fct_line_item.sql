-- fct_line_item: 表格中每个印出的数字单元格一行，附页码与单元格坐标 /
-- one row per numeric cell printed in a standard table, with its page and cell bbox (or cell reference), the table it belongs to,
-- and the department and year of its document.
with line_items as (

    select * from {{ ref('stg_disclosures__line_items') }}
    where {{ in_build_scope('document_sha256') }}

),

statement_tables as (

    select * from {{ ref('stg_disclosures__statement_tables') }}
    where {{ in_build_scope('document_sha256') }}

),

departments as (

    -- The latest version of each report only; older versions are listed in fct_document_revision_change.
    select * from {{ ref('int_departments_resolved') }}
    where is_current_version
        and {{ in_build_scope('document_sha256') }}

)

select
    cast(line_items.document_sha256 as varchar) as document_sha256,
    cast(line_items.table_index as integer) as table_index,
    cast(line_items.cell_index as integer) as cell_index,
    cast(departments.department_key as varchar) as department_key,
    cast(department_names.department_name as varchar) as department_name,
    cast(department_names.region_code as varchar) as region_code,
    cast(departments.fiscal_year as integer) as fiscal_year,
    cast(departments.report_kind as varchar) as report_kind,
    cast(departments.report_scope as varchar) as report_scope,
    cast(statement_tables.table_kind as varchar) as table_kind,
    cast(statement_tables.table_title as varchar) as table_title,
    cast(line_items.page as integer) as page,
    {{ cell_bbox('line_items') }} as bbox,
    cast(line_items.cell_ref as varchar) as cell_ref,
    cast(line_items.row_index as integer) as row_index,
    cast(line_items.column_index as integer) as column_index,
    cast(line_items.panel as integer) as panel,
    cast(line_items.classification_code as varchar) as classification_code,
    cast(line_items.code_system as varchar) as code_system,
    cast(line_items.item_name as varchar) as item_name,
    cast(line_items.measure as varchar) as measure,
    cast(line_items.value_printed as varchar) as value_printed,
    cast(line_items.unit_printed as varchar) as unit_printed,
    cast(line_items.value_wan_yuan as decimal(24, 6)) as value_wan_yuan
from line_items
inner join statement_tables
    on line_items.document_sha256 = statement_tables.document_sha256
    and line_items.table_index = statement_tables.table_index
join departments
    on line_items.document_sha256 = departments.document_sha256
inner join {{ ref('dim_department') }} as department_names
    on departments.department_key = department_names.department_key
