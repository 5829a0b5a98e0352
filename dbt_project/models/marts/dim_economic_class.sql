-- dim_economic_class: 支出经济分类科目（类/款），每个编码一行 / economic classification codes, one row per code:
-- named by the seed economic_class_names (2019+ 部门预算支出经济分类), else by the name printed most often.
-- Rebuilt whole each build: a code list, small, named from every report's printing.
{{ config(materialized='table') }}
{{ classification_dimension(ref('economic_class_names'), 'economic_class_code', 'economic', 'economic_class_code') }}
