"""The 部门（单位）整体绩效自评表 of a department-year, and a text report that carries it.

The table follows the seed's (``data/raw/…_2022_dept-final.txt``, 附件): 部门（单位）名称, 部门年初预算收入/支出金额,
then one budget line per use of the money — 人员经费, 日常公用经费 and each 项 with project spending — with its
项目下达金额 = 项目执行金额 (executed in full, 100.00%), 分值 and 得分, and 总评价得分 = Σ 得分. Only the text reader
reads 绩效自评表 (``pipeline.parse.text.performance_table``: the flattened format, one cell per line after a tab, a row
ended by an empty cell and an empty line), so the table is printed in that format, after the narrative, as the
seed prints it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from tests.corpus import catalog
from tests.corpus.defects import PerformanceDefect
from tests.corpus.narrative import SCOPES, Narrative
from tests.corpus.spec import Department, to_wan

_LINE_HEADER = ("年度主要任务", "对应项目", "项目下达金额（万元）", "项目执行金额（万元）", "项目执行率", "分值", "得分")
_WEIGHT = Decimal("10")


@dataclass(frozen=True)
class BudgetLine:
    task: str
    project: str
    allocated: Decimal  # 万元, executed in full
    weight: Decimal
    score: Decimal


@dataclass(frozen=True)
class PerformanceTable:
    unit_name: str
    budget: Decimal  # 部门年初预算收入 = 支出金额, 万元
    lines: tuple[BudgetLine, ...]
    total_score: Decimal  # as printed: Σ 得分, or off it by a defect's delta

    @property
    def scores_sum(self) -> Decimal:
        return sum((line.score for line in self.lines), Decimal(0))


def build_performance(dept: Department, year: int, defect: PerformanceDefect | None = None) -> PerformanceTable:
    """The table of ``dept`` in ``year``; with ``defect``, 总评价得分 printed off Σ 得分."""
    fig = dept.years[year]
    uses = [("部门预算基本支出", "人员经费", fig.personnel), ("部门预算基本支出", "日常公用经费", fig.public)]
    uses += [("部门预算项目支出", catalog.XIANG[code], item.project) for code, item in fig.items.items() if item.project]
    lines = tuple(BudgetLine(task, project, to_wan(fen), _WEIGHT, _WEIGHT) for task, project, fen in uses)
    budget = sum((line.allocated for line in lines), Decimal(0))
    total = sum((line.score for line in lines), Decimal(0)) + (defect.delta if defect else 0)
    return PerformanceTable(dept.name, budget, lines, total)


def flat_text(table: PerformanceTable, year: int) -> str:
    """The table in the flattened format the seed text prints."""
    rows = [
        ("部门（单位）名称", table.unit_name),
        ("部门年初预算收入金额（万元）", f"{table.budget:.2f}"),
        ("部门年初预算支出金额（万元）", f"{table.budget:.2f}"),
        _LINE_HEADER,
        *(
            (line.task, line.project, f"{line.allocated:.2f}", f"{line.allocated:.2f}", "100.00%",
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
