-- stg_disclosures__line_items: 表格中每个印出的数字单元格一行（空白单元格不算，0.00 算） / One row per numeric cell printed in a table (a blank cell is not a row; 0.00 is).
-- 只做重命名与类型转换 / rename and cast only; no joins, no derived values.
with source as (

    select * from {{ source('disclosures', 'line_items') }}

),

renamed as (

    select
        cast(document_sha256 as varchar) as document_sha256,
        cast(table_index as integer) as table_index,
        cast(cell_index as integer) as cell_index,
        cast(page as integer) as page,
        cast(bbox_x0 as double) as bbox_x0,
        cast(bbox_top as double) as bbox_top,
        cast(bbox_x1 as double) as bbox_x1,
        cast(bbox_bottom as double) as bbox_bottom,
        cast(cell_ref as varchar) as cell_ref,
        cast(row_index as integer) as row_index,
        cast(column_index as integer) as column_index,
        cast(panel as tinyint) as panel,
        cast(classification_code as varchar) as classification_code,
        cast(code_system as varchar) as code_system,
        cast(item_name as varchar) as item_name,
        cast(measure as varchar) as measure,
        cast(value_printed as varchar) as value_printed,
        cast(unit_printed as varchar) as unit_printed,
        cast(value_wan_yuan as decimal(24,6)) as value_wan_yuan
    from source

)

select * from renamed
