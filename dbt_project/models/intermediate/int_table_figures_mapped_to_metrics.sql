-- int_table_figures_mapped_to_metrics: 映射到指标的表格单元格，每个单元格 × 指标一行 /
-- one row per table cell and metric the seed table_metric_rules maps it to: a row without a classification code
-- (a total, or a row of a summary table) of a standard table, matched on table kind, panel, row name and the column
-- header's subject (int_current_table_cells), with what the column is of (value_role: the report's own figure, a
-- 决算's 年初预算, the prior year's). A rule without a metric names a cell that is seen and deliberately mapped to
-- nothing; a cell matching a metric rule ignores those.
-- is_chosen marks the one cell per department, scope, year, report kind, metric and role the marts use: the
-- preferred table (lowest table_priority), then the preferred document, then the first table and cell.
with cells as (

    select * from {{ ref('int_current_table_cells') }}
    where classification_code is null
        and value_role in ('value', 'budget', 'prior')

),

rules as (

    select * from {{ ref('table_metric_rules') }}
    where metric_code is not null

),

mapped as (

    select
        cells.*,
        rules.metric_code,
        min(rules.table_priority) as table_priority
    from cells
    inner join rules
        on cells.table_kind = rules.table_kind
        and (rules.panel is null or cells.panel = rules.panel)
        and regexp_full_match(cells.item_key, coalesce(rules.item_pattern, ''))
        and regexp_full_match(cells.measure_subject, coalesce(rules.measure_pattern, ''))
    group by all

)

select
    mapped.department_key,
    mapped.report_scope,
    mapped.fiscal_year,
    mapped.report_kind,
    mapped.metric_code,
    mapped.value_role,
    mapped.value_wan_yuan,
    mapped.value_printed,
    mapped.unit_printed,
    mapped.document_sha256,
    mapped.table_index,
    mapped.cell_index,
    mapped.page,
    mapped.table_kind,
    mapped.item_name,
    mapped.measure,
    mapped.table_priority,
    row_number() over (
        partition by mapped.department_key, mapped.report_scope, mapped.fiscal_year, mapped.report_kind,
            mapped.metric_code, mapped.value_role
        order by mapped.table_priority, mapped.document_preference, mapped.table_index, mapped.cell_index
    ) = 1 as is_chosen
from mapped
