-- 公开完整度评分的权重合计为 100 / the disclosure rubric's weights add up to 100, so that a score is out of 100.
select sum(weight) as total_weight
from {{ ref('disclosure_rubric') }}
having sum(weight) <> 100
