-- fct_document_revision_change: 报告重新发布时逐个数字列出变化 / what changed, figure by figure, between a
-- version of a report and the next newer one (see int_departments_resolved for what a version is).
-- Narrative figures are matched by section, label, unit and their order among figures sharing those; table cells
-- by table kind, classification code, item name, measure and their order among cells sharing those. A figure in
-- one version only is 'added' or 'removed'; one whose value differs is 'changed'; equal figures are no row.
with versions as (

    select
        document_sha256 as old_document_sha256,
        superseded_by_document_sha256 as new_document_sha256,
        department_key,
        fiscal_year,
        report_kind,
        report_scope
    from {{ ref('int_departments_resolved') }}
    where superseded_by_document_sha256 is not null
        and {{ in_build_scope('document_sha256') }}

),

narrative as (

    select
        document_sha256,
        coalesce(section, '') as part_1,
        '' as part_2,
        label as subject,
        unit_printed as measure,
        row_number() over (
            partition by document_sha256, section, label, unit_printed order by figure_index
        ) as occurrence,
        value_in_printed_unit as value,
        value_printed,
        unit_printed
    from {{ ref('stg_disclosures__narrative_figures') }}
    where {{ in_build_scope('document_sha256') }}

),

cells as (

    select
        line_items.document_sha256,
        statement_tables.table_kind as part_1,
        coalesce(line_items.classification_code, '') as part_2,
        line_items.item_name as subject,
        line_items.measure,
        row_number() over (
            partition by line_items.document_sha256, statement_tables.table_kind,
                line_items.classification_code, line_items.item_name, line_items.measure
            order by line_items.table_index, line_items.cell_index
        ) as occurrence,
        line_items.value_wan_yuan as value,
        line_items.value_printed,
        '万元' as unit_printed
    from {{ ref('stg_disclosures__line_items') }} as line_items
    join {{ ref('stg_disclosures__statement_tables') }} as statement_tables
        on line_items.document_sha256 = statement_tables.document_sha256
        and line_items.table_index = statement_tables.table_index
    where {{ in_build_scope('line_items.document_sha256') }}

),

figures as (

    select 'narrative_figure' as figure_source, * from narrative
    union all
    select 'line_item' as figure_source, * from cells

),

old_side as (

    select versions.*, figures.*
    from versions
    join figures
        on figures.document_sha256 = versions.old_document_sha256

),

new_side as (

    select versions.*, figures.*
    from versions
    join figures
        on figures.document_sha256 = versions.new_document_sha256

),

compared as (

    select
        coalesce(old_side.old_document_sha256, new_side.old_document_sha256) as old_document_sha256,
        coalesce(old_side.new_document_sha256, new_side.new_document_sha256) as new_document_sha256,
        coalesce(old_side.department_key, new_side.department_key) as department_key,
        coalesce(old_side.fiscal_year, new_side.fiscal_year) as fiscal_year,
        coalesce(old_side.report_kind, new_side.report_kind) as report_kind,
        coalesce(old_side.report_scope, new_side.report_scope) as report_scope,
        coalesce(old_side.figure_source, new_side.figure_source) as figure_source,
        coalesce(old_side.part_1, new_side.part_1) as part_1,
        coalesce(old_side.part_2, new_side.part_2) as part_2,
        coalesce(old_side.subject, new_side.subject) as subject,
        coalesce(old_side.measure, new_side.measure) as measure,
        coalesce(old_side.occurrence, new_side.occurrence) as occurrence,
        coalesce(old_side.unit_printed, new_side.unit_printed) as unit_printed,
        old_side.value as old_value,
        new_side.value as new_value,
        old_side.value_printed as old_value_printed,
        new_side.value_printed as new_value_printed,
        case
            when old_side.document_sha256 is null then 'added'
            when new_side.document_sha256 is null then 'removed'
            else 'changed'
        end as change_kind
    from old_side
    full outer join new_side
        on old_side.old_document_sha256 = new_side.old_document_sha256
        and old_side.figure_source = new_side.figure_source
        and old_side.part_1 = new_side.part_1
        and old_side.part_2 = new_side.part_2
        and old_side.subject = new_side.subject
        and old_side.measure = new_side.measure
        and old_side.occurrence = new_side.occurrence
    where old_side.value is distinct from new_side.value

)

select
    cast(old_document_sha256 as varchar) as old_document_sha256,
    cast(new_document_sha256 as varchar) as new_document_sha256,
    cast(department_key as varchar) as department_key,
    cast(fiscal_year as integer) as fiscal_year,
    cast(report_kind as varchar) as report_kind,
    cast(report_scope as varchar) as report_scope,
    cast(figure_source as varchar) as figure_source,
    cast(case when figure_source = 'narrative_figure' then nullif(part_1, '') end as varchar) as section,
    cast(case when figure_source = 'line_item' then part_1 end as varchar) as table_kind,
    cast(case when figure_source = 'line_item' then nullif(part_2, '') end as varchar) as classification_code,
    cast(subject as varchar) as item_name,
    cast(case when figure_source = 'line_item' then measure end as varchar) as measure,
    cast(occurrence as integer) as occurrence,
    cast(unit_printed as varchar) as unit,
    cast(old_value as decimal(24, 6)) as old_value,
    cast(new_value as decimal(24, 6)) as new_value,
    cast(new_value - old_value as decimal(24, 6)) as difference,
    cast(old_value_printed as varchar) as old_value_printed,
    cast(new_value_printed as varchar) as new_value_printed,
    cast(change_kind as varchar) as change_kind
from compared
