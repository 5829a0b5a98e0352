{#-
  舍入容差：印出的数代表其最后一位小数半个单位的区间（“41.02”→0.005）；金额按所印单位换算为万元。
  与 pipeline/checks/rounding.py 的同一规则：每个参与计算的印出数贡献半个末位单位。
  What rounding allows a printed number: half a unit of its last printed decimal ("41.02" → 0.005), an amount's
  converted to 万元 from the unit it was printed in. The same rule as pipeline/checks/rounding.py (which checks
  a report against itself): each printed term of a computation adds half a unit. Null printed text (a figure not
  printed, or exact) allows nothing.
-#}
{% macro half_unit_wan_yuan(printed, unit) -%}
    coalesce(
        5.0 * pow(10, -(length(split_part(regexp_replace({{ printed }}, '[,，\s%％]', '', 'g'), '.', 2)) + 1))
        * case {{ unit }} when '元' then 0.0001 when '亿元' then 10000 else 1 end,
        0
    )
{%- endmacro %}
