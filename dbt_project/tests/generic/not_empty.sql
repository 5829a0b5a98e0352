{#-
  非空表守卫：模型至少有一行（空模型通常说明上游加载或映射失败）。
  Guard: the model has at least one row (an empty mart usually means loading or mapping broke upstream).
  unless_empty (optional): a relation whose emptiness excuses an empty model, e.g. the staged narrative figures
  of a warehouse nothing has been loaded into yet - the guard then fails only when there was input to map.
-#}
{% test not_empty(model, unless_empty=none) %}

select 'model has no rows / 模型没有数据' as problem
where not exists (select 1 from {{ model }})
{%- if unless_empty %}
    and exists (select 1 from {{ unless_empty }})
{%- endif %}

{% endtest %}
