-- int_departments_resolved: 每份文档一行，附部门键 / one row per document with its department key.
-- department_key = region_code (or 'unknown') || '-' || department name with every blank removed.
-- A fuller dim_department (aliases, renamed departments) comes later; this key is deliberately simple.
with documents as (

    select * from {{ ref('stg_disclosures__documents') }}

),

narrative_sizes as (

    select document_sha256, count(*) as narrative_figure_count
    from {{ ref('stg_disclosures__narrative_figures') }}
    group by document_sha256

),

resolved as (

    select
        documents.document_sha256,
        documents.department_name,
        {{ normalize_department_name('documents.department_name') }} as department_name_normalized,
        documents.region_code,
        coalesce(nullif(trim(documents.region_code), ''), 'unknown')
            || '-'
            || {{ normalize_department_name('documents.department_name') }} as department_key,
        documents.unit_code,
        documents.fiscal_year,
        documents.report_kind,
        documents.parser_version,
        documents.first_source_path,
        coalesce(narrative_sizes.narrative_figure_count, 0) as narrative_figure_count
    from documents
    left join narrative_sizes
        on documents.document_sha256 = narrative_sizes.document_sha256

),

ranked as (

    select
        resolved.*,
        -- Several documents of one department, year and kind: a report published as two files (narrative +
        -- tables), or re-published. The one with the narrative is primary (the year-over-year grain reads
        -- narrative figures), then the first by source path; the marts' YoY grain uses only primary documents.
        row_number() over (
            partition by resolved.department_key, resolved.fiscal_year, resolved.report_kind
            order by (resolved.narrative_figure_count > 0) desc, resolved.first_source_path, resolved.document_sha256
        ) as document_rank_in_period
    from resolved

)

select
    ranked.*,
    ranked.document_rank_in_period = 1 as is_primary_document
from ranked
