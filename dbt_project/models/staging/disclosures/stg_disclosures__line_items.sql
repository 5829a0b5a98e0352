-- 由 pipeline/load/dbt_generated.py 依 pipeline/schemas.py 生成，请勿手改。
-- Generated from pipeline/schemas.py by pipeline/load/dbt_generated.py; do not edit (python -m pipeline.load.dbt_generated).
-- stg_disclosures__line_items: 表格中每个印出的数字单元格一行（空白单元格不算，0.00 算） / One row per numeric cell printed in a table (a blank cell is not a row; 0.00 is)
-- 只做重命名与类型转换 / rename and cast only; no joins, no derived values.
with source as (

    select * from {{ source('disclosures', 'line_items') }}

),

renamed as (

    select
        cast(document_sha256 as VARCHAR) as document_sha256,
        cast(table_index as INTEGER) as table_index,
        cast(cell_index as INTEGER) as cell_index,
        cast(page as INTEGER) as page,
        cast(bbox_x0 as DOUBLE) as bbox_x0,
        cast(bbox_top as DOUBLE) as bbox_top,
        cast(bbox_x1 as DOUBLE) as bbox_x1,
        cast(bbox_bottom as DOUBLE) as bbox_bottom,
        cast(cell_ref as VARCHAR) as cell_ref,
        cast(row_index as INTEGER) as row_index,
        cast(column_index as INTEGER) as column_index,
        cast(panel as TINYINT) as panel,
        cast(classification_code as VARCHAR) as classification_code,
        cast(code_system as VARCHAR) as code_system,
        cast(item_name as VARCHAR) as item_name,
        cast(measure as VARCHAR) as measure,
        cast(value_printed as VARCHAR) as value_printed,
        cast(unit_printed as VARCHAR) as unit_printed,
        cast(value_wan_yuan as DECIMAL(24, 6)) as value_wan_yuan
    from source

)

select * from renamed
