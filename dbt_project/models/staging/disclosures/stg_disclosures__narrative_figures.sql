-- 由 pipeline/load/dbt_generated.py 依 pipeline/schemas.py 生成，请勿手改。
-- Generated from pipeline/schemas.py by pipeline/load/dbt_generated.py; do not edit (python -m pipeline.load.dbt_generated).
-- stg_disclosures__narrative_figures: 说明文字中陈述的每个数字：金额、数量、得分 / Every figure the narrative states: amounts, counts, scores
-- 只做重命名与类型转换 / rename and cast only; no joins, no derived values.
with source as (

    select * from {{ source('disclosures', 'narrative_figures') }}

),

renamed as (

    select
        cast(document_sha256 as VARCHAR) as document_sha256,
        cast(figure_index as INTEGER) as figure_index,
        cast(section as VARCHAR) as section,
        cast(label as VARCHAR) as label,
        cast(label_printed as VARCHAR) as label_printed,
        cast(value_printed as VARCHAR) as value_printed,
        cast(unit_printed as VARCHAR) as unit_printed,
        cast(value as DECIMAL(24, 6)) as value_in_printed_unit,
        cast(value_wan_yuan as DECIMAL(24, 6)) as value_wan_yuan,
        cast(share_pct as DECIMAL(12, 4)) as share_pct,
        cast(share_base_label as VARCHAR) as share_base_label,
        cast(line_no as INTEGER) as line_no,
        cast(page as INTEGER) as page,
        cast(char_start as INTEGER) as char_start,
        cast(char_end as INTEGER) as char_end,
        cast(sentence as VARCHAR) as sentence
    from source

)

select * from renamed
