{#-
  部门键所用名称：去空白、全角括号转半角、去掉党组织名称前的“中共”、去掉末尾的“本级”，使同一部门各年的写法一致。
  The name a department key is built from: blanks removed, full-width brackets made half-width, the 中共 prefix of
  party organs and a trailing 本级 / (本级) dropped - so 中共江苏省委办公厅 and 江苏省委办公厅, 某局本级 and 某局,
  printed in different years or files, give one key. Renames are the seed department_aliases' job.
-#}
{% macro department_key_name(column) -%}
    regexp_replace(
        regexp_replace(
            replace(replace({{ normalize_department_name(column) }}, '（', '('), '）', ')'),
            '^中共', ''
        ),
        '\(?本级\)?$', ''
    )
{%- endmacro %}
