-- dim_department: 每个部门键一行（跨年度稳定）/ one row per department_key, stable across years: the name the
-- department printed last, its region, every name variant it printed, and the years it reported.
with departments as (

    select * from {{ ref('int_departments_resolved') }}
    where {{ in_build_scope('document_sha256') }}

),

latest_names as (

    -- The name of the newest report (by fiscal year, then version): what the department calls itself now.
    select
        department_key,
        arg_max(department_name, [fiscal_year::bigint, epoch_us(coalesce(first_seen_at, timestamp '1970-01-01'))])
            as department_name
    from departments
    group by department_key

),

summary as (

    select
        department_key,
        any_value(department_name_canonical) as department_name_canonical,
        any_value(region_code) as region_code,
        list(distinct department_name order by department_name) as name_variants,
        min(unit_code) as unit_code,
        list(distinct report_scope order by report_scope) as report_scopes,
        min(fiscal_year) as first_fiscal_year,
        max(fiscal_year) as last_fiscal_year,
        count(distinct fiscal_year) as fiscal_year_count,
        count(*) as document_count
    from departments
    group by department_key

)

select
    cast(summary.department_key as varchar) as department_key,
    cast(latest_names.department_name as varchar) as department_name,
    cast(summary.department_name_canonical as varchar) as department_name_canonical,
    cast(summary.region_code as varchar) as region_code,
    cast(summary.unit_code as varchar) as unit_code,
    cast(summary.name_variants as varchar[]) as name_variants,
    cast(len(summary.name_variants) as integer) as name_variant_count,
    cast(summary.first_fiscal_year as integer) as first_fiscal_year,
    cast(summary.last_fiscal_year as integer) as last_fiscal_year,
    cast(summary.fiscal_year_count as integer) as fiscal_year_count,
    cast(summary.document_count as integer) as document_count,
    cast(summary.report_scopes as varchar[]) as report_scopes
from summary
join latest_names
    on summary.department_key = latest_names.department_key
