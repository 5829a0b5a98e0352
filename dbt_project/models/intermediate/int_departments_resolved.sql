-- int_departments_resolved: 每份文档一行，附部门键与版本状态 / one row per document with its department key and version.
-- department_key = region_code (or 'unknown') || '-' || the department's name under the key-name rules
-- (macro department_key_name), mapped to its canonical name when the seed department_aliases lists it as a
-- former name: one key per department across years, renames included.
--
-- Versions: the documents of one department, year, kind and part (a report may be two files, narrative and
-- tables: the part is 'narrative' when the file states narrative figures, else 'tables') are versions of one
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

named as (

    select
        documents.*,
        {{ department_key_name('documents.department_name') }} as department_name_normalized,
        coalesce(narrative_sizes.narrative_figure_count, 0) as narrative_figure_count,
        first_seen.first_seen_at
    from documents
    left join narrative_sizes
        on documents.document_sha256 = narrative_sizes.document_sha256
    left join first_seen
        on documents.document_sha256 = first_seen.document_sha256

),

resolved as (

    select
        named.document_sha256,
        named.department_name,
        named.department_name_normalized,
        coalesce({{ department_key_name('aliases.canonical_name') }}, named.department_name_normalized)
            as department_name_canonical,
        named.region_code,
        coalesce(nullif(trim(named.region_code), ''), 'unknown')
            || '-'
            || coalesce({{ department_key_name('aliases.canonical_name') }}, named.department_name_normalized)
            as department_key,
        named.unit_code,
        named.fiscal_year,
        named.report_kind,
        case when named.narrative_figure_count > 0 then 'narrative' else 'tables' end as report_part,
        named.parser_version,
        named.first_source_path,
        named.narrative_figure_count,
        named.first_seen_at
    from named
    left join aliases
        on named.region_code = aliases.region_code
        and named.department_name_normalized = {{ department_key_name('aliases.alias_name') }}

),

versioned as (

    select
        resolved.*,
        row_number() over (
            partition by resolved.department_key, resolved.fiscal_year, resolved.report_kind, resolved.report_part
            order by resolved.first_seen_at desc nulls last, resolved.document_sha256 desc
        ) as version_rank,
        count(*) over (
            partition by resolved.department_key, resolved.fiscal_year, resolved.report_kind, resolved.report_part
        ) as version_count,
        -- The next newer version: what this one is compared with in fct_document_revision_change.
        lag(resolved.document_sha256) over (
            partition by resolved.department_key, resolved.fiscal_year, resolved.report_kind, resolved.report_part
            order by resolved.first_seen_at desc nulls last, resolved.document_sha256 desc
        ) as superseded_by_sha256
    from resolved

),

ranked as (

    select
        versioned.*,
        versioned.version_rank = 1 as is_current_version,
        -- Of the current versions of one department, year and kind (a narrative and a tables file), the one
        -- with the narrative is primary (the year-over-year grain reads narrative figures), then the first by
        -- source path. Superseded versions rank after every current one, so a primary document is current.
        row_number() over (
            partition by versioned.department_key, versioned.fiscal_year, versioned.report_kind
            order by
                versioned.version_rank = 1 desc,
                (versioned.narrative_figure_count > 0) desc,
                versioned.first_source_path,
                versioned.document_sha256
        ) as document_rank_in_period
    from versioned

)

select
    ranked.*,
    ranked.document_rank_in_period = 1 as is_primary_document
from ranked
