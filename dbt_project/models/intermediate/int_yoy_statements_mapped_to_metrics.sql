-- int_yoy_statements_mapped_to_metrics: 每条与上年相比的陈述 × 其映射到的指标一行，附带符号的变动 /
-- one row per year-over-year statement and each metric its subject maps to (seed narrative_metric_rules, as for
-- figures; one row with a null metric when none does), with the signed stated change.
-- Signed change = change_sign * unsigned amount; a stated amount of 0 is a signed 0 even when the
-- direction is a template placeholder (减少（增加）); any other amount without a direction stays null.
-- When several statements of a document map to one metric, the first (lowest statement_index) is flagged.
with statements as (

    select * from {{ ref('stg_disclosures__yoy_statements') }}
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

mapped as (

    select distinct
        statements.*,
        rules.metric_code,
        cast(case
            when statements.change_sign is not null
                then statements.change_sign * statements.stated_change_amount_unsigned_wan_yuan
            when statements.stated_change_amount_unsigned_wan_yuan = 0 then 0
        end as decimal(24, 6)) as stated_change_amount_wan_yuan,
        cast(case
            when statements.change_sign is not null
                then statements.change_sign * statements.stated_change_pct_unsigned
            when statements.stated_change_pct_unsigned = 0 then 0
        end as decimal(12, 4)) as stated_change_pct
    from statements
    inner join documents
        on statements.document_sha256 = documents.document_sha256
    left join rules
        on regexp_full_match(statements.section, rules.section_pattern)
        and (rules.report_kind is null or rules.report_kind = documents.report_kind)
        and regexp_full_match({{ narrative_subject('statements.metric_label') }}, rules.subject_pattern)

)

select
    mapped.*,
    case
        when mapped.metric_code is not null then row_number() over (
            partition by mapped.document_sha256, mapped.metric_code
            order by mapped.statement_index
        )
    end as metric_statement_rank,
    coalesce(metric_statement_rank = 1, false) as is_first_for_metric
from mapped
