-- int_table_figures_mapped_to_metrics: 映射到指标的表格单元格，每个一行 /
-- one row per table cell that the seed table_metric_map maps to a metric (a total row of a standard table).
-- is_chosen marks the one cell per department, year, report kind and metric the marts use: the preferred
-- table kind (lowest table_priority), then the preferred document, then the first table and cell.
with cells as (

    select * from {{ ref('int_current_table_cells') }}
    where classification_code is null

),

table_metric_map as (

    select * from {{ ref('table_metric_map') }}

),

mapped as (

    select
        cells.*,
        table_metric_map.metric_code,
        table_metric_map.table_priority
    from cells
    inner join table_metric_map
        on cells.table_kind = table_metric_map.table_kind
        and cells.item_name = coalesce(table_metric_map.item_name, '')
        and cells.measure_of_year = table_metric_map.measure
        and (table_metric_map.panel is null or cells.panel = table_metric_map.panel)

)

select
    mapped.department_key,
    mapped.fiscal_year,
    mapped.report_kind,
    mapped.metric_code,
    mapped.value_wan_yuan,
    mapped.document_sha256,
    mapped.table_index,
    mapped.cell_index,
    mapped.page,
    mapped.table_kind,
    mapped.table_priority,
    row_number() over (
        partition by mapped.department_key, mapped.fiscal_year, mapped.report_kind, mapped.metric_code
        order by mapped.table_priority, mapped.document_preference, mapped.table_index, mapped.cell_index
    ) = 1 as is_chosen
from mapped
