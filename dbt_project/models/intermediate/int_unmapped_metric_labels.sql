-- int_unmapped_metric_labels: 应映射到指标却未映射的行名与说明文字标签 / the labels of metric-bearing rows that map to
-- nothing, so that a new printed variant is seen rather than silently left out of the panel.
-- A table cell is metric-bearing when it is a row of a standard table without a classification code that is
-- no function class (a total, or a row of a summary table) and no rule of table_metric_rules - with or without a
-- metric - names it. A narrative amount is metric-bearing when its section is one whose metrics the panel carries
-- and its label names a total or a 三公 item in the words the rules use, and no rule of narrative_metric_rules -
-- with or without a metric - names it. One row per distinct label, with how often and where it was seen first.
with cells as (

    select * from {{ ref('int_current_table_cells') }}
    where classification_code is null
        and value_role in ('value', 'budget')
        and table_kind in (select table_kind from {{ ref('table_metric_rules') }})
        -- the procurement table lists what is bought; only its total bears a metric
        and (table_kind <> 'budget_government_procurement' or regexp_full_match(item_key, '(?:合计|总计)(?:/.*)?'))

),

class_names as (

    select distinct {{ label_key('name_zh') }} as item_key
    from {{ ref('function_class_names') }}
    where class_level = '类'

),

table_gaps as (

    select
        'table' as source_kind,
        cells.table_kind as context,
        cells.item_key || ' | ' || cells.measure_subject as label,
        cells.document_sha256,
        cells.page
    from cells
    left join {{ ref('table_metric_rules') }} as rules
        on cells.table_kind = rules.table_kind
        and (rules.panel is null or cells.panel = rules.panel)
        and regexp_full_match(cells.item_key, coalesce(rules.item_pattern, ''))
        and regexp_full_match(cells.measure_subject, coalesce(rules.measure_pattern, ''))
    where rules.table_kind is null
        and cells.item_key not in (select item_key from class_names)
        -- a function class under a name of another year (医疗卫生与计划生育支出): a 支出 that is no kind of spending
        and not (regexp_full_match(cells.item_key, '.+支出') and not regexp_matches(cells.item_key, '基本|项目|合计|总计|小计'))

),

narrative_gaps as (

    select
        'narrative' as source_kind,
        figures.section as context,
        figures.label,
        figures.document_sha256,
        figures.page
    from {{ ref('int_narrative_figures_mapped_to_metrics') }} as figures
    left join {{ ref('narrative_metric_rules') }} as rules
        on regexp_full_match(figures.section, rules.section_pattern)
        and (rules.report_kind is null or rules.report_kind = figures.report_kind)
        and regexp_full_match(figures.label_subject, rules.subject_pattern)
    where figures.metric_code is null
        and rules.subject_pattern is null
        and figures.value_wan_yuan is not null
        and figures.figure_role = 'value'
        and figures.section in ('收入', '支出', '三公', '机关运行经费', '政府采购', '一般公共预算', '基本支出')
        and regexp_matches(
            {{ label_key('figures.label') }},
            '(?:收入|支出)(?:预算)?(?:总计|合计)|三公|因公出国|公务接待|公务用车|机关运行经费|政府采购(?:支出)?(?:预算)?(?:总额|总金额)'
        )

),

gaps as (

    select * from table_gaps
    union all
    select * from narrative_gaps

)

select
    cast(source_kind as varchar) as source_kind,
    cast(context as varchar) as context,
    cast(label as varchar) as label,
    cast(count(*) as integer) as occurrence_count,
    cast(arg_min(document_sha256, [document_sha256]) as varchar) as first_document_sha256,
    cast(arg_min(page, [document_sha256]) as integer) as first_page
from gaps
group by all
