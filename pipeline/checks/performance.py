"""Checks on the 绩效自评表: allocations against the budget, execution rates, the total score, and the
narrative.

The 项目下达金额 may legitimately exceed the 部门年初预算 (funds added or carried over during the year),
so that check only warns. A printed 项目执行率 that differs from 执行金额/下达金额 is a warning when
some unrounded amounts behind the printed ones give it (rates are usually computed before rounding), an
error when none do; a rate printed over a 下达金额 of 0 has no amounts to check against and is its own finding.
"""

from __future__ import annotations

from decimal import Decimal

from pipeline.checks.facts import Finding, ReportFacts, figure_location
from pipeline.checks.rounding import MONEY_TERM_TOLERANCE, compare_percent, half_unit, plain, printed_form
from pipeline.checks.rules import RULES_BY_NAME, severity

_SCORE_TERM_TOLERANCE = Decimal("0.01")


def performance_allocated_vs_budget(facts: ReportFacts) -> list[Finding]:
    findings = []
    for summary in facts.summaries:
        budget = summary["budget_expenditure_wan_yuan"]
        table = summary["table_index"]
        lines = [line for line in _of_table(facts.lines, table) if line["allocated_wan_yuan"] is not None]
        beyond = _any_beyond_range(facts, table, "performance_lines", "allocated_wan_yuan")
        if budget is None or not lines or beyond:
            continue
        allocated = sum((line["allocated_wan_yuan"] for line in lines), Decimal(0))
        tolerance = MONEY_TERM_TOLERANCE * len(lines)
        if allocated == budget:
            continue
        findings.append(
            Finding(
                check_name="performance_allocated_vs_budget",
                severity=severity(
                    allocated - budget, budget, explained_by_rounding=abs(allocated - budget) <= tolerance,
                    may_be_legitimate=True,
                ),
                subject=f"{summary['table_title']}（表{table}）：项目下达金额合计 vs 部门年初预算支出金额",
                observed=allocated,
                expected=budget,
                tolerance=tolerance,
                observed_location=_locations(
                    facts, "performance_lines", table, lines, "line_index", "allocated_wan_yuan"
                ),
                expected_location=_location(
                    facts, "performance_summaries", (table,), "budget_expenditure_wan_yuan"
                ),
                message=(
                    f"各项目下达金额合计{plain(allocated)}万元，部门年初预算支出金额{plain(budget)}万元；年中追加或结转的资金可以解释这一差异。"
                    " The projects' allocations differ from the initial budget;"
                    " mid-year allocations can explain it."
                ),
            )
        )
    return findings


def performance_execution_rate(facts: ReportFacts) -> list[Finding]:
    findings = []
    for line in facts.lines:
        allocated, executed, rate = (
            line["allocated_wan_yuan"],
            line["executed_wan_yuan"],
            line["execution_rate_pct"],
        )
        if not allocated or executed is None or rate is None:
            continue
        key = (line["table_index"], line["line_index"])
        rate_printed = _printed_text(facts, key, "execution_rate_pct", rate)
        result = compare_percent(
            stated=rate,
            stated_printed=rate_printed,
            numerator=executed,
            numerator_half=half_unit(_printed_text(facts, key, "executed_wan_yuan", executed)),
            denominator=allocated,
            denominator_half=half_unit(_printed_text(facts, key, "allocated_wan_yuan", allocated)),
            # The amounts are the line's own, so the rate is checked against them for sure; a rate that
            # some unrounded amounts behind the printed ones give is only a warning (it was likely
            # computed before rounding), one that none give is an error.
            certain=True,
        )
        if result is None:
            continue
        weight, expected, tolerance = result
        findings.append(
            Finding(
                check_name="performance_execution_rate",
                severity=weight,
                subject=f"{line['project_name']}（表{line['table_index']}）：项目执行率 {rate_printed}",
                observed=rate,
                expected=expected,
                tolerance=tolerance,
                observed_location=_location(facts, "performance_lines", key, "execution_rate_pct")
                or f"L{line['line_no']}",
                expected_location="; ".join(
                    filter(
                        None,
                        (
                            _location(facts, "performance_lines", key, c)
                            for c in ("executed_wan_yuan", "allocated_wan_yuan")
                        ),
                    )
                )
                or None,
                message=(
                    f"{line['project_name']}执行金额{plain(executed)}万元 / "
                    f"下达金额{plain(allocated)}万元 = {expected:.2f}%，"
                    f"印为{rate_printed}。"
                    + (
                        " The printed rate may come from the unrounded amounts."
                        if weight == "info"
                        else " No rounding of the printed amounts gives the printed rate."
                    )
                ),
            )
        )
    return findings


def rate_against_zero_base(facts: ReportFacts) -> list[Finding]:
    """A 执行率 printed for a project whose 下达金额 is 0: there is no rate of anything over nothing, so the printed
    one says the base or the rate is wrong (a 100% of 5万元 executed against 0 allocated)."""
    findings = []
    for line in facts.lines:
        allocated, executed, rate = (
            line["allocated_wan_yuan"], line["executed_wan_yuan"], line["execution_rate_pct"]
        )
        if allocated != 0 or rate is None:
            continue
        key = (line["table_index"], line["line_index"])
        rate_printed = _printed_text(facts, key, "execution_rate_pct", rate)
        executed_text = "未印" if executed is None else f"{plain(executed)}万元"
        findings.append(
            Finding(
                check_name="rate_against_zero_base",
                severity=RULES_BY_NAME["rate_against_zero_base"].severity,
                subject=f"{line['project_name']}（表{line['table_index']}）：项目执行率 {rate_printed}",
                observed=rate,
                expected=None,
                tolerance=None,
                observed_location=_location(facts, "performance_lines", key, "execution_rate_pct")
                or f"L{line['line_no']}",
                expected_location=_location(facts, "performance_lines", key, "allocated_wan_yuan"),
                message=(
                    f"{line['project_name']}下达金额为0，执行金额{executed_text}，执行率却印为{rate_printed}：以0为基数"
                    f"无执行率可言。 The project's allocation is 0, yet an execution rate of {rate_printed} is printed:"
                    " there is no rate over a base of 0."
                ),
            )
        )
    return findings


def performance_total_score(facts: ReportFacts) -> list[Finding]:
    """总评价得分 = Σ 得分 of the budget lines and the indicators; the narrative's 自评平均分 and 涉及资金
    agree with the tables."""
    findings = []
    for summary in facts.summaries:
        table, total = summary["table_index"], summary["total_score"]
        scored = [
            (frame, (table, row[index]), row["score"])
            for frame, rows, index in (
                ("performance_lines", facts.lines, "line_index"),
                ("performance_indicators", facts.indicators, "indicator_index"),
            )
            for row in _of_table(rows, table)
            if row["score"] is not None
        ]
        beyond = any(
            _any_beyond_range(facts, table, frame, "score")
            for frame in ("performance_lines", "performance_indicators")
        )
        if total is None or not scored or beyond:
            continue
        expected = sum((score for _, _, score in scored), Decimal(0))
        tolerance = _SCORE_TERM_TOLERANCE * len(scored)
        if total != expected:
            findings.append(
                Finding(
                    check_name="performance_total_score",
                    severity=severity(
                        total - expected, expected, explained_by_rounding=abs(total - expected) <= tolerance
                    ),
                    unit="分",
                    subject=f"{summary['table_title']}（表{table}）：总评价得分 = Σ得分",
                    observed=total,
                    expected=expected,
                    tolerance=tolerance,
                    observed_location=_location(facts, "performance_summaries", (table,), "total_score"),
                    expected_location="; ".join(
                        filter(None, (_location(facts, frame, key, "score") for frame, key, _ in scored))
                    )
                    or None,
                    message=(
                        f"总评价得分印为{plain(total)}，各行得分合计{plain(expected)}。"
                        " The total score is not the sum of the scores."
                    ),
                )
            )
    findings += _narrative_against_tables(facts)
    return findings


def _narrative_against_tables(facts: ReportFacts) -> list[Finding]:
    totals = _held_values(facts, "total_score")
    budgets = _held_values(facts, "budget_expenditure_wan_yuan")
    comparisons = (
        (
            "自评平均分 vs 总评价得分",
            ("平均分", "平均得分"),
            "分",
            sum(totals, Decimal(0)) / len(totals) if totals else None,
            _SCORE_TERM_TOLERANCE,
        ),
        (
            "涉及资金 vs 部门年初预算支出金额",
            ("涉及资金",),
            "万元",
            sum(budgets, Decimal(0)) if budgets else None,
            MONEY_TERM_TOLERANCE * max(len(budgets or ()), 1),
        ),
    )
    findings = []
    for subject, words, unit, expected, tolerance in comparisons:
        stated = [
            f
            for f in facts.figures
            if f["section"] == "绩效"
            and f["unit_printed"] == unit
            and any(word in f["label"] for word in words)
        ]
        if expected is None or not stated or stated[0]["value"] is None:
            continue
        figure = stated[0]
        difference = figure["value"] - expected
        if difference == 0:
            continue
        findings.append(
            Finding(
                check_name="performance_total_score",
                # The narrative may cover other units than the table.
                severity=severity(
                    difference, expected, explained_by_rounding=abs(difference) <= tolerance, may_be_legitimate=True
                ),
                unit=unit,
                subject=subject,
                observed=figure["value"],
                expected=expected,
                tolerance=tolerance,
                observed_location=figure_location(figure),
                expected_location=None,
                message=(
                    f"说明中{figure['label']}为{figure['value_printed']}{unit}，绩效自评表为{plain(expected)}{unit}。"
                    " The narrative and the self-evaluation table state different figures"
                    " (the narrative may cover other units)."
                ),
            )
        )
    return findings


def _of_table(rows: list[dict], table: int) -> list[dict]:
    return [row for row in rows if row["table_index"] == table]


def _any_beyond_range(facts: ReportFacts, table: int, frame: str, column: str) -> bool:
    """Whether a number of the column was printed beyond range: no sum over the column holds then (the finding
    amount_out_of_range names that number)."""
    if frame == "performance_lines":
        rows, index = facts.lines, "line_index"
    else:
        rows, index = facts.indicators, "indicator_index"
    return any(
        facts.beyond_range(frame, (table, row[index]), column, row[column]) for row in _of_table(rows, table)
    )


def _held_values(facts: ReportFacts, column: str) -> list[Decimal] | None:
    """Every table's summary value of ``column`` that is printed; None when one is beyond range (no total
    holds)."""
    if any(
        facts.beyond_range("performance_summaries", (s["table_index"],), column, s[column])
        for s in facts.summaries
    ):
        return None
    return [s[column] for s in facts.summaries if s[column] is not None]


def _printed_text(facts: ReportFacts, key: tuple[int, ...], column: str, value: Decimal) -> str:
    printed = facts.printed("performance_lines", key, column)
    return printed.text if printed else printed_form(value)


def _location(facts: ReportFacts, frame: str, key: tuple[int, ...], column: str) -> str | None:
    printed = facts.printed(frame, key, column)
    return printed.location if printed else None


def _locations(
    facts: ReportFacts, frame: str, table: int, rows: list[dict], index: str, column: str
) -> str | None:
    found = [_location(facts, frame, (table, row[index]), column) for row in rows]
    return "; ".join(f for f in found if f) or None
