-- dim_function_class: 支出功能分类科目（类/款/项），每个编码一行 / function classification codes, one row per code:
-- 类 and 款 named by the seed function_class_names (2019+ 政府收支分类科目), 项 by the name printed most often.
-- Rebuilt whole each build: a code list, small, named from every report's printing.
{{ config(materialized='table') }}
{{ classification_dimension(ref('function_class_names'), 'function_class_code', 'function', 'function_class_code') }}
