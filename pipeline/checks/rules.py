"""Every rule a finding names (``check_name``), declared once: its name in Chinese and English, what it compares,
the unit its two numbers are in, the reports it applies to, and where it runs. The docs' rule list
(docs/checks.md) and the dbt seed ``finding_rules`` are generated from this list (``pipeline.load.dbt_generated``),
and every finding's ``check_name`` must be one of these (a dbt relationships test).

One rule sets every finding's severity (``severity``): ``info`` for a difference the rounding of the printed terms
explains (n terms × half a unit of the last printed decimal), else ``error`` when the difference is 1% of the
figure or more (or the figure is 0) and ``warning`` below that; a difference the report may legitimately have (a
list that says 主要, a total printed as 约, funds added during the year, a rate computed before its amounts were
rounded) is at most a ``warning``. A rule with nothing to weigh has one fixed severity (``Rule.severity``):
``critical`` for a required table or section that is missing, ``error`` for a number beyond what the warehouse
holds (``amount_out_of_range``) or an amount off by exactly ×10,000.

``unit`` is the unit of ``expected_value`` and ``observed_value``: 万元 for amounts (converted from the unit printed),
% for rates and shares, 分 for scores; ``None`` where the figures' own unit is kept (the narrative's parts of a total
may be 万元, 平方米, 辆 …: the finding's ``unit`` column says which).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from pipeline.parse.text.outline import SECTIONS

FINAL_ACCOUNT, BUDGET = "final_account", "budget"
BOTH = (FINAL_ACCOUNT, BUDGET)
# Where a rule runs: on one document after its reader (pipeline/checks), or where the warehouse joins two sources
# (dbt, int_cross_source_findings).
DOCUMENT, WAREHOUSE = "document", "warehouse"
# A rule whose finding weighs a difference takes its severity from ``severity``; a rule that finds something
# missing or misnamed, where there is no difference to weigh, has one fixed severity.
BY_DIFFERENCE = "by difference"


@dataclass(frozen=True)
class Rule:
    check_name: str
    zh: str
    en: str
    compares: str
    unit: str | None
    report_kinds: tuple[str, ...]
    runs_in: str
    severity: str = BY_DIFFERENCE


RULES: tuple[Rule, ...] = (
    Rule("total_equals_sum_of_rows", "合计等于各行之和", "Total equals the sum of its rows",
         "a table's 合计 (or 收支总表's 本年收入合计/本年支出合计) against the sum of its class rows",
         "万元", BOTH, DOCUMENT),
    Rule("class_equals_sum_of_subclasses", "类等于款之和、款等于项之和", "Class equals the sum of its subclasses",
         "every 类 against its 款, every 款 against its 项", "万元", BOTH, DOCUMENT),
    Rule("columns_sum_to_row_total", "各列之和等于本行合计", "Columns sum to the row's total",
         "a row's total column against its sibling columns (基本支出 + 项目支出 = 合计, nested header groups included)",
         "万元", BOTH, DOCUMENT),
    Rule("summary_total_identity", "收支总表总计恒等式", "Summary table's total identity",
         "收支总表: 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余 = 总计", "万元", (FINAL_ACCOUNT,), DOCUMENT),
    Rule("summary_sides_balance", "收支总表收支两侧平衡", "Summary table's two sides balance",
         "收支总表: 收入总计 = 本年支出合计 + 结余分配 + 年末结转和结余 = 支出总计", "万元", (FINAL_ACCOUNT,),
         DOCUMENT),
    Rule("same_figure_across_tables", "同一数字各表一致", "The same figure in every table",
         "a figure the summary, income and expenditure tables each print", "万元", BOTH, DOCUMENT),
    Rule("parts_sum_to_total", "说明中的分项之和等于总数", "The narrative's parts sum to their total",
         "a total the narrative states against the parts it lists for it (其中、包括 …)", None, BOTH, DOCUMENT),
    Rule("stated_share_matches", "所述占比与金额一致", "A stated share matches its amounts",
         "a share the narrative states (占X%) against its amount over the total", "%", BOTH, DOCUMENT),
    Rule("yoy_pct_consistent", "所述增减率与增减额一致", "A stated change rate matches the stated amounts",
         "a stated year-over-year percent against the stated change over the implied prior year", "%", BOTH, DOCUMENT),
    Rule("change_without_reason", "大幅增减未说明原因", "A large change without a stated reason",
         "a year-over-year change stated at 10% or more (LARGE_CHANGE_PCT) with no reason after it (主要原因是…, in "
         "its sentence or opening the next) and none where the same amount is restated", "%", BOTH, DOCUMENT,
         "warning"),
    Rule("amount_precision", "金额小数位与同段不一致", "An amount printed with other decimals than its siblings",
         "an amount printed with more decimals than the amounts beside it (294.561 among 2-decimal figures)",
         "万元", BOTH, DOCUMENT),
    Rule("performance_allocated_vs_budget", "绩效自评表项目下达金额与部门年初预算",
         "Performance table: allocated against budget",
         "绩效自评表: the sum of the projects' 下达金额 against the 部门年初预算 it prints (a warning: funds may be "
         "added during the year)", "万元", BOTH, DOCUMENT),
    Rule("performance_execution_rate", "绩效自评表执行率", "Performance table: execution rate",
         "绩效自评表: a printed execution rate against executed over allocated", "%", BOTH, DOCUMENT),
    Rule("rate_against_zero_base", "以0为基数的执行率", "An execution rate over a base of 0",
         "绩效自评表: a 项目执行率 printed for a project whose 下达金额 is 0 (no rate of anything over nothing)", "%",
         BOTH, DOCUMENT, "error"),
    Rule("performance_total_score", "绩效自评表总分等于各项得分之和", "Performance table: total score",
         "绩效自评表: 总评价得分 against the sum of the indicators' scores (分), and the narrative's 自评得分 and "
         "涉及资金 against the table's", None, BOTH, DOCUMENT),
    Rule("template_placeholder", "模板占位符未替换", "A template's placeholder left in",
         "a run of X where the template asks for a name, a year or an amount (XX局, ××部门, XXXX年度) printed as is",
         None, BOTH, DOCUMENT, "error"),
    Rule("department_name_differs", "表格所列部门与报告不符", "A table labelled with another department",
         "a table's label (编制部门：, 编制单位：, 部门名称：) against the department the report names itself after: "
         "neither name holds the other", None, BOTH, DOCUMENT, "error"),
    Rule("amount_out_of_range", "数字超出可存范围", "A number beyond what the warehouse holds",
         "a number printed beyond its column's range (amounts below 10^18, percents and scores below 10^8): kept as "
         "printed with its place, no value, left out of every other check", None, BOTH, DOCUMENT, "error"),
    Rule("narrative_matches_table", "说明文字与表格一致", "The narrative matches the tables",
         "every panel metric the narrative states against the standard table's figure", "万元", BOTH, WAREHOUSE),
    Rule("yoy_stated_vs_reports", "所述增减与两年报告一致", "A stated change matches the two years' reports",
         "a stated change (metric or 类/款) against this year's and the prior year's loaded reports of the same "
         "scope and kind", "万元", BOTH, WAREHOUSE),
    Rule("yoy_implied_prior_negative", "所述增减推出负的上年数", "A stated change implies a negative prior year",
         "a stated change that implies a negative prior year (增加1421.25万元 to a 0)", "万元", BOTH, WAREHOUSE),
    Rule("unit_slip_ten_thousand", "说明金额与表格相差一万倍", "The narrative's amount is the table's ×10,000",
         "a narrative figure that is its table's figure times or divided by 10,000 (万元 written as 元, or the "
         "reverse); listed instead of narrative_matches_table", "万元", BOTH, WAREHOUSE, "error"),
    Rule("classification_name_differs", "功能分类科目名称与当年科目不符",
         "A function class named otherwise than its code",
         "a 功能分类 类 or 款 printed with a name that is neither the code's name (seed function_class_names) nor a "
         "former name still in force that year (seed function_class_former_names); brackets' width aside", None,
         BOTH, WAREHOUSE, "warning"),
    Rule("required_table_missing", "缺少必备表格", "A required table is missing",
         "the standard tables of the report's kind (seed required_tables) against the tables the report's loaded "
         "files print; the message says whether the contents (目录) list it", None, BOTH, WAREHOUSE, "critical"),
    Rule("required_section_missing", "缺少必备说明部分", "A required narrative section is missing",
         "the narrative sections every report must have (REQUIRED_SECTIONS: 部门概况, 收支总体情况, 三公经费, "
         "机关运行经费, 政府采购, 国有资产占用, 绩效, 名词解释) against the headings of the report's loaded files; "
         "a report whose narrative file is not loaded is not judged", None, BOTH, WAREHOUSE, "critical"),
    Rule("contents_entry_missing", "目录所列内容正文未印", "A contents entry the body does not print",
         "a table or section the contents (目录) list against the tables and headings the report prints (a required "
         "one is required_table_missing or required_section_missing instead)", None, BOTH, WAREHOUSE, "error"),
    Rule("table_not_in_contents", "表格未列入目录", "A table the contents do not list",
         "a standard table the report prints against its contents (目录), where it has one", None, BOTH, WAREHOUSE,
         "warning"),
    Rule("three_public_parts_missing", "“三公”经费未分项", "The three public expenses without their parts",
         "a 三公 total printed as an amount against its three parts (因公出国（境）费, 公务接待费, "
         "公务用车购置及运行费) in the report's tables and narrative: one finding naming each part given nowhere", None,
         BOTH, WAREHOUSE, "error"),
    Rule("empty_table_without_note", "空表无说明", "An empty table without a note",
         "a standard table printed empty with no note that it has no data (本表无数据, 为空表, 无…) and whose figures "
         "the report's narrative does not state either", None, BOTH, WAREHOUSE, "warning"),
)

RULES_BY_NAME = {rule.check_name: rule for rule in RULES}

# A stated change of this many percent or more must say why (change_without_reason).
LARGE_CHANGE_PCT = Decimal(10)

# A difference of this share of the figure or more is an error.
ERROR_SHARE = Decimal("0.01")


def severity(
    difference: Decimal, expected: Decimal, *, explained_by_rounding: bool, may_be_legitimate: bool = False
) -> str:
    """The severity of a difference between a printed figure and what the report's other figures give."""
    if explained_by_rounding:
        return "info"
    if may_be_legitimate:
        return "warning"
    if expected == 0 or abs(difference) >= ERROR_SHARE * abs(expected):
        return "error"
    return "warning"


@dataclass(frozen=True)
class RequiredTable:
    """A standard table every report of ``report_kind`` must hold, and the table kinds that print it (the
    templates of different regions name one table differently)."""

    report_kind: str
    zh: str
    en: str
    table_kinds: tuple[str, ...]


# 决算: the nine tables of the 财政部 template; 预算: the eight the Shanghai and Jiangsu sets share (each adds its own).
REQUIRED_TABLES: tuple[RequiredTable, ...] = (
    RequiredTable(FINAL_ACCOUNT, "收入支出决算总表", "Income and expenditure summary",
                  ("final_income_expenditure_summary",)),
    RequiredTable(FINAL_ACCOUNT, "收入决算表", "Income", ("final_income",)),
    RequiredTable(FINAL_ACCOUNT, "支出决算表", "Expenditure", ("final_expenditure",)),
    RequiredTable(FINAL_ACCOUNT, "财政拨款收入支出决算总表", "Fiscal appropriation summary", ("final_fiscal_summary",)),
    RequiredTable(FINAL_ACCOUNT, "一般公共预算财政拨款支出决算表", "General budget appropriation expenditure",
                  ("final_general_budget_expenditure",)),
    RequiredTable(FINAL_ACCOUNT, "一般公共预算财政拨款基本支出决算表", "General budget basic expenditure",
                  ("final_general_budget_basic_expenditure",)),
    RequiredTable(FINAL_ACCOUNT, "财政拨款“三公”经费支出决算表", "Three public expenses", ("final_three_public",)),
    RequiredTable(FINAL_ACCOUNT, "政府性基金预算财政拨款收入支出决算表", "Government fund appropriation",
                  ("final_government_fund",)),
    RequiredTable(FINAL_ACCOUNT, "国有资本经营预算财政拨款支出决算表", "State capital appropriation",
                  ("final_state_capital",)),
    RequiredTable(BUDGET, "收支预算总表", "Income and expenditure summary",
                  ("budget_finance_summary", "budget_income_expenditure_summary")),
    RequiredTable(BUDGET, "收入预算表", "Income", ("budget_income",)),
    RequiredTable(BUDGET, "支出预算表", "Expenditure", ("budget_expenditure",)),
    RequiredTable(BUDGET, "财政拨款收支预算总表", "Fiscal appropriation summary", ("budget_fiscal_summary",)),
    RequiredTable(BUDGET, "一般公共预算支出预算表", "General budget expenditure",
                  ("budget_general_budget_expenditure",)),
    RequiredTable(BUDGET, "一般公共预算基本支出预算表", "General budget basic expenditure",
                  ("budget_general_budget_basic_expenditure",)),
    RequiredTable(BUDGET, "政府性基金预算支出表", "Government fund expenditure",
                  ("budget_government_fund_expenditure",)),
    RequiredTable(BUDGET, "“三公”经费支出预算表", "Three public expenses", ("budget_three_public",)),
)


# Every report's narrative must explain these (the 财政部 templates of 部门决算 and 部门预算 alike); the sections'
# names and headings are ``pipeline.parse.text.outline.SECTIONS``.
REQUIRED_SECTIONS: tuple[tuple[str, str], ...] = tuple(
    (report_kind, section.code) for report_kind in BOTH for section in SECTIONS
)
