{#-
  通用测试只检查本次构建重建的行：增量事实表的测试只读构建范围内的行（范围外的行在其构建时已检查，未变）。
  A generic test of an incremental mart reads only the rows this build rebuilt (int_build_scope): the rows outside
  it passed when they were built and have not changed since, so a nightly build's tests cost what it rebuilt.
  dbt's documented way to filter what a generic test reads is its `where` config, applied by this macro; overriding
  it here adds the scope. A full build, a not_empty guard (about the whole table) and every other relation are
  tested whole.
-#}
{% macro get_where_subquery(relation) -%}
    {%- set conditions = [] -%}
    {%- if config.get('where') -%}
        {%- do conditions.append(config.get('where')) -%}
    {%- endif -%}
    {%- set scoped = build_scope_of_test(relation) -%}
    {%- if scoped -%}
        {%- do conditions.append(scoped) -%}
    {%- endif -%}
    {%- if conditions -%}
        {%- set filtered -%}
            (select * from {{ relation }} where {{ conditions | join(' and ') }}) dbt_subquery
        {%- endset -%}
        {%- do return(filtered) -%}
    {%- else -%}
        {%- do return(relation) -%}
    {%- endif -%}
{%- endmacro %}

{#- The predicate of the build scope's rows when `relation` is an incremental mart, else none. -#}
{% macro build_scope_of_test(relation) -%}
    {%- if not execute or flags.FULL_REFRESH or (model.test_metadata is defined and model.test_metadata.name == 'not_empty') -%}
        {%- do return(none) -%}
    {%- endif -%}
    {%- set models = graph.nodes.values() | selectattr('resource_type', 'equalto', 'model') | list -%}
    {#- The mart's test runs after the mart, built after int_build_scope: its relation is this build's scope. -#}
    {%- set scope_node = models | selectattr('name', 'equalto', 'int_build_scope') | first -%}
    {%- set scope = api.Relation.create(
        database=scope_node.database, schema=scope_node.schema, identifier=scope_node.alias) -%}
    {%- for node in models
        if node.config.materialized == 'incremental'
        and node.alias | lower == relation.identifier | lower and node.schema | lower == relation.schema | lower -%}
        {%- do return(build_scope_rows(node.columns, scope)) -%}
    {%- endfor -%}
    {%- do return(none) -%}
{%- endmacro %}
