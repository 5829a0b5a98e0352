-- int_function_budgets_printed: 决算所印的功能分类科目年初预算，每个部门 × 范围 × 年度 × 科目一行 /
-- the 年初预算 a 决算 prints for a function class beside its 决算数 (a "年初预算数" column of its expenditure table):
-- one row per department, scope, year and class code; where several tables print one, the first table's.
with cells as (

    select * from {{ ref('int_current_table_cells') }}
    where report_kind = 'final_account'
        and code_system = 'function'
        and classification_code is not null
        and value_role = 'budget'
        -- the budget of the row's total, not of its 基本支出 or 项目支出 alone
        and regexp_full_match(measure_subject, '(?:.*/)?(?:合计|小计)?')

)

select
    department_key,
    report_scope,
    fiscal_year,
    classification_code as function_class_code,
    arg_min(value_wan_yuan, [document_preference, table_index, cell_index]) as budget_wan_yuan,
    arg_min(document_sha256, [document_preference, table_index, cell_index]) as document_sha256,
    arg_min(page, [document_preference, table_index, cell_index]) as page
from cells
group by department_key, report_scope, fiscal_year, classification_code
