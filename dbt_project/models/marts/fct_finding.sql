-- fct_finding: 报告自身的不一致，每条发现一行，两边数字与位置都保留，从不改正；附部门与年度列 /
-- the reports' own inconsistencies: one row per finding, both numbers and where they stand, never corrected; with
-- department and year columns for researchers. Findings within one document are the parser's (raw.findings);
-- those that compare sources the warehouse joins - a narrative figure against the table's, a stated change against
-- the prior year's report - are int_cross_source_findings'; what a report in all its files lacks,
-- int_completeness_findings'.
with findings as (

    select * from {{ ref('stg_disclosures__findings') }}
    where {{ in_build_scope('document_sha256') }}
    union all by name
    select * from {{ ref('int_cross_source_findings') }}
    union all by name
    select * from {{ ref('int_completeness_findings') }}

),

departments as (

    -- The latest version of each report only; older versions are listed in fct_document_revision_change.
    select * from {{ ref('int_departments_resolved') }}
    where is_current_version
        and {{ in_build_scope('document_sha256') }}

)

select
    cast(findings.document_sha256 as varchar) as document_sha256,
    cast(findings.check_name as varchar) as check_name,
    cast(findings.subject as varchar) as subject,
    cast(findings.severity as varchar) as severity,
    cast(departments.department_key as varchar) as department_key,
    cast(department_names.department_name as varchar) as department_name,
    cast(department_names.region_code as varchar) as region_code,
    cast(departments.fiscal_year as integer) as fiscal_year,
    cast(departments.report_kind as varchar) as report_kind,
    cast(departments.report_scope as varchar) as report_scope,
    cast(findings.expected_value as decimal(24, 6)) as expected_value,
    cast(findings.observed_value as decimal(24, 6)) as observed_value,
    cast(findings.difference as decimal(24, 6)) as difference,
    cast(findings.tolerance as decimal(24, 6)) as tolerance,
    cast(findings.observed_location as varchar) as observed_location,
    cast(findings.expected_location as varchar) as expected_location,
    cast(findings.message as varchar) as message,
    -- The warehouse's own findings name their places as p<page>:…; a prior year's report's page is not this one's.
    cast(coalesce(
        findings.page, try_cast(regexp_extract(findings.observed_location, '^p(\d+):', 1) as integer)
    ) as integer) as page,
    cast(coalesce(
        findings.pages,
        list_sort(list_distinct(list_transform(
            regexp_extract_all(
                coalesce(findings.observed_location, '') || '; '
                || regexp_replace(coalesce(findings.expected_location, ''), 'prior p\S*', '', 'g'),
                '(?:^|; )p(\d+)', 1
            ),
            page_text -> cast(page_text as integer)
        )))
    ) as integer[]) as pages,
    cast(coalesce(findings.unit, nullif(rules.unit, '')) as varchar) as unit
from findings
left join {{ ref('finding_rules') }} as rules
    on findings.check_name = rules.check_name
join departments
    on findings.document_sha256 = departments.document_sha256
inner join {{ ref('dim_department') }} as department_names
    on departments.department_key = department_names.department_key
