{#- 由 pipeline/load/dbt_generated.py 依 seeds/metric_codes.csv 生成，请勿手改。
Generated from seeds/metric_codes.csv by pipeline/load/dbt_generated.py; do not edit (python -m pipeline.load.dbt_generated).
  The metrics of fct_department_year, one column each: the seed's department-grain codes in display order. -#}
{% macro department_metric_codes() %}
{{ return([
    'total_income',
    'current_year_income',
    'fiscal_appropriation_income',
    'general_budget_income',
    'superior_subsidy_income',
    'business_income',
    'operating_income',
    'affiliated_income',
    'other_income',
    'carryover_begin',
    'total_expenditure',
    'current_year_expenditure',
    'basic_expenditure',
    'project_expenditure',
    'carryover_end',
    'fiscal_appropriation_expenditure',
    'general_budget_expenditure',
    'government_fund_expenditure',
    'state_capital_expenditure',
    'basic_expenditure_general_budget',
    'personnel_expenses',
    'public_expenses',
    'three_public_expenses',
    'overseas_travel',
    'official_reception',
    'official_vehicles',
    'vehicle_purchase',
    'vehicle_operation',
    'meeting_expenses',
    'training_expenses',
    'operating_expenses',
    'government_procurement'
]) }}
{% endmacro %}
