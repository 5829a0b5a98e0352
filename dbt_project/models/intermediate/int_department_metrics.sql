-- int_department_metrics: 部门 × 年度 × 报告种类 × 指标，每行一个，表格数字优先于说明文字 /
-- one row per department, fiscal year, report kind and metric. The value is the table figure when a standard
-- table prints it, else the narrative figure (value_source says which); both are kept with their provenance.
with table_figures as (

    select * from {{ ref('int_table_figures_mapped_to_metrics') }}
    where is_chosen

),

current_documents as (

    select * from {{ ref('int_current_documents') }}

),

narrative_candidates as (

    select
        figures.*,
        current_documents.department_key,
        current_documents.fiscal_year,
        current_documents.report_kind,
        row_number() over (
            partition by current_documents.department_key, current_documents.fiscal_year,
                current_documents.report_kind, figures.metric_code
            order by current_documents.document_preference, figures.figure_index
        ) as preference
    from {{ ref('int_figures_mapped_to_metrics') }} as figures
    inner join current_documents
        on figures.document_sha256 = current_documents.document_sha256
    where figures.is_first_for_metric
        and figures.value_wan_yuan is not null

),

narrative_figures as (

    select * from narrative_candidates where preference = 1

)

select
    coalesce(table_figures.department_key, narrative_figures.department_key) as department_key,
    coalesce(table_figures.fiscal_year, narrative_figures.fiscal_year) as fiscal_year,
    coalesce(table_figures.report_kind, narrative_figures.report_kind) as report_kind,
    coalesce(table_figures.metric_code, narrative_figures.metric_code) as metric_code,
    coalesce(table_figures.value_wan_yuan, narrative_figures.value_wan_yuan) as value_wan_yuan,
    case when table_figures.metric_code is not null then 'table' else 'narrative' end as value_source,
    table_figures.value_wan_yuan as table_value_wan_yuan,
    narrative_figures.value_wan_yuan as narrative_value_wan_yuan,
    table_figures.document_sha256 as table_document_sha256,
    table_figures.table_index,
    table_figures.cell_index,
    table_figures.page as table_page,
    narrative_figures.document_sha256 as narrative_document_sha256,
    narrative_figures.figure_index as narrative_figure_index,
    narrative_figures.line_no as narrative_line_no
from table_figures
full outer join narrative_figures
    on table_figures.department_key = narrative_figures.department_key
    and table_figures.fiscal_year = narrative_figures.fiscal_year
    and table_figures.report_kind = narrative_figures.report_kind
    and table_figures.metric_code = narrative_figures.metric_code
