-- 由 pipeline/load/dbt_generated.py 依 pipeline/schemas.py 生成，请勿手改。
-- Generated from pipeline/schemas.py by pipeline/load/dbt_generated.py; do not edit (python -m pipeline.load.dbt_generated).
-- stg_disclosures__yoy_statements: 与上年相比的增减陈述 / Year-over-year statements (与上年相比 …)
-- 只做重命名与类型转换 / rename and cast only; no joins, no derived values.
with source as (

    select * from {{ source('disclosures', 'yoy_statements') }}

),

renamed as (

    select
        cast(document_sha256 as VARCHAR) as document_sha256,
        cast(statement_index as INTEGER) as statement_index,
        cast(section as VARCHAR) as section,
        cast(metric_label as VARCHAR) as metric_label,
        cast(direction as VARCHAR) as stated_direction,
        cast(change_sign as TINYINT) as change_sign,
        cast(amount_printed as VARCHAR) as amount_printed,
        cast(change_amount_wan_yuan as DECIMAL(24, 6)) as stated_change_amount_unsigned_wan_yuan,
        cast(pct_printed as VARCHAR) as pct_printed,
        cast(change_pct as DECIMAL(12, 4)) as stated_change_pct_unsigned,
        cast(reason as VARCHAR) as stated_reason,
        cast(reason_printed as VARCHAR) as reason_printed,
        cast(comparison_printed as VARCHAR) as comparison_printed,
        cast(comparison_basis as VARCHAR) as comparison_basis,
        cast(line_no as INTEGER) as line_no,
        cast(page as INTEGER) as page,
        cast(char_start as INTEGER) as char_start,
        cast(char_end as INTEGER) as char_end,
        cast(sentence as VARCHAR) as sentence
    from source

)

select * from renamed
