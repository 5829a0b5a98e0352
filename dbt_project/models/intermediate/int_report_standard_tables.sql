-- int_report_standard_tables: 每份报告 × 其种类必备的每张标准表一行：是否印出、由哪份文档印出 /
-- one row per report (department_key x report_scope x fiscal_year x report_kind) and standard table its kind requires
-- (seed required_tables): whether any of the report's current files prints it, and where, and whether the report's
-- contents (目录) list it. A report in two files (narrative and tables) is one report: a table either file prints,
-- or either file's contents list, counts. A region's templates may name one table differently; the seed lists each
-- table kind that prints it.
{%- set keys = report_keys() %}
with documents as (

    select * from {{ ref('int_current_documents') }}

),

reports as (

    select
        {{ keys | join(', ') }},
        count(*) as document_count,
        -- A finding about the report as a whole is filed under its primary document.
        min(document_sha256) filter (where document_preference = 1) as primary_document_sha256
    from documents
    group by {{ keys | join(', ') }}

),

required as (

    select distinct report_kind, standard_table_zh, standard_table_en
    from {{ ref('required_tables') }}

),

printed as (

    select
        {% for key in keys %}documents.{{ key }}, {% endfor %}
        required_tables.standard_table_zh,
        min(statement_tables.document_sha256) as document_sha256,
        min(statement_tables.page_first) as page_first
    from {{ ref('stg_disclosures__statement_tables') }} as statement_tables
    inner join documents
        on statement_tables.document_sha256 = documents.document_sha256
    inner join {{ ref('required_tables') }} as required_tables
        on statement_tables.table_kind = required_tables.table_kind
        and documents.report_kind = required_tables.report_kind
    group by {% for key in keys %}documents.{{ key }}, {% endfor %}required_tables.standard_table_zh

),

contents as (

    select {% for key in keys %}documents.{{ key }}, {% endfor %}outline.table_kind
    from {{ ref('stg_disclosures__report_outline') }} as outline
    inner join documents
        on outline.document_sha256 = documents.document_sha256
    where outline.place = 'contents'

),

listed as (

    select distinct {% for key in keys %}contents.{{ key }}, {% endfor %}required_tables.standard_table_zh
    from contents
    inner join {{ ref('required_tables') }} as required_tables
        on contents.table_kind = required_tables.table_kind
        and contents.report_kind = required_tables.report_kind

),

with_contents as (

    select distinct {{ keys | join(', ') }}
    from contents

)

select
    {% for key in keys %}reports.{{ key }}, {% endfor %}
    required.standard_table_zh,
    required.standard_table_en,
    reports.document_count,
    reports.primary_document_sha256,
    printed.standard_table_zh is not null as is_printed,
    printed.document_sha256 as printed_document_sha256,
    printed.page_first as printed_page_first,
    with_contents.department_key is not null as has_contents,
    listed.standard_table_zh is not null as is_listed_in_contents
from reports
inner join required
    on reports.report_kind = required.report_kind
left join printed
    on {{ same_keys('reports', 'printed', keys) }}
    and required.standard_table_zh = printed.standard_table_zh
left join with_contents
    on {{ same_keys('reports', 'with_contents', keys) }}
left join listed
    on {{ same_keys('reports', 'listed', keys) }}
    and required.standard_table_zh = listed.standard_table_zh
