"""The statement tables of one PDF report and every amount printed in them.

``extract_tables`` reads each page's grids, assembles them into tables (a title starts one, an untitled grid on the
next page with the same columns continues it), reads each table's header and body and returns the
``STATEMENT_TABLES`` and ``LINE_ITEMS`` frames. Tables titled …绩效自评表 are read elsewhere and skipped; a table
whose title is not a standard one but which prints amounts is kept as kind ``unknown``. A table is empty when it
prints no amount and says so in its note (…故本表无数据) or lists no item but its total; a 三公 table whose zeros
print blank is not. A table that prints no unit takes its neighbours' (the document's usual unit).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import pdfplumber
import polars as pl

from pipeline.parse.pdf.continuation import Draft, assemble
from pipeline.parse.pdf.headers import LABEL, read_header
from pipeline.parse.pdf.numbers import compact, to_wan_yuan
from pipeline.parse.pdf.page import PageLayout, read_page
from pipeline.parse.pdf.rows import ReadCell, read_body
from pipeline.parse.pdf.stitch import stitch
from pipeline.parse.pdf.titles import ECONOMIC_KINDS
from pipeline.parse.pdf.units import unit_in_header, unit_in_text
from pipeline.schemas import LINE_ITEMS, STATEMENT_TABLES

_DEFAULT_UNIT = "万元"
# A note that says the table has nothing to show: 故本表无数据, 本表为空表, 本部门无该项目, 没有…支出.
_SAYS_EMPTY = re.compile(r"无数据|空表|本表无|无该项|无相关|没有|(?:部门|单位)[^，。]{0,12}无")
_TOTAL = re.compile(r"合计|总计|小计")


@dataclass
class ReadTable:
    kind: str
    title: str
    number: str | None
    unit: str | None
    note: str | None
    pages: list[int]
    cells: list[ReadCell]
    code_system: dict[int, str | None]  # panel -> code system
    is_empty: bool


def _code_system(kind: str, code_header: str, title: str) -> str | None:
    if "经济" in code_header or kind in ECONOMIC_KINDS or (kind == "unknown" and "经济" in title):
        return "economic"
    if "功能" in code_header or kind != "unknown" or "功能" in title:
        return "function"
    return None


def _read(draft: Draft) -> ReadTable:
    table = stitch(draft.fragments)
    header = read_header(table, standard=draft.kind != "unknown")
    cells = read_body(table, header, header.body_rows)
    block = draft.block
    title = block.title.text if block.title else (block.other_title or "")
    number = block.number
    # The unit printed above the table, else one a header or label cell names (金额（万元）, 项目资金（元）).
    unit = unit_in_text("\n".join(block.lines))
    if unit is None:
        header_text = "\n".join(c.text for c in table.cells if c.row in header.header_rows)
        unit = unit_in_header(header_text) or unit_in_header("\n".join(c.text for c in table.cells))
    kind = draft.kind
    systems = {p: _code_system(kind, header.code_headers.get(p, ""), title) for p in set(header.panels)}
    pages = sorted({grid.page for grid, _ in draft.fragments})
    note = "\n".join(draft.note) or None
    # Printed empty: no amount, and a note that says so or no row but a total that names an item.
    items = [
        compact(c.text)
        for row in header.body_rows
        for col in header.columns(LABEL)
        if (c := table.own(row, col)) is not None
    ]
    lists_nothing = bool(header.columns(LABEL)) and not any(t and not _TOTAL.search(t) for t in items)
    empty = not cells and (bool(note and _SAYS_EMPTY.search(note)) or lists_nothing)
    return ReadTable(kind, title, number, unit, note, pages, cells, systems, empty)


def read_tables(pages: list[PageLayout]) -> list[ReadTable]:
    """The tables of a document's pages, in order, without the skipped ones and untitled ones without amounts."""
    out: list[ReadTable] = []
    for draft in assemble(pages):
        if draft.skipped:
            continue
        table = _read(draft)
        if table.kind == "unknown" and not table.cells:
            continue
        out.append(table)
    # A table that prints no unit takes the one its neighbours print (the document's usual unit).
    usual = Counter(t.unit for t in out if t.unit).most_common(1)
    fallback = usual[0][0] if usual else _DEFAULT_UNIT
    for i, table in enumerate(out):
        if table.unit is None:
            previous = next((t.unit for t in reversed(out[:i]) if t.unit), None)
            table.unit = previous or fallback
    return out


def frames(tables: list[ReadTable], sha256: str) -> tuple[pl.DataFrame, pl.DataFrame]:
    table_rows: list[dict] = []
    item_rows: list[dict] = []
    for index, table in enumerate(tables):
        table_rows.append(
            {
                "document_sha256": sha256,
                "table_index": index,
                "table_kind": table.kind,
                "table_title": table.title,
                "table_number_printed": table.number,
                "page_first": table.pages[0],
                "page_last": table.pages[-1],
                "unit_printed": table.unit,
                "is_empty": table.is_empty,
                "note": table.note,
                "cell_count": len(table.cells),
            }
        )
        ordered = sorted(
            enumerate(table.cells), key=lambda ic: (ic[1].page, ic[1].row_index, ic[1].column_index, ic[0])
        )
        for cell_index, (_, cell) in enumerate(ordered):
            x0, top, x1, bottom = cell.bbox
            item_rows.append(
                {
                    "document_sha256": sha256,
                    "table_index": index,
                    "cell_index": cell_index,
                    "page": cell.page,
                    "bbox_x0": round(float(x0), 2),
                    "bbox_top": round(float(top), 2),
                    "bbox_x1": round(float(x1), 2),
                    "bbox_bottom": round(float(bottom), 2),
                    "row_index": cell.row_index,
                    "column_index": cell.column_index,
                    "panel": cell.panel,
                    "classification_code": cell.code,
                    "code_system": table.code_system.get(cell.panel) if cell.code else None,
                    "item_name": cell.item,
                    "measure": cell.measure,
                    "value_printed": cell.value_printed,
                    "unit_printed": table.unit,
                    "value_wan_yuan": to_wan_yuan(cell.value_printed, table.unit or _DEFAULT_UNIT),
                }
            )
    return STATEMENT_TABLES.frame(table_rows), LINE_ITEMS.frame(item_rows)


def extract_tables(
    pdf: pdfplumber.PDF, *, sha256: str, may_hold_table: Sequence[bool] | None = None
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(statement_tables, line_items) for one opened PDF; ``may_hold_table`` (``table_pages.may_hold_tables``)
    spares the pages that surely hold none."""
    return frames(read_tables(read_pages(pdf.pages, may_hold_table)), sha256)


def read_pages(pages, may_hold_table: Sequence[bool] | None = None) -> list[PageLayout]:
    """Each page's grids and free text; a page after one that ended in a table without rules may continue it.

    ``pages``: pdfplumber pages, or filtered copies of them. A page ``may_hold_table`` rules out is left unread
    unless the page before ended in a table without rules; the tables do not change, as a page without grids
    adds nothing to them and a grid continues a table only from the page right before it.
    """
    out: list[PageLayout] = []
    for index, page in enumerate(pages):
        follows = bool(
            out
            and out[-1].number == page.page_number - 1
            and out[-1].grids
            and out[-1].grids[-1].source == "text"
        )
        if may_hold_table is not None and not may_hold_table[index] and not follows:
            continue
        out.append(read_page(page, follows_text_table=follows))
    return out
