{#-
  行级断言：每一行都满足给定的 SQL 布尔表达式。
  Row assertion: every row satisfies the given SQL boolean expression; the rows that do not are the failures.
-#}
{% test expression_is_true(model, expression) %}

select *
from {{ model }}
where not coalesce(({{ expression }}), false)

{% endtest %}
