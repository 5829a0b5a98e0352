"""Reads a government site's detail page whose body (正文) is the report: its text and tables (``body_blocks``).

The page's chrome — navigation, breadcrumbs, the footer, scripts — is left out by taking the element that holds
the most paragraph text in its own paragraphs and tables (the article body, ``div#zoom``, ``.TRS_Editor``, …).
The bytes are decoded by the charset the page declares (a BOM, ``<meta charset>``, ``http-equiv``), else as
UTF-8, else as GB18030 (which reads GBK and GB2312). Tables merge cells with ``colspan``/``rowspan``; a cell a
``rowspan`` covers prints empty in the flattened text, as Word prints a merged cell.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator

from bs4 import BeautifulSoup, Comment, NavigableString, PageElement, Tag

from pipeline.parse.body_blocks import Block, BodyTable, read_body
from pipeline.parse.result import ParsedDocument
from pipeline.parse.tables.cell_grid import GridCell, a1
from pipeline.quarantine import UnreadableDocument

MEDIA_TYPE = "text/html"
_SNIFF_BYTES = 1024
_HTML_START = re.compile(rb"<!doctype\s+html|<html[\s>]", re.IGNORECASE)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([-\w.:]+)""", re.IGNORECASE)
_CHROME = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe")
_BLOCKS = ("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "section", "article", "center", "blockquote")
# HTML's own limit on colspan (browsers clamp larger values).
_MAX_COLSPAN = 1000
# Source line breaks inside a paragraph are no printed break; <br> is.
_SOURCE_BREAK = re.compile(r"[ \t\r\f\v]*\n[ \t\r\f\v\n]*")


def is_html(data: bytes) -> bool:
    """Whether the first KiB opens an HTML document (after a BOM or blanks)."""
    return bool(_HTML_START.search(data[:_SNIFF_BYTES]))


def decode_html(data: bytes) -> tuple[str, str]:
    """(text, encoding) by the declared charset, else UTF-8, else GB18030."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace"), "utf-8"
    declared = _CHARSET.search(data[: _SNIFF_BYTES * 4])
    candidates = [declared.group(1).decode("ascii").lower()] if declared else []
    for encoding in [*candidates, "utf-8", "gb18030"]:
        # GB2312 and GBK pages print characters only GB18030 holds; it is their superset.
        encoding = "gb18030" if encoding in ("gb2312", "gbk", "x-gbk") else encoding
        try:
            return data.decode(encoding), encoding
        except (LookupError, UnicodeDecodeError):
            continue
    raise UnreadableDocument(
        "undecodable", "the HTML page is neither in its declared charset, UTF-8 nor GB18030"
    )


def parse_html_report(data: bytes, *, sha256: str, source_path: str) -> ParsedDocument:
    """Raises ``UnreadableDocument``: ``undecodable``, ``not_a_report``."""
    text, encoding = decode_html(data)
    soup = BeautifulSoup(text, "html.parser")
    for tag in soup.find_all(_CHROME):
        tag.decompose()
    for comment in soup.find_all(string=lambda text: isinstance(text, Comment)):
        comment.extract()
    paragraphs = _Paragraphs()
    paragraphs.collect(_main_body(soup))
    paragraphs.end()
    blocks = paragraphs.blocks
    return read_body(
        blocks, sha256=sha256, source_path=source_path, media_type=MEDIA_TYPE, text_encoding=encoding
    )


def _main_body(soup: BeautifulSoup) -> Tag:
    """The element whose own paragraphs hold the most text: its ``<p>`` and ``<table>`` children, its ``<div>``
    children that hold no further blocks (editors that write a ``<div>`` a paragraph) and its own text.

    One pass from the leaves up: scoring each element by walking its subtree made a page of deeply nested
    ``<div>`` quadratic (200,000 of them ran for hours)."""
    text_length: dict[int, int] = {}  # by id(): a Tag hashes by its content, which is as slow as the walk
    holds_block: dict[int, bool] = {}
    best, best_score = None, 0
    for tag in reversed(soup.find_all(True)):  # document order reversed: every child before its parent
        length, block, score = 0, False, 0
        for child in tag.children:
            if isinstance(child, NavigableString):
                stripped = len(child.strip())
                score += stripped
                # What get_text() counts: text and CDATA, no processing instruction or declaration.
                length += stripped if type(child) in Tag.MAIN_CONTENT_STRING_TYPES else 0
                continue
            child_length = text_length[id(child)]
            length += child_length
            block = block or child.name in _BLOCKS or holds_block[id(child)]
            if child.name in ("p", "table") or (child.name == "div" and not holds_block[id(child)]):
                score += child_length
        text_length[id(tag)], holds_block[id(tag)] = length, block
        if tag.name not in ("p", "table") and score >= best_score and score:
            best, best_score = tag, score
    return best if best is not None else (soup.body or soup)


class _Paragraphs:
    """The body's blocks in order: each paragraph element (and each line a ``<br>`` ends) a paragraph, each table
    a table. Blanks between elements (the source's indentation) make no paragraph; an empty ``<p>`` does."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.current: str | None = None
        self.tables = 0

    def end(self) -> None:
        if self.current is not None:
            self.blocks.append(self.current)
            self.current = None

    def collect(self, node: Tag) -> None:
        # An explicit stack, not recursion: a page may nest elements deeper than Python's recursion limit.
        stack: list[tuple[Iterator[PageElement], bool]] = [(iter(node.children), False)]
        while stack:
            children, closes_block = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                if closes_block:
                    self.end()
            elif isinstance(child, NavigableString):
                text = _SOURCE_BREAK.sub("", str(child).replace("\xa0", " "))
                if self.current is not None or text.strip():
                    self.current = (self.current or "") + text
            elif child.name == "table":
                self.end()
                self.tables += 1
                self.blocks.append(_table(child, self.tables))
            elif child.name == "br":
                self.current = self.current or ""
                self.end()
                self.current = ""
            elif child.name in _BLOCKS:
                self.end()
                if child.name == "p":
                    self.current = ""
                stack.append((iter(child.children), True))
            else:
                stack.append((iter(child.children), False))


def _table(table: Tag, number: int) -> BodyTable:
    taken: set[tuple[int, int]] = set()  # positions a rowspan above covers
    cells: list[GridCell] = []
    rows: list[list[list[str]]] = []
    trs = table.find_all("tr")
    for r, tr in enumerate(trs):
        row: list[list[str]] = []
        col = 0
        for td in tr.find_all(("td", "th"), recursive=False):
            while (r, col) in taken:
                row.append([""])
                col += 1
            # Spans as browsers clamp them: a row span past the table's last row ends there.
            width, height = min(_span(td, "colspan"), _MAX_COLSPAN), min(_span(td, "rowspan"), len(trs) - r)
            lines = _cell_lines(td)
            row.append(lines)
            text = "\n".join(lines).strip()
            if text:
                cells.append(GridCell(r, col, r + height, col + width, text, f"表{number}!{a1(r, col)}"))
            taken.update((r + dr, col + dc) for dr in range(1, height) for dc in range(width))
            col += width
        rows.append(row)
    return BodyTable(cells, rows)


def _cell_lines(td: Tag) -> list[str]:
    """A cell's printed lines: a ``<br>`` or a paragraph inside it breaks the line, the source's breaks do not."""
    for tag in td.find_all(("br", "p", "div")):
        tag.insert_after("\x00")
    text = _SOURCE_BREAK.sub("", td.get_text().replace("\xa0", " "))
    return [line.strip() for line in text.split("\x00") if line.strip()] or [""]


def _span(td: Tag, name: str) -> int:
    value = str(td.get(name, "1")).strip()
    return max(int(value), 1) if value.isdigit() else 1
