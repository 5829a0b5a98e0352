{#-
  类 = Σ 款 and 款 = Σ 项 within each table column of fct_line_item (same document, table, panel and measure),
  where the children are printed. Tolerance: 0.01 in the printed unit per summed child (rounding only).
  A report's own inconsistency is flagged, never fixed: severity warn. The Python check
  class_equals_sum_of_subclasses records the same breaks as findings, with both numbers and their cells.

  类 = Σ 款、款 = Σ 项（同一文档、同一表、同一分栏、同一列）；容差为每个相加项 0.01（按原文单位）。
-#}
{% test classification_rows_sum_to_parent(model, column_name) %}
{{ config(severity='warn') }}

with cells as (
    select sha256, table_index, panel, measure, classification_code as code, {{ column_name }} as value_wan,
        case unit_printed when '元' then 0.000001 else 0.01 end as cent_wan
    from {{ model }}
    where classification_code is not null
),

children as (
    select parent.sha256, parent.table_index, parent.panel, parent.measure, parent.code,
        max(parent.value_wan) as parent_value_wan,
        sum(child.value_wan) as children_value_wan,
        count(*) * max(parent.cent_wan) as tolerance_wan
    from cells as parent
    inner join cells as child
        on child.sha256 = parent.sha256
        and child.table_index = parent.table_index
        and child.panel = parent.panel
        and child.measure = parent.measure
        and length(child.code) = length(parent.code) + 2
        and starts_with(child.code, parent.code)
    group by all
)

select *
from children
where abs(parent_value_wan - children_value_wan) > tolerance_wan

{% endtest %}
