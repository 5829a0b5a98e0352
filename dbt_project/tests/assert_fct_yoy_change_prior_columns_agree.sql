-- 上年数值来源与上年列一致：report 必有上年文档，implied 必无；有来源才有上年数值。
-- prior_source agrees with the prior columns: 'report' has a prior document, 'implied' has none, and a prior
-- value exists exactly when a source does; the change exists only where value and prior both do.
select *
from {{ ref('fct_yoy_change') }}
where (prior_source is null) != (prior_value_wan_yuan is null)
    or (prior_source = 'report') != (prior_document_sha256 is not null)
    or (change_amount_wan_yuan is not null) != (value_wan_yuan is not null and prior_value_wan_yuan is not null)
    or (prior_source = 'implied' and change_amount_wan_yuan != stated_change_amount_wan_yuan)
