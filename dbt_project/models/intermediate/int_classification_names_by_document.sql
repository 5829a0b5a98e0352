-- int_classification_names_by_document: 每份文档印出的科目编码与名称，每种组合一行 / each classification code a
-- document prints with each name it prints it under, one row per document, code system, code and name. Kept
-- between builds (incremental: the build scope's documents are deleted and read again), so that the code lists'
-- names (int_classification_names_printed) cost a pass over these rows, not over every printed cell.
{{ config(materialized='incremental', incremental_strategy='append', pre_hook="{{ rebuild_build_scope() }}") }}
select distinct
    document_sha256,
    code_system,
    classification_code,
    item_name
from {{ ref('stg_disclosures__line_items') }}
where classification_code is not null
    and code_system is not null
    and {{ in_build_scope('document_sha256') }}
