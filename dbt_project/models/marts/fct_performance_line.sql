-- fct_performance_line: 绩效自评表的预算执行行（对应项目），每行一条；附部门与年度列 /
-- budget-execution lines (对应项目) of the performance tables, one row per line, with department and
-- year columns. Executed <= allocated is not an identity (over-execution happens); nothing is corrected.
with lines as (

    select * from {{ ref('stg_disclosures__performance_lines') }}
    where {{ in_build_scope('document_sha256') }}

),

departments as (

    -- The latest version of each report only; older versions are listed in fct_document_revision_change.
    select * from {{ ref('int_departments_resolved') }}
    where is_current_version
        and {{ in_build_scope('document_sha256') }}

)

select
    cast(lines.document_sha256 as varchar) as document_sha256,
    cast(lines.table_index as integer) as table_index,
    cast(lines.line_index as integer) as line_index,
    cast(departments.department_key as varchar) as department_key,
    cast(department_names.department_name as varchar) as department_name,
    cast(department_names.region_code as varchar) as region_code,
    cast(departments.fiscal_year as integer) as fiscal_year,
    cast(departments.report_kind as varchar) as report_kind,
    cast(departments.report_scope as varchar) as report_scope,
    cast(lines.task as varchar) as task,
    cast(lines.project_name as varchar) as project_name,
    cast(lines.allocated_wan_yuan as decimal(24, 6)) as allocated_wan_yuan,
    cast(lines.executed_wan_yuan as decimal(24, 6)) as executed_wan_yuan,
    cast(lines.execution_rate_pct as decimal(12, 4)) as execution_rate_pct,
    cast(lines.weight as decimal(12, 4)) as weight,
    cast(lines.score as decimal(12, 4)) as score,
    cast(lines.line_no as integer) as line_no,
    cast(lines.page as integer) as page
from lines
join departments
    on lines.document_sha256 = departments.document_sha256
inner join {{ ref('dim_department') }} as department_names
    on departments.department_key = department_names.department_key
