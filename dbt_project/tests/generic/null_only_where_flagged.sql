{#-
  空值仅见于已标记之处：该列为空的每一行，都有一条 amount_out_of_range 发现指向它的位置（所印数字超出仓库可存的范围：
  数值留空，原文照录）。
  A null only where a finding flags it: every row whose column is null has an amount_out_of_range finding at its
  location (a number printed beyond what the warehouse holds: no value, its text kept as printed). A null nothing
  explains is a failure: a required value lost without a word.

  Arguments: column_name; location, the SQL of the row's location as the parser writes it (rows are
  `checked_rows`). The model names its document document_sha256, as every model does.
-#}
{% test null_only_where_flagged(model, column_name, location) %}

select *
from (select * from {{ model }}) as checked_rows
where checked_rows.{{ column_name }} is null
    and not exists (
        select 1
        from {{ ref('stg_disclosures__findings') }} as findings
        where findings.check_name = 'amount_out_of_range'
            and findings.document_sha256 = checked_rows.document_sha256
            and findings.observed_location = {{ location }}
    )

{% endtest %}
