"""One deliberate inconsistency in a generated report, for the reconciliation tests.

The spec derives every total from its leaves, so a generated report reconciles by construction. A defect
changes ONE printed figure after the tables (or the narrative) have been built from the spec: the figure is
printed ``delta`` off what the spec derives, while every other figure stays as derived — so a 合计 no longer
equals its rows, a 类 its 款, 基本 + 项目 their 合计, #1's 总计 its parts or the other side, a class total in
#1 the one in #3, a narrative figure its table row, or a 绩效自评表's 总评价得分 the sum of its 得分.

The truth file records what is printed (the changed value, in its cell or narrative figure) and, under
``"defect"``, what was changed: where, the value the spec derives (``consistent``) and the one printed
(``printed``). A report without a defect has no ``"defect"`` key.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from tests.corpus.narrative import Narrative, amount_text
from tests.corpus.tables import TableModel, format_amount


@dataclass(frozen=True)
class TableDefect:
    """A table cell printed ``delta`` (in the table's unit) off its derived value.

    The cell is the one value cell of the first table of ``table_kind`` whose column measure is ``measure``
    and whose row has ``code`` (when given) and ``item`` (when given) in ``panel``.
    """

    table_kind: str
    measure: str
    delta: Decimal
    item: str | None = None
    code: str | None = None
    panel: int = 0


@dataclass(frozen=True)
class NarrativeDefect:
    """A headline figure of the narrative (its truth ``section`` and ``label``) printed ``delta`` 万元 off."""

    section: str
    label: str
    delta: Decimal


@dataclass(frozen=True)
class PerformanceDefect:
    """The 绩效自评表's 总评价得分 printed ``delta`` points off the sum of its 得分."""

    delta: Decimal


# What ``generate.render_year`` applies; a PerformanceDefect goes to ``performance.build_performance``.
Defect = TableDefect | NarrativeDefect


def _plain(printed: str) -> Decimal:
    return Decimal(printed.replace(",", ""))


def apply_to_tables(tables: list[TableModel], defect: TableDefect, separators: bool) -> dict:
    """Changes the defect's cell in place; returns the truth's ``defect`` record."""
    table = next(t for t in tables if t.kind == defect.table_kind)
    hits = [
        cell
        for row in table.body
        for cell, column in _value_cells(table, row)
        if table.measures[column] == defect.measure
        and cell.panel == defect.panel
        and (defect.code is None or cell.code == defect.code)
        and (defect.item is None or cell.item == defect.item)
    ]
    if len(hits) != 1 or hits[0].text in (None, "-"):
        raise ValueError(f"{defect} names {len(hits)} cells, not one printed number")
    cell = hits[0]
    consistent = cell.text
    cell.text = format_amount(_plain(consistent) + defect.delta, separators)
    return {
        "target": "table",
        "table_kind": defect.table_kind,
        "panel": defect.panel,
        "code": defect.code,
        "item": cell.item,
        "measure": defect.measure,
        "consistent": consistent,
        "printed": cell.text,
    }


def _value_cells(table: TableModel, row):
    column = 0
    for cell in row:
        if table.columns[column].role == "value":
            yield cell, column
        column += cell.colspan


def apply_to_narrative(narrative: Narrative, defect: NarrativeDefect, separators: bool) -> dict:
    """Changes the figure's printed amount in its paragraph and in the narrative truth; returns the record."""
    [figure] = [f for f in narrative.figures if (f["section"], f["label"]) == (defect.section, defect.label)]
    consistent = figure["value"]
    printed = amount_text(_plain(consistent) + defect.delta, separators)
    old, new = f"{defect.label}{consistent}万元", f"{defect.label}{printed}万元"
    blocks = [i for i, (_, text) in enumerate(narrative.blocks) if old in text]
    if len(blocks) != 1 or narrative.blocks[blocks[0]][1].count(old) != 1:
        raise ValueError(f"{defect} is printed {len(blocks)} times, not once")
    kind, text = narrative.blocks[blocks[0]]
    narrative.blocks[blocks[0]] = (kind, text.replace(old, new))
    figure["value"] = printed
    return {
        "target": "narrative",
        "section": defect.section,
        "label": defect.label,
        "consistent": consistent,
        "printed": printed,
    }
