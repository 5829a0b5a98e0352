-- stg_disclosures__statement_tables: 报告中的表格：每张表一行（跨页续表算一张） / Tables of a report: one row per table (a table continued over pages is one).
-- 只做重命名与类型转换 / rename and cast only; no joins, no derived values.
with source as (

    select * from {{ source('disclosures', 'statement_tables') }}

),

renamed as (

    select
        cast(document_sha256 as varchar) as document_sha256,
        cast(table_index as integer) as table_index,
        cast(table_kind as varchar) as table_kind,
        cast(table_title as varchar) as table_title,
        cast(table_number_printed as varchar) as table_number_printed,
        cast(page_first as integer) as page_first,
        cast(page_last as integer) as page_last,
        cast(unit_printed as varchar) as unit_printed,
        cast(is_empty as boolean) as is_empty,
        cast(note as varchar) as note,
        cast(cell_count as integer) as cell_count
    from source

)

select * from renamed
