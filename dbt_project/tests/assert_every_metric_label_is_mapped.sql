-- 每个应映射到指标的行名与说明文字标签都有规则（映射到指标或明确不映射）；否则以警告列出，使新写法被看见而不是静默为空。
-- Every label of a metric-bearing row has a rule (to a metric, or deliberately to none); the ones that do not are
-- listed as a warning, so that a new printed variant is seen rather than silently left out of the panel.
{{ config(severity='warn') }}

select * from {{ ref('int_unmapped_metric_labels') }}
