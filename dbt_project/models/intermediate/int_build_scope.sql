-- int_build_scope: 本次构建重建的文档及其部门键 / the documents this build rebuilds, each with its department key.
-- An incremental build rebuilds whole departments: every document of each department a changed document
-- (source pipeline.changed_documents, written by the loader with the rows that changed) belongs to now or
-- belonged to at the last build (main.dim_document, read as it stands before this build: not a ref, which would
-- make a cycle). A department's series, versions and year-over-year changes are computed within it, so rebuilding
-- its documents rebuilds everything they touch. A changed document with no department (quarantined) is in scope on
-- its own. A full build (--full-refresh, or the first) takes every document, quarantined ones included.
{%- set built = adapter.get_relation(database=this.database, schema='main', identifier='dim_document') %}
with departments as (

    select document_sha256, department_key from {{ ref('int_departments_resolved') }}

),

{% if flags.FULL_REFRESH or built is none -%}

scope as (

    select document_sha256, department_key from departments
    union
    select document_sha256, null from {{ ref('stg_disclosures__quarantine') }}

)

{%- else -%}

changed as (

    select document_sha256 from {{ source('pipeline', 'changed_documents') }}

),

changed_keys as (

    select changed.document_sha256, departments.department_key
    from changed
    left join departments
        on changed.document_sha256 = departments.document_sha256
    union
    select built.document_sha256, built.department_key
    from {{ built }} as built
    inner join changed
        on built.document_sha256 = changed.document_sha256

),

scope as (

    select departments.document_sha256, departments.department_key
    from departments
    where departments.department_key in (select department_key from changed_keys)
    union
    select document_sha256, department_key from changed_keys

)

{%- endif %}

select distinct
    cast(document_sha256 as varchar) as document_sha256,
    cast(department_key as varchar) as department_key
from scope
