-- int_figures_mapped_to_metrics: 每个说明文字数字一行，附映射到的指标代码 /
-- one row per narrative figure, with the metric code its (section, label) maps to (null when unmapped).
-- When several figures of a document map to one metric, the first (lowest figure_index, amounts before
-- non-amounts) is flagged is_first_for_metric: deterministic, and the one the year-over-year mart uses.
with figures as (

    select * from {{ ref('stg_disclosures__narrative_figures') }}

),

label_map as (

    select section, label, metric_code
    from {{ ref('metric_label_map') }}
    where source_kind = 'figure'

),

mapped as (

    select
        figures.*,
        label_map.metric_code
    from figures
    left join label_map
        on figures.section = label_map.section
        and figures.label = label_map.label

)

select
    mapped.*,
    case
        when mapped.metric_code is not null then row_number() over (
            partition by mapped.document_sha256, mapped.metric_code
            order by (mapped.value_wan_yuan is null), mapped.figure_index
        )
    end as metric_figure_rank,
    coalesce(metric_figure_rank = 1, false) as is_first_for_metric
from mapped
