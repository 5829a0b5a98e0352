"""A statement table read from its cells, whatever the format drew it in, and the frames of a document's tables.

The PDF reader stitches a table's grids into a ``Stitched`` grid; spreadsheets, Word and HTML give that grid as is
(``cell_grid``). From there one reading serves all: the header and body (``pdf.headers``, ``pdf.rows``), the unit
printed above the table or in a header cell, the code system, whether the table is printed empty, and the
``STATEMENT_TABLES`` and ``LINE_ITEMS`` frames. A table is empty when it prints no amount and says so in its note
(…故本表无数据) or lists no item but its total; a 三公 table whose zeros print blank is not. A table that prints no
unit takes its neighbours' (the document's usual unit).
"""

from __future__ import annotations

import re
import struct
from collections import Counter
from dataclasses import dataclass, replace

import polars as pl

from pipeline.parse.result import ParsedDocument
from pipeline.parse.tables.amounts import compact, to_wan_yuan
from pipeline.parse.tables.context import TitleBlock
from pipeline.parse.tables.headers import LABEL, read_header
from pipeline.parse.tables.rows import ReadCell, read_body
from pipeline.parse.tables.stitch import Stitched
from pipeline.parse.tables.titles import ECONOMIC_KINDS, UNKNOWN_KIND
from pipeline.parse.tables.units import unit_in_header, unit_in_text
from pipeline.schemas import LINE_ITEMS, STATEMENT_TABLES

_DEFAULT_UNIT = "万元"
# A note that says the table has nothing to show: 故本表无数据, 本表为空表, 本部门无该项目, 没有…支出.
_SAYS_EMPTY = re.compile(r"无数据|空表|本表无|无该项|无相关|没有|(?:部门|单位)[^，。]{0,12}无")
_TOTAL = re.compile(r"合计|总计|小计")


def _stored(coordinate: float) -> float:
    """A cell edge as stored: at float32 precision, to 0.01 pt.

    PDFium holds coordinates as float32 where pdfminer parses float64: 517.60497 in the file is 517.60498046875
    to one, 517.60497 to the other, and the two round to 0.01 apart. Taken to float32 first, both round alike.
    """
    return round(struct.unpack("f", struct.pack("f", coordinate))[0], 2)


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
    if "经济" in code_header or kind in ECONOMIC_KINDS or (kind == UNKNOWN_KIND and "经济" in title):
        return "economic"
    if "功能" in code_header or kind != UNKNOWN_KIND or "功能" in title:
        return "function"
    return None


def table_kind(block: TitleBlock) -> str:
    return block.title.kind if block.title else UNKNOWN_KIND


def read_table(table: Stitched, block: TitleBlock, note: list[str], pages: list[int]) -> ReadTable:
    """One table from its grid, the title block above it and the note below it."""
    kind = table_kind(block)
    header = read_header(table, standard=kind != UNKNOWN_KIND)
    cells = read_body(table, header, header.body_rows)
    title = block.title.text if block.title else (block.other_title or "")
    # The unit printed above the table, else one a header or label cell names (金额（万元）, 项目资金（元）).
    unit = unit_in_text("\n".join(block.lines))
    if unit is None:
        header_text = "\n".join(c.text for c in table.cells if c.row in header.header_rows)
        unit = unit_in_header(header_text) or unit_in_header("\n".join(c.text for c in table.cells))
    systems = {p: _code_system(kind, header.code_headers.get(p, ""), title) for p in set(header.panels)}
    note_text = "\n".join(note) or None
    # Printed empty: no amount, and a note that says so or no row but a total that names an item.
    items = [
        compact(c.text)
        for row in header.body_rows
        for col in header.columns(LABEL)
        if (c := table.own(row, col)) is not None
    ]
    lists_nothing = bool(header.columns(LABEL)) and not any(t and not _TOTAL.search(t) for t in items)
    empty = not cells and (bool(note_text and _SAYS_EMPTY.search(note_text)) or lists_nothing)
    return ReadTable(kind, title, block.number, unit, note_text, pages, cells, systems, empty)


def _fill_units(tables: list[ReadTable]) -> list[ReadTable]:
    """A table that prints no unit takes the one its neighbours print (the document's usual unit)."""
    usual = Counter(t.unit for t in tables if t.unit).most_common(1)
    fallback = usual[0][0] if usual else _DEFAULT_UNIT
    for i, table in enumerate(tables):
        if table.unit is None:
            previous = next((t.unit for t in reversed(tables[:i]) if t.unit), None)
            table.unit = previous or fallback
    return tables


def keep_read(tables: list[ReadTable]) -> list[ReadTable]:
    """A document's read tables without the untitled ones that print no amount, each with its unit."""
    return _fill_units([t for t in tables if t.kind != UNKNOWN_KIND or t.cells])


def frames(tables: list[ReadTable], sha256: str) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(statement_tables, line_items) of a document's tables."""
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
            x0, top, x1, bottom = (_stored(v) for v in cell.bbox) if cell.bbox else (None,) * 4
            item_rows.append(
                {
                    "document_sha256": sha256,
                    "table_index": index,
                    "cell_index": cell_index,
                    "page": cell.page,
                    "bbox_x0": x0,
                    "bbox_top": top,
                    "bbox_x1": x1,
                    "bbox_bottom": bottom,
                    "cell_ref": cell.ref,
                    "row_index": cell.row_index,
                    "column_index": cell.column_index,
                    "panel": cell.panel,
                    "classification_code": cell.code,
                    "code_system": table.code_system.get(cell.panel) if cell.code else None,
                    "item_name": cell.item,
                    "measure": cell.measure,
                    "value_printed": cell.value_printed,
                    "unit_printed": table.unit,
                    # A number beyond what the warehouse holds keeps its printed text; checks.tables flags it.
                    "value_wan_yuan": LINE_ITEMS.held(
                        "value_wan_yuan", to_wan_yuan(cell.value_printed, table.unit or _DEFAULT_UNIT)
                    ),
                }
            )
    return STATEMENT_TABLES.frame(table_rows), LINE_ITEMS.frame(item_rows)


def with_tables(document: ParsedDocument, tables: list[ReadTable], sha256: str) -> ParsedDocument:
    """A document's frames with its tables' frames added."""
    statement_tables, line_items = frames(tables, sha256)
    return replace(
        document, frames={**document.frames, STATEMENT_TABLES.name: statement_tables, LINE_ITEMS.name: line_items}
    )
