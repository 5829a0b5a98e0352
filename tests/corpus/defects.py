"""One deliberate inconsistency in a generated report, for the reconciliation tests.

The spec derives every total from its leaves, so a generated report reconciles by construction. A defect
changes ONE printed number after the tables (or the narrative) have been built from the spec: the number is
printed ``delta`` off what the spec derives, while every other number stays as derived — so a 合计 no longer
equals its rows, a 类 its 款, 基本 + 项目 their 合计, #1's 总计 its parts or the other side, a class total in
#1 the one in #3, a narrative figure its table row or its listed parts, a stated share its amounts, a stated change
rate its amount over the prior year, or a 绩效自评表's 总评价得分 the sum of its 得分, its 部门年初预算 the sum of
its 下达金额, or a 项目执行率 its 执行金额 over its 下达金额.

The truth file records what is printed (the changed value, in its cell or narrative figure) and, under
``"defect"``, what was changed: where, the value the spec derives (``consistent``) and the one printed
(``printed``). A report without a defect has no ``"defect"`` key.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal

from tests.corpus.narrative import Narrative, amount_text, percent_text
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
    """A headline figure of the narrative (its truth ``section`` and ``label``) printed ``delta`` 万元 off; a
    ``delta`` with more than the narrative's 2 decimals prints them (16.07 + 0.001 → 16.071). A ``factor`` of
    10,000 prints the figure in 元 under the unit 万元 (a slip of unit)."""

    section: str
    label: str
    delta: Decimal
    factor: Decimal = Decimal(1)


@dataclass(frozen=True)
class ShareDefect:
    """The share the narrative states for a headline figure (its ``section`` and ``label``: "…万元，占支出总计的
    40.01%") printed ``delta`` points off."""

    section: str
    label: str
    delta: Decimal


@dataclass(frozen=True)
class ChangeRateDefect:
    """The percent of a year-over-year statement (``Narrative.yoy``'s ``section`` and ``metric``: "增加4.64万元，
    增长40.59%") printed ``delta`` points off its amount over the prior year."""

    section: str
    metric: str
    delta: Decimal


# What a PerformanceDefect prints off: the 总评价得分 (points off Σ 得分), the 部门年初预算收入/支出金额 (万元 off
# Σ 项目下达金额) or the first budget line's 项目执行率 (points off 执行金额 / 下达金额).
TOTAL_SCORE, BUDGET, EXECUTION_RATE = "总评价得分", "部门年初预算", "项目执行率"


@dataclass(frozen=True)
class PerformanceDefect:
    """A number of the 绩效自评表 (``number``) printed ``delta`` off what its other numbers give."""

    delta: Decimal
    number: str = TOTAL_SCORE


NarrativeTextDefect = NarrativeDefect | ShareDefect | ChangeRateDefect
# What ``generate.render_year`` applies; a PerformanceDefect goes to ``performance.build_performance``.
Defect = TableDefect | NarrativeTextDefect


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


def apply_to_narrative(narrative: Narrative, defect: NarrativeTextDefect, separators: bool) -> dict:
    """Changes the defect's number in its paragraph (and in the narrative truth, which keeps what is printed);
    returns the truth's ``defect`` record, with where the number is printed in ``narrative.blocks`` (``block``, and
    ``offset`` in the block's text) for ``generate.render_year`` to turn into its page."""
    if isinstance(defect, NarrativeDefect):
        [figure] = [f for f in narrative.figures if (f["section"], f["label"]) == (defect.section, defect.label)]
        pattern = f"{re.escape(defect.label)}(?P<number>{re.escape(figure['value'])})万元"
        where = _reprint(narrative, defect, pattern,
                         lambda printed: _amount(_plain(printed) * defect.factor + defect.delta, separators))
        figure["value"] = where["printed"]
        return {"target": "narrative", "number": "amount", "section": defect.section, "label": defect.label, **where}
    if isinstance(defect, ShareDefect):
        [figure] = [f for f in narrative.figures if (f["section"], f["label"]) == (defect.section, defect.label)]
        pattern = (f"{re.escape(defect.label)}{re.escape(figure['value'])}万元，占[^，。%]*?"
                   r"(?P<number>\d+(?:\.\d+)?)%")
        where = _reprint(narrative, defect, pattern, lambda printed: percent_text(Decimal(printed) + defect.delta))
        return {"target": "narrative", "number": "share", "section": defect.section, "label": defect.label, **where}
    [(index, statement)] = [
        (i, s) for i, s in enumerate(narrative.yoy) if (s.section, s.metric) == (defect.section, defect.metric)
    ]
    pattern = (f"{re.escape(amount_text(statement.amount, separators))}万元，(?:增长|降低|下降)"
               f"(?P<number>{re.escape(percent_text(statement.pct))})%")
    where = _reprint(narrative, defect, pattern, lambda printed: percent_text(Decimal(printed) + defect.delta),
                     statement.block)
    narrative.yoy[index] = replace(statement, pct=Decimal(where["printed"]))
    return {"target": "narrative", "number": "change_rate", "section": defect.section, "label": defect.metric,
            **where}


def _reprint(
    narrative: Narrative,
    defect: NarrativeTextDefect,
    pattern: str,
    reprinted: Callable[[str], str],
    block: int | None = None,
) -> dict:
    """Prints the number (group ``number``) of the one match of ``pattern`` in the paragraphs (or in ``block``) as
    ``reprinted`` of it gives."""
    hits = [
        (i, match) for i, (_, text) in enumerate(narrative.blocks) if block in (None, i)
        for match in re.finditer(pattern, text)
    ]
    if len(hits) != 1:
        raise ValueError(f"{defect} is printed {len(hits)} times, not once")
    [(i, match)] = hits
    kind, text = narrative.blocks[i]
    printed = reprinted(match["number"])
    narrative.blocks[i] = (kind, text[: match.start("number")] + printed + text[match.end("number"):])
    return {"consistent": match["number"], "printed": printed, "block": i, "offset": match.start("number")}


def _amount(value: Decimal, separators: bool) -> str:
    """A 万元 amount as the narrative prints it, or with the more decimals a defect gave it."""
    if value == value.quantize(Decimal("0.01")):
        return amount_text(value, separators)
    return f"{value:,f}" if separators else f"{value:f}"
