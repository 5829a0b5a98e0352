{#-
  构建范围：增量构建只重建本次变动文档所属部门的行（int_build_scope）。
  The build scope: an incremental build rebuilds the rows of the departments the changed documents belong to
  (int_build_scope); a full build's scope is every document.

  in_build_scope(column, scope_column): a predicate, true when `column` is in int_build_scope's `scope_column`
  (document_sha256 or department_key). Put it where a model first reads document-grained rows, so that what
  follows costs the scope, not the corpus.

  build_scope_rows(columns, scope): the predicate that picks a mart's rows of the scope, from the mart's columns: its
  document's (document_sha256) in the scope's documents, or its department_key in the
  scope's departments. `scope` is int_build_scope's relation where a ref cannot be declared (a test's filter).

  rebuild_build_scope(): every incremental mart's pre-hook (dbt_project.yml). On an incremental build it deletes
  the mart's rows of the scope; the model's select then appends them anew (incremental_strategy append). A full
  build (--full-refresh, or a first one) makes the table.
-#}
{% macro in_build_scope(column, scope_column='document_sha256', scope=none) -%}
{{ column }} in (select {{ scope_column }} from {{ scope or ref('int_build_scope') }})
{%- endmacro %}

{% macro build_scope_rows(columns, scope=none) -%}
    {%- set terms = [] -%}
    {%- if 'document_sha256' in columns -%}
        {%- do terms.append(in_build_scope('document_sha256', scope=scope)) -%}
    {%- endif -%}
    {%- if 'department_key' in columns -%}
        {%- do terms.append(in_build_scope('department_key', 'department_key', scope)) -%}
    {%- endif -%}
    {%- if not terms -%}
        {{ exceptions.raise_compiler_error('no document or department column to scope ' ~ columns | list) }}
    {%- endif -%}
    ({{ terms | join(' or ') }})
{%- endmacro %}

{% macro rebuild_build_scope() -%}
{%- if is_incremental() -%}
delete from {{ this }} where {{ build_scope_rows(model.columns) }}
{%- endif -%}
{%- endmacro %}
