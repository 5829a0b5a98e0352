-- int_completeness_findings: 报告缺少的必备部分，每条一行，与 raw.findings 同列 /
-- what a report lacks of what its kind requires, one row each, in the columns of raw.findings: a standard table of
-- its kind that none of its current files prints (required_table_missing, critical), filed under the report's
-- primary document: a report whose tables file is not loaded yet lacks them until it is, and the finding goes with
-- the next build; a required narrative section no heading names (required_section_missing, critical; a report
-- whose files are all tables is not judged); a table its contents (目录) list that it does not print
-- (contents_entry_missing; a required table is required_table_missing instead); a standard table it prints that
-- its contents do not list (table_not_in_contents); a table printed empty without a note that it has no data,
-- about whose figures the narrative of the report says nothing either (empty_table_without_note); a 三公 total
-- printed without one of its three parts in any table or the narrative (three_public_parts_missing). Severities
-- are the rules' own (seed finding_rules), there being no difference to weigh.
{%- set keys = report_keys() %}
with standard_tables as (

    select * from {{ ref('int_report_standard_tables') }}

),

sections as (

    select * from {{ ref('int_report_sections') }}

),

current_documents as (

    select * from {{ ref('int_current_documents') }}

),

rules as (

    select * from {{ ref('finding_rules') }}

),

missing_tables as (

    select
        standard_tables.primary_document_sha256 as document_sha256,
        'required_table_missing' as check_name,
        '缺少必备表格：' || standard_tables.standard_table_zh as subject,
        cast(null as varchar) as observed_location,
        '报告（' || standard_tables.document_count || '份文件）未印出' || standard_tables.standard_table_zh
            || '，' || case standard_tables.report_kind when 'final_account' then '部门决算' else '部门预算' end
            || '须公开此表' || case when standard_tables.is_listed_in_contents then '（目录列有此表）' else '' end
            || '。 None of the report''s ' || standard_tables.document_count
            || ' loaded file(s) prints the ' || standard_tables.standard_table_en
            || ' table, which every ' || replace(standard_tables.report_kind, '_', ' ') || ' report must publish'
            || case when standard_tables.is_listed_in_contents then ' (its contents list it)' else '' end
            || '.' as message
    from standard_tables
    where not standard_tables.is_printed

),

missing_sections as (

    select
        sections.primary_document_sha256 as document_sha256,
        'required_section_missing' as check_name,
        '缺少必备说明部分：' || sections.section_zh as subject,
        cast(null as varchar) as observed_location,
        '报告说明文字中没有“' || sections.section_zh || '”的标题'
            || case when sections.is_listed_in_contents then '（目录列有此部分）' else '' end
            || '。 No heading of the report''s narrative names its ' || sections.section_en
            || case when sections.is_listed_in_contents then ' (its contents list it)' else '' end
            || ', a section every report must have.' as message
    from sections
    where sections.has_narrative
        and not sections.has_heading

),

contents_entries as (

    select
        outline.document_sha256,
        outline.title_printed,
        outline.table_kind,
        outline.page,
        outline.line_no,
        {% for key in keys %}current_documents.{{ key }}{% if not loop.last %}, {% endif %}{% endfor %}
    from {{ ref('stg_disclosures__report_outline') }} as outline
    inner join current_documents
        on outline.document_sha256 = current_documents.document_sha256
    where outline.place = 'contents'
        and outline.table_kind is not null
        and outline.table_kind <> 'unknown'

),

kinds_printed as (

    select distinct {% for key in keys %}current_documents.{{ key }}, {% endfor %}tables.table_kind
    from {{ ref('stg_disclosures__statement_tables') }} as tables
    inner join current_documents
        on tables.document_sha256 = current_documents.document_sha256

),

listed_not_printed as (

    select
        contents_entries.document_sha256,
        'contents_entry_missing' as check_name,
        '目录所列未印：' || contents_entries.title_printed as subject,
        coalesce('p' || contents_entries.page || ':', '') || 'L' || contents_entries.line_no as observed_location,
        '目录列有“' || contents_entries.title_printed || '”，报告各文件均未印出此表。 The contents list "'
            || contents_entries.title_printed || '", a table none of the report''s loaded files prints.' as message
    from contents_entries
    left join kinds_printed
        on {{ same_keys('contents_entries', 'kinds_printed', keys) }}
        and contents_entries.table_kind = kinds_printed.table_kind
    left join {{ ref('required_tables') }} as required_tables
        on contents_entries.table_kind = required_tables.table_kind
        and contents_entries.report_kind = required_tables.report_kind
    where kinds_printed.table_kind is null
        and required_tables.table_kind is null

),

printed_not_listed as (

    select
        standard_tables.printed_document_sha256 as document_sha256,
        'table_not_in_contents' as check_name,
        '未列入目录：' || standard_tables.standard_table_zh as subject,
        'p' || standard_tables.printed_page_first || ':' || standard_tables.standard_table_zh as observed_location,
        '报告印出' || standard_tables.standard_table_zh || '（第' || standard_tables.printed_page_first
            || '页），目录未列此表。 The report prints the ' || standard_tables.standard_table_en
            || ' table (page ' || standard_tables.printed_page_first || '), which its contents do not list.'
            as message
    from standard_tables
    where standard_tables.is_printed
        and standard_tables.has_contents
        and not standard_tables.is_listed_in_contents

),

empty_tables as (

    select
        tables.document_sha256,
        tables.table_index,
        tables.table_kind,
        tables.table_title,
        tables.page_first,
        {% for key in keys %}documents.{{ key }}{% if not loop.last %}, {% endif %}{% endfor %}
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

three_public_parts as (

    select part.metric_code, metric_codes.label_zh, metric_codes.label_en
    from (values ('overseas_travel'), ('official_reception'), ('official_vehicles')) as part (metric_code)
    inner join {{ ref('metric_codes') }} as metric_codes
        on part.metric_code = metric_codes.metric_code

),

three_public_totals as (

    -- Only a total printed as an amount: a total of 0, or one stated nil, has nothing to split.
    select * from {{ ref('int_department_metrics') }}
    where metric_code = 'three_public_expenses'
        and disclosure_status = 'printed'

),

parts_missing as (

    select
        three_public_totals.document_sha256,
        three_public_totals.page,
        list_sort(list(three_public_parts.label_zh)) as missing_zh,
        list_sort(list(three_public_parts.label_en)) as missing_en
    from three_public_totals
    cross join three_public_parts
    left join {{ ref('int_department_metrics') }} as parts
        on {{ same_keys('three_public_totals', 'parts', keys) }}
        and three_public_parts.metric_code = parts.metric_code
    where coalesce(parts.disclosure_status, 'not_disclosed') = 'not_disclosed'
    group by three_public_totals.document_sha256, three_public_totals.page

),

three_public_unsplit as (

    select
        document_sha256,
        'three_public_parts_missing' as check_name,
        '“三公”经费未分项：' || array_to_string(missing_zh, '、') as subject,
        'p' || page || ':三公经费' as observed_location,
        '报告印出“三公”经费合计，表格与说明文字均未列出其中的' || array_to_string(missing_zh, '、')
            || '。 The report prints its three public expenses in total but neither a table nor the narrative gives '
            || array_to_string(missing_en, ', ') || '.' as message
    from parts_missing

),

unioned as (

    {% for rule in ['missing_tables', 'empty_without_note', 'missing_sections', 'listed_not_printed',
                    'printed_not_listed', 'three_public_unsplit'] -%}
    select document_sha256, check_name, subject, observed_location, message from {{ rule }}
    {% if not loop.last %}union all
    {% endif %}
    {%- endfor %}

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
