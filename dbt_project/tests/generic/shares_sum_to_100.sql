{#-
  占比之和为 100（舍入误差内）：每组的百分比之和与 100 之差不超过每行 0.5 个末位单位。
  Shares add up to 100 within rounding: per group, |Σ share - 100| <= half a unit of the last decimal per row
  (each share is rounded once, half away from zero). Groups whose shares are all null (a zero base) are skipped.

  Arguments: column_name (the percent column), group_by (columns of one whole), row_filter (optional),
  scale (decimals the shares keep; default 2).
-#}
{% test shares_sum_to_100(model, column_name, group_by, row_filter=none, scale=2) %}

{%- set keys = group_by | join(', ') %}

select {{ keys }}, sum({{ column_name }}) as share_sum, count({{ column_name }}) as n_shares
from {{ model }}
where {{ column_name }} is not null
{%- if row_filter %} and ({{ row_filter }}){% endif %}
group by {{ keys }}
having abs(sum({{ column_name }}) - 100) > count({{ column_name }}) * 0.5 * power(10, -{{ scale }})

{% endtest %}
