-- int_nil_statements_mapped_to_metrics: 说明文字声明为无的指标，每份文档 × 指标一行 /
-- one row per document and metric its narrative declares nil ("无“三公”经费财政拨款支出"): the statement's subject
-- mapped by the seed narrative_metric_rules as a figure's label is, and a nil total carried to its parts
-- (metric_codes.parent_metric_code: no 三公 means no overseas travel, reception or vehicles). The first statement
-- per metric is kept.
with statements as (

    select * from {{ ref('stg_disclosures__nil_statements') }}
    where {{ in_build_scope('document_sha256') }}

),

documents as (

    select document_sha256, report_kind from {{ ref('stg_disclosures__documents') }}
    where {{ in_build_scope('document_sha256') }}

),

rules as (

    select * from {{ ref('narrative_metric_rules') }}
    where metric_code is not null

),

metric_codes as (

    select * from {{ ref('metric_codes') }}

),

named as (

    select distinct
        statements.document_sha256,
        statements.statement_index,
        statements.page,
        statements.line_no,
        statements.char_start,
        statements.char_end,
        rules.metric_code
    from statements
    inner join documents
        on statements.document_sha256 = documents.document_sha256
    inner join rules
        on regexp_full_match(statements.section, rules.section_pattern)
        and (rules.report_kind is null or rules.report_kind = documents.report_kind)
        and regexp_full_match({{ narrative_subject('statements.subject') }}, rules.subject_pattern)

),

with_parts as (

    select * from named
    union all
    select named.* exclude (metric_code), parts.metric_code
    from named
    inner join metric_codes as parts
        on parts.parent_metric_code = named.metric_code
    union all
    select named.* exclude (metric_code), grandparts.metric_code
    from named
    inner join metric_codes as parts
        on parts.parent_metric_code = named.metric_code
    inner join metric_codes as grandparts
        on grandparts.parent_metric_code = parts.metric_code

)

select
    document_sha256,
    metric_code,
    arg_min(statement_index, statement_index) as statement_index,
    arg_min(page, statement_index) as page,
    arg_min(line_no, statement_index) as line_no,
    arg_min(char_start, statement_index) as char_start,
    arg_min(char_end, statement_index) as char_end
from with_parts
group by document_sha256, metric_code
