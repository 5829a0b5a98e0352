-- fct_statement_table: 报告中的每张表一行（含空表及其注释） /
-- one row per table of a report, empty tables (注：…故本表无数据) included, with its kind, pages, unit and cell count.
with statement_tables as (

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
    cast(statement_tables.document_sha256 as varchar) as document_sha256,
    cast(statement_tables.table_index as integer) as table_index,
    cast(departments.department_key as varchar) as department_key,
    cast(department_names.department_name as varchar) as department_name,
    cast(departments.fiscal_year as integer) as fiscal_year,
    cast(departments.report_kind as varchar) as report_kind,
    cast(departments.report_scope as varchar) as report_scope,
    cast(statement_tables.table_kind as varchar) as table_kind,
    cast(statement_tables.table_title as varchar) as table_title,
    cast(statement_tables.table_number_printed as varchar) as table_number_printed,
    cast(statement_tables.page_first as integer) as page_first,
    cast(statement_tables.page_last as integer) as page_last,
    cast(statement_tables.unit_printed as varchar) as unit_printed,
    cast(statement_tables.is_empty as boolean) as is_empty,
    cast(statement_tables.note as varchar) as note,
    cast(statement_tables.cell_count as integer) as cell_count
from statement_tables
join departments
    on statement_tables.document_sha256 = departments.document_sha256
inner join {{ ref('dim_department') }} as department_names
    on departments.department_key = department_names.department_key
