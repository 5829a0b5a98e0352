"""One page as the table reader sees it: its grids and the lines of text outside them."""

from __future__ import annotations

from dataclasses import dataclass
from operator import itemgetter

from pdfplumber.utils import dedupe_chars

from pipeline.parse.pdf.textgrid import text_grids
from pipeline.parse.tables.amounts import compact
from pipeline.parse.tables.context import split_at_titles
from pipeline.parse.tables.grid import Grid, ruled_grids
from pipeline.parse.tables.printed_lines import TextLine, group_lines
from pipeline.parse.tables.titles import is_toc_line


@dataclass
class PageLayout:
    number: int  # 1-based
    width: float
    height: float
    grids: list[Grid]
    lines: list[TextLine]  # text outside every grid, top to bottom
    is_toc: bool  # a table of contents: its lines name tables but head none

    def lines_between(self, top: float, bottom: float) -> list[TextLine]:
        """Lines whose middle lies between ``top`` and ``bottom``."""
        return [line for line in self.lines if top <= line.middle <= bottom]


def _inside(char: dict, boxes: list[tuple[float, float, float, float]]) -> bool:
    cx = (char["x0"] + char["x1"]) / 2
    cy = (char["top"] + char["bottom"]) / 2
    return any(b[0] - 0.5 <= cx <= b[2] + 0.5 and b[1] - 0.5 <= cy <= b[3] + 0.5 for b in boxes)


def _is_toc(lines: list[TextLine]) -> bool:
    head = "".join(compact(line.text) for line in lines[:3])
    if "目录" in head:
        return True
    return (
        sum(1 for line in lines if is_toc_line(line.text) and ("…" in line.text or "..." in line.text)) >= 3
    )


class _PositionIndexed(list):
    """A page's chars whose ``index`` is a lookup: pdfplumber's ``dedupe_chars`` sorts the chars it keeps back
    into page order with ``chars.index``, a scan comparing dicts, quadratic in the chars of a page (a sixth of the
    time of a dense table page). ``deduped`` takes only which chars are kept and lets ``page.filter`` keep the
    page order."""

    def __init__(self, chars: list[dict]):
        super().__init__(chars)
        self._position = {id(char): i for i, char in enumerate(chars)}

    def index(self, char: dict, *_bounds: int) -> int:
        return self._position[id(char)]


# dedupe_chars' defaults: chars of one text, font and size closer than a point, across and down, are one char.
_DEDUPE_TOLERANCE = 1
_DEDUPE_KEY = itemgetter("upright", "text", "fontname", "size", "doctop", "x0")


def _printed_twice(chars: list[dict]) -> bool:
    """Whether ``dedupe_chars`` would drop a char: two chars of one key in one of its clusters (chained within the
    tolerance down the page, then across). Most pages print nothing twice, and this costs a sort of the chars
    where ``dedupe_chars`` clusters every group of them twice over."""
    ordered = sorted(map(_DEDUPE_KEY, chars))
    across: list[float] = []
    for previous, char in zip([None, *ordered], ordered):
        # Compared as pdfplumber's cluster_list compares (``x <= last + tolerance``), to the last float bit.
        if previous is None or previous[:4] != char[:4] or char[4] > previous[4] + _DEDUPE_TOLERANCE:
            if _any_within(across):
                return True
            across = []
        across.append(char[5])
    return _any_within(across)


def _any_within(xs: list[float]) -> bool:
    ordered = sorted(xs)
    return any(b <= a + _DEDUPE_TOLERANCE for a, b in zip(ordered, ordered[1:]))


def deduped(page):  # a pdfplumber Page
    """``page.dedupe_chars()``: the page without the chars printed twice over each other (fake bold)."""
    if not _printed_twice(page.chars):
        return page
    kept = {id(char) for char in dedupe_chars(_PositionIndexed(page.chars))}
    return page.filter(lambda obj: obj.get("object_type") != "char" or id(obj) in kept)


def read_page(page, follows_text_table: bool = False) -> PageLayout:  # a pdfplumber Page
    """Grids (ruled first, then tables without rules) and the free text of one page; a frame holding several
    tables is a grid per table.

    ``follows_text_table``: the previous page ended in a table without rules, which may go on atop this one.
    A table of contents, framed as a table or not, names the tables but holds none.
    """
    page = deduped(page)
    size = (float(page.width), float(page.height))
    chars = page.chars
    if _is_toc(group_lines(chars)):
        return PageLayout(page.page_number, *size, [], group_lines(chars), True)
    grids = [table for grid in ruled_grids(page) for table in split_at_titles(grid)]
    lines = group_lines(c for c in chars if not _inside(c, [g.bbox for g in grids]))
    extra = text_grids(page.page_number, lines, [g.ys[0] for g in grids], follows_text_table and not grids)
    if extra:
        grids = sorted(grids + extra, key=lambda g: (g.ys[0], g.xs[0]))
        lines = group_lines(c for c in chars if not _inside(c, [g.bbox for g in grids]))
    return PageLayout(page.page_number, *size, grids, lines, False)
