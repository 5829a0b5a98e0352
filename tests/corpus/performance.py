"""The 部门（单位）整体绩效自评表 of a department-year, and a text report that carries it.

The table follows the seed's (``data/raw/…_2022_dept-final.txt``, 附件): 部门（单位）名称, 部门年初预算收入/支出金额,
then one budget line per use of the money — 人员经费, 日常公用经费 and each 项 with project spending — with its
项目下达金额 = 项目执行金额 (executed in full, 100.00%), 分值 and 得分, and 总评价得分 = Σ 得分; a ``PerformanceDefect``
prints one of these numbers off. Only the text reader reads 绩效自评表 (``pipeline.parse.text.performance_table``: the
flattened format, one cell per line after a tab, a row ended by an empty cell and an empty line), so the table is
printed in that format, after the narrative, as the seed prints it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from tests.corpus import catalog
from tests.corpus.defects import BUDGET, EXECUTION_RATE, TOTAL_SCORE, PerformanceDefect
from tests.corpus.narrative import SCOPES, Narrative
from tests.corpus.spec import Department, to_wan

_LINE_HEADER = (
    "年度主要任务", "对应项目", "项目下达金额（万元）", "项目执行金额（万元）", "项目执行率", "分值", "得分"
)
_WEIGHT = Decimal("10")
_EXECUTED_IN_FULL = Decimal("100.00")


@dataclass(frozen=True)
class BudgetLine:
    task: str
    project: str
    allocated: Decimal  # 万元, executed in full
    weight: Decimal
    score: Decimal
    rate: Decimal = _EXECUTED_IN_FULL  # 项目执行率 as printed


@dataclass(frozen=True)
class PerformanceTable:
    unit_name: str
    budget: Decimal  # 部门年初预算收入 = 支出金额 as printed (Σ 项目下达金额, or off it by a defect's delta), 万元
    lines: tuple[BudgetLine, ...]
    total_score: Decimal  # as printed: Σ 得分, or off it by a defect's delta

    @property
    def scores_sum(self) -> Decimal:
        return sum((line.score for line in self.lines), Decimal(0))

    @property
    def allocated_sum(self) -> Decimal:
        return sum((line.allocated for line in self.lines), Decimal(0))


def build_performance(dept: Department, year: int, defect: PerformanceDefect | None = None) -> PerformanceTable:
    """The table of ``dept`` in ``year``; with ``defect``, its number printed off."""
    fig = dept.years[year]
    uses = [("部门预算基本支出", "人员经费", fig.personnel), ("部门预算基本支出", "日常公用经费", fig.public)]
    uses += [
        ("部门预算项目支出", catalog.XIANG[code], item.project) for code, item in fig.items.items() if item.project
    ]
    lines = tuple(BudgetLine(task, project, to_wan(fen), _WEIGHT, _WEIGHT) for task, project, fen in uses)
    lines_only = PerformanceTable(dept.name, Decimal(0), lines, Decimal(0))
    table = replace(lines_only, budget=lines_only.allocated_sum, total_score=lines_only.scores_sum)
    if defect is None:
        return table
    if defect.number == TOTAL_SCORE:
        return replace(table, total_score=table.total_score + defect.delta)
    if defect.number == BUDGET:
        return replace(table, budget=table.budget + defect.delta)
    if defect.number == EXECUTION_RATE:
        first, *rest = lines
        return replace(table, lines=(replace(first, rate=first.rate + defect.delta), *rest))
    raise ValueError(f"{defect} names no number of the table")


def flat_text(table: PerformanceTable, year: int) -> str:
    """The table in the flattened format the seed text prints."""
    rows = [
        ("部门（单位）名称", table.unit_name),
        ("部门年初预算收入金额（万元）", f"{table.budget:.2f}"),
        ("部门年初预算支出金额（万元）", f"{table.budget:.2f}"),
        _LINE_HEADER,
        *(
            (line.task, line.project, f"{line.allocated:.2f}", f"{line.allocated:.2f}", f"{line.rate:.2f}%",
             f"{line.weight}", f"{line.score}")
            for line in table.lines
        ),
        ("总评价得分", f"{table.total_score}"),
    ]
    out = ["\t部门（单位）整体绩效自评表", f"（{year}年度）", ""]
    for row in rows:
        out += [f"\t{cell}" for cell in row] + ["\t", ""]
    return "\n".join(out) + "\n"


def text_report(narrative: Narrative, table: PerformanceTable, year: int) -> bytes:
    """A text report (UTF-8) as the seed is published: the narrative's lines, then the 绩效自评表 as 附件."""
    lines = [text for kind, text in narrative.blocks if kind != "toc"]
    lines += [f"第四部分 {year}年度{SCOPES[narrative.scope]}决算表", "", "  附件"]
    return ("\n".join(lines) + "\n" + flat_text(table, year)).encode("utf-8")
