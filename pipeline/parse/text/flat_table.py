"""Tables published as flattened text: one cell per line after a tab, rows separated by a truly empty line.

An empty cell is a line holding just a tab; a vertically merged cell shows as an empty cell in the rows
below it (readers fill it down). A line without a tab right after a cell continues that cell's text (a
line break inside it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.parse.text.lines import Line

# Lines between a table's title and its first row, such as "（2022年度）" or "单位：万元".
_MAX_SUBTITLE_LINES = 3


@dataclass(frozen=True)
class Cell:
    line_no: int
    start: int  # span of the stripped text in the document
    end: int
    text: str


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]

    @property
    def texts(self) -> list[str]:
        return [cell.text for cell in self.cells]

    @property
    def line_no(self) -> int:
        return self.cells[0].line_no

    def is_empty(self) -> bool:
        return not any(self.texts)


@dataclass(frozen=True)
class FlatTable:
    title: str
    title_line: Line
    rows: tuple[Row, ...]
    line_nos: frozenset[int]  # every line the table covers, title included


def find_flat_tables(lines: list[Line], title: re.Pattern[str]) -> list[FlatTable]:
    """Every table whose title line (a cell or a plain line) fully matches ``title``, named by its group
    ``title``."""
    tables, i = [], 0
    while i < len(lines):
        match = title.fullmatch(lines[i].text.strip())
        if match:
            table, i = _read_table(lines, i, match.group("title"), title)
            tables.append(table)
        else:
            i += 1
    return tables


def _read_table(lines: list[Line], at: int, name: str, title: re.Pattern[str]) -> tuple[FlatTable, int]:
    rows: list[Row] = []
    cells: list[Cell] = []
    covered = {lines[at].no}
    subtitles = 0
    i = at + 1
    while i < len(lines):
        line = lines[i]
        if title.fullmatch(line.text.strip()):
            break
        if line.is_cell:
            cells.append(_cell(line))
        elif line.is_blank:
            if cells:
                rows.append(Row(tuple(cells)))
                cells = []
        elif cells:
            cells[-1] = _continued(cells[-1], line)
        elif not rows and subtitles < _MAX_SUBTITLE_LINES:
            subtitles += 1
        else:
            break
        covered.add(line.no)
        i += 1
    if cells:
        rows.append(Row(tuple(cells)))
    return FlatTable(name, lines[at], tuple(rows), frozenset(covered)), i


def _cell(line: Line) -> Cell:
    content = line.text[1:]
    stripped = content.strip()
    start = line.start + 1 + (content.find(stripped) if stripped else 0)
    return Cell(line.no, start, start + len(stripped), stripped)


def _continued(cell: Cell, line: Line) -> Cell:
    more = line.text.strip()
    return Cell(cell.line_no, cell.start, line.start + line.text.find(more) + len(more), cell.text + more)


def flatten(rows: list[list[list[str]]]) -> list[str]:
    """The lines of a table in this format, from its rows of cells, each cell a list of its text lines (a cell
    merged down from the row above is given as an empty one)."""
    lines: list[str] = []
    for i, row in enumerate(rows):
        if i:
            lines.append("")
        for cell in row:
            first, *more = cell or [""]
            lines.append("\t" + first)
            lines.extend(more)
    return lines
