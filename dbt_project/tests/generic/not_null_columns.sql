{#-
  必填列：所列各列均无空值；一次查询检查一个视图的全部必填列。
  Required columns: none of the listed columns is null. One query checks every required column of a view (views
  carry no constraints): a not_null test per column was a dbt node and a Dagster check per column.
  Returns one row per row with a null, naming the columns it lacks.
-#}
{% test not_null_columns(model, column_names) %}

select
    concat_ws(', '
    {%- for column in column_names %}, case when {{ column }} is null then '{{ column }}' end{% endfor -%}
    ) as null_columns
from {{ model }}
where {% for column in column_names %}{{ column }} is null{% if not loop.last %} or {% endif %}{% endfor %}

{% endtest %}
