"""The reports with ONE deliberate inconsistency (``tests.corpus.defects``) the reconciliation tests render.

The report is the seed department's 2022 report (small: 7 项) with the tables the checks relate, ruled (grid),
printing zeros as 0.00 so that #1's 使用非财政拨款结余 is a cell. It goes through the real reader
(``parse_document``); the finding must name both numbers — the printed one and the one the other printed numbers
give — and where they stand, the changed figure must be read as printed, and the same report without the defect
must raise nothing.

One printed figure usually takes part in more than one identity (a 项 cell is in its 款's sum and in its row's
基本 + 项目 = 合计), so a case lists the findings the same figure necessarily raises besides the one it is for:
the defective report raises exactly those.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from tests.corpus.defects import (
    BUDGET,
    EXECUTION_RATE,
    ChangeRateDefect,
    Defect,
    NarrativeDefect,
    NarrativeTextDefect,
    PerformanceDefect,
    ShareDefect,
    TableDefect,
)
from tests.corpus.layout import Layout

YEAR = 2022
RULED = Layout(ruling="grid", unit="万元", separators=False, continuation="repeat_header", codes="split",
               panels="side_by_side", orientation="landscape", column_numbers="none", zeros="0.00",
               total_row="first", titles="canonical", table_numbers=False, page_footer=False, toc=False,
               density="compact")
DELTA = Decimal("1.00")
# Added to a figure it makes one beyond what the warehouse holds (DECIMAL(24, 6): below 10^18).
ABSURD = Decimal("1E+25")
SUMMARY = "final_income_expenditure_summary"
BASIC = "final_general_budget_basic_expenditure"
GENERAL = "final_general_budget_expenditure"
# The tables the checks relate (#1, #2, #3, #5, #6): half the table pages, half the reading time.
TABLES = (SUMMARY, "final_income", "final_expenditure", GENERAL, BASIC)


@dataclass(frozen=True)
class Case:
    defect: Defect
    check: str
    subject: str
    # observed − expected of the finding: −DELTA when a part was changed, +DELTA when the figure checked was.
    difference: Decimal
    also: frozenset[tuple[str, str]] = field(default_factory=frozenset)


CASES = {
    # #1: an income row off, 本年收入合计 printed as derived.
    "total_equals_sum_of_rows": Case(
        TableDefect(SUMMARY, "决算数", DELTA, item="一、一般公共预算财政拨款收入"),
        "total_equals_sum_of_rows", "收入支出决算总表：本年收入合计", -DELTA,
    ),
    # #6 is one column: a 款 off breaks only its 类's sum.
    "class_equals_sum_of_kuan": Case(
        TableDefect(BASIC, "决算数", DELTA, code="30101"),
        "class_equals_sum_of_subclasses", "一般公共预算财政拨款基本支出决算表：301 工资福利支出（决算数）", -DELTA,
    ),
    "kuan_equals_sum_of_xiang": Case(
        TableDefect(GENERAL, "基本支出", DELTA, code="2150501"),
        "class_equals_sum_of_subclasses", "一般公共预算财政拨款支出决算表：21505 工业和信息产业监管（基本支出）",
        -DELTA,
        frozenset({("columns_sum_to_row_total", "一般公共预算财政拨款支出决算表：2150501 行政运行（合计）")}),
    ),
    "columns_sum_to_row_total": Case(
        TableDefect(GENERAL, "项目支出", DELTA, code="2120199"),
        "columns_sum_to_row_total", "一般公共预算财政拨款支出决算表：2120199 其他城乡社区管理事务支出（合计）", -DELTA,
        frozenset({("class_equals_sum_of_subclasses",
                    "一般公共预算财政拨款支出决算表：21201 城乡社区管理事务（项目支出）")}),
    ),
    # 总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余; both 总计 stay equal.
    "summary_total_identity": Case(
        TableDefect(SUMMARY, "决算数", DELTA, item="使用非财政拨款结余"),
        "summary_total_identity", "收入支出决算总表：收入总计", -DELTA,
    ),
    # 支出总计 off: the sides differ, and so do its own parts and the narrative's 支出总计.
    "summary_sides_balance": Case(
        TableDefect(SUMMARY, "决算数", DELTA, item="总计", panel=1),
        "summary_sides_balance", "收入支出决算总表：收入总计 vs 支出总计", -DELTA,
        frozenset({("summary_total_identity", "收入支出决算总表：支出总计")}),
    ),
    # #1's class row against #3's; it also leaves #1's 本年支出合计 off its rows.
    "same_figure_across_tables": Case(
        TableDefect(SUMMARY, "决算数", DELTA, item="十一、城乡社区支出", panel=1),
        "same_figure_across_tables",
        "收入支出决算总表 十一、城乡社区支出 vs 支出决算表 212 城乡社区支出（本年支出合计）", -DELTA,
        frozenset({("total_equals_sum_of_rows", "收入支出决算总表：本年支出合计")}),
    ),
}


# The narrative's 人员经费 against #6's 人员经费合计: the warehouse's check (dbt int_cross_source_findings), where
# each metric's narrative and table figures meet; within the report it is a listed part of the narrative's 基本支出.
NARRATIVE_VS_TABLE = Case(
    NarrativeDefect("基本支出", "人员经费", DELTA),
    "narrative_matches_table", "说明 人员经费 vs 一般公共预算财政拨款基本支出决算表", DELTA,
    frozenset({("parts_sum_to_total", "基本支出：一般公共预算财政拨款基本支出 = 人员经费 + 日常公用经费")}),
)


@dataclass(frozen=True)
class FindingCase:
    """A defect of the narrative or of the 绩效自评表, and the finding it raises as the warehouse holds it."""

    defect: NarrativeTextDefect | PerformanceDefect
    check: str
    subject: str
    severity: str
    unit: str
    observed: Decimal | None  # the number printed where the finding points
    expected: Decimal | None  # what the report's other printed numbers give
    # The narrative figure the finding points at when the defect changed another one (a part of this total).
    total: str | None = None
    also: frozenset[tuple[str, str]] = field(default_factory=frozenset)


def percent_of(part: str, whole: str) -> Decimal:
    """``part`` over ``whole`` in percent, to the 6 decimals a finding's value is held with."""
    return (Decimal(part) / Decimal(whole) * 100).quantize(Decimal("0.000001"))


_BASIC = "基本支出：一般公共预算财政拨款基本支出 = 人员经费 + 日常公用经费"
_GENERAL = ("一般公共预算：一般公共预算财政拨款支出 = 社会保障和就业支出 + 卫生健康支出 + 城乡社区支出 + "
            "资源勘探工业信息等支出 + 住房保障支出")

# The seed department's 2022 narrative states 基本支出 169.49 = 人员经费 153.42 + 日常公用经费 16.07, 40.01% of
# 支出总计 423.59; 一般公共预算财政拨款支出 423.59 = the five classes it lists; 机关运行经费支出 16.07, 增加4.64万元,
# 增长40.59% (over 11.43). Its 绩效自评表 allocates 423.59 in four lines, each executed in full.
NARRATIVE_CASES = {
    # One part changed, by less than the rounding of the two printed terms (±0.01 each), by less than 1% of
    # their sum, and by more: the rule's three severities.
    "parts_within_rounding": FindingCase(
        NarrativeDefect("基本支出", "人员经费", Decimal("0.01")), "parts_sum_to_total", _BASIC, "info", "万元",
        Decimal("169.49"), Decimal("169.50"), total="一般公共预算财政拨款基本支出",
    ),
    "parts_below_one_percent": FindingCase(
        NarrativeDefect("基本支出", "人员经费", DELTA), "parts_sum_to_total", _BASIC, "warning", "万元",
        Decimal("169.49"), Decimal("170.49"), total="一般公共预算财政拨款基本支出",
    ),
    "parts_one_percent_or_more": FindingCase(
        NarrativeDefect("基本支出", "人员经费", Decimal("5.00")), "parts_sum_to_total", _BASIC, "error", "万元",
        Decimal("169.49"), Decimal("174.49"), total="一般公共预算财政拨款基本支出",
    ),
    # A listed class off: the list's sum and the share it states for the class (占64.10%, of the total it is
    # listed under: at most a warning) both break.
    "parts_and_their_share": FindingCase(
        NarrativeDefect("一般公共预算", "资源勘探工业信息等支出", Decimal("5.00")), "parts_sum_to_total", _GENERAL,
        "error", "万元", Decimal("423.59"), Decimal("428.59"), total="一般公共预算财政拨款支出",
        also=frozenset({("stated_share_matches", "一般公共预算：资源勘探工业信息等支出 占 一般公共预算财政拨款支出")}),
    ),
    "stated_share_matches": FindingCase(
        ShareDefect("支出", "基本支出", DELTA), "stated_share_matches", "支出：基本支出 占 支出总计", "error", "%",
        Decimal("41.01"), percent_of("169.49", "423.59"),
    ),
    "yoy_pct_consistent": FindingCase(
        ChangeRateDefect("机关运行经费", "机关运行经费支出", DELTA), "yoy_pct_consistent",
        "机关运行经费：机关运行经费支出 4.64万元 / 41.59%", "error", "%", Decimal("41.59"), percent_of("4.64", "11.43"),
    ),
    # 16.071: a third decimal no rounding of a 2-decimal amount explains, 0.001 off — under 1%.
    "amount_precision": FindingCase(
        NarrativeDefect("机关运行经费", "机关运行经费支出", Decimal("0.001")), "amount_precision",
        "机关运行经费：机关运行经费支出 16.071万元", "warning", "万元", Decimal("16.071"), Decimal("16.07"),
    ),
    "amount_out_of_range": FindingCase(
        NarrativeDefect("收入", "收入总计", ABSURD), "amount_out_of_range",
        "收入：收入总计 10000000000000000000000423.59万元", "error", "万元", None, None,
    ),
}

_TABLE = "部门（单位）整体绩效自评表（表0）"
PERFORMANCE_CASES = {
    # 10.00 万元 above the allocations is over 1% of them, yet at most a warning: funds may be added in the year.
    "performance_allocated_vs_budget": FindingCase(
        PerformanceDefect(Decimal("10.00"), BUDGET), "performance_allocated_vs_budget",
        f"{_TABLE}：项目下达金额合计 vs 部门年初预算支出金额", "warning", "万元", Decimal("423.59"), Decimal("433.59"),
    ),
    "performance_execution_rate": FindingCase(
        PerformanceDefect(Decimal("-2.00"), EXECUTION_RATE), "performance_execution_rate",
        "人员经费（表0）：项目执行率 98.00%", "error", "%", Decimal("98.00"), Decimal("100"),
    ),
}


def amount(printed: str) -> Decimal:
    return Decimal(printed.replace(",", ""))
