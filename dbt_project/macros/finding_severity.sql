{#- 由 pipeline/load/dbt_generated.py 依 pipeline/checks/rules.py 生成，请勿手改。
Generated from pipeline/checks/rules.py by pipeline/load/dbt_generated.py; do not edit (python -m pipeline.load.dbt_generated).
  A finding's severity (pipeline.checks.rules.severity): info where the rounding of the printed terms
  explains the difference, else error from 1% of the figure (or a figure of 0), warning below; at most a warning where the report may legitimately differ. -#}
{% macro finding_severity(difference, expected, tolerance, may_be_legitimate='false') %}
    case
        when abs({{ difference }}) <= coalesce({{ tolerance }}, 0) then 'info'
        when {{ may_be_legitimate }} then 'warning'
        when ({{ expected }}) = 0
            or abs({{ difference }}) >= 0.01 * abs({{ expected }}) then 'error'
        else 'warning'
    end
{% endmacro %}
