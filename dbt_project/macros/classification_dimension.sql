{#-
  科目维度：种子（类/款 的标准名称）与报告中印出的编码（含 项）的并集，每个编码一行。
  Classification dimension: the union of a seed (standard 类/款 names) and the codes printed in reports
  (项 included), one row per code. The name is the seed's when the seed has the code, else the name printed
  most often. A printed name that differs from the seed's (brackets' width aside) is flagged, never replaced.

  Arguments: seed (relation with code, class_level, name_zh), seed_code_column, code_system
  ('function' | 'economic'), code_column (the output key column name).
-#}
{% macro classification_dimension(seed, seed_code_column, code_system, code_column) -%}
with seed_names as (

    select cast({{ seed_code_column }} as varchar) as code, name_zh
    from {{ seed }}

),

printed as (

    select classification_code as code, printed_name_zh, printed_name_count, document_count
    from {{ ref('int_classification_names_printed') }}
    where code_system = '{{ code_system }}'

),

codes as (

    select
        coalesce(seed_names.code, printed.code) as code,
        seed_names.name_zh as seed_name_zh,
        printed.printed_name_zh,
        coalesce(printed.printed_name_count, 0) as printed_name_count,
        coalesce(printed.document_count, 0) as document_count
    from seed_names
    full outer join printed
        on seed_names.code = printed.code

)

select
    cast(code as varchar) as {{ code_column }},
    cast(case length(code) when 3 then '类' when 5 then '款' when 7 then '项' end as varchar) as class_level,
    cast(left(code, 3) as varchar) as class_code,
    cast(case when length(code) >= 5 then left(code, 5) end as varchar) as subclass_code,
    cast(case length(code) when 5 then left(code, 3) when 7 then left(code, 5) end as varchar) as parent_code,
    cast(coalesce(seed_name_zh, printed_name_zh) as varchar) as name_zh,
    cast(case when seed_name_zh is not null then 'seed' else 'printed' end as varchar) as name_source,
    cast(seed_name_zh as varchar) as seed_name_zh,
    cast(printed_name_zh as varchar) as printed_name_zh,
    cast(printed_name_count as integer) as printed_name_count,
    cast(document_count as integer) as document_count,
    cast(case
        when seed_name_zh is not null and printed_name_zh is not null then
            replace(replace(seed_name_zh, '(', '（'), ')', '）')
            <> replace(replace(printed_name_zh, '(', '（'), ')', '）')
    end as boolean) as is_printed_name_different
from codes
{%- endmacro %}
