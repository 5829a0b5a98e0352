"""Reads a Word report (DOCX): its paragraphs and tables in body order (``body_blocks``).

A Word table merges cells across with ``gridSpan`` and down with ``vMerge`` (a continuing cell is a cell of its
own, left empty). Word has no pages without laying the document out: every table cell is on page 1 and keeps
its place as ``表<n>!<A1>``, n counting the document's tables from 1.
"""

from __future__ import annotations

import io

import docx
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from pipeline.parse.body_blocks import Block, BodyTable, read_body
from pipeline.parse.result import ParsedDocument
from pipeline.parse.tables.cell_grid import GridCell, a1
from pipeline.quarantine import UnreadableDocument

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def parse_docx_report(data: bytes, *, sha256: str, source_path: str) -> ParsedDocument:
    """Raises ``UnreadableDocument``: ``corrupt`` when the package is no readable Word document, ``not_a_report``."""
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # a broken package fails python-docx anywhere (ZIP, XML, relations)
        raise UnreadableDocument(
            "corrupt", f"the Word document cannot be opened: {type(exc).__name__}: {exc}"
        ) from exc
    blocks: list[Block] = []
    for element in document.element.body.iterchildren():
        if element.tag == qn("w:p"):
            blocks.append(Paragraph(element, document).text)
        elif element.tag == qn("w:tbl"):
            blocks.append(_table(element, sum(isinstance(b, BodyTable) for b in blocks) + 1, document))
    return read_body(
        blocks, sha256=sha256, source_path=source_path, media_type=MEDIA_TYPE, text_encoding=None
    )


def _table(tbl, number: int, document) -> BodyTable:
    rows: list[list[list[str]]] = []
    # Each cell that starts somewhere, as [row, col, row_end, col_end, text]; a vMerge below extends its row_end.
    spans: list[list] = []
    open_down: dict[int, list] = {}  # grid column -> the cell a vMerge continues there
    for r, tr in enumerate(tbl.iterchildren(qn("w:tr"))):
        row: list[list[str]] = []
        col = _grid_before(tr)
        for tc in tr.iterchildren(qn("w:tc")):
            width = _grid_span(tc)
            lines = [Paragraph(p, document).text for p in tc.iterchildren(qn("w:p"))]
            merge = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
            continues = merge is not None and merge.get(qn("w:val"), "continue") == "continue"
            if continues and col in open_down:
                open_down[col][2] = r + 1
                row.append([""])
            else:
                cell = [r, col, r + 1, col + width, "\n".join(lines).strip()]
                spans.append(cell)
                open_down[col] = cell
                row.append(lines or [""])
            col += width
        rows.append(row)
    cells = [GridCell(*cell, ref=f"表{number}!{a1(cell[0], cell[1])}") for cell in spans if cell[4]]
    return BodyTable(cells, rows)


def _grid_before(tr) -> int:
    before = tr.find(f"{qn('w:trPr')}/{qn('w:gridBefore')}")
    return int(before.get(qn("w:val"))) if before is not None else 0


def _grid_span(tc) -> int:
    found = tc.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
    return int(found.get(qn("w:val"))) if found is not None else 1
