"""The decoded text as numbered lines, the numbering that makes a line a heading, and the page furniture.

Reports number their structure the same way everywhere: 第一部分 (part), 一、 (level 1), （一） (level 2) and
1. / 1、 / （1） (level 3). Offsets are those of ``decode.decode_report``'s text.

Page furniture — a page number ("- 4 -", "第 4 页", "4/20", a bare "4") or a running header or footer — is
no part of the prose, yet a PDF's text puts it wherever the page breaks, often inside a wrapped sentence
("…增加4016.19" / "18" / "万元，增长12.11%"). ``page_furniture`` finds those lines and ``blank_lines``
blanks them in place (spaces, the line break kept), so that every offset and line number stays that of the
printed text.
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
      | (?P<l2>[（(][{CN_DIGITS}]+[）)][、．]?)
      | (?P<l3>\d{{1,2}}(?:[、．]|\.(?!\d)|[）)])|[（(]\d{{1,2}}[）)])
    )[ \t\u3000]*""",
    re.VERBOSE,
)
# A soft line break (a wrapped line) with the indentation around it.
_WRAP = re.compile(r"[ \t\u3000]*\n[ \t\u3000]*")

_DASH = "-－—–~～"
# A page number that says it is one: "- 4 -", "— 4 —", "第 4 页", "第4页 共20页", "共20页 第4页", "Page 4 of 20".
_PAGE_LABEL = re.compile(
    rf"""^[ \t\u3000]*(?:
        [{_DASH}][ \t\u3000]*\d{{1,4}}[ \t\u3000]*[{_DASH}]
      | (?:共[ \t\u3000]*\d{{1,4}}[ \t\u3000]*页[ \t\u3000，,/／]*)?第[ \t\u3000]*\d{{1,4}}[ \t\u3000]*页
        (?:[ \t\u3000，,/／]*共[ \t\u3000]*\d{{1,4}}[ \t\u3000]*页)?
      | page[ \t]*\d{{1,4}}(?:[ \t]*of[ \t]*\d{{1,4}})?
    )[ \t\u3000]*$""",
    re.VERBOSE | re.IGNORECASE,
)
# A bare page number, "4", "·4·" or "4/20": furniture only where a page number stands (``page_furniture``).
_BARE_PAGE_NUMBER = re.compile(r"^\s*[·•]?\s*\d{1,3}(?:\s*[/／]\s*\d{1,4})?\s*[·•]?\s*$")
# How many non-blank lines at the top and at the bottom of a page may hold its number or running header.
_PAGE_EDGE_LINES = 2
# A running header or footer repeats on this many pages at least, and on this share of the pages.
_RUNNING_MIN_PAGES = 3
_RUNNING_MIN_SHARE = 0.5
# ... and is a title, not the end of a sentence that happens to repeat ("出。", "增加。").
_RUNNING_MIN_CHARS = 4
_CLAUSE_PUNCTUATION = re.compile(r"[。，,；;：:！？!?、]")
# Where a sentence may not end: a line that ends so is continued by the next one.
_SENTENCE_CLOSED = re.compile(r"[。！？!?；;：:]\s*$")


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


def page_furniture(lines: list[Line], line_pages: list[int] | None = None) -> frozenset[int]:
    """The line numbers of the page furniture.

    A line that says it is a page number ("- 4 -", "第 4 页") is furniture wherever it stands. A bare number
    ("4", "4/20") is furniture among the first or last lines of its page when the pages are known
    (``line_pages[i]`` is the page of line ``i + 1``); in a text without pages only where it breaks a
    sentence — the line before it is prose that does not end one. A line repeated at the top or the bottom
    of most pages (a running header or footer: a title, no sentence) is furniture on each of them. Table
    cells never are.
    """
    found = {line.no for line in lines if not line.is_cell and _PAGE_LABEL.match(line.text)}
    if line_pages is None:
        found |= _numbers_inside_sentences(lines)
        return frozenset(found)
    edges: list[list[Line]] = []  # per page: its first and last non-blank lines
    by_page: dict[int, list[Line]] = {}
    for line, page in zip(lines, line_pages):
        if not line.is_blank and not line.is_cell:
            by_page.setdefault(page, []).append(line)
    for page_lines in by_page.values():
        edge = page_lines[:_PAGE_EDGE_LINES] + page_lines[_PAGE_EDGE_LINES:][-_PAGE_EDGE_LINES:]
        edges.append(edge)
        found |= {line.no for line in edge if _BARE_PAGE_NUMBER.match(line.text)}
    pages_of: dict[str, set[int]] = {}
    for page_number, edge in enumerate(edges):
        for line in edge:
            pages_of.setdefault(line.text.strip(), set()).add(page_number)
    running = {
        text
        for text, pages in pages_of.items()
        if len(pages) >= max(_RUNNING_MIN_PAGES, _RUNNING_MIN_SHARE * len(edges))
        and len(text) >= _RUNNING_MIN_CHARS
        and not _CLAUSE_PUNCTUATION.search(text)
    }
    found |= {line.no for edge in edges for line in edge if line.text.strip() in running}
    return frozenset(found)


def _numbers_inside_sentences(lines: list[Line]) -> set[int]:
    found = set()
    previous: Line | None = None  # the last non-blank line
    for line in lines:
        if line.is_blank:
            continue
        if (
            not line.is_cell
            and _BARE_PAGE_NUMBER.match(line.text)
            and previous is not None
            and not previous.is_cell
            and previous.no not in found
            and not _BARE_PAGE_NUMBER.match(previous.text)
            and not _SENTENCE_CLOSED.search(previous.text)
        ):
            found.add(line.no)
            continue
        previous = line
    return found


def blank_lines(text: str, lines: list[Line], line_nos: frozenset[int]) -> str:
    """``text`` with the given lines replaced by spaces: offsets and line breaks unchanged."""
    if not line_nos:
        return text
    chars = list(text)
    for line in lines:
        if line.no in line_nos:
            chars[line.start : line.end] = " " * (line.end - line.start)
    return "".join(chars)


class LineIndex:
    """Finds the line an offset falls on."""

    def __init__(self, lines: list[Line]):
        self._starts = [line.start for line in lines]

    def line_no(self, offset: int) -> int:
        return bisect.bisect_right(self._starts, offset)


def location(line_no: int, start: int, end: int) -> str:
    """The ``L<line>:<start>-<end>`` form findings use to point at printed text."""
    return f"L{line_no}:{start}-{end}"
