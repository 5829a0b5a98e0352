-- fct_disclosure_completeness: 每份报告（部门 × 范围 × 年度 × 种类）的公开完整度与 0–100 得分 /
-- one row per report (department_key x report_scope x fiscal_year x report_kind): which of its kind's standard
-- tables it prints (seed required_tables) and which required narrative sections it heads (seed required_sections), how far its classifications go down (功能分类 to 项, 经济分类 to 款), whether
-- it discloses the 三公 parts, performance, 机关运行经费, 政府采购 and 国有资产, and a score weighted by the seed
-- disclosure_rubric. A report in two files (narrative and tables) is one row: what either file discloses counts.
{%- set keys = report_keys() %}
{%- set rubric = ref('disclosure_rubric') %}
with documents as (

    select * from {{ ref('dim_document') }}
    where state = 'loaded'
        and is_current_version
        and {{ in_build_scope('department_key', 'department_key') }}

),

reports as (

    select
        {{ keys | join(', ') }},
        min(department_name) as department_name,
        min(region_code) as region_code,
        count(*) as document_count
    from documents
    group by {{ keys | join(', ') }}

),

standard_tables as (

    select
        {{ keys | join(', ') }},
        count(*) as standard_tables_required,
        count(*) filter (where is_printed) as standard_tables_present,
        list_sort(list(standard_table_zh) filter (where not is_printed)) as standard_tables_missing
    from {{ ref('int_report_standard_tables') }}
    group by {{ keys | join(', ') }}

),

sections_headed as (

    -- A report whose files are all tables (its narrative published apart, not loaded) has no sections to count.
    select
        {{ keys | join(', ') }},
        count(*) as narrative_sections_required,
        count(*) filter (where has_heading) as narrative_sections_present,
        list_sort(list(section_zh) filter (where not has_heading)) as narrative_sections_missing,
        bool_or(has_narrative) as has_narrative
    from {{ ref('int_report_sections') }}
    group by {{ keys | join(', ') }}

),

code_depth as (

    -- 功能分类 codes are 3 (类), 5 (款) or 7 (项) digits; 经济分类 codes 3 (类) or 5 (款).
    select
        {% for key in keys %}documents.{{ key }}, {% endfor %}
        max(length(line_items.classification_code)) filter (where line_items.code_system = 'function')
            as function_code_digits,
        max(length(line_items.classification_code)) filter (where line_items.code_system = 'economic')
            as economic_code_digits
    from {{ ref('fct_line_item') }} as line_items
    inner join documents
        on line_items.document_sha256 = documents.document_sha256
    group by {% for key in keys %}documents.{{ key }}{% if not loop.last %}, {% endif %}{% endfor %}

),

metrics as (

    select
        {{ keys | join(', ') }},
        count(distinct metric_code) filter (
            where metric_code in ('overseas_travel', 'official_reception', 'official_vehicles')
                and disclosure_status <> 'not_disclosed'
        ) as three_public_parts_disclosed,
        bool_or(metric_code = 'operating_expenses' and disclosure_status <> 'not_disclosed')
            as operating_expenses_disclosed,
        bool_or(metric_code = 'government_procurement' and disclosure_status <> 'not_disclosed')
            as government_procurement_disclosed
    from {{ ref('fct_department_metric') }}
    where {{ in_build_scope('department_key', 'department_key') }}
    group by {{ keys | join(', ') }}

),

narrative_sections as (

    select
        {{ keys | join(', ') }},
        bool_or(section = '绩效') as performance_in_narrative,
        bool_or(section = '国有资产') as state_assets_disclosed
    from {{ ref('fct_narrative_figure') }}
    where {{ in_build_scope('department_key', 'department_key') }}
    group by {{ keys | join(', ') }}

),

performance_tables as (

    select distinct {{ keys | join(', ') }}
    from {{ ref('fct_performance_summary') }}
    where {{ in_build_scope('department_key', 'department_key') }}

),

items as (

    select
        reports.*,
        standard_tables.standard_tables_required,
        standard_tables.standard_tables_present,
        standard_tables.standard_tables_missing,
        sections_headed.narrative_sections_required,
        case when sections_headed.has_narrative then sections_headed.narrative_sections_present end
            as narrative_sections_present,
        case when sections_headed.has_narrative then sections_headed.narrative_sections_missing end
            as narrative_sections_missing,
        case
            when code_depth.function_code_digits >= 7 then '项'
            when code_depth.function_code_digits >= 5 then '款'
            when code_depth.function_code_digits >= 3 then '类'
        end as function_class_depth,
        case
            when code_depth.economic_code_digits >= 5 then '款'
            when code_depth.economic_code_digits >= 3 then '类'
        end as economic_class_depth,
        coalesce(metrics.three_public_parts_disclosed, 0) as three_public_parts_disclosed,
        performance_tables.department_key is not null
            or coalesce(narrative_sections.performance_in_narrative, false) as performance_disclosed,
        coalesce(metrics.operating_expenses_disclosed, false) as operating_expenses_disclosed,
        coalesce(metrics.government_procurement_disclosed, false) as government_procurement_disclosed,
        coalesce(narrative_sections.state_assets_disclosed, false) as state_assets_disclosed
    from reports
    left join standard_tables
        on {{ same_keys('reports', 'standard_tables', keys) }}
    left join sections_headed
        on {{ same_keys('reports', 'sections_headed', keys) }}
    left join code_depth
        on {{ same_keys('reports', 'code_depth', keys) }}
    left join metrics
        on {{ same_keys('reports', 'metrics', keys) }}
    left join narrative_sections
        on {{ same_keys('reports', 'narrative_sections', keys) }}
    left join performance_tables
        on {{ same_keys('reports', 'performance_tables', keys) }}

),

weights as (

    select
        max(weight) filter (where item = 'standard_tables') as standard_tables,
        max(weight) filter (where item = 'function_class_detail') as function_class_detail,
        max(weight) filter (where item = 'economic_class_detail') as economic_class_detail,
        max(weight) filter (where item = 'three_public_split') as three_public_split,
        max(weight) filter (where item = 'performance') as performance,
        max(weight) filter (where item = 'operating_expenses') as operating_expenses,
        max(weight) filter (where item = 'government_procurement') as government_procurement,
        max(weight) filter (where item = 'state_assets') as state_assets
    from {{ rubric }}

)

select
    cast(items.department_key as varchar) as department_key,
    cast(items.department_name as varchar) as department_name,
    cast(items.region_code as varchar) as region_code,
    cast(items.report_scope as varchar) as report_scope,
    cast(items.fiscal_year as integer) as fiscal_year,
    cast(items.report_kind as varchar) as report_kind,
    cast(items.document_count as integer) as document_count,
    cast(items.standard_tables_required as integer) as standard_tables_required,
    cast(coalesce(items.standard_tables_present, 0) as integer) as standard_tables_present,
    cast(items.standard_tables_missing as varchar[]) as standard_tables_missing,
    cast(items.narrative_sections_required as integer) as narrative_sections_required,
    cast(items.narrative_sections_present as integer) as narrative_sections_present,
    cast(items.narrative_sections_missing as varchar[]) as narrative_sections_missing,
    cast(items.function_class_depth as varchar) as function_class_depth,
    cast(items.economic_class_depth as varchar) as economic_class_depth,
    cast(items.three_public_parts_disclosed as integer) as three_public_parts_disclosed,
    cast(items.performance_disclosed as boolean) as performance_disclosed,
    cast(items.operating_expenses_disclosed as boolean) as operating_expenses_disclosed,
    cast(items.government_procurement_disclosed as boolean) as government_procurement_disclosed,
    cast(items.state_assets_disclosed as boolean) as state_assets_disclosed,
    cast(round(
        weights.standard_tables * coalesce(items.standard_tables_present, 0) / items.standard_tables_required
        + weights.function_class_detail
            * case items.function_class_depth when '项' then 1 when '款' then 0.5 else 0 end
        + weights.economic_class_detail
            * case items.economic_class_depth when '款' then 1 when '类' then 0.5 else 0 end
        + weights.three_public_split * items.three_public_parts_disclosed / 3
        + weights.performance * cast(items.performance_disclosed as integer)
        + weights.operating_expenses * cast(items.operating_expenses_disclosed as integer)
        + weights.government_procurement * cast(items.government_procurement_disclosed as integer)
        + weights.state_assets * cast(items.state_assets_disclosed as integer),
        2
    ) as decimal(5, 2)) as completeness_score
from items
cross join weights
