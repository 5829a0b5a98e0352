"""A document given as a body of paragraphs and tables (Word, an HTML page): its narrative and its tables.

The narrative is the body's text with each table flattened in place the way a text report prints one
(``flat_table``), so the text reader reads it as it reads a text report — 绩效自评表 included. Each table is also
read as a statement table (``cell_grid``), titled by the paragraphs just above it and noted by those below.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.parse.result import ParsedDocument
from pipeline.parse.tables.cell_grid import GridCell, read_grid_tables
from pipeline.parse.tables.statement import keep_read, with_tables
from pipeline.parse.text.flat_table import flatten
from pipeline.parse.text.report import read_report_text

# How many paragraphs around a table may hold its title block or its note.
_CONTEXT_PARAGRAPHS = 6


@dataclass(frozen=True)
class BodyTable:
    cells: list[GridCell]  # for the statement-table reader, merges kept
    rows: list[list[list[str]]]  # as printed, row by row, each cell's lines (``flat_table.flatten``)


Block = str | BodyTable  # a paragraph's text, or a table


def read_body(
    blocks: list[Block], *, sha256: str, source_path: str, media_type: str, text_encoding: str | None
) -> ParsedDocument:
    lines: list[str] = []
    for block in blocks:
        lines.extend(flatten(block.rows) if isinstance(block, BodyTable) else block.split("\n"))
    narrative = read_report_text(
        "\n".join(lines),
        sha256=sha256,
        source_path=source_path,
        media_type=media_type,
        text_encoding=text_encoding,
    )
    tables = []
    for i, block in enumerate(blocks):
        if isinstance(block, BodyTable):
            above = _paragraphs(reversed(blocks[:i]))[::-1]
            below = _paragraphs(blocks[i + 1 :])
            tables += read_grid_tables(block.cells, page=1, above=above, below=below)
    return with_tables(narrative, keep_read(tables), sha256)


def _paragraphs(blocks) -> list[str]:
    """The paragraphs next to a table, up to the next table, nearest first."""
    out: list[str] = []
    for block in blocks:
        if isinstance(block, BodyTable) or len(out) == _CONTEXT_PARAGRAPHS:
            break
        out.append(block)
    return out
