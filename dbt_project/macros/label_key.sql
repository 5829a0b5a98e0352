{#-
  标签比对用的规范形式：去空白与引号，全角括号转半角，去掉行首编号（一、 1. （一））。
  The form labels are matched in: blanks and quote marks removed, full-width brackets half-width, a leading
  list number (一、, 1., （一）) dropped - so "一、一般公共预算财政拨款收入" and "一般公共预算财政拨款收入" are one row name.
-#}
{% macro label_key(column) -%}
    regexp_replace(
        replace(replace(regexp_replace(coalesce({{ column }}, ''), '[\s\p{Z}“”"‘’''「」]+', '', 'g'), '（', '('), '）', ')'),
        '^(?:[一二三四五六七八九十]+[、.．]|\([一二三四五六七八九十0-9]+\)[、.．]?|[0-9]+[、.．])',
        ''
    )
{%- endmacro %}


{#-
  说明文字标签的指标主语：去掉末尾表示口径的词（年初预算、预算数、决算、预算支出……），剩下“是什么”的部分。
  The subject of a narrative label: the trailing words that say which figure of it is meant (年初预算, 预算数, 决算,
  预算支出 …) dropped, so that 因公出国（境）费预算支出 and 因公出国（境）费决算 both name 因公出国(境)费. Of
  "…支出预算" and "…支出决算" only the 预算 / 决算 goes: 一般公共预算拨款支出预算 names 一般公共预算拨款支出.
-#}
{% macro narrative_subject(column) -%}
    regexp_replace(
        {{ label_key(column) }},
        '(?:(?:年初|全年|调整后?)预算数?|预算数|决算数|决算|预算支出|预算安排|预算)$',
        ''
    )
{%- endmacro %}


{#-
  说明文字数字的角色：value（本报告的数）、budget（决算所印的年初预算）、adjusted_budget（全年/调整预算）、
  prior（上年或执行数）。
  What a narrative figure is of: value (the report's own figure), budget (a 决算's 年初预算 / 预算数),
  adjusted_budget (全年预算, 调整预算), prior (the prior year's figure or a budget's execution).
-#}
{% macro narrative_role(label, report_kind) -%}
    case
        when regexp_matches({{ label }}, '执行数|上年|上一年|去年') then 'prior'
        when {{ report_kind }} = 'final_account' and regexp_matches({{ label }}, '(?:全年|调整后?)预算数?$')
            then 'adjusted_budget'
        when {{ report_kind }} = 'final_account' and regexp_matches({{ label }}, '(?:年初预算数?|预算数)$')
            then 'budget'
        else 'value'
    end
{%- endmacro %}
