"""The decoded text as numbered lines, and the numbering that makes a line a heading.

Reports number their structure the same way everywhere: 第一部分 (part), 一、 (level 1), （一） (level 2) and
1. / 1、 / （1） (level 3). Offsets are those of ``decode.decode_report``'s text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

CN_DIGITS = "一二三四五六七八九十百零〇"

_HEADING = re.compile(
    rf"""^[ \t\u3000]*(?:
        (?P<part>第[{CN_DIGITS}]+部分)
      | (?P<l1>[{CN_DIGITS}]+[、．])
      | (?P<l2>[（(][{CN_DIGITS}]+[）)])
      | (?P<l3>\d{{1,2}}(?:[、．]|\.(?!\d)|[）)])|[（(]\d{{1,2}}[）)])
    )[ \t\u3000]*""",
    re.VERBOSE,
)
# A soft line break (a wrapped line) with the indentation around it.
_WRAP = re.compile(r"[ \t\u3000]*\n[ \t\u3000]*")


@dataclass(frozen=True)
class Line:
    no: int  # 1-based
    start: int
    end: int  # exclusive, before the newline
    text: str

    @property
    def is_cell(self) -> bool:
        """A cell of a flattened table: the format puts each cell on a line of its own, after a tab."""
        return self.text.startswith("\t")

    @property
    def is_blank(self) -> bool:
        return not self.is_cell and not self.text.strip()


@dataclass(frozen=True)
class Heading:
    level: int  # 0 part, 1, 2, 3
    title: str  # the line after its numbering


def split_lines(text: str) -> list[Line]:
    lines, start = [], 0
    for no, raw in enumerate(text.split("\n"), start=1):
        lines.append(Line(no, start, start + len(raw), raw))
        start += len(raw) + 1
    return lines


def heading_of(line: Line) -> Heading | None:
    if line.is_cell:
        return None
    match = _HEADING.match(line.text)
    if not match:
        return None
    level = next(i for i, name in enumerate(("part", "l1", "l2", "l3")) if match.group(name))
    return Heading(level, line.text[match.end() :].strip())


def unwrap(printed: str) -> str:
    """Joins the lines of a wrapped phrase (PDF-derived text breaks lines mid-sentence)."""
    return _WRAP.sub("", printed).strip()


class LineIndex:
    """Finds the line an offset falls on."""

    def __init__(self, lines: list[Line]):
        self._starts = [line.start for line in lines]

    def line_no(self, offset: int) -> int:
        return bisect.bisect_right(self._starts, offset)


def location(line_no: int, start: int, end: int) -> str:
    """The ``L<line>:<start>-<end>`` form findings use to point at printed text."""
    return f"L{line_no}:{start}-{end}"
