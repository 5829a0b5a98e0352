{#-
  表下注释是否说明此表无数据（“故本表无数据”“本表为空表”“本部门无该项目”）/ whether a table's note says the table has no
  data ("故本表无数据", "本表为空表", "本部门无该项目"): an empty table with such a note states its figures nil; one without
  says nothing, and is a finding (empty_table_without_note) unless the narrative states them.
-#}
{% macro says_no_data(note) -%}
    regexp_matches(coalesce({{ note }}, ''), '无|没有|空表|为空')
{%- endmacro %}
