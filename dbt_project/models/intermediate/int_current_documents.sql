-- int_current_documents: 供部门事实表使用的文档，每份一行 / the documents feeding the department marts, one row each.
-- The single place that decides which documents count: the current version of each report part (an older
-- version of a re-published report is superseded and feeds no department mart).
-- Several documents may remain per department, year, kind and scope (a report published as a narrative file and
-- a tables file): document_preference orders them (primary first) so each figure is read from one document.
with departments as (

    select * from {{ ref('int_departments_resolved') }}
    where {{ in_build_scope('document_sha256') }}

)

select
    departments.document_sha256,
    departments.department_key,
    departments.department_name,
    departments.region_code,
    departments.fiscal_year,
    departments.report_kind,
    departments.report_scope,
    departments.report_part,
    departments.is_primary_document,
    row_number() over (
        partition by departments.department_key, departments.fiscal_year, departments.report_kind,
            departments.report_scope
        order by departments.is_primary_document desc, departments.document_sha256
    ) as document_preference
from departments
where departments.is_current_version
    and departments.department_key is not null
    and departments.fiscal_year is not null
    and departments.report_kind in ('budget', 'final_account')
