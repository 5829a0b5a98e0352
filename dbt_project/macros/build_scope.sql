{#-
  构建范围：增量构建只重建本次变动文档所属部门的行（int_build_scope）。
  The build scope: an incremental build rebuilds the rows of the departments the changed documents belong to
  (int_build_scope); a full build's scope is every document.

  in_build_scope(column, scope_column): a predicate, true when `column` is in int_build_scope's `scope_column`
  (document_sha256 or department_key). Put it where a model first reads document-grained rows, so that what
  follows costs the scope, not the corpus.

  rebuild_build_scope(document_column, department_column): the pre-hook of an incremental mart. On an
  incremental build it deletes the mart's rows of the scope's documents or departments; the model's select then
  appends them anew (incremental_strategy append). A full build (--full-refresh, or a first one) makes the table.
-#}
{% macro in_build_scope(column, scope_column='document_sha256') -%}
{{ column }} in (select {{ scope_column }} from {{ ref('int_build_scope') }})
{%- endmacro %}

{% macro rebuild_build_scope(document_column=none, department_column='department_key') -%}
{%- if is_incremental() -%}
delete from {{ this }} where
    {%- if document_column %} {{ in_build_scope(document_column) }}{% endif %}
    {%- if document_column and department_column %} or{% endif %}
    {%- if department_column %} {{ in_build_scope(department_column, 'department_key') }}{% endif %}
{%- endif -%}
{%- endmacro %}
