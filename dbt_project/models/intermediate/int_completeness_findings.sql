-- int_completeness_findings: 报告缺少的必备部分，每条一行，与 raw.findings 同列 /
-- what a report lacks of what its kind requires, one row each, in the columns of raw.findings: a standard table of
-- its kind that none of its current files prints (required_table_missing, critical), filed under the report's
-- primary document: a report whose tables file is not loaded yet lacks them until it is, and the finding goes with
-- the next build; a table printed empty without a note that it has no data, about whose figures the narrative of
-- the report says nothing either (empty_table_without_note). Severities are the rules' own (seed finding_rules),
-- there being no difference to weigh.
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

empty_tables as (

    select
        tables.document_sha256,
        tables.table_index,
        tables.table_kind,
        tables.table_title,
        tables.page_first,
        {% for key in report_keys() %}documents.{{ key }}{% if not loop.last %}, {% endif %}{% endfor %}
    from {{ ref('stg_disclosures__statement_tables') }} as tables
    inner join {{ ref('int_current_documents') }} as documents
        on tables.document_sha256 = documents.document_sha256
    where tables.is_empty
        and not {{ says_no_data('tables.note') }}

),

stated_in_narrative as (

    -- An empty table the narrative explains ("政府性基金支出预算支出 0 万元") is not left unexplained.
    select distinct empty_tables.document_sha256, empty_tables.table_index
    from empty_tables
    inner join {{ ref('table_metric_rules') }} as table_rules
        on empty_tables.table_kind = table_rules.table_kind
    inner join {{ ref('int_department_metrics') }} as metrics
        on {{ same_keys('empty_tables', 'metrics', report_keys()) }}
        and table_rules.metric_code = metrics.metric_code
    where metrics.value_source = 'narrative'

),

empty_without_note as (

    select
        empty_tables.document_sha256,
        'empty_table_without_note' as check_name,
        '空表无说明：' || empty_tables.table_title as subject,
        'p' || empty_tables.page_first || ':' || empty_tables.table_title as observed_location,
        empty_tables.table_title || '（第' || empty_tables.page_first
            || '页）印为空表，表下没有“本表无数据”之类的说明，说明文字也未述及其数字。 The table '
            || empty_tables.table_title || ' on page ' || empty_tables.page_first
            || ' is printed empty with no note that it has no data, and the narrative does not state its figures.'
            as message
    from empty_tables
    left join stated_in_narrative
        on empty_tables.document_sha256 = stated_in_narrative.document_sha256
        and empty_tables.table_index = stated_in_narrative.table_index
    where stated_in_narrative.document_sha256 is null

),

unioned as (

    select document_sha256, check_name, subject, cast(null as varchar) as observed_location, message
    from missing_tables
    union all
    select document_sha256, check_name, subject, observed_location, message
    from empty_without_note

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
    cast(unioned.observed_location as varchar) as observed_location,
    cast(null as varchar) as expected_location,
    cast(unioned.message as varchar) as message
from unioned
inner join rules
    on unioned.check_name = rules.check_name
