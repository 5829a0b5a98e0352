-- dim_document: 每个文档一行：已加载的最新版本（state = 'loaded'）、被新版本取代的旧版本（state = 'superseded'）
-- 与被隔离的文件（state = 'quarantined'，附原因）/ one row per document: loaded documents that are the latest
-- version of their report (state 'loaded'), older versions a newer one superseded (state 'superseded', with the
-- sha256 of the newer one), and quarantined files (state 'quarantined', with reason_code and reason) - the union
-- of raw.documents and raw.quarantine. file_present says whether the document's bytes were still in the drop folder
-- at the last run's scan, under any of their paths: a document whose file is gone stays, with all its rows.
with departments as (

    select * from {{ ref('int_departments_resolved') }}
    where {{ in_build_scope('document_sha256') }}

),

documents as (

    select * from {{ ref('stg_disclosures__documents') }}
    where {{ in_build_scope('document_sha256') }}

),

quarantine as (

    select * from {{ ref('stg_disclosures__quarantine') }}
    where {{ in_build_scope('document_sha256') }}

),

file_counts as (

    select
        document_files.document_sha256,
        count(*) as file_path_count,
        max(document_files.file_size_bytes) as file_size_bytes,
        coalesce(bool_or(document_files.is_present), false) as file_present
    from {{ ref('stg_disclosures__document_files') }} as document_files
    where {{ in_build_scope('document_files.document_sha256') }}
    group by document_files.document_sha256

),

loaded as (

    select
        documents.document_sha256,
        case when departments.is_current_version then 'loaded' else 'superseded' end as state,
        departments.department_key,
        department_names.department_name,
        documents.department_name as department_name_printed,
        documents.region_code,
        documents.unit_code,
        documents.fiscal_year,
        documents.report_kind,
        documents.report_scope,
        departments.is_primary_document,
        departments.is_current_version,
        departments.superseded_by_document_sha256,
        departments.first_seen_at,
        documents.first_source_path,
        documents.media_type,
        documents.text_encoding,
        documents.parser_version,
        cast(null as varchar) as reason_code,
        cast(null as varchar) as reason
    from documents
    left join departments
        on documents.document_sha256 = departments.document_sha256
    left join {{ ref('dim_department') }} as department_names
        on departments.department_key = department_names.department_key

),

quarantined as (

    select
        quarantine.document_sha256,
        'quarantined' as state,
        cast(null as varchar) as department_key,
        cast(null as varchar) as department_name,
        cast(null as varchar) as department_name_printed,
        cast(null as varchar) as region_code,
        cast(null as varchar) as unit_code,
        cast(null as integer) as fiscal_year,
        cast(null as varchar) as report_kind,
        cast(null as varchar) as report_scope,
        cast(null as boolean) as is_primary_document,
        cast(null as boolean) as is_current_version,
        cast(null as varchar) as superseded_by_document_sha256,
        cast(null as timestamp) as first_seen_at,
        quarantine.first_source_path,
        cast(null as varchar) as media_type,
        cast(null as varchar) as text_encoding,
        quarantine.parser_version,
        quarantine.reason_code,
        quarantine.reason
    from quarantine

),

unioned as (

    select * from loaded
    union all by name
    select * from quarantined

)

select
    cast(unioned.document_sha256 as varchar) as document_sha256,
    cast(unioned.state as varchar) as state,
    cast(unioned.department_key as varchar) as department_key,
    cast(unioned.department_name as varchar) as department_name,
    cast(unioned.department_name_printed as varchar) as department_name_printed,
    cast(unioned.region_code as varchar) as region_code,
    cast(unioned.unit_code as varchar) as unit_code,
    cast(unioned.fiscal_year as integer) as fiscal_year,
    cast(unioned.report_kind as varchar) as report_kind,
    cast(unioned.report_scope as varchar) as report_scope,
    cast(unioned.is_primary_document as boolean) as is_primary_document,
    cast(unioned.is_current_version as boolean) as is_current_version,
    cast(unioned.superseded_by_document_sha256 as varchar) as superseded_by_document_sha256,
    cast(unioned.first_seen_at as timestamp) as first_seen_at,
    cast(unioned.first_source_path as varchar) as first_source_path,
    -- a file whose bytes were never listed in raw.document_files still has its first path
    cast(coalesce(file_counts.file_path_count, 1) as bigint) as file_path_count,
    cast(file_counts.file_size_bytes as bigint) as file_size_bytes,
    -- bytes no scan listed (rewritten while a run read them) are not in the folder either
    cast(coalesce(file_counts.file_present, false) as boolean) as file_present,
    cast(unioned.media_type as varchar) as media_type,
    cast(unioned.text_encoding as varchar) as text_encoding,
    cast(unioned.parser_version as varchar) as parser_version,
    cast(unioned.reason_code as varchar) as reason_code,
    cast(unioned.reason as varchar) as reason
from unioned
left join file_counts
    on unioned.document_sha256 = file_counts.document_sha256
