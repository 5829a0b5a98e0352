-- fct_function_spending: 部门 × 年度 × 报告种类 × 支出功能分类科目，每行一个，附占比 /
-- spending by function class. Grain: one row per department_key x report_scope x fiscal_year x report_kind x
-- function code
-- printed in the report's function table (see int_function_spending_lines for which table).
-- share_of_total_pct: the row's total over the sum of the 类 totals of the same report, exact decimal
-- rounded half away from zero (the 类 shares of a report add up to 100 within rounding);
-- share_of_parent_pct: over its 类 (for a 款) or 款 (for a 项) row, null when that row is not printed.
-- A class whose total is printed beyond what the warehouse holds is no row (fct_finding's amount_out_of_range names
-- it): its report's shares of total are null rather than shares of the other classes' sum, and so is the share
-- of each row under it.
-- Scoped through its inputs; its pre-hook (rebuild_build_scope) reads the scope itself:
-- depends_on: {{ ref('int_build_scope') }}
with lines as (

    select * from {{ ref('int_function_spending_lines') }}

),

departments as (

    select * from {{ ref('dim_department') }}

),

function_classes as (

    select * from {{ ref('dim_function_class') }}

),

report_totals as (

    select department_key, report_scope, fiscal_year, report_kind,
        case when count(total_wan_yuan) = count(*) then sum(total_wan_yuan) end as classes_total_wan_yuan
    from lines
    where length(function_class_code) = 3
    group by all

),

final as (

    select
        cast(lines.department_key as varchar) as department_key,
        cast(departments.department_name as varchar) as department_name,
        cast(departments.region_code as varchar) as region_code,
        cast(lines.report_scope as varchar) as report_scope,
        cast(lines.fiscal_year as integer) as fiscal_year,
        cast(lines.report_kind as varchar) as report_kind,
        cast(lines.function_class_code as varchar) as function_class_code,
        cast(function_classes.class_level as varchar) as class_level,
        cast(function_classes.parent_code as varchar) as parent_code,
        -- The standard name where the seed has the code, else the name this report printed: a department's rows
        -- depend on its own reports only, so an incremental build equals a full one.
        cast(coalesce(function_classes.seed_name_zh, nullif(trim(lines.item_name), '')) as varchar)
            as function_class_name_zh,
        cast(lines.item_name as varchar) as item_name_printed,
        cast(lines.total_wan_yuan as decimal(24, 6)) as total_wan_yuan,
        cast(lines.basic_wan_yuan as decimal(24, 6)) as basic_wan_yuan,
        cast(lines.project_wan_yuan as decimal(24, 6)) as project_wan_yuan,
        cast({{ exact_percent('lines.total_wan_yuan', 'report_totals.classes_total_wan_yuan', 2) }} as decimal(38, 2))
            as share_of_total_pct,
        cast({{ exact_percent('lines.total_wan_yuan', 'parents.total_wan_yuan', 2) }} as decimal(38, 2))
            as share_of_parent_pct,
        cast(lines.fund_scope as varchar) as fund_scope,
        cast(lines.table_kind as varchar) as source_table_kind,
        cast(lines.document_sha256 as varchar) as document_sha256,
        cast(lines.table_index as integer) as table_index,
        cast(lines.total_cell_index as integer) as cell_index,
        cast(lines.total_page as integer) as page
    from lines
    inner join departments
        on lines.department_key = departments.department_key
    inner join function_classes
        on lines.function_class_code = function_classes.function_class_code
    left join report_totals
        on lines.department_key = report_totals.department_key
        and lines.report_scope = report_totals.report_scope
        and lines.fiscal_year = report_totals.fiscal_year
        and lines.report_kind = report_totals.report_kind
    left join lines as parents
        on lines.document_sha256 = parents.document_sha256
        and lines.table_index = parents.table_index
        and parents.function_class_code = function_classes.parent_code
    where lines.total_wan_yuan is not null

)

select * from final
