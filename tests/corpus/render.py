"""Draws a report — narrative pages, then the 9 tables — with the reportlab canvas, and records the truth of
every printed table number with the page it lands on.

Tables are laid out by hand (not platypus) so that the page of every cell is known: a row that does not fit
goes to the next page, which repeats the header or not as the layout says. CJK text uses the Adobe CID font
STSong-Light, which pdfplumber reads back exactly. ``invariant=1`` makes the bytes a function of the content.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from tests.corpus.layout import Layout
from tests.corpus.narrative import Block
from tests.corpus.tables import CODE, LABEL, LINENO, VALUE, TableModel

FONT = "STSong-Light"
PORTRAIT = (595.2756, 841.8898)
LANDSCAPE = (PORTRAIT[1], PORTRAIT[0])
MARGIN_X = 50.0
MARGIN_TOP = 56.0
MARGIN_BOTTOM = 54.0
ASCENT, DESCENT = 0.729, 0.271  # where pdfminer puts a STSong-Light char box around the baseline, in em
PAD_X, PAD_Y = 3.0, 2.5

_registered = False


def register_font() -> None:
    global _registered
    if not _registered:
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
        _registered = True


def width(text: str, size: float) -> float:
    return pdfmetrics.stringWidth(text, FONT, size)


# A run that is never broken over two lines: a number with its separators, or a Latin word.
_UNBREAKABLE = re.compile(r"[0-9A-Za-z][0-9A-Za-z.,%％]*")
# Characters a line may not start with (Chinese line-breaking rules).
_NO_LINE_START = set("，。、；：？！）》」』”’%％,.;:)")


def wrap(text: str, max_width: float, size: float) -> list[str]:
    """``text`` in lines no wider than ``max_width``: broken between characters, never inside a number and
    never before closing punctuation."""
    tokens = []
    i = 0
    while i < len(text):
        m = _UNBREAKABLE.match(text, i)
        if m:
            tokens.append(m.group())
            i = m.end()
        else:
            tokens.append(text[i])
            i += 1
    lines: list[str] = []
    line = ""
    for token in tokens:
        if line and width(line + token, size) > max_width:
            if token[0] in _NO_LINE_START and len(line) > 1:
                line, carry = line[:-1], line[-1]  # take the last character down with the punctuation
                lines.append(line)
                line = carry + token
            else:
                lines.append(line)
                line = token
        else:
            line += token
    if line or not lines:
        lines.append(line)
    return lines


@dataclass
class PlacedCell:
    """Where a truth cell is printed (for the tests; not part of the truth file)."""

    table_kind: str
    page: int
    value: str
    value_bbox: tuple[float, float, float, float]  # pdfplumber coordinates: x0, top, x1, bottom
    item: str | None
    item_bbox: tuple[float, float, float, float] | None
    item_lines: int
    code: str | None
    code_bbox: tuple[float, float, float, float] | None
    metric: str | None = None  # the panel metric the cell prints (tables.Cell.metric)
    budget: bool = False  # its 预算数 rather than its 决算数


@dataclass
class RenderResult:
    pdf: bytes
    tables: list[dict]  # the truth file's "tables"
    placed: list[PlacedCell] = field(default_factory=list)
    page_count: int = 0
    landscape_pages: list[int] = field(default_factory=list)
    # Per narrative block, its printed lines as (offset of the line's first character in the block's text, page).
    block_lines: list[list[tuple[int, int]]] = field(default_factory=list)

    def page_of(self, block: int, offset: int = 0) -> int:
        """The page on which character ``offset`` of narrative block ``block`` is printed."""
        lines = self.block_lines[block]
        return next(page for start, page in reversed(lines) if start <= offset)


_DENSITY = {  # font size, line height, minimum row height
    "compact": (7.5, 9.5, 14.0),
    "normal": (8.5, 11.0, 17.0),
    "roomy": (9.5, 12.5, 22.0),
}


class Renderer:
    def __init__(self, layout: Layout, title: str):
        register_font()
        self.layout = layout
        self.buffer = io.BytesIO()
        self.c = canvas.Canvas(self.buffer, pagesize=PORTRAIT, invariant=1, pageCompression=1)
        self.c.setTitle(title)
        self.c.setCreator("tests.corpus")
        self.c.setAuthor("")
        self.page = 0
        self.page_open = False
        self.size = PORTRAIT
        self.footer = False
        self.result = RenderResult(pdf=b"", tables=[])

    # -- pages -----------------------------------------------------------------------------------------
    def new_page(self, landscape: bool = False, footer: bool = True) -> None:
        if self.page_open:
            self.end_page()
        self.size = LANDSCAPE if landscape else PORTRAIT
        self.c.setPageSize(self.size)
        self.page += 1
        self.page_open = True
        self.footer = footer and self.layout.page_footer
        if landscape:
            self.result.landscape_pages.append(self.page)

    def end_page(self) -> None:
        if self.footer:
            self.c.setFont(FONT, 9)
            self.c.drawCentredString(self.size[0] / 2, 28, f"- {self.page} -")
        self.c.showPage()
        self.page_open = False

    @property
    def top(self) -> float:
        return self.size[1] - MARGIN_TOP

    def text(self, x: float, baseline: float, s: str, size: float, align: str = "left") -> None:
        self.c.setFont(FONT, size)
        if align == "left":
            self.c.drawString(x, baseline, s)
        elif align == "right":
            self.c.drawRightString(x, baseline, s)
        else:
            self.c.drawCentredString(x, baseline, s)

    def to_plumber(self, x0: float, y_bottom: float, x1: float, y_top: float) -> tuple[float, float, float, float]:
        h = self.size[1]
        return (round(x0, 3), round(h - y_top, 3), round(x1, 3), round(h - y_bottom, 3))

    # -- narrative -------------------------------------------------------------------------------------
    def narrative(self, blocks: list[Block]) -> None:
        body, lead = 11.0, 19.0
        avail = PORTRAIT[0] - 2 * MARGIN_X - 10
        y = 0.0
        started = False

        def need(height: float) -> None:
            nonlocal y
            if not self.page_open or y - height < MARGIN_BOTTOM:
                self.new_page()
                y = self.top

        record = self.result.block_lines
        for kind, text in blocks:
            if kind == "cover":
                self.new_page(footer=False)
                record.append([(0, self.page)])
                size = min(22.0, (avail - 20) / max(1, len(text)))
                self.text(PORTRAIT[0] / 2, PORTRAIT[1] * 0.62, text, size, "center")
                self.end_page()
            elif kind == "toc":
                self.new_page()
                record.append([(0, self.page)])
                lines = text.split("\n")
                self.text(PORTRAIT[0] / 2, self.top - 10, lines[0], 16, "center")
                y = self.top - 50
                for line in lines[1:]:
                    self.text(MARGIN_X + (0 if line.startswith("第") else 24), y, line, 11.5)
                    y -= 24
                self.end_page()
            elif kind == "part":
                if started:
                    self.new_page()
                    y = self.top
                need(40)
                record.append([(0, self.page)])
                self.text(PORTRAIT[0] / 2, y - 16, text, 15, "center")
                y -= 40
                started = True
            elif kind == "l1":
                need(30)
                record.append([(0, self.page)])
                self.text(MARGIN_X, y - 14, text, 12)
                y -= 28
                started = True
            else:
                lines = wrap(text, avail - 2 * body, body)
                rest: list[str] = []
                if len(lines) > 1:  # the first line is indented by two characters, the others are full width
                    rest = wrap(text[len(lines[0]):], avail, body)
                record.append([])
                offset = 0
                for i, line in enumerate([lines[0], *rest]):
                    need(lead)
                    record[-1].append((offset, self.page))
                    offset += len(line)
                    self.text(MARGIN_X + (2 * body if i == 0 else 0), y - body, line, body)
                    y -= lead
                assert offset == len(text), "wrapped lines lost characters"
                y -= 4
                started = True
        if self.page_open:
            self.end_page()

    # -- tables ----------------------------------------------------------------------------------------
    def tables(self, tables: list[TableModel], part_heading: str, department: str) -> None:
        for i, table in enumerate(tables):
            self.table(table, part_heading if i == 0 else None, department)

    def _fit(self, table: TableModel, avail: float) -> tuple[float, list[float]]:
        """Type size and column widths: value and code columns as wide as their widest text, labels share
        the rest; the size shrinks until the labels get at least 7 characters."""
        base = _DENSITY[self.layout.density][0]
        size = base
        while True:
            widths: list[float] = []
            for i, column in enumerate(table.columns):
                texts = [row_cell_text(row, i) for row in table.body]
                texts = [t for t in texts if t]
                if column.role == VALUE:
                    w = max([width(t, size) for t in texts] + [width("00000.00", size), 3.5 * size]) + 2 * PAD_X + 2
                elif column.role == CODE:
                    w = max([width(t, size) for t in texts if t.isdigit()] + [width("000", size), size * 1.2]) + 2 * PAD_X
                elif column.role == LINENO:
                    w = max(width("行次", size), width("99", size)) + 2 * PAD_X
                else:
                    w = 0.0
                widths.append(w)
            free = avail - sum(widths)
            weights = [c.weight if c.role == LABEL else 0 for c in table.columns]
            if not sum(weights):  # no label column (a Shanghai 三公 table): the value columns share the width
                if free >= 0 or size <= 5.5:
                    values = sum(1 for c in table.columns if c.role == VALUE)
                    return size, [w + free / values if c.role == VALUE else w for w, c in zip(widths, table.columns)]
                size -= 0.5
                continue
            per = free / sum(weights)
            if per >= 7 * size or size <= 5.5:
                cap = 24 * size  # a label column wider than 24 characters gives the rest to the value columns
                if per > cap:
                    values = sum(1 for c in table.columns if c.role == VALUE)
                    extra = (per - cap) * sum(weights) / values
                    widths = [w + extra if c.role == VALUE else w for w, c in zip(widths, table.columns)]
                    per = cap
                return size, [w if c.role != LABEL else per * c.weight for w, c in zip(widths, table.columns)]
            size -= 0.5

    def table(self, table: TableModel, part_heading: str | None, department: str) -> None:
        layout = self.layout
        landscape = table.wide and layout.orientation == "landscape"
        self.new_page(landscape)
        page_w = self.size[0]
        avail = page_w - 2 * MARGIN_X
        size, widths = self._fit(table, avail)
        base_size, _, min_row = _DENSITY[layout.density]
        lh = size * 1.3
        min_row = max(min_row * size / base_size, lh + 2 * PAD_Y)
        xs = [MARGIN_X]
        for w in widths:
            xs.append(xs[-1] + w)

        y = self.top
        if part_heading:
            self.text(page_w / 2, y - 16, part_heading, 15, "center")
            y -= 40
        if layout.table_numbers:
            self.text(page_w - MARGIN_X, y - 9, f"公开{table.number:02d}表", 9, "right")
            y -= 16
        self.text(page_w / 2, y - 16, table.title, 15, "center")
        y -= 34
        self.text(MARGIN_X, y - 9, f"编制单位：{department}", 9)
        self.text(page_w - MARGIN_X, y - 9, f"单位：{table.unit}", 9, "right")
        y -= 16

        header_heights = self._header_heights(table, widths, size, lh, min_row)
        row_heights = [self._row_height(row, widths, size, lh, min_row) for row in table.body]

        truth = {
            "table_kind": table.kind,
            "title": table.title,
            "unit": table.unit,
            "page_first": self.page,
            "page_last": self.page,
            "is_empty": table.is_empty,
            "cells": [],
        }
        y = self.draw_header(table, xs, header_heights, y, size, lh)
        for row, h in zip(table.body, row_heights):
            if y - h < MARGIN_BOTTOM:
                self._close_segment(xs, y)
                self.end_page()
                self.new_page(landscape)
                y = self.top
                if layout.continuation == "repeat_header":
                    y = self.draw_header(table, xs, header_heights, y, size, lh)
                elif layout.ruling == "three_line":
                    self._hline(xs[0], xs[-1], y, 1.2)
            self.draw_row(table, row, xs, y, h, size, lh, truth)
            y -= h
        self._close_segment(xs, y)
        if table.note:
            if y - 30 < MARGIN_BOTTOM:
                self.end_page()
                self.new_page(landscape)
                y = self.top
            self.text(MARGIN_X, y - 18, table.note, 9)
        truth["page_last"] = self.page
        self.result.tables.append(truth)
        self.end_page()

    def _close_segment(self, xs: list[float], y: float) -> None:
        if self.layout.ruling == "three_line":
            self._hline(xs[0], xs[-1], y, 1.2)

    def _hline(self, x0: float, x1: float, y: float, w: float) -> None:
        self.c.setLineWidth(w)
        self.c.line(x0, y, x1, y)

    def _header_heights(self, table: TableModel, widths: list[float], size: float, lh: float, min_row: float) -> list[float]:
        rows = table.header_rows
        heights = [min_row] * rows
        for cell in sorted(table.header, key=lambda h: h.rowspan):
            w = sum(widths[cell.col : cell.col + cell.colspan]) - 2 * PAD_X
            lines = len(wrap(cell.text, w, size))
            need = (lines - 1) * lh + size + 2 * PAD_Y + 2
            have = sum(heights[cell.row : cell.row + cell.rowspan])
            if need > have:
                heights[cell.row + cell.rowspan - 1] += need - have
        if table.column_row:
            heights.append(min_row)
        return heights

    def _row_height(self, row, widths, size, lh, min_row) -> float:
        h = min_row
        col = 0
        for cell in row:
            if cell.text:
                w = sum(widths[col : col + cell.colspan]) - 2 * PAD_X
                lines = len(wrap(cell.text, w, size))
                h = max(h, (lines - 1) * lh + size + 2 * PAD_Y + 2)
            col += cell.colspan
        return h

    def _block(self, x0, x1, y_top, y_bottom, text, size, lh, align) -> int:
        """Draws ``text`` wrapped in the box, vertically centred; returns its number of lines."""
        lines = wrap(text, x1 - x0 - 2 * PAD_X, size)
        block = (len(lines) - 1) * lh + size
        first = (y_top + y_bottom) / 2 + block / 2 - ASCENT * size
        for i, line in enumerate(lines):
            baseline = first - i * lh
            if align == "left":
                self.text(x0 + PAD_X, baseline, line, size)
            elif align == "right":
                self.text(x1 - PAD_X, baseline, line, size, "right")
            else:
                self.text((x0 + x1) / 2, baseline, line, size, "center")
        return len(lines)

    def draw_header(self, table, xs, heights, y, size, lh) -> float:
        ruling = self.layout.ruling
        tops = [y]
        for h in heights:
            tops.append(tops[-1] - h)
        self.c.setLineWidth(0.5)
        for cell in table.header:
            x0, x1 = xs[cell.col], xs[cell.col + cell.colspan]
            top, bottom = tops[cell.row], tops[cell.row + cell.rowspan]
            if ruling == "grid":
                self.c.rect(x0, bottom, x1 - x0, top - bottom, stroke=1, fill=0)
            self._block(x0, x1, top, bottom, cell.text, size, lh, "center")
        if table.column_row:
            top, bottom = tops[-2], tops[-1]
            for i, text in enumerate(table.column_row):
                x0, x1 = xs[i], xs[i + 1]
                if ruling == "grid":
                    self.c.rect(x0, bottom, x1 - x0, top - bottom, stroke=1, fill=0)
                if text:
                    self._block(x0, x1, top, bottom, text, size, lh, "center")
        if ruling == "three_line":
            self._hline(xs[0], xs[-1], y, 1.2)
            self._hline(xs[0], xs[-1], tops[-1], 0.6)
        return tops[-1]

    def draw_row(self, table: TableModel, row, xs, y, h, size, lh, truth: dict) -> None:
        ruling = self.layout.ruling
        self.c.setLineWidth(0.5)
        col = 0
        spans = []  # (cell, col)
        for cell in row:
            spans.append((cell, col))
            col += cell.colspan
        boxes = {}
        lines_of = {}
        for cell, c0 in spans:
            x0, x1 = xs[c0], xs[c0 + cell.colspan]
            if ruling == "grid":
                self.c.rect(x0, y - h, x1 - x0, h, stroke=1, fill=0)
            boxes[c0] = (x0, x1)
            if not cell.text:
                continue
            role = table.columns[c0].role
            align = "right" if role == VALUE else ("center" if role in (CODE, LINENO) else "left")
            if cell.text == "合计" and cell.colspan > 1:
                align = "center"
            lines_of[c0] = self._block(x0, x1, y, y - h, cell.text, size, lh, align)
        for cell, c0 in spans:
            if table.columns[c0].role != VALUE or cell.text is None or cell.text == "-":
                continue
            item = None if cell.item is None else "".join(cell.item.split())
            truth["cells"].append(
                {
                    "page": self.page,
                    "panel": cell.panel,
                    "code": cell.code,
                    "item": item,
                    "measure": table.measures[c0],
                    "value": cell.text,
                }
            )
            label_col = _label_cell(table, spans, c0)
            code_cols = _code_cells(table, spans, label_col)
            x0, x1 = boxes[c0]
            code_bbox = None
            if code_cols:
                code_bbox = self.to_plumber(boxes[code_cols[0]][0], y - h, boxes[code_cols[-1]][1], y)
            self.result.placed.append(
                PlacedCell(
                    table_kind=table.kind,
                    page=self.page,
                    value=cell.text,
                    value_bbox=self.to_plumber(x0, y - h, x1, y),
                    item=item,
                    item_bbox=None if label_col is None else self.to_plumber(boxes[label_col][0], y - h, boxes[label_col][1], y),
                    item_lines=lines_of.get(label_col, 0) if label_col is not None else 0,
                    code=cell.code,
                    code_bbox=code_bbox,
                    metric=cell.metric,
                    budget=cell.budget,
                )
            )

    def finish(self) -> RenderResult:
        if self.page_open:
            self.end_page()
        self.c.save()
        self.result.pdf = self.buffer.getvalue()
        self.result.page_count = self.page
        return self.result


def row_cell_text(row, col: int) -> str | None:
    c = 0
    for cell in row:
        if c == col and cell.colspan == 1:
            return cell.text
        c += cell.colspan
        if c > col:
            return None
    return None


def _label_cell(table: TableModel, spans, value_col: int) -> int | None:
    """The start column of the cell holding the row label of the value at ``value_col``: the nearest cell to
    its left that covers a label column."""
    for cell, c0 in reversed(spans):
        if c0 >= value_col:
            continue
        if any(table.columns[j].role == LABEL for j in range(c0, c0 + cell.colspan)):
            return c0
    return None


def _code_cells(table: TableModel, spans, label_col: int | None) -> list[int]:
    """The code cells right before the label cell (same panel)."""
    if label_col is None:
        return []
    out = []
    for cell, c0 in reversed(spans):
        if c0 >= label_col:
            continue
        if table.columns[c0].role == CODE and cell.colspan == 1:
            out.insert(0, c0)
        else:
            break
    return out


def render_document(title: str, blocks: list[Block], tables: list[TableModel], layout: Layout, year: int,
                    department: str, part_heading: str | None = None) -> RenderResult:
    renderer = Renderer(layout, title)
    renderer.narrative(blocks)
    renderer.tables(tables, part_heading or f"第四部分 {year}年度部门决算表", department)
    return renderer.finish()
