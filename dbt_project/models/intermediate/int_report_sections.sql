-- int_report_sections: 每份报告 × 必备的每个说明部分一行：正文是否有其标题、目录是否列出 /
-- one row per report (department_key x report_scope x fiscal_year x report_kind) and narrative section every report
-- must have (seed required_sections): whether a heading of the report's current files names it, on what page, and
-- whether the report's contents (目录) list it. A report whose files are all tables (its narrative published apart
-- and not loaded) has no narrative to judge: has_narrative says so.
{%- set keys = report_keys() %}
with documents as (

    select * from {{ ref('int_current_documents') }}

),

reports as (

    select
        {{ keys | join(', ') }},
        min(document_sha256) filter (where document_preference = 1) as primary_document_sha256,
        bool_or(report_part = 'narrative') as has_narrative
    from documents
    group by {{ keys | join(', ') }}

),

outline as (

    select
        {% for key in keys %}documents.{{ key }}, {% endfor %}
        outline.place,
        outline.section_code,
        outline.page
    from {{ ref('stg_disclosures__report_outline') }} as outline
    inner join documents
        on outline.document_sha256 = documents.document_sha256
    where outline.section_code is not null

),

found as (

    select
        {{ keys | join(', ') }},
        section_code,
        bool_or(place = 'body') as has_heading,
        min(page) filter (where place = 'body') as heading_page,
        bool_or(place = 'contents') as is_listed_in_contents
    from outline
    group by {{ keys | join(', ') }}, section_code

)

select
    {% for key in keys %}reports.{{ key }}, {% endfor %}
    required.section_code,
    required.section_zh,
    required.section_en,
    reports.primary_document_sha256,
    reports.has_narrative,
    coalesce(found.has_heading, false) as has_heading,
    found.heading_page,
    coalesce(found.is_listed_in_contents, false) as is_listed_in_contents
from reports
inner join {{ ref('required_sections') }} as required
    on reports.report_kind = required.report_kind
left join found
    on {{ same_keys('reports', 'found', keys) }}
    and required.section_code = found.section_code
