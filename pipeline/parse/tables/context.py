"""The text around a grid: the title block above it (or in its first rows), a title inside it that starts
another table, and the notes below it."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.parse.tables.amounts import amount_printed, compact
from pipeline.parse.tables.grid import Grid
from pipeline.parse.tables.printed_lines import TextLine
from pipeline.parse.tables.titles import Title, is_toc_line, looks_like_title, match_title, table_number
from pipeline.parse.tables.units import unit_in_text

_FIELD_LINE = re.compile(
    r"^(?:部门(?:名称)?|编制(?:部门|单位)|预算(?:主管部门|单位)|单位名称|单位|金额单位|填报单位)[:：]"
)
_NOTE_START = re.compile(r"^(?:注|说明|备注|附注)\d*[:：]")
_PAGE_NUMBER = re.compile(r"^[-—]?\d{1,3}[-—]?$")
_MAX_TITLE_LINES = 6


@dataclass
class TitleBlock:
    title: Title | None  # a standard (or skipped) table's title
    other_title: str | None  # a line naming some other table (…表), for an unknown table
    lines: list[str]  # the block's lines, top to bottom, for the unit
    number: str | None = None  # the table number printed in or just above the block (公开01表)


def is_block_line(text: str) -> bool:
    """A line of a title block: a title, the unit, a 部门： field or a table number."""
    flat = compact(text)
    return bool(
        match_title(flat)
        or looks_like_title(flat)
        or unit_in_text(flat)
        or _FIELD_LINE.match(flat)
        or (table_number(flat) and len(flat) <= 12)
    )


def _row_texts(grid: Grid) -> list[list[str]]:
    """The texts of the cells that start in each row of a grid, left to right."""
    texts: list[list[str]] = [[] for _ in range(grid.n_rows)]
    for cell in sorted(grid.cells, key=lambda cell: (cell.row, cell.col)):
        if compact(cell.text):
            texts[cell.row].append(cell.text)
    return texts


def _is_block_row(texts: Sequence[str]) -> bool:
    return (
        bool(texts)
        and not any(amount_printed(t) for t in texts)
        and all(is_block_line(line) for t in texts for line in t.split("\n") if line.strip())
    )


def title_rows(grid: Grid) -> int:
    """How many leading rows of a grid are its title block (Excel prints title and unit inside the frame)."""
    count = 0
    for texts in _row_texts(grid):
        if not _is_block_row(texts):
            break
        count += 1
    return count


def names_table(text: str) -> bool:
    """A line that titles a table, a standard one or not: it ends the table above it."""
    return bool(match_title(text) or looks_like_title(text)) and not is_note_start(text)


def split_at_titles(grid: Grid) -> list[Grid]:
    """A frame that holds tables one under the other (a sheet printed with every cell bordered, titles and all)
    as a grid per table: a row of title-block lines that names a table, after rows that print amounts, starts
    the next one."""
    cuts = [0]
    body = False
    for row, texts in enumerate(_row_texts(grid)):
        if body and _is_block_row(texts) and any(names_table(t) for t in texts) and not grid.crossed_at(row):
            cuts.append(row)
            body = False
        body = body or any(amount_printed(t) for t in texts)
    if len(cuts) == 1:
        return [grid]
    return [grid.rows_between(a, b) for a, b in itertools.pairwise([*cuts, grid.n_rows])]


def title_block(above: Sequence[TextLine], inside: Sequence[str]) -> TitleBlock:
    """The title nearest the grid among the lines above it (bottom up) and the title rows inside it.

    Two adjacent lines are tried together, for a title wrapped over two lines.
    """
    texts = [line.text for line in above][-_MAX_TITLE_LINES:] + [
        t for cell in inside for t in cell.split("\n")
    ]
    texts = [t for t in texts if t.strip() and not is_toc_line(t)]
    for i in range(len(texts) - 1, -1, -1):
        candidates = [texts[i]]
        if i > 0:
            candidates.append(texts[i - 1] + texts[i])
        for candidate in candidates:
            title = match_title(candidate)
            if title is not None:
                start = i if candidate is texts[i] else i - 1
                return TitleBlock(title, None, texts[start:], title.number or _number_near(texts, start))
    for i in range(len(texts) - 1, -1, -1):
        if looks_like_title(texts[i]):
            return TitleBlock(None, compact(texts[i]), texts[i:], _number_near(texts, i))
    return TitleBlock(None, None, texts, _number_near(texts, len(texts)))


def _number_near(texts: Sequence[str], start: int) -> str | None:
    """A table number on the title's line block: the two lines above it, or a line of the block itself."""
    for text in list(texts[max(0, start - 2) : start])[::-1] + list(texts[start:]):
        flat = compact(text)
        number = table_number(flat)
        if number and len(flat) <= 12 + len(number):
            return number
    return None


def is_note_start(text: str) -> bool:
    """The first line of a note under a table (注：, 说明：)."""
    return bool(_NOTE_START.match(compact(text)))


def note_lines(below: Sequence[TextLine]) -> list[str]:
    """The note under a table: from the first 注/说明 line, up to a gap, the next title, a table or page number."""
    out: list[str] = []
    previous: TextLine | None = None
    for line in below:
        text = line.text.strip()
        flat = compact(text)
        if not out:
            if is_note_start(flat):
                out.append(text)
                previous = line
            continue
        if match_title(flat) or looks_like_title(flat) or (table_number(flat) and len(flat) <= 12):
            break
        if _PAGE_NUMBER.match(flat) or unit_in_text(flat):
            break
        height = max(previous.bottom - previous.top, 1.0) if previous else 10.0
        if previous is not None and line.top - previous.bottom > 2.5 * height:
            break
        out.append(text)
        previous = line
    return out
