{#-
  报告所述增减与计算增减不一致（超出舍入误差）的行。报告自身的不一致只标记、不改正，因此默认 severity 为 warn。
  Rows whose stated year-over-year change disagrees with the computed one beyond rounding
  (is_stated_consistent = false). A report's own inconsistency is flagged, never fixed: severity warn.
-#}
{% test stated_vs_computed_within_rounding(model, column_name='is_stated_consistent') %}
{{ config(severity='warn') }}

select *
from {{ model }}
where {{ column_name }} = false

{% endtest %}
