-- fct_narrative_figure: 说明文字中的每个数字一行，附指标代码（可映射时）、文档与部门列、出处 /
-- one row per figure the narrative states, with its metric code where mapped (the first in the panel's order
-- when it names two, as 收入支出总计 does) and what the figure is of, document and department columns, and
-- provenance (line, page, character span, sentence).
with figures as (

    select mapped.*
    from {{ ref('int_narrative_figures_mapped_to_metrics') }} as mapped
    left join {{ ref('metric_codes') }} as metric_codes
        on mapped.metric_code = metric_codes.metric_code
    qualify row_number() over (
        partition by mapped.document_sha256, mapped.figure_index order by metric_codes.display_order nulls last
    ) = 1

),

departments as (

    -- The latest version of each report only; older versions are listed in fct_document_revision_change.
    select * from {{ ref('int_departments_resolved') }}
    where is_current_version
        and {{ in_build_scope('document_sha256') }}

)

select
    cast(figures.document_sha256 as varchar) as document_sha256,
    cast(figures.figure_index as integer) as figure_index,
    cast(departments.department_key as varchar) as department_key,
    cast(department_names.department_name as varchar) as department_name,
    cast(department_names.region_code as varchar) as region_code,
    cast(departments.fiscal_year as integer) as fiscal_year,
    cast(departments.report_kind as varchar) as report_kind,
    cast(departments.report_scope as varchar) as report_scope,
    cast(figures.section as varchar) as section,
    cast(figures.label as varchar) as label,
    cast(figures.label_printed as varchar) as label_printed,
    cast(figures.metric_code as varchar) as metric_code,
    cast(figures.figure_role as varchar) as figure_role,
    cast(figures.is_first_for_metric as boolean) as is_first_for_metric,
    cast(figures.value_printed as varchar) as value_printed,
    cast(figures.unit_printed as varchar) as unit_printed,
    cast(figures.value_in_printed_unit as decimal(24, 6)) as value_in_printed_unit,
    cast(figures.value_wan_yuan as decimal(24, 6)) as value_wan_yuan,
    cast(figures.share_pct as decimal(12, 4)) as share_pct,
    cast(figures.share_base_label as varchar) as share_base_label,
    cast(figures.line_no as integer) as line_no,
    cast(figures.page as integer) as page,
    cast(figures.char_start as integer) as char_start,
    cast(figures.char_end as integer) as char_end,
    cast(figures.sentence as varchar) as sentence
from figures
join departments
    on figures.document_sha256 = departments.document_sha256
inner join {{ ref('dim_department') }} as department_names
    on departments.department_key = department_names.department_key
