"""The fragments of one table (one grid per page) as a single grid over common columns.

A table continued on the next page keeps its columns, but a repeated header may merge them differently and the
rules of each page are drawn a fraction of a point apart; the column boundaries of every fragment are pooled and
each cell is re-expressed over the pooled columns. Rows follow each other page by page.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.parse.tables.amounts import amount_printed
from pipeline.parse.tables.grid import Grid
from pipeline.parse.tables.printed_lines import BBox

_X_TOLERANCE = 2.5


@dataclass
class SCell:
    row: int
    col: int
    row_end: int
    col_end: int
    text: str
    bbox: BBox | None  # None where the format has no geometry (spreadsheets, Word, HTML)
    page: int
    fragment: int
    ref: str | None = None  # where a format without geometry holds the cell (公开01表!C7)

    @property
    def span(self) -> int:
        return self.col_end - self.col


@dataclass
class Stitched:
    n_cols: int
    row_page: list[int]
    row_fragment: list[int]
    cells: list[SCell]
    owner: list[list[SCell | None]]
    roles: list[str] | None = None  # column roles known from the words of a table without rules

    @property
    def n_rows(self) -> int:
        return len(self.row_page)

    def own(self, row: int, col: int) -> SCell | None:
        """The cell that starts at (row, col), if any."""
        cell = self.owner[row][col]
        return cell if cell is not None and cell.row == row and cell.col == col else None

    def row_cells(self, row: int) -> list[SCell]:
        """The cells that start in ``row``, left to right."""
        out: list[SCell] = []
        for col in range(self.n_cols):
            cell = self.own(row, col)
            if cell is not None:
                out.append(cell)
        return out


def _pool(values: Sequence[float]) -> list[float]:
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= _X_TOLERANCE:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(group) / len(group) for group in out]


def _nearest(bounds: Sequence[float], value: float) -> int:
    i = bisect.bisect_left(bounds, value)
    candidates = [j for j in (i - 1, i) if 0 <= j < len(bounds)]
    return min(candidates, key=lambda j: abs(bounds[j] - value))


def stitch(fragments: Sequence[tuple[Grid, int]]) -> Stitched:
    """One grid from ``(grid, first row to read)`` pairs, in page order."""
    # A continuation read from word positions has columns only where it prints something: its cells are placed
    # in the columns of the fragments before it.
    placed = {f for f, (grid, _) in enumerate(fragments) if f and grid.source == "text"}
    xs = _pool([x for f, (grid, _) in enumerate(fragments) if f not in placed for x in grid.xs])
    n_cols = max(len(xs) - 1, 1)
    row_page: list[int] = []
    row_fragment: list[int] = []
    cells: list[SCell] = []
    for f, (grid, skip) in enumerate(fragments):
        base = len(row_page) - skip
        for _ in range(skip, grid.n_rows):
            row_page.append(grid.page)
            row_fragment.append(f)
        for cell in grid.cells:
            if cell.row < skip:
                continue
            if f in placed:
                c0 = min(max(bisect.bisect_right(xs, (cell.bbox[0] + cell.bbox[2]) / 2) - 1, 0), n_cols - 1)
                c1 = c0 + 1
            else:
                c0 = _nearest(xs, grid.xs[cell.col])
                c1 = _nearest(xs, grid.xs[cell.col_end])
            if c1 <= c0:
                continue
            cells.append(
                SCell(base + cell.row, c0, base + cell.row_end, c1, cell.text, cell.bbox, grid.page, f)
            )
    owner: list[list[SCell | None]] = [[None] * n_cols for _ in range(len(row_page))]
    for cell in cells:
        for r in range(cell.row, cell.row_end):
            for c in range(cell.col, cell.col_end):
                if owner[r][c] is None:
                    owner[r][c] = cell
    table = Stitched(n_cols, row_page, row_fragment, cells, owner)
    first = fragments[0][0] if fragments else None
    if first is not None and first.roles is not None and len(first.roles) == n_cols:
        table.roles = list(first.roles)
    for row in range(1, table.n_rows):
        if row_fragment[row] != row_fragment[row - 1] and fragments[row_fragment[row]][0].open_top:
            _join_split_row(table, row)
    return table


def _join_split_row(table: Stitched, row: int) -> None:
    """A row carried over a page break prints the rest of its labels atop the next page: they are put back.

    The page's first row is that rest when it prints no amount, the previous page's last row prints one, and
    each of its texts stands under a text of that row.
    """
    above = row - 1
    pieces = [c for c in table.row_cells(row) if c.text.strip()]
    if not pieces or any(amount_printed(c.text) for c in pieces):
        return
    if not any(amount_printed(c.text) for c in table.row_cells(above)):
        return
    targets = []
    for piece in pieces:
        target = table.owner[above][piece.col]
        if target is None or not target.text.strip() or amount_printed(target.text):
            return
        targets.append(target)
    for piece, target in zip(pieces, targets):
        target.text = target.text + "\n" + piece.text
        piece.text = ""
