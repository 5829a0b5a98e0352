"""Reads a spreadsheet of standard tables (XLSX, or old XLS): each sheet's tables as line items.

calamine reads both formats and their merged ranges. A sheet is a page: ``page`` is its 1-based index and each
amount keeps its cell reference (``公开01表!C7``). A numeric cell holds the amount as stored, not as its number
format shows it; its text is that value's shortest decimal form (1234.5 for a cell showing 1,234.50). A
spreadsheet has no narrative: the department, year and kind come from the titles, a 部门： field and the file name,
as for a PDF that holds only the tables (``document_meta``).
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

from python_calamine import CalamineSheet, CalamineWorkbook

from pipeline import schemas
from pipeline.parse.result import ParsedDocument
from pipeline.parse.tables.cell_grid import GridCell, a1, read_grid_tables
from pipeline.parse.tables.context import is_block_line
from pipeline.parse.tables.statement import keep_read, with_tables
from pipeline.parse.text.document_meta import read_document_meta
from pipeline.parse.text.lines import split_lines
from pipeline.parse.text.report import documents_frame
from pipeline.quarantine import UnreadableDocument

MEDIA_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "xls": "application/vnd.ms-excel",
}


def parse_spreadsheet_report(
    data: bytes, *, sha256: str, source_path: str, media_type: str
) -> ParsedDocument:
    """Raises ``UnreadableDocument``: ``corrupt`` when calamine cannot open the workbook, ``not_a_report``."""
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = [(workbook.get_sheet_by_index(i), name) for i, name in enumerate(workbook.sheet_names)]
        grids = [(name, sheet_cells(sheet, name)) for sheet, name in sheets]
    except Exception as exc:  # calamine raises its own error types for every broken part
        raise UnreadableDocument(
            "corrupt", f"the workbook cannot be opened: {type(exc).__name__}: {exc}"
        ) from exc
    tables = keep_read(
        [
            table
            for page, (name, cells) in enumerate(grids, start=1)
            for table in read_grid_tables(cells, page=page, above=[name])
        ]
    )
    # The title-block cells (titles, 编制部门：, 单位：) stand in for the narrative a spreadsheet lacks; the item
    # names are left out, their many 一般公共预算 would outvote the titles' 决算.
    text = "\n".join(
        [name for name, _ in grids]
        + [cell.text for _, cells in grids for cell in cells if is_block_line(cell.text)]
    )
    meta = read_document_meta(text, split_lines(text), [], source_path)
    document = ParsedDocument(
        frames={
            schemas.DOCUMENTS.name: documents_frame(
                meta, sha256=sha256, source_path=source_path, media_type=media_type, text_encoding=None
            )
        }
    )
    return with_tables(document, tables, sha256)


def sheet_cells(sheet: CalamineSheet, name: str) -> list[GridCell]:
    """The non-empty cells of a sheet, a merged range as one cell over its extent."""
    values = sheet.to_python(skip_empty_area=False)
    merged = {(r0, c0): (r1 + 1, c1 + 1) for (r0, c0), (r1, c1) in sheet.merged_cell_ranges or []}
    cells: list[GridCell] = []
    for r, row in enumerate(values):
        for c, value in enumerate(row):
            text = cell_text(value)
            if not text:
                continue
            row_end, col_end = merged.get((r, c), (r + 1, c + 1))
            cells.append(GridCell(r, c, row_end, col_end, text, f"{name}!{a1(r, c)}"))
    return cells


def cell_text(value: object) -> str:
    """A cell's value as text: a number in its shortest exact decimal form (1234.5, 100), a date as ISO."""
    if isinstance(value, float):
        number = Decimal(repr(value))
        return format(number.to_integral_value() if number == number.to_integral_value() else number, "f")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return "" if value is None else str(value).strip()
