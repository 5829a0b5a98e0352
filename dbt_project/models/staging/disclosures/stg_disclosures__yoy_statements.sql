-- stg_disclosures__yoy_statements: 每条与上年相比的增减陈述一行 / one row per year-over-year statement.
-- 只做重命名与类型转换 / rename and cast only; no joins, no derived values.
with source as (

    select * from {{ source('disclosures', 'yoy_statements') }}

),

renamed as (

    select
        cast(document_sha256 as varchar) as document_sha256,
        cast(statement_index as integer) as statement_index,
        cast(section as varchar) as section,
        cast(metric_label as varchar) as metric_label,
        cast(direction as varchar) as stated_direction,
        cast(change_sign as tinyint) as change_sign,
        cast(amount_printed as varchar) as amount_printed,
        cast(change_amount_wan_yuan as decimal(24,6)) as stated_change_amount_unsigned_wan_yuan,
        cast(pct_printed as varchar) as pct_printed,
        cast(change_pct as decimal(12,4)) as stated_change_pct_unsigned,
        cast(reason as varchar) as stated_reason,
        cast(reason_printed as varchar) as reason_printed,
        cast(comparison_printed as varchar) as comparison_printed,
        cast(comparison_basis as varchar) as comparison_basis,
        cast(line_no as integer) as line_no,
        cast(page as integer) as page,
        cast(char_start as integer) as char_start,
        cast(char_end as integer) as char_end,
        cast(sentence as varchar) as sentence
    from source

)

select * from renamed
