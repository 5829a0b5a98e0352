"""``parts_sum_to_total``: a total the narrative states equals the parts it states for it.

Which parts belong to which total is data, in ``SUM_RULES``: the overview totals name their parts (the
income sources of 收入总计 are numbered items of their own, not a list), and every other total is
checked against the items the narrative lists right after it (其中：… / 包括：… / 主要用于：…, see
``parse.figure_lists``): 基本支出 by item, 项目支出 by item, 一般公共预算 by function, 人员经费 +
日常公用经费, the 三公 parts, 政府采购 by kind, 车辆 by use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from pipeline.checks.facts import Finding, ReportFacts, figure_amount, figure_location
from pipeline.checks.rounding import MONEY_TERM_TOLERANCE, plain
from pipeline.checks.rules import severity

CHECK = "parts_sum_to_total"
LISTED = "listed"  # the parts are the figures listed after the total in its paragraph


@dataclass(frozen=True)
class SumRule:
    section: str | None  # None: any section
    total: tuple[str, ...]  # labels the total may have; empty with LISTED: any listed total
    parts: tuple[tuple[str, ...], ...] | str  # each part's accepted labels, all required; or LISTED
    optional: tuple[tuple[str, ...], ...] = ()  # parts added when the report states them


_INCOME_SOURCES = (
    ("财政拨款收入",),
    ("上级补助收入",),
    ("事业收入",),
    ("经营收入",),
    ("附属单位上缴收入",),
    ("其他收入",),
)
_EXPENDITURE_PARTS = (("基本支出",), ("项目支出",), ("上缴上级支出",), ("经营支出",), ("对附属单位补助支出",))

SUM_RULES: tuple[SumRule, ...] = (
    # 收入总计 = 本年收入 + 使用非财政拨款结余 + 年初（上年）结转和结余.
    SumRule(
        "收入",
        ("收入总计",),
        _INCOME_SOURCES,
        optional=(("使用非财政拨款结余",), ("上年结转和结余", "年初结转和结余")),
    ),
    SumRule("收入", ("本年收入合计",), _INCOME_SOURCES),
    # 支出总计 = 本年支出 + 结余分配 + 年末结转和结余.
    SumRule("支出", ("支出总计",), _EXPENDITURE_PARTS, optional=(("结余分配",), ("年末结转和结余",))),
    SumRule("支出", ("本年支出合计",), _EXPENDITURE_PARTS),
    SumRule(None, (), LISTED),
)
# A list introduced by 主要 ("mainly": 主要包括, 主要用于以下方面) may leave parts out: a shortfall is then
# a warning, not an error.
_PARTIAL_LIST_PREFIX = "主要"
# A total printed as approximate ("建筑面积约为13459平方米") is no exact sum: a difference is a warning.
_APPROXIMATE_TOTAL = re.compile(r"(?:大约|约)(?:为|是)?$")


def parts_sum_to_total(facts: ReportFacts) -> list[Finding]:
    findings, checked = [], set()
    for rule in SUM_RULES:
        for total, parts, may_be_partial in _groups(rule, facts):
            key = (total["figure_index"], frozenset(p["figure_index"] for p in parts))
            if key not in checked:
                checked.add(key)
                findings += _check(total, parts, may_be_partial)
    return findings


def _groups(rule: SumRule, facts: ReportFacts):
    figures = facts.figures
    if rule.parts == LISTED:
        for listed in facts.figure_lists:
            total = figures[listed.total]
            if (rule.section in (None, total["section"])) and (
                not rule.total or total["label"] in rule.total
            ):
                yield (
                    total,
                    [figures[i] for i in listed.parts],
                    listed.list_word.startswith(_PARTIAL_LIST_PREFIX),
                )
        return
    in_section = [f for f in figures if f["section"] == rule.section]
    for total in (f for f in in_section if f["label"] in rule.total):
        later = [
            f
            for f in in_section
            if f["figure_index"] > total["figure_index"] and f["unit_printed"] == total["unit_printed"]
        ]
        required = [_first(later, labels) for labels in rule.parts]
        if all(required):
            yield (
                total,
                required + [p for p in (_first(later, labels) for labels in rule.optional) if p],
                False,
            )


def _first(figures: list[dict], labels: tuple[str, ...]) -> dict | None:
    return next((f for f in figures if f["label"] in labels), None)


def _check(total: dict, parts: list[dict], may_be_partial: bool) -> list[Finding]:
    if any(figure_amount(f) is None for f in (total, *parts)):
        return []  # a figure beyond range has no value to add (amount_out_of_range names it)
    observed = figure_amount(total)
    expected = sum((figure_amount(p) for p in parts), Decimal(0))
    money = total["value_wan_yuan"] is not None
    tolerance = MONEY_TERM_TOLERANCE * len(parts) if money else Decimal(0)
    difference = observed - expected
    if difference == 0:
        return []
    approximate = bool(_APPROXIMATE_TOTAL.search(total.get("label_printed") or ""))
    partial = may_be_partial and difference > 0
    weight = severity(
        difference, expected, explained_by_rounding=abs(difference) <= tolerance,
        may_be_legitimate=partial or approximate,
    )
    names = " + ".join(p["label"] for p in parts)
    unit = "万元" if money else total["unit_printed"]
    return [
        Finding(
            check_name=CHECK,
            severity=weight,
            subject=f"{total['section']}：{total['label']} = {names}",
            observed=observed,
            expected=expected,
            tolerance=tolerance,
            observed_location=figure_location(total),
            expected_location="; ".join(figure_location(p) for p in parts),
            unit=unit,
            message=(
                f"{total['label']}印为{plain(observed)}{unit}，所列各项合计{plain(expected)}{unit}（差{plain(difference)}）。"
                f" The parts printed for {total['label']} add up to {plain(expected)},"
                f" not to the {plain(observed)} printed"
                + (
                    " (the total is printed as approximate, 约)."
                    if approximate
                    else " (the list says 主要, mainly, so parts may be missing)."
                    if partial
                    else " (within the rounding of the printed terms)."
                    if abs(difference) <= tolerance
                    else "."
                )
            ),
        )
    ]
