-- int_departments_resolved: 每份文档一行，附部门键与版本状态 / one row per document with its department key and version.
-- department_key = region_code (or 'unknown') || '-' || the department's normalised name (raw.documents'
-- department_name_normalized: 中国共产党X委员会Y, 中共X委Y and X委Y are one name), mapped to its canonical name
-- when the seed department_aliases lists it as a former name: one key per department across years, renames
-- included.
--
-- Scope: a 部门 report (the department consolidated with its units) and a 单位 report (the unit alone) of one
-- department and year are two reports, never versions of each other.
-- Versions: the documents of one department, year, kind, scope and part (a report may be two files, narrative
-- and tables: the part is 'narrative' when the file states narrative figures, else 'tables') are versions of one
-- report. The latest is the one first seen last - by the earliest modification time of the files carrying its
-- bytes - ties broken by the larger sha256, so a re-run over the same files decides the same way.
with documents as (

    select * from {{ ref('stg_disclosures__documents') }}

),

aliases as (

    select * from {{ ref('department_aliases') }}

),

narrative_sizes as (

    select document_sha256, count(*) as narrative_figure_count
    from {{ ref('stg_disclosures__narrative_figures') }}
    group by document_sha256

),

first_seen as (

    select document_sha256, min(file_modified_at) as first_seen_at
    from {{ ref('stg_disclosures__document_files') }}
    group by document_sha256

),

resolved as (

    select
        documents.document_sha256,
        documents.department_name,
        documents.department_name_normalized,
        coalesce(aliases.canonical_name, documents.department_name_normalized) as department_name_canonical,
        documents.region_code,
        coalesce(nullif(trim(documents.region_code), ''), 'unknown')
            || '-'
            || coalesce(aliases.canonical_name, documents.department_name_normalized) as department_key,
        documents.unit_code,
        documents.fiscal_year,
        documents.report_kind,
        documents.report_scope,
        case when coalesce(narrative_sizes.narrative_figure_count, 0) > 0 then 'narrative' else 'tables' end
            as report_part,
        documents.parser_version,
        documents.first_source_path,
        coalesce(narrative_sizes.narrative_figure_count, 0) as narrative_figure_count,
        first_seen.first_seen_at
    from documents
    left join narrative_sizes
        on documents.document_sha256 = narrative_sizes.document_sha256
    left join first_seen
        on documents.document_sha256 = first_seen.document_sha256
    left join aliases
        on documents.region_code = aliases.region_code
        and documents.department_name_normalized = aliases.alias_name

),

versioned as (

    select
        resolved.*,
        row_number() over versions as version_rank,
        count(*) over (
            partition by department_key, fiscal_year, report_kind, report_scope, report_part
        ) as version_count,
        -- The next newer version: what this one is compared with in fct_document_revision_change.
        lag(resolved.document_sha256) over versions as superseded_by_document_sha256
    from resolved
    window versions as (
        partition by department_key, fiscal_year, report_kind, report_scope, report_part
        order by first_seen_at desc nulls last, document_sha256 desc
    )

),

ranked as (

    select
        versioned.*,
        versioned.version_rank = 1 as is_current_version,
        -- Of the current versions of one department, year, kind and scope (a narrative and a tables file), the
        -- one with the narrative is primary, then the first by source path. Superseded versions rank after
        -- every current one, so a primary document is current.
        row_number() over (
            partition by department_key, fiscal_year, report_kind, report_scope
            order by
                version_rank = 1 desc,
                narrative_figure_count > 0 desc,
                first_source_path,
                document_sha256
        ) as document_rank_in_period
    from versioned

)

select
    ranked.*,
    ranked.document_rank_in_period = 1 as is_primary_document
from ranked
