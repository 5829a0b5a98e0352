"""Grids assembled into tables: a titled grid starts a table, an untitled one continues the previous table when
it stands at the top of the next page with the same column structure, and otherwise starts a table of unknown kind.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from pipeline.parse.pdf.page import PageLayout
from pipeline.parse.tables.amounts import compact
from pipeline.parse.tables.context import TitleBlock, note_lines, title_block, title_rows
from pipeline.parse.tables.grid import Grid
from pipeline.parse.tables.titles import UNKNOWN_KIND

_EXTENT_TOLERANCE = 6.0
_BOUNDARY_TOLERANCE = 2.5
_MAX_FREE_LINES_ABOVE = 3


@dataclass
class Draft:
    """A table being assembled: its title block and its fragments (grid, first row to read)."""

    block: TitleBlock
    fragments: list[tuple[Grid, int]] = field(default_factory=list)
    note: list[str] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return self.block.title.kind if self.block.title else UNKNOWN_KIND

    @property
    def skipped(self) -> bool:
        return self.kind == "skipped"

    @property
    def last_grid(self) -> Grid:
        return self.fragments[-1][0]


def _boundaries_match(a: Sequence[float], b: Sequence[float]) -> bool:
    def inside(xs: Sequence[float], ys: Sequence[float]) -> float:
        return sum(1 for x in xs if any(abs(x - y) <= _BOUNDARY_TOLERANCE for y in ys)) / max(len(xs), 1)

    return inside(a, b) >= 0.99 or inside(b, a) >= 0.99 or (inside(a, b) >= 0.6 and inside(b, a) >= 0.6)


def continues(
    previous: Draft, grid: Grid, page: PageLayout, grid_position: int, previous_page: PageLayout | None
) -> bool:
    """Whether an untitled grid carries on the previous table."""
    last = previous.last_grid
    if grid_position != 0 or previous_page is None or last.page != page.number - 1:
        return False
    if previous_page.grids and previous_page.grids[-1] is not last:
        return False
    if previous.note:
        return False
    above = page.lines_between(0, grid.ys[0])
    if len(above) > _MAX_FREE_LINES_ABOVE or any(len(compact(line.text)) > 40 for line in above):
        return False
    if grid.source == "text":
        # Columns read from words span what the page prints: it must lie within the table above.
        overlap = min(grid.xs[-1], last.xs[-1]) - max(grid.xs[0], last.xs[0])
        return overlap >= 0.7 * (grid.xs[-1] - grid.xs[0])
    if abs(grid.xs[0] - last.xs[0]) > _EXTENT_TOLERANCE or abs(grid.xs[-1] - last.xs[-1]) > _EXTENT_TOLERANCE:
        return False
    return _boundaries_match(grid.xs, last.xs)


def _carries_on(
    previous: Draft,
    block: TitleBlock,
    grid: Grid,
    page: PageLayout,
    position: int,
    previous_page: PageLayout | None,
) -> bool:
    """A grid under a title saying …（续） of the previous table's kind, or an untitled grid that continues it."""
    if block.title is not None:
        return block.title.continued and previous.kind == block.title.kind
    return block.other_title is None and continues(previous, grid, page, position, previous_page)


def assemble(pages: Sequence[PageLayout]) -> list[Draft]:
    drafts: list[Draft] = []
    previous_page: PageLayout | None = None
    for page in pages:
        for position, grid in enumerate(page.grids):
            top = page.grids[position - 1].ys[-1] if position else 0.0
            above = page.lines_between(top, grid.ys[0])
            skip = title_rows(grid)
            owner = grid.owner_matrix()
            inside = [
                owner[r][c].text
                for r in range(skip)
                for c in range(grid.n_cols)
                if owner[r][c] is not None and owner[r][c].row == r and owner[r][c].col == c
            ]
            block = title_block(above, inside)
            if drafts and _carries_on(drafts[-1], block, grid, page, position, previous_page):
                drafts[-1].fragments.append((grid, skip))
            else:
                drafts.append(Draft(block, [(grid, skip)]))
            bottom = page.grids[position + 1].ys[0] if position + 1 < len(page.grids) else page.height
            notes = note_lines(page.lines_between(grid.ys[-1], bottom))
            if notes:
                drafts[-1].note = notes
        previous_page = page
    return drafts
