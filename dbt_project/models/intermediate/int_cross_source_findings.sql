-- int_cross_source_findings: 需要跨来源才能发现的不一致，每条一行，与 raw.findings 同列 /
-- the inconsistencies only the warehouse can see, one row each, in the columns of raw.findings: a narrative figure
-- that differs from the standard table's figure of the same metric (narrative_matches_table: the table's figure is
-- the panel's value, the narrative's is reported, never used), a stated change that the two loaded reports do not
-- give (yoy_stated_vs_reports), and a stated change that implies a negative prior year (yoy_implied_prior_negative:
-- "增加1421.25万元" to a figure of 0). A narrative figure that differs from its table's by what the rounding of the
-- printed terms explains (half a unit of each, macro half_unit_wan_yuan) is listed as info; severities follow the one
-- rule of pipeline/checks/rules.py (macro finding_severity). A narrative figure that is its table's times or divided
-- by 10,000 within that rounding is one slip of unit (万元 written as 元, or the reverse): unit_slip_ten_thousand,
-- whose fixed severity the seed finding_rules gives, instead of narrative_matches_table. A 功能分类 类 or 款 printed
-- under another name than the 科目's of its year is listed once per document and name (classification_name_differs).
{%- set narrative_half = half_unit_wan_yuan('metrics.narrative_value_printed', 'metrics.narrative_unit_printed') %}
{%- set table_half = half_unit_wan_yuan('metrics.value_printed', 'metrics.unit_printed') %}
{%- set computed_change -%}
    case
        when metric_changes.stated_change_amount_wan_yuan is not null then metric_changes.computed_change_wan_yuan
        else 100.0 * metric_changes.computed_change_wan_yuan / nullif(metric_changes.report_prior_value_wan_yuan, 0)
    end
{%- endset %}
with metrics as (

    select * from {{ ref('int_department_metrics') }}

),

metric_changes as (

    select * from {{ ref('int_metric_changes') }}

),

class_changes as (

    select * from {{ ref('int_function_class_changes') }}

),

metric_codes as (

    select * from {{ ref('metric_codes') }}

),

line_items as (

    select * from {{ ref('stg_disclosures__line_items') }}
    where {{ in_build_scope('document_sha256') }}

),

narrative_vs_table as (

    select
        metrics.narrative_document_sha256 as document_sha256,
        case
            when metrics.table_value_wan_yuan <> 0
                and (
                    abs(metrics.narrative_value_wan_yuan / 10000 - metrics.table_value_wan_yuan)
                        <= {{ narrative_half }} / 10000 + {{ table_half }}
                    or abs(metrics.narrative_value_wan_yuan * 10000 - metrics.table_value_wan_yuan)
                        <= {{ narrative_half }} * 10000 + {{ table_half }}
                )
                then 'unit_slip_ten_thousand'
            else 'narrative_matches_table'
        end as check_name,
        '说明 ' || metric_codes.label_zh || ' vs ' || statement_tables.table_title as subject,
        {{ finding_severity(
            'metrics.narrative_value_wan_yuan - metrics.table_value_wan_yuan', 'metrics.table_value_wan_yuan',
            half_unit_wan_yuan('metrics.narrative_value_printed', 'metrics.narrative_unit_printed') ~ ' + '
            ~ half_unit_wan_yuan('metrics.value_printed', 'metrics.unit_printed')
        ) }} as severity,
        '万元' as unit,
        metrics.table_value_wan_yuan as expected_value,
        metrics.narrative_value_wan_yuan as observed_value,
        {{ half_unit_wan_yuan('metrics.narrative_value_printed', 'metrics.narrative_unit_printed') }}
            + {{ half_unit_wan_yuan('metrics.value_printed', 'metrics.unit_printed') }} as tolerance,
        coalesce('p' || metrics.narrative_page || ':', '')
            || 'L' || metrics.narrative_line_no || ':' || metrics.narrative_char_start || '-'
            || metrics.narrative_char_end as observed_location,
        coalesce(
            line_items.cell_ref,
            'p' || line_items.page || ':' || line_items.bbox_x0 || ',' || line_items.bbox_top || ','
                || line_items.bbox_x1 || ',' || line_items.bbox_bottom
        ) as expected_location,
        '说明文字的' || metric_codes.label_zh || '印为' || metrics.narrative_value_printed
            || metrics.narrative_unit_printed || '，标准表格印为' || metrics.value_printed || metrics.unit_printed
            || '；面板取表格数。 The narrative states ' || metrics.narrative_value_printed
            || metrics.narrative_unit_printed || ' where the standard table prints ' || metrics.value_printed
            || metrics.unit_printed || '; the panel takes the table''s figure.' as message
    from metrics
    inner join metric_codes
        on metrics.metric_code = metric_codes.metric_code
    left join line_items
        on metrics.document_sha256 = line_items.document_sha256
        and metrics.table_index = line_items.table_index
        and metrics.cell_index = line_items.cell_index
    left join {{ ref('stg_disclosures__statement_tables') }} as statement_tables
        on metrics.document_sha256 = statement_tables.document_sha256
        and metrics.table_index = statement_tables.table_index
    where metrics.table_value_wan_yuan is not null
        and metrics.narrative_value_wan_yuan is not null
        -- A narrative figure that is the table's rounded to the narrative's printed decimals says the same; any
        -- other difference is listed, a rounding one included (severity info).
        and abs(metrics.table_value_wan_yuan - metrics.narrative_value_wan_yuan)
            > {{ half_unit_wan_yuan('metrics.narrative_value_printed', 'metrics.narrative_unit_printed') }}

),

stated_vs_reports as (

    select
        metric_changes.statement_document_sha256 as document_sha256,
        'yoy_stated_vs_reports' as check_name,
        '与上年相比：' || metric_codes.label_zh as subject,
        -- A stated amount is weighed against the two reports' difference; a stated percent alone against theirs.
        {{ finding_severity(
            'coalesce(metric_changes.stated_change_amount_wan_yuan, metric_changes.stated_change_pct) - '
            ~ computed_change, computed_change,
            'case when metric_changes.stated_change_amount_wan_yuan is not null then metric_changes.amount_tolerance end'
        ) }} as severity,
        case when metric_changes.stated_change_amount_wan_yuan is null then '%' else '万元' end as unit,
        {{ computed_change }} as expected_value,
        coalesce(metric_changes.stated_change_amount_wan_yuan, metric_changes.stated_change_pct) as observed_value,
        case when metric_changes.stated_change_amount_wan_yuan is not null then metric_changes.amount_tolerance end
            as tolerance,
        coalesce('p' || metric_changes.statement_page || ':', '') || 'L' || metric_changes.statement_line_no || ':'
            || metric_changes.statement_char_start || '-' || metric_changes.statement_char_end as observed_location,
        'p' || coalesce(metric_changes.value_page::varchar, '?') || '; prior p'
            || coalesce(metric_changes.prior_page::varchar, '?') as expected_location,
        metric_codes.label_zh || '：报告称与上年相比变动'
            || coalesce(metric_changes.stated_amount_printed || '万元', '')
            || coalesce(' ' || metric_changes.stated_pct_printed || '%', '')
            || '，两年报告之差为' || metric_changes.computed_change_wan_yuan::decimal(24, 2) || '万元（本年 '
            || metric_changes.value_wan_yuan::decimal(24, 2) || '，上年 '
            || metric_changes.report_prior_value_wan_yuan::decimal(24, 2) || '）。'
            || ' The stated change does not follow from this report and the prior year''s ('
            || metric_changes.value_wan_yuan::decimal(24, 2) || ' against '
            || metric_changes.report_prior_value_wan_yuan::decimal(24, 2) || ').' as message
    from metric_changes
    inner join metric_codes
        on metric_changes.metric_code = metric_codes.metric_code
    where metric_changes.prior_source = 'report'
        and metric_changes.is_stated_consistent = false

),

implied_negative as (

    select
        metric_changes.statement_document_sha256 as document_sha256,
        'yoy_implied_prior_negative' as check_name,
        '与上年相比：' || metric_codes.label_zh as subject,
        {{ finding_severity('metric_changes.implied_prior_value_wan_yuan', '0', 'metric_changes.amount_tolerance') }}
            as severity,
        '万元' as unit,
        cast(0 as decimal(24, 6)) as expected_value,
        metric_changes.implied_prior_value_wan_yuan as observed_value,
        metric_changes.amount_tolerance as tolerance,
        coalesce('p' || metric_changes.statement_page || ':', '') || 'L' || metric_changes.statement_line_no || ':'
            || metric_changes.statement_char_start || '-' || metric_changes.statement_char_end as observed_location,
        'p' || coalesce(metric_changes.value_page::varchar, '?') as expected_location,
        metric_codes.label_zh || '为' || coalesce(metric_changes.narrative_value_printed, metric_changes.value_printed)
            || '万元，报告称比上年' || coalesce(metric_changes.stated_direction, '变动')
            || metric_changes.stated_amount_printed || '万元，则上年应为'
            || metric_changes.implied_prior_value_wan_yuan::decimal(24, 2) || '万元（负数，方向或金额有误）。'
            || ' The stated change implies a negative prior year ('
            || metric_changes.implied_prior_value_wan_yuan::decimal(24, 2)
            || '): its direction or its amount is wrong.' as message
    from metric_changes
    inner join metric_codes
        on metric_changes.metric_code = metric_codes.metric_code
    where metric_changes.implied_prior_value_wan_yuan < 0
        and metric_changes.statement_document_sha256 is not null

),

class_stated_vs_reports as (

    select
        class_changes.statement_document_sha256 as document_sha256,
        'yoy_stated_vs_reports' as check_name,
        '与上年相比：' || class_changes.function_class_code || ' ' || class_changes.function_class_name_zh as subject,
        {{ finding_severity(
            'class_changes.stated_change_amount_wan_yuan - (class_changes.value_wan_yuan - '
            ~ 'class_changes.report_prior_value_wan_yuan)',
            'class_changes.value_wan_yuan - class_changes.report_prior_value_wan_yuan', 'null'
        ) }} as severity,
        '万元' as unit,
        class_changes.value_wan_yuan - class_changes.report_prior_value_wan_yuan as expected_value,
        class_changes.stated_change_amount_wan_yuan as observed_value,
        cast(null as double) as tolerance,
        coalesce('p' || class_changes.statement_page || ':', '') || 'L' || class_changes.statement_line_no
            as observed_location,
        'p' || coalesce(class_changes.value_page::varchar, '?') || '; prior p'
            || coalesce(class_changes.prior_page::varchar, '?') as expected_location,
        class_changes.function_class_name_zh || '：报告称与上年相比变动' || class_changes.stated_change_amount_wan_yuan
            || '万元，两年报告之差为'
            || (class_changes.value_wan_yuan - class_changes.report_prior_value_wan_yuan)::decimal(24, 2) || '万元。'
            || ' The stated change of the class does not follow from this report and the prior year''s.' as message
    from class_changes
    where class_changes.is_stated_consistent = false

),

function_names as (

    -- The width of brackets is typesetting, not a name: （室） and (室) are one name.
    select
        function_class_code,
        replace(replace(name_zh, '(', '（'), ')', '）') as name_zh,
        cast(null as integer) as last_fiscal_year
    from {{ ref('function_class_names') }}
    union all
    select
        function_class_code,
        replace(replace(name_zh, '(', '（'), ')', '）') as name_zh,
        last_fiscal_year
    from {{ ref('function_class_former_names') }}

),

names_printed as (

    select
        line_items.document_sha256,
        documents.fiscal_year,
        line_items.classification_code,
        line_items.item_name,
        min(line_items.page) as page,
        list_sort(list_distinct(list(line_items.page))) as pages
    from line_items
    inner join {{ ref('int_current_documents') }} as documents
        on line_items.document_sha256 = documents.document_sha256
    where line_items.code_system = 'function'
        and length(line_items.classification_code) in (3, 5)
        and coalesce(line_items.item_name, '') <> ''
    group by all

),

class_name_differs as (

    select
        names_printed.document_sha256,
        'classification_name_differs' as check_name,
        '科目名称：' || names_printed.classification_code || ' ' || names_printed.item_name as subject,
        cast(null as varchar) as severity,
        cast(null as varchar) as unit,
        cast(null as decimal(24, 6)) as expected_value,
        cast(null as decimal(24, 6)) as observed_value,
        cast(null as double) as tolerance,
        'p' || names_printed.page || ':' || names_printed.classification_code as observed_location,
        cast(null as varchar) as expected_location,
        '功能分类科目 ' || names_printed.classification_code || ' 印为“' || names_printed.item_name || '”，'
            || names_printed.fiscal_year || '年科目名称为“' || current_names.name_zh || '”（印于第 '
            || array_to_string(names_printed.pages, '、') || ' 页）。 The function class '
            || names_printed.classification_code || ' is printed as "' || names_printed.item_name
            || '"; its name in the ' || names_printed.fiscal_year || ' 科目 is "' || current_names.name_zh
            || '" (pages ' || array_to_string(names_printed.pages, ', ') || ').' as message
    from names_printed
    inner join function_names as current_names
        on names_printed.classification_code = current_names.function_class_code
        and current_names.last_fiscal_year is null
    where not exists (
        select 1
        from function_names
        where function_names.function_class_code = names_printed.classification_code
            and function_names.name_zh = replace(replace(names_printed.item_name, '(', '（'), ')', '）')
            and names_printed.fiscal_year <= coalesce(function_names.last_fiscal_year, names_printed.fiscal_year)
    )

),

unioned as (

    select * from narrative_vs_table
    union all
    select * from stated_vs_reports
    union all
    select * from implied_negative
    union all
    select * from class_stated_vs_reports
    union all
    select * from class_name_differs

)

select
    cast(unioned.document_sha256 as varchar) as document_sha256,
    cast(unioned.check_name as varchar) as check_name,
    cast(subject as varchar) as subject,
    cast(coalesce(nullif(rules.severity, 'by difference'), unioned.severity) as varchar) as severity,
    cast(unioned.unit as varchar) as unit,
    cast(expected_value as decimal(24, 6)) as expected_value,
    cast(observed_value as decimal(24, 6)) as observed_value,
    cast(observed_value - expected_value as decimal(24, 6)) as difference,
    cast(tolerance as decimal(24, 6)) as tolerance,
    cast(observed_location as varchar) as observed_location,
    cast(expected_location as varchar) as expected_location,
    cast(message as varchar) as message
from unioned
inner join {{ ref('finding_rules') }} as rules
    on unioned.check_name = rules.check_name
where unioned.document_sha256 is not null
