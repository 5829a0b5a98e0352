"""The standard tables' own arithmetic as findings.

Every check compares two printed numbers (or a printed number with the sum of printed numbers) and records a
finding when they differ beyond rounding: ±0.01 万元 per summed term, in the unit the table prints. A figure
printed in two tables should be identical: a difference within rounding is still a warning, beyond it an error.
Nothing is corrected or dropped. A cell printed beyond what the warehouse holds has no value: it is a finding of
its own (``amount_out_of_range``) and no comparison it takes part in is made. The narrative against the tables is
checked by the warehouse, metric by metric (dbt ``int_cross_source_findings``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

import polars as pl

from pipeline import schemas
from pipeline.checks.facts import Finding
from pipeline.checks.findings import finding_row
from pipeline.checks.ranges import beyond_range, cell_bound
from pipeline.checks.rounding import to_frame
from pipeline.checks.rules import severity
from pipeline.parse.tables.titles import UNKNOWN_KIND

_CENT = Decimal("0.01")
_NUMBERING = re.compile(r"^[一二三四五六七八九十百]+、|^（[一二三四五六七八九十]+）|^\d+[.、]")


@dataclass(frozen=True)
class Cell:
    table_index: int
    title: str
    table_kind: str
    page: int
    panel: int
    row_index: int
    code: str | None
    item: str
    measure: str
    value: Decimal | None  # in the unit the table prints; None beyond what the warehouse holds
    printed: str
    unit: str
    bbox: tuple[float | None, ...]
    cell_ref: str | None = None  # where a format without page geometry holds it (公开01表!C7)

    @property
    def location(self) -> str:
        if self.cell_ref is not None:
            return self.cell_ref
        box = ",".join("?" if v is None else f"{v:.0f}" for v in self.bbox)
        return f"p{self.page}:{box}"

    @property
    def name(self) -> str:
        return _NUMBERING.sub("", self.item)


def _cells(statement_tables: pl.DataFrame, line_items: pl.DataFrame) -> list[Cell]:
    titles = {row["table_index"]: row for row in statement_tables.iter_rows(named=True)}
    cells = []
    for row in line_items.iter_rows(named=True):
        table = titles.get(row["table_index"], {})
        held = row["value_wan_yuan"] is not None
        value = Decimal(row["value_printed"].replace(",", "").replace("，", "")) if held else None
        cells.append(
            Cell(
                table_index=row["table_index"],
                title=table.get("table_title", ""),
                table_kind=table.get("table_kind", UNKNOWN_KIND),
                page=row["page"],
                panel=row["panel"],
                row_index=row["row_index"],
                code=row["classification_code"],
                item=row["item_name"],
                measure=row["measure"],
                value=value,
                printed=row["value_printed"],
                unit=row["unit_printed"],
                bbox=(row["bbox_x0"], row["bbox_top"], row["bbox_x1"], row["bbox_bottom"]),
                cell_ref=row["cell_ref"],
            )
        )
    return cells


def _finding(check: str, subject: str, observed: Cell | Decimal, expected: Decimal, terms: list[Cell] | Cell,
             tolerance: Decimal, message: str) -> dict | None:
    """The finding of an identity that fails as printed, by however little (``rules.severity`` weighs it)."""
    observed_value = observed.value if isinstance(observed, Cell) else observed
    if observed_value is None or expected is None:
        return None
    difference = observed_value - expected
    if difference == 0:
        return None
    terms = terms if isinstance(terms, list) else [terms]
    return {
        "check_name": check,
        "severity": severity(difference, expected, explained_by_rounding=abs(difference) <= tolerance),
        "subject": subject,
        "expected_value": to_frame(expected),
        "observed_value": to_frame(observed_value),
        "difference": to_frame(difference),
        "tolerance": tolerance,
        "observed_location": observed.location if isinstance(observed, Cell) else None,
        "expected_location": "; ".join(t.location for t in terms[:20]) or None,
        "message": message,
    }


def _by_table(cells: list[Cell]) -> dict[int, list[Cell]]:
    tables: dict[int, list[Cell]] = defaultdict(list)
    for cell in cells:
        tables[cell.table_index].append(cell)
    return tables


def _sum(cells: list[Cell]) -> Decimal | None:
    if any(c.value is None for c in cells):
        return None
    return sum((c.value for c in cells), Decimal(0))


# 人员经费 is 工资福利支出 (301) and 对个人和家庭的补助 (303); 公用经费 every other economic class.
_PERSONNEL_CLASSES = ("301", "303")


def _counts_towards(total_name: str, class_code: str) -> bool:
    if total_name.startswith("人员经费"):
        return class_code in _PERSONNEL_CLASSES
    if total_name.startswith("公用经费"):
        return class_code not in _PERSONNEL_CLASSES
    return True


def _hierarchy(table: list[Cell]) -> Iterator[dict | None]:
    """类 = Σ 款, 款 = Σ 项 (and 合计 = Σ 类), per panel and measure, where the children are printed."""
    by_column: dict[tuple[int, str], list[Cell]] = defaultdict(list)
    for cell in table:
        by_column[(cell.panel, cell.measure)].append(cell)
    for (_panel, measure), column in by_column.items():
        coded = [c for c in column if c.code]
        for parent in coded:
            children = [c for c in coded if len(c.code) == len(parent.code) + 2 and c.code.startswith(parent.code)]
            if not children:
                continue
            level = "类" if len(parent.code) == 3 else "款"
            yield _finding(
                "class_equals_sum_of_subclasses",
                f"{parent.title}：{parent.code} {parent.item}（{measure}）",
                parent, _sum(children), children, _CENT * len(children),
                f"{level} {parent.code} prints {parent.value}, its {len(children)} sub-rows add to {_sum(children)}",
            )
        classes = [c for c in coded if len(c.code) == 3]
        for total in (c for c in column if not c.code and c.name.endswith(("合计", "总计"))):
            counted = [c for c in classes if _counts_towards(total.name, c.code)]
            if not counted:
                continue
            yield _finding(
                "total_equals_sum_of_rows",
                f"{total.title}：{total.item}（{measure}）",
                total, _sum(counted), counted, _CENT * len(counted),
                f"{total.item} prints {total.value}, the {len(counted)} class rows add to {_sum(counted)}",
            )


# Column headers that name a row's total over its sibling columns.
_TOTAL_COLUMNS = ("合计", "小计", "总计", "本年支出合计", "本年收入合计")
# A bottom header row that only says which figure (budget or final) a column group holds: the sum runs
# within it, so it is moved to the front of the path ("…/合计/预算数" sums with "…/公务接待费/预算数").
_FIGURE_KINDS = ("预算数", "决算数", "金额")


def _column_groups(measures: set[str]) -> list[tuple[str, list[str]]]:
    """(total column, its sibling columns) for every group of a table's columns that has one total column.

    A sibling that is itself a group stands in by its own total (公务用车购置及运行费/小计); a sub-group
    without a total makes its group uncheckable.
    """
    paths = {}
    for measure in measures:
        parts = measure.split("/")
        if len(parts) > 1 and parts[-1] in _FIGURE_KINDS:
            parts = [parts[-1], *parts[:-1]]
        paths[tuple(parts)] = measure
    groups: dict[tuple[str, ...], dict[str, tuple[str, ...]]] = defaultdict(dict)
    for path in paths:
        for depth in range(len(path)):
            groups[path[:depth]].setdefault(path[depth], path[: depth + 1])
    found = []
    for children in groups.values():
        totals = [name for name in children if name in _TOTAL_COLUMNS]
        if len(totals) != 1 or len(children) < 2 or children[totals[0]] not in paths:
            continue
        siblings = []
        for name, child in children.items():
            if name == totals[0]:
                continue
            inner = [child + (t,) for t in _TOTAL_COLUMNS if child + (t,) in paths]
            if child in paths:
                siblings.append(paths[child])
            elif len(inner) == 1:
                siblings.append(paths[inner[0]])
            else:
                break
        else:
            found.append((paths[children[totals[0]]], siblings))
    return found


def _columns_of_rows(table: list[Cell]) -> Iterator[dict | None]:
    """A row's total column equals the sum of its sibling columns (基本支出 + 项目支出 + … = 合计)."""
    groups = _column_groups({cell.measure for cell in table})
    rows: dict[tuple[int, int], dict[str, Cell]] = defaultdict(dict)
    for cell in table:
        rows[(cell.panel, cell.row_index)][cell.measure] = cell
    for measures in rows.values():
        for total_measure, sibling_measures in groups:
            total = measures.get(total_measure)
            # A blank sibling cell prints nothing, i.e. zero.
            siblings = [measures[m] for m in sibling_measures if m in measures]
            if total is None or not siblings:
                continue
            yield _finding(
                "columns_sum_to_row_total",
                f"{total.title}：{total.code or ''} {total.item}（{total.measure}）",
                total, _sum(siblings), siblings, _CENT * len(siblings),
                f"{total.measure} prints {total.value}; {' + '.join(c.measure for c in siblings)} add to {_sum(siblings)}",
            )


def _row(table: list[Cell], panel: int, *names: str) -> Cell | None:
    return next((c for c in table if c.panel == panel and c.name.startswith(names)), None)


def _summary_identities(table: list[Cell]) -> Iterator[dict | None]:
    """Table #1: 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余 = 总计 = 本年支出合计 + 结余分配 + 年末结转和结余.

    Works on both layouts: income and expenditure side by side (two panels) or one after the other (one panel):
    each side is the run of rows of a panel that ends with its 总计.
    """
    sides = (("收入", "本年收入合计", ("使用非财政拨款结余", "年初结转和结余", "上年结转")),
             ("支出", "本年支出合计", ("结余分配", "年末结转和结余")))
    totals = {}
    for side, subtotal_name, extra_names in sides:
        subtotal = next((c for c in table if c.name.startswith(subtotal_name)), None)
        if subtotal is None:
            continue
        panel = [c for c in table if c.panel == subtotal.panel and c.measure == subtotal.measure]
        total = next((c for c in sorted(panel, key=lambda c: c.row_index)
                      if c.row_index > subtotal.row_index and c.name.startswith("总计")), None)
        earlier_total = max((c.row_index for c in panel if c.name.startswith("总计") and c.row_index < subtotal.row_index),
                            default=-1)
        rows = [c for c in panel if earlier_total < c.row_index < subtotal.row_index and _NUMBERING.match(c.item)]
        if rows:
            yield _finding(
                "total_equals_sum_of_rows",
                f"{subtotal.title}：{subtotal.item}",
                subtotal, _sum(rows), rows, _CENT * len(rows),
                f"{subtotal.item} prints {subtotal.value}, its {len(rows)} numbered rows add to {_sum(rows)}",
            )
        if total is None:
            continue
        totals[side] = total
        extras = [c for c in panel if subtotal.row_index < c.row_index < total.row_index and c.name.startswith(extra_names)]
        parts = [subtotal, *extras]
        yield _finding(
            "summary_total_identity",
            f"{total.title}：{side}总计",
            total, _sum(parts), parts, _CENT * len(parts),
            f"总计 prints {total.value}; {' + '.join(p.name for p in parts)} add to {_sum(parts)}",
        )
    if totals.get("收入") and totals.get("支出"):
        yield _finding(
            "summary_sides_balance",
            f"{totals['收入'].title}：收入总计 vs 支出总计",
            totals["收入"], totals["支出"].value, totals["支出"], _CENT,
            f"收入总计 {totals['收入'].value} and 支出总计 {totals['支出'].value} differ",
        )


# The same figure printed in two standard tables: (kind A, how to find it in A, kind B, how in B).
_SAME_FIGURE_TOTALS = (
    ("final_income_expenditure_summary", (0, "本年收入合计"), "final_income", "合计"),
    ("final_income_expenditure_summary", (1, "本年支出合计"), "final_expenditure", "合计"),
)


def _first_measure(table: list[Cell], row: Cell) -> Cell:
    """The row's first printed column (the total column of #2/#3/#5)."""
    same_row = [c for c in table if c.panel == row.panel and c.row_index == row.row_index]
    return min(same_row, key=lambda c: c.bbox[0] if c.bbox[0] is not None else 0)


def _first_of_each_kind(tables: dict[int, list[Cell]]) -> dict[str, list[Cell]]:
    """The first table of each kind: the one the cross-table and narrative checks compare against."""
    by_kind: dict[str, list[Cell]] = {}
    for table in tables.values():
        if table:
            by_kind.setdefault(table[0].table_kind, table)
    return by_kind


def _across_tables(by_kind: dict[str, list[Cell]]) -> Iterator[dict | None]:
    summary = by_kind.get("final_income_expenditure_summary")
    for kind_a, (panel, name), kind_b, total_name in _SAME_FIGURE_TOTALS:
        a_table, b_table = by_kind.get(kind_a), by_kind.get(kind_b)
        if not a_table or not b_table:
            continue
        a = _row(a_table, panel, name)
        b_row = next((c for c in b_table if not c.code and c.name.startswith(total_name)), None)
        if a is None or b_row is None:
            continue
        b = _first_measure(b_table, b_row)
        yield _finding(
            "same_figure_across_tables",
            f"{a.title} {a.item} vs {b.title} {b.item}（{b.measure}）",
            b, a.value, a, _CENT, f"{b.title} prints {b.value} where {a.title} prints {a.value}",
        )
    expenditure = by_kind.get("final_expenditure")
    if summary and expenditure:
        classes = {c.item: c for c in expenditure if c.code and len(c.code) == 3}
        for row in (c for c in summary if c.panel == 1 and _NUMBERING.match(c.item)):
            match = next((c for c in classes.values() if c.name == row.name), None)
            if match is None:
                continue
            b = _first_measure(expenditure, match)
            yield _finding(
                "same_figure_across_tables",
                f"{row.title} {row.item} vs {b.title} {b.code} {b.item}（{b.measure}）",
                b, row.value, row, _CENT, f"{b.title} prints {b.value} where {row.title} prints {row.value}",
            )


def table_findings(sha256: str, statement_tables: pl.DataFrame, line_items: pl.DataFrame) -> pl.DataFrame:
    """Findings of one document's tables, in the FINDINGS schema. The narrative against the tables is the
    warehouse's check (dbt ``int_cross_source_findings``), where every metric's table and narrative figures meet."""
    cells = _cells(statement_tables, line_items)
    tables = _by_table(cells)
    found: list[dict | None] = []
    for table in tables.values():
        found += _hierarchy(table)
        found += _columns_of_rows(table)
        if table and table[0].table_kind == "final_income_expenditure_summary":
            found += _summary_identities(table)
    by_kind = _first_of_each_kind(tables)
    found += _across_tables(by_kind)
    rows, seen = [], set()
    for finding in found:
        if finding is None or finding["subject"] in seen:
            continue
        seen.add(finding["subject"])
        rows.append({"document_sha256": sha256, **finding})
    rows += [finding_row(sha256, _beyond_range(cell)) for cell in cells if cell.value is None]
    return schemas.FINDINGS.frame(rows)


def _beyond_range(cell: Cell) -> Finding:
    # The location makes the subject unique: two cells of one table may share their row and column names.
    named = " ".join(filter(None, (cell.code, cell.item)))
    subject = f"{cell.title}：{named}（{cell.measure}）@{cell.location}"
    return beyond_range(subject, f"{cell.printed}{cell.unit}", cell.location, cell.page, *cell_bound())
