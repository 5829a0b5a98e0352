-- stg_disclosures__narrative_figures: 每个说明文字数字一行 / one row per narrative figure.
-- 只做重命名与类型转换 / rename and cast only; no joins, no derived values.
with source as (

    select * from {{ source('disclosures', 'narrative_figures') }}

),

renamed as (

    select
        cast(document_sha256 as varchar) as document_sha256,
        cast(figure_index as integer) as figure_index,
        cast(section as varchar) as section,
        cast(label as varchar) as label,
        cast(label_printed as varchar) as label_printed,
        cast(value_printed as varchar) as value_printed,
        cast(unit_printed as varchar) as unit_printed,
        cast(value as decimal(24,6)) as value_in_printed_unit,
        cast(value_wan_yuan as decimal(24,6)) as value_wan_yuan,
        cast(share_pct as decimal(12,4)) as share_pct,
        cast(share_base_label as varchar) as share_base_label,
        cast(line_no as integer) as line_no,
        cast(page as integer) as page,
        cast(char_start as integer) as char_start,
        cast(char_end as integer) as char_end,
        cast(sentence as varchar) as sentence
    from source

)

select * from renamed
