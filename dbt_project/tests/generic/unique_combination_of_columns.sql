{#-
  键唯一：给定列的组合在模型中不重复（无 dbt_utils 时的自写版本）。
  Key uniqueness: no two rows share the given combination of columns (own version; no dbt_utils offline).
  Returns one row per duplicated combination.
-#}
{% test unique_combination_of_columns(model, combination_of_columns) %}

select
    {{ combination_of_columns | join(', ') }},
    count(*) as n_rows
from {{ model }}
group by {{ combination_of_columns | join(', ') }}
having count(*) > 1

{% endtest %}
