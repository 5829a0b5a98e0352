-- fct_department_metric: 部门 × 范围 × 年度 × 报告种类 × 指标的面板（长表），每个组合一行 /
-- the department panel in long form. Grain: one row per department_key x report_scope x fiscal_year x report_kind x
-- metric_code, for every report loaded and every panel metric of the seed metric_codes - a metric the report says
-- nothing of is a row too, with disclosure_status 'not_disclosed' and a null value.
-- The value is the standard table's figure where a table prints it, else the narrative's (value_source); 0 where
-- the report prints 0 (printed_zero) or states there is none (stated_zero: an empty table with its note, a
-- sentence such as 无“三公”经费支出); null only where it discloses nothing. Where the value is read from (document,
-- page, cell box or cell reference, or line and character span) and the other source's figure are kept beside it.
-- budget_wan_yuan is a 决算's own 年初预算 printed for the metric (a table's 预算数 column, a sentence 年初预算为…).
with reports as (

    select distinct department_key, report_scope, fiscal_year, report_kind
    from {{ ref('int_current_documents') }}

),

metric_codes as (

    select * from {{ ref('metric_codes') }}
    where grain = 'department'

),

metrics as (

    select * from {{ ref('int_department_metrics') }}

),

line_items as (

    select * from {{ ref('stg_disclosures__line_items') }}
    where {{ in_build_scope('document_sha256') }}

),

departments as (

    select * from {{ ref('dim_department') }}

),

grid as (

    select reports.*, metric_codes.metric_code, metric_codes.label_zh, metric_codes.label_en,
        metric_codes.display_order
    from reports
    cross join metric_codes

)

select
    cast(grid.department_key as varchar) as department_key,
    cast(departments.department_name as varchar) as department_name,
    cast(departments.region_code as varchar) as region_code,
    cast(grid.report_scope as varchar) as report_scope,
    cast(grid.fiscal_year as integer) as fiscal_year,
    cast(grid.report_kind as varchar) as report_kind,
    cast(grid.metric_code as varchar) as metric_code,
    cast(grid.label_zh as varchar) as metric_label_zh,
    cast(grid.label_en as varchar) as metric_label_en,
    cast(metrics.value_wan_yuan as decimal(24, 6)) as value_wan_yuan,
    cast(coalesce(metrics.disclosure_status, 'not_disclosed') as varchar) as disclosure_status,
    cast(metrics.value_source as varchar) as value_source,
    cast(metrics.value_printed as varchar) as value_printed,
    cast(metrics.unit_printed as varchar) as unit_printed,
    cast(metrics.document_sha256 as varchar) as document_sha256,
    cast(metrics.page as integer) as page,
    {{ cell_bbox('line_items') }} as bbox,
    cast(line_items.cell_ref as varchar) as cell_ref,
    cast(metrics.line_no as integer) as line_no,
    cast(metrics.char_start as integer) as char_start,
    cast(metrics.char_end as integer) as char_end,
    cast(metrics.table_kind as varchar) as table_kind,
    cast(metrics.table_value_wan_yuan as decimal(24, 6)) as table_value_wan_yuan,
    cast(metrics.narrative_value_wan_yuan as decimal(24, 6)) as narrative_value_wan_yuan,
    cast(metrics.narrative_page as integer) as narrative_page,
    cast(metrics.budget_wan_yuan as decimal(24, 6)) as budget_wan_yuan,
    cast(metrics.budget_source as varchar) as budget_source,
    cast(metrics.budget_page as integer) as budget_page,
    cast(metrics.printed_prior_wan_yuan as decimal(24, 6)) as printed_prior_wan_yuan
from grid
inner join departments
    on grid.department_key = departments.department_key
left join metrics
    on {{ same_keys('grid', 'metrics', metric_keys()) }}
left join line_items
    on metrics.document_sha256 = line_items.document_sha256
    and metrics.table_index = line_items.table_index
    and metrics.cell_index = line_items.cell_index
order by grid.department_key, grid.report_scope, grid.fiscal_year, grid.report_kind, grid.display_order
