-- int_classification_names_printed: 报告中印出的科目编码，每个编码体系 × 编码一行，附最常印出的名称 /
-- one row per code system and classification code printed in any table, with the name printed by the most
-- documents (ties: the alphabetically first; null when printed without a name), how many different names
-- and documents print it.
with printed as (

    select code_system, classification_code, item_name, document_sha256
    from {{ ref('int_classification_names_by_document') }}

),

name_counts as (

    select
        code_system,
        classification_code,
        item_name,
        -- A row of int_classification_names_by_document is one document's: counting rows counts documents.
        count(*) as name_document_count,
        row_number() over (
            partition by code_system, classification_code
            order by count(*) desc, item_name
        ) as name_rank
    from printed
    where item_name <> ''
    group by code_system, classification_code, item_name

),

documents_per_code as (

    select code_system, classification_code, count(distinct document_sha256) as document_count
    from printed
    group by code_system, classification_code

)

select
    documents_per_code.code_system,
    documents_per_code.classification_code,
    max(name_counts.item_name) filter (where name_counts.name_rank = 1) as printed_name_zh,
    count(name_counts.item_name) as printed_name_count,
    max(documents_per_code.document_count) as document_count
from documents_per_code
left join name_counts
    on documents_per_code.code_system = name_counts.code_system
    and documents_per_code.classification_code = name_counts.classification_code
group by documents_per_code.code_system, documents_per_code.classification_code
