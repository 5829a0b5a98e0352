{#-
  两个关系在给定键列上相等的连接条件。
  The join condition of two relations equal on the given key columns: the department facts join their CTEs on the
  same four or five keys many times over.
-#}
{% macro same_keys(left, right, keys) -%}
    {%- for key in keys %}{{ left }}.{{ key }} = {{ right }}.{{ key }}{% if not loop.last %}
        and {% endif %}{% endfor -%}
{%- endmacro %}


{#- 面板的一行：部门、范围、年度 / a row of the wide panel: department, scope, year. -#}
{% macro department_year_keys() -%}
    {{ return(['department_key', 'report_scope', 'fiscal_year']) }}
{%- endmacro %}


{#- 一份报告：部门、范围、年度、种类 / one report: department, scope, year, kind. -#}
{% macro report_keys() -%}
    {{ return(department_year_keys() + ['report_kind']) }}
{%- endmacro %}


{#- 一份报告的一个指标 / one metric of one report. -#}
{% macro metric_keys() -%}
    {{ return(report_keys() + ['metric_code']) }}
{%- endmacro %}
