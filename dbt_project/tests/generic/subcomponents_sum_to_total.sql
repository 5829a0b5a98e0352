{#-
  分项之和等于合计（带容差）。只用于必须成立的恒等式；报告自身的不一致只标记，默认 severity 为 warn。
  Sub-components add up to their total, within a tolerance. Use only where the identity must hold;
  a report's own inconsistency is flagged, never fixed, so the default severity is warn.

  Arguments
    column_name : the total column of the tested model
    group_by    : columns identifying one total (present in the model and in every part)
    parts       : list of {column, model (optional; default the tested model), where (optional)}
    total_where : optional filter on the tested model's rows that carry the total
    tolerance   : allowed absolute difference (default 0.01)
  Only groups present on both sides are compared (a missing part is a parsing gap, not an identity break).
  Returns one row per group whose parts do not add up.
-#}
{% test subcomponents_sum_to_total(model, column_name, group_by, parts, total_where=none, tolerance=0.01) %}
{{ config(severity='warn') }}

{%- set keys = group_by | join(', ') %}

with totals as (
    select {{ keys }}, sum({{ column_name }}) as total_value
    from {{ model }}
    where {{ column_name }} is not null
    {%- if total_where %} and ({{ total_where }}){% endif %}
    group by {{ keys }}
),

part_rows as (
    {%- for part in parts %}
    select {{ keys }}, cast({{ part['column'] }} as decimal(38, 6)) as part_value
    from {{ part.get('model') or model }}
    where {{ part['column'] }} is not null
    {%- if part.get('where') %} and ({{ part['where'] }}){% endif %}
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}
),

parts as (
    select {{ keys }}, sum(part_value) as parts_value, count(*) as n_parts
    from part_rows
    group by {{ keys }}
)

select
    {% for k in group_by %}totals.{{ k }}, {% endfor %}
    totals.total_value,
    parts.parts_value,
    parts.n_parts,
    totals.total_value - parts.parts_value as difference
from totals
inner join parts
    on {% for k in group_by %}totals.{{ k }} = parts.{{ k }}{% if not loop.last %} and {% endif %}{% endfor %}
where abs(totals.total_value - parts.parts_value) > {{ tolerance }}

{% endtest %}
