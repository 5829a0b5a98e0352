-- fct_performance_indicator: 绩效自评表的指标行，每行一条；附部门与年度列 /
-- indicator rows (绩效指标) of the performance tables, one row per indicator, with department and year columns.
with indicators as (

    select * from {{ ref('stg_disclosures__performance_indicators') }}
    where {{ in_build_scope('document_sha256') }}

),

departments as (

    -- The latest version of each report only; older versions are listed in fct_document_revision_change.
    select * from {{ ref('int_departments_resolved') }}
    where is_current_version
        and {{ in_build_scope('document_sha256') }}

)

select
    cast(indicators.document_sha256 as varchar) as document_sha256,
    cast(indicators.table_index as integer) as table_index,
    cast(indicators.indicator_index as integer) as indicator_index,
    cast(departments.department_key as varchar) as department_key,
    cast(department_names.department_name as varchar) as department_name,
    cast(department_names.region_code as varchar) as region_code,
    cast(departments.fiscal_year as integer) as fiscal_year,
    cast(departments.report_kind as varchar) as report_kind,
    cast(departments.report_scope as varchar) as report_scope,
    cast(indicators.level1 as varchar) as level1,
    cast(indicators.level2 as varchar) as level2,
    cast(indicators.level3 as varchar) as level3,
    cast(indicators.operator as varchar) as operator,
    cast(indicators.target_value as varchar) as target_value,
    cast(indicators.measure_unit as varchar) as measure_unit,
    cast(indicators.actual_value as varchar) as actual_value,
    cast(indicators.completion as varchar) as completion,
    cast(indicators.weight as decimal(12, 4)) as weight,
    cast(indicators.score as decimal(12, 4)) as score,
    cast(indicators.deviation_reason as varchar) as deviation_reason,
    cast(indicators.improvement as varchar) as improvement,
    cast(indicators.line_no as integer) as line_no,
    cast(indicators.page as integer) as page
from indicators
join departments
    on indicators.document_sha256 = departments.document_sha256
inner join {{ ref('dim_department') }} as department_names
    on departments.department_key = department_names.department_key
