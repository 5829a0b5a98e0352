-- 上年数值来源与上年列一致：report 取上年报告的数，implied 取所述变动推出的数；有来源才有上年数值，有本年与上年才有变动。
-- prior_source agrees with the prior columns: 'report' takes the prior report's value, 'implied' the one the stated
-- change implies; a prior value exists exactly when a source does, and a change exactly when value and prior do.
select *
from {{ ref('fct_yoy_change') }}
where (prior_source is null) != (prior_value_wan_yuan is null)
    or (prior_source = 'report') != (report_prior_value_wan_yuan is not null)
    or (prior_source = 'report' and prior_value_wan_yuan != report_prior_value_wan_yuan)
    or (prior_source = 'implied' and prior_value_wan_yuan != implied_prior_value_wan_yuan)
    or (change_amount_wan_yuan is not null) != (value_wan_yuan is not null and prior_value_wan_yuan is not null)
