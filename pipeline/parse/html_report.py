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

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from pipeline.parse.body_blocks import Block, BodyTable, read_body
from pipeline.parse.cell_grid import GridCell, a1
from pipeline.parse.result import ParsedDocument, UnreadableDocument

MEDIA_TYPE = "text/html"
_SNIFF_BYTES = 1024
_HTML_START = re.compile(rb"<!doctype\s+html|<html[\s>]", re.IGNORECASE)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([-\w.:]+)""", re.IGNORECASE)
_CHROME = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe")
_BLOCKS = ("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "section", "article", "center", "blockquote")
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
    children that hold no further blocks (editors that write a ``<div>`` a paragraph) and its own text."""

    def own_text(tag: Tag) -> int:
        total = 0
        for child in tag.children:
            if isinstance(child, NavigableString):
                total += len(child.strip())
            elif child.name in ("p", "table") or (child.name == "div" and child.find(_BLOCKS) is None):
                total += len(child.get_text(strip=True))
        return total

    candidates = [tag for tag in soup.find_all(True) if tag.name not in ("p", "table")]
    scored = max(candidates, key=own_text, default=None)
    return scored if scored is not None and own_text(scored) else (soup.body or soup)


class _Paragraphs:
    """The body's blocks in order: each paragraph element (and each line a ``<br>`` ends) a paragraph, each table
    a table. Blanks between elements (the source's indentation) make no paragraph; an empty ``<p>`` does."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.current: str | None = None

    def end(self) -> None:
        if self.current is not None:
            self.blocks.append(self.current)
            self.current = None

    def collect(self, node: Tag) -> None:
        for child in node.children:
            if isinstance(child, NavigableString):
                text = _SOURCE_BREAK.sub("", str(child).replace("\xa0", " "))
                if self.current is not None or text.strip():
                    self.current = (self.current or "") + text
            elif child.name == "table":
                self.end()
                self.blocks.append(_table(child, sum(isinstance(b, BodyTable) for b in self.blocks) + 1))
            elif child.name == "br":
                self.current = self.current or ""
                self.end()
                self.current = ""
            elif child.name in _BLOCKS:
                self.end()
                if child.name == "p":
                    self.current = ""
                self.collect(child)
                self.end()
            else:
                self.collect(child)


def _table(table: Tag, number: int) -> BodyTable:
    taken: set[tuple[int, int]] = set()  # positions a rowspan above covers
    cells: list[GridCell] = []
    rows: list[list[list[str]]] = []
    for r, tr in enumerate(table.find_all("tr")):
        row: list[list[str]] = []
        col = 0
        for td in tr.find_all(("td", "th"), recursive=False):
            while (r, col) in taken:
                row.append([""])
                col += 1
            width, height = _span(td, "colspan"), _span(td, "rowspan")
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
