-- int_completeness_findings: 报告缺少的必备部分，每条一行，与 raw.findings 同列 /
-- what a report lacks of what its kind requires, one row each, in the columns of raw.findings: a standard table of
-- its kind that none of its current files prints (required_table_missing, critical). Filed under the report's
-- primary document; a report whose tables file is not loaded yet lacks them until it is, and the finding goes with
-- the next build. Severities are the rules' own (seed finding_rules), there being no difference to weigh.
with standard_tables as (

    select * from {{ ref('int_report_standard_tables') }}

),

rules as (

    select * from {{ ref('finding_rules') }}

),

missing_tables as (

    select
        standard_tables.primary_document_sha256 as document_sha256,
        'required_table_missing' as check_name,
        '缺少必备表格：' || standard_tables.standard_table_zh as subject,
        '报告（' || standard_tables.document_count || '份文件）未印出' || standard_tables.standard_table_zh
            || '，' || case standard_tables.report_kind when 'final_account' then '部门决算' else '部门预算' end
            || '须公开此表。 None of the report''s ' || standard_tables.document_count
            || ' loaded file(s) prints the ' || standard_tables.standard_table_en
            || ' table, which every ' || replace(standard_tables.report_kind, '_', ' ')
            || ' report must publish.' as message
    from standard_tables
    where not standard_tables.is_printed

),

unioned as (

    select * from missing_tables

)

select
    cast(unioned.document_sha256 as varchar) as document_sha256,
    cast(unioned.check_name as varchar) as check_name,
    cast(unioned.subject as varchar) as subject,
    cast(rules.severity as varchar) as severity,
    cast(null as varchar) as unit,
    cast(null as decimal(24, 6)) as expected_value,
    cast(null as decimal(24, 6)) as observed_value,
    cast(null as decimal(24, 6)) as difference,
    cast(null as decimal(24, 6)) as tolerance,
    cast(null as varchar) as observed_location,
    cast(null as varchar) as expected_location,
    cast(unioned.message as varchar) as message
from unioned
inner join rules
    on unioned.check_name = rules.check_name
