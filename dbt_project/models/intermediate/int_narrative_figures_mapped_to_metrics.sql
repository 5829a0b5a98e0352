-- int_narrative_figures_mapped_to_metrics: 每个说明文字数字 × 其映射到的指标一行（未映射的数字一行，指标为空） /
-- one row per narrative figure and each metric the seed narrative_metric_rules maps it to (one row with a null
-- metric when none does). A rule matches the figure's section and the subject of its label (macro
-- narrative_subject: 因公出国（境）费预算支出 → 因公出国(境)费); figure_role says what the figure is of (macro
-- narrative_role): the report's own value, a 决算's 年初预算, or a prior year's figure. A figure may name two metrics
-- ("收入支出总计" is both totals).
-- is_first_for_metric: the first figure of a document per metric and role (lowest figure_index, amounts first - an
-- amount printed beyond range, with no value in any unit, among them), the one the marts use: deterministic.
with figures as (

    select * from {{ ref('stg_disclosures__narrative_figures') }}
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

described as (

    select
        figures.*,
        documents.report_kind,
        {{ narrative_subject('figures.label') }} as label_subject,
        {{ narrative_role('figures.label', 'documents.report_kind') }} as figure_role
    from figures
    inner join documents
        on figures.document_sha256 = documents.document_sha256

),

mapped as (

    select distinct
        described.*,
        rules.metric_code
    from described
    left join rules
        on regexp_full_match(described.section, rules.section_pattern)
        and (rules.report_kind is null or rules.report_kind = described.report_kind)
        and regexp_full_match(described.label_subject, rules.subject_pattern)

)

select
    mapped.*,
    case
        when mapped.metric_code is not null then row_number() over (
            partition by mapped.document_sha256, mapped.metric_code, mapped.figure_role
            order by (mapped.value_wan_yuan is null and mapped.value_in_printed_unit is not null), mapped.figure_index
        )
    end as metric_figure_rank,
    coalesce(metric_figure_rank = 1, false) as is_first_for_metric
from mapped
