"""Statement tables given as cells — a spreadsheet's sheet, a Word or HTML table — rather than drawn on a page.

Such a grid needs no stitching: each cell already knows its row and column and how far it is merged. A sheet
may hold several tables below each other, and spreadsheets print the title, the unit and the 部门： field in rows
of the grid itself: a row whose texts are all title-block lines (``pdf.context.is_block_line``) and that names a
table starts a new one; the title-block rows before a table's first grid row are its block, the 注： rows after
its last are its note. What is read from each table is what the PDF path reads (``statement_tables``).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field

from pipeline.parse.tables.amounts import amount_printed, compact
from pipeline.parse.tables.context import is_block_line, is_note_start, title_block
from pipeline.parse.tables.statement import ReadTable, read_table, table_kind
from pipeline.parse.tables.stitch import SCell, Stitched
from pipeline.parse.tables.titles import looks_like_title, match_title


@dataclass(frozen=True)
class GridCell:
    """A cell over rows ``row``..``row_end`` - 1 and columns ``col``..``col_end`` - 1 (merged when wider)."""

    row: int
    col: int
    row_end: int
    col_end: int
    text: str
    ref: str  # where the format holds it: 公开01表!C7, 表3!B7


def a1(row: int, col: int) -> str:
    """The spreadsheet name of a 0-based cell position: (6, 2) -> C7."""
    letters = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return f"{letters}{row + 1}"


@dataclass
class _Segment:
    block: list[str]
    rows: list[int] = field(default_factory=list)
    note: list[str] = field(default_factory=list)


def read_grid_tables(
    cells: Sequence[GridCell], *, page: int, above: Sequence[str] = (), below: Sequence[str] = ()
) -> list[ReadTable]:
    """The statement tables of one grid (a sheet, a Word or HTML table), skipped kinds (绩效自评表) left out.

    ``above`` are the text lines printed before the grid (its title in a Word file), ``below`` those after it
    (its note).
    """
    by_row: dict[int, list[GridCell]] = {}
    starting: dict[int, list[GridCell]] = {}
    for cell in cells:
        by_row.setdefault(cell.row, []).append(cell)
        if compact(cell.text):
            starting.setdefault(cell.row, []).append(cell)
    segments: list[_Segment] = []
    pending = list(above)  # title-block lines waiting for their table's first grid row
    for row in sorted(starting):
        texts = [c.text for c in sorted(starting[row], key=lambda c: c.col)]
        in_table = bool(segments and segments[-1].rows and not pending)
        if _is_block_row(texts) and (not in_table or _names_table(texts)):
            pending.extend(texts)
        elif in_table and (segments[-1].note or is_note_start(texts[0])):
            segments[-1].note.append("".join(compact(t) for t in texts))
        else:
            if not in_table:
                segments.append(_Segment(pending))
                pending = []
            segments[-1].rows.append(row)
    if segments and not segments[-1].note:
        segments[-1].note = _note(below)
    out: list[ReadTable] = []
    for segment in segments:
        block = title_block([], segment.block)
        if table_kind(block) == "skipped":
            continue
        out.append(read_table(_stitched(by_row, segment.rows, page), block, segment.note, [page]))
    return out


def _is_block_row(texts: list[str]) -> bool:
    """A row of title-block lines, or a single cell that names a table (a title merged across the grid, the
    year under it: 部门（单位）整体绩效自评表 / （2022年度））."""
    if any(amount_printed(t) for t in texts):
        return False
    lines = [line for t in texts for line in t.split("\n") if line.strip()]
    return all(is_block_line(line) for line in lines) or (len(texts) == 1 and _names_table(lines))


def _names_table(texts: list[str]) -> bool:
    return any(match_title(t) or looks_like_title(t) for t in texts)


def _note(lines: Sequence[str]) -> list[str]:
    """The note among the lines after a grid: from a 注： line up to a blank line or the next title block."""
    out: list[str] = []
    for line in lines:
        if not out and not is_note_start(line):
            if line.strip():
                break
            continue
        if not line.strip() or is_block_line(line):
            break
        out.append(line.strip())
    return out


def _stitched(by_row: dict[int, list[GridCell]], rows: list[int], page: int) -> Stitched:
    """The grid of the given rows (ascending) as the table readers take it, columns from the first used one."""
    chosen = [cell for row in rows for cell in by_row[row]]
    first_col = min(c.col for c in chosen)
    n_cols = max(c.col_end for c in chosen) - first_col
    placed: list[SCell] = []
    for top, row in enumerate(rows):
        for cell in by_row[row]:
            # The segment's rows the cell spans: a bisection, not a count per cell (quadratic in a long sheet).
            bottom = bisect.bisect_left(rows, cell.row_end, lo=top)
            placed.append(
                SCell(top, cell.col - first_col, bottom, cell.col_end - first_col, cell.text, None, page, 0, cell.ref)
            )
    owner: list[list[SCell | None]] = [[None] * n_cols for _ in rows]
    for cell in placed:
        for r in range(cell.row, cell.row_end):
            for c in range(cell.col, cell.col_end):
                if owner[r][c] is None:
                    owner[r][c] = cell
    return Stitched(n_cols, [page] * len(rows), [0] * len(rows), placed, owner)
