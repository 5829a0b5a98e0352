{#-
  印出的数的披露状态：超出仓库可存范围而为空时为 printed_out_of_range（fct_finding 的 amount_out_of_range 说明），
  为 0 时为 printed_zero，否则为 printed。
  The disclosure status of a printed figure: printed_out_of_range where its value is null because the number is
  beyond what the warehouse holds (amount_out_of_range in fct_finding says so), printed_zero for 0, else printed.
-#}
{% macro printed_status(value) -%}
    case when {{ value }} is null then 'printed_out_of_range' when {{ value }} = 0 then 'printed_zero' else 'printed' end
{%- endmacro %}
