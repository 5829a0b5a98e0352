{#-
  表格单元格的坐标 [x0, top, x1, bottom]（PDF 点）；电子表格、Word、HTML 无版面坐标，为空（改用 cell_ref）。
  A table cell's box [x0, top, x1, bottom] in PDF points; null for spreadsheets, Word and HTML, which have no page
  geometry (cell_ref says where the cell is instead).
-#}
{% macro cell_bbox(line_items) -%}
    cast(
        case when {{ line_items }}.bbox_x0 is not null
            then [{{ line_items }}.bbox_x0, {{ line_items }}.bbox_top, {{ line_items }}.bbox_x1, {{ line_items }}.bbox_bottom]
        end as double[]
    )
{%- endmacro %}
