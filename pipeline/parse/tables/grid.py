"""Table grids on a page: cells with their bboxes and text.

Ruled tables come from pdfplumber's line strategy on a copy of the page without the white-filled rectangles that
Word draws as cell padding (they would split every row into slivers). Word also leaves a table row that runs over
a page break without its top (or bottom) border; the borders are closed where vertical rules start (or end)
together without a horizontal rule across them. A grid is a set of column and row boundaries and the physical
cells over them, a merged cell spanning several rows or columns.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from pipeline.parse.tables.printed_lines import BBox, Char, chars_in, group_lines

_SNAP = 1.5  # points: boundaries closer than this are one


@dataclass
class Cell:
    row: int  # first row (index into Grid.rows)
    col: int  # first column
    row_end: int  # exclusive
    col_end: int  # exclusive
    bbox: BBox
    lines: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass
class Grid:
    """One table fragment on one page."""

    page: int  # 1-based
    xs: list[float]  # column boundaries, left to right (len = columns + 1)
    ys: list[float]  # row boundaries, top to bottom (len = rows + 1)
    cells: list[Cell]
    source: str = "ruled"  # or "text" for a table read from word positions
    open_top: bool = False  # its top border was missing (a row carried over a page break)
    roles: list[str] | None = None  # what each column holds, when known from the words (tables without rules)

    @property
    def bbox(self) -> BBox:
        return (self.xs[0], self.ys[0], self.xs[-1], self.ys[-1])

    @property
    def n_rows(self) -> int:
        return len(self.ys) - 1

    @property
    def n_cols(self) -> int:
        return len(self.xs) - 1

    def owner_matrix(self) -> list[list[Cell | None]]:
        owner: list[list[Cell | None]] = [[None] * self.n_cols for _ in range(self.n_rows)]
        for cell in self.cells:
            for r in range(cell.row, cell.row_end):
                for c in range(cell.col, cell.col_end):
                    owner[r][c] = cell
        return owner

    def crossed_at(self, row: int) -> bool:
        """Whether a cell runs over the boundary above ``row``."""
        return any(cell.row < row < cell.row_end for cell in self.cells)

    def rows_between(self, start: int, stop: int) -> Grid:
        """Rows ``start``..``stop`` - 1 as a grid of their own, over the columns their cells span, as a frame of
        their own would have drawn them; no cell may run over ``start`` or ``stop`` (``crossed_at``)."""
        kept = [cell for cell in self.cells if start <= cell.row and cell.row_end <= stop]
        first = min((cell.col for cell in kept), default=0)
        last = max((cell.col_end for cell in kept), default=self.n_cols)
        cells = [
            replace(
                cell,
                row=cell.row - start,
                row_end=cell.row_end - start,
                col=cell.col - first,
                col_end=cell.col_end - first,
            )
            for cell in kept
        ]
        return Grid(
            self.page,
            self.xs[first : last + 1],
            self.ys[start : stop + 1],
            cells,
            self.source,
            self.open_top and start == 0,
            self.roles[first:last] if self.roles is not None else None,
        )


def _cluster(values: Sequence[float], tolerance: float = _SNAP) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= tolerance:
            continue
        out.append(v)
    return out


def _index(bounds: Sequence[float], value: float) -> int:
    """Index of the boundary nearest ``value``."""
    i = bisect.bisect_left(bounds, value)
    candidates = [j for j in (i - 1, i) if 0 <= j < len(bounds)]
    return min(candidates, key=lambda j: abs(bounds[j] - value))


def grid_from_boxes(
    page_number: int, boxes: Sequence[BBox], chars: Sequence[Char], source: str = "ruled"
) -> Grid | None:
    """A grid from cell rectangles; each character goes to the cell holding its centre."""
    if not boxes:
        return None
    xs = _cluster([b[0] for b in boxes] + [b[2] for b in boxes])
    ys = _cluster([b[1] for b in boxes] + [b[3] for b in boxes])
    if len(xs) < 2 or len(ys) < 2:
        return None
    cells: list[Cell] = []
    seen: set[tuple[int, int]] = set()
    for box in sorted(boxes, key=lambda b: (b[1], b[0])):
        c0, c1 = _index(xs, box[0]), _index(xs, box[2])
        r0, r1 = _index(ys, box[1]), _index(ys, box[3])
        if c1 <= c0 or r1 <= r0 or (r0, c0) in seen:
            continue
        seen.add((r0, c0))
        cells.append(Cell(r0, c0, r1, c1, (xs[c0], ys[r0], xs[c1], ys[r1])))
    grid = Grid(page_number, xs, ys, cells, source)
    fill_text(grid, chars)
    return grid


def fill_text(grid: Grid, chars: Sequence[Char]) -> None:
    """Puts each character inside the grid into the cell that holds its centre."""
    owner = grid.owner_matrix()
    buckets: dict[int, list[Char]] = {}
    index = {id(cell): i for i, cell in enumerate(grid.cells)}
    for char in chars_in(chars, grid.bbox):
        cx = (char["x0"] + char["x1"]) / 2
        cy = (char["top"] + char["bottom"]) / 2
        c = bisect.bisect_right(grid.xs, cx) - 1
        r = bisect.bisect_right(grid.ys, cy) - 1
        if not (0 <= r < grid.n_rows and 0 <= c < grid.n_cols):
            continue
        cell = owner[r][c]
        if cell is not None:
            buckets.setdefault(index[id(cell)], []).append(char)
    for i, cell in enumerate(grid.cells):
        cell.lines = [line.text for line in group_lines(buckets.get(i, []))]


# ---------------------------------------------------------------------------------------------------------------
# Ruled tables


def _is_white(color: object) -> bool:
    if color is None:
        return False
    if isinstance(color, (int, float)):
        values: tuple = (color,)
    else:
        try:
            values = tuple(color)  # type: ignore[arg-type]
        except TypeError:
            return False
    if len(values) == 1:
        return values[0] >= 0.95
    if len(values) == 3:
        return min(values) >= 0.95
    if len(values) == 4:  # CMYK
        return max(values) <= 0.05
    return False


def _is_ruling(obj: dict) -> bool:
    """Keeps characters and every drawn rule; drops filled white rectangles (cell padding, backgrounds)."""
    if obj.get("object_type") == "rect" and obj.get("fill") and not obj.get("stroke"):
        return not _is_white(obj.get("non_stroking_color"))
    return True


def _closing_lines(edges: Sequence[dict]) -> list[dict]:
    """Horizontal rules that close a table left open at a page break.

    Where vertical rules start (or end) at the same height and nothing continues them above (below), each gap
    between two of them that no horizontal rule crosses gets the missing border.
    """
    vertical = [e for e in edges if e["orientation"] == "v" and e["bottom"] - e["top"] > 3]
    horizontal = _by_height([e for e in edges if e["orientation"] == "h" and e["x1"] - e["x0"] > 3], "top")
    added: list[dict] = []
    for end, other in (("top", "bottom"), ("bottom", "top")):
        groups = _by_height(vertical, end)
        continuing = _by_height(vertical, other)
        for group in groups.values():
            if len(group) < 2:
                continue
            y = sum(e[end] for e in group) / len(group)
            xs = [
                x
                for x in _cluster([e["x0"] for e in group], 2.0)
                if not any(abs(e["x0"] - x) <= 2 and abs(e[other] - y) <= 1.5 for e in _near(continuing, y))
            ]
            rules = [h for h in _near(horizontal, y) if abs(h["top"] - y) <= 2]
            for lo, hi in itertools.pairwise(xs):
                covered = sum(max(0.0, min(h["x1"], hi) - max(h["x0"], lo)) for h in rules)
                if covered < 0.5 * (hi - lo):
                    added.append(
                        {
                            "object_type": "line",
                            "x0": lo,
                            "x1": hi,
                            "top": y,
                            "bottom": y,
                            "width": hi - lo,
                            "height": 0.0,
                        }
                    )
    return added


def _by_height(edges: Sequence[dict], key: str) -> dict[int, list[dict]]:
    buckets: dict[int, list[dict]] = {}
    for e in edges:
        buckets.setdefault(round(e[key]), []).append(e)
    return buckets


def _near(buckets: dict[int, list[dict]], y: float) -> list[dict]:
    """The edges of the buckets that can hold one within 2 pt of ``y``: a page's rules are looked up, not scanned
    (the scan made this check quadratic in the rules of a dense page)."""
    return [e for k in range(round(y) - 3, round(y) + 4) for e in buckets.get(k, ())]


def ruled_grids(page) -> list[Grid]:
    """The ruled tables of a page, top to bottom."""
    ruled = page.filter(_is_ruling)
    settings: dict = {}
    closing = _closing_lines(ruled.edges)
    if closing:
        settings["explicit_horizontal_lines"] = closing
    chars = ruled.chars
    grids = []
    for table in ruled.find_tables(settings):
        grid = grid_from_boxes(page.page_number, table.cells, chars)
        if grid is not None and grid.n_cols >= 1:
            grid.open_top = any(
                abs(line["top"] - grid.ys[0]) <= 2 and line["x0"] < grid.xs[-1] and line["x1"] > grid.xs[0]
                for line in closing
            )
            grids.append(grid)
    grids.sort(key=lambda g: (g.ys[0], g.xs[0]))
    return grids
