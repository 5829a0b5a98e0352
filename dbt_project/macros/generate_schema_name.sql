{#-
  生成 schema 名：直接使用自定义 schema 名（staging / intermediate / seeds / main），不加目标 schema 前缀。
  Uses the custom schema name as-is (staging / intermediate / seeds / main) instead of dbt's
  default "<target_schema>_<custom>" so researchers query marts unqualified in `main`.
-#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
