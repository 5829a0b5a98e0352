"""Tables drawn on the fly with reportlab (STSong-Light): with or without rules, for the cases no real file has."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

import pdfplumber
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

ROW = 20.0


@dataclass(frozen=True)
class DrawnTable:
    """A table as ``tables_pdf`` prints it: title, unit line, a header of one or more rows and the body rows.

    A ``(text, n)`` header cell spans n columns.
    """

    title: str
    unit_line: str
    header: Sequence[Sequence[str | tuple[str, int]]]
    rows: Sequence[Sequence[str]]
    widths: Sequence[float]
    note: str | None = None


def table_pdf(
    title: str,
    unit_line: str,
    header: Sequence[Sequence[str | tuple[str, int]]],
    rows: Sequence[Sequence[str]],
    widths: Sequence[float],
    *,
    ruled: bool,
    note: str | None = None,
) -> bytes:
    """One landscape page of one table (``tables_pdf``)."""
    return tables_pdf([DrawnTable(title, unit_line, header, rows, widths, note)], ruled=ruled)


def tables_pdf(
    tables: Sequence[DrawnTable], *, ruled: bool, titles_framed: bool = False, cover: str | None = None
) -> bytes:
    """One landscape page of tables printed one under the other, after a ``cover`` page when given.

    Header cells are centred, body text left-aligned and numbers right-aligned, as the published tables print
    them. Rules, when drawn, frame every cell of the body and the header as a whole: draw spanning headers only
    without rules. Each table has its own frame, its title and unit line above it; ``titles_framed`` prints them
    in rows of the frame instead, each table right under the one before, as a spreadsheet printed with every
    cell bordered: the tables of the page then make one ruled grid.
    """
    buffer = io.BytesIO()
    width, height = landscape(A4)
    pdf = canvas.Canvas(buffer, pagesize=(width, height))
    if cover:
        pdf.setFont(FONT, 20)
        pdf.drawCentredString(width / 2, height / 2, cover)
        pdf.showPage()
    top = height - 60
    for table in tables:
        top = _draw_table(pdf, table, top, width, ruled=ruled, titles_framed=titles_framed)
        top -= 0 if titles_framed else 40
    pdf.save()
    return buffer.getvalue()


def _draw_table(
    pdf: canvas.Canvas, table: DrawnTable, top: float, page_width: float, *, ruled: bool, titles_framed: bool
) -> float:
    """Draws ``table`` from ``top`` (PDF points from the page's bottom) down; returns where it ends, its note
    included."""
    left = 60.0
    xs = [left]
    for w in table.widths:
        xs.append(xs[-1] + w)
    right = xs[-1]
    if titles_framed:
        frame_top = top
        pdf.setFont(FONT, 14)
        pdf.drawCentredString((left + right) / 2, top - 14, table.title)
        pdf.setFont(FONT, 10)
        pdf.drawRightString(right - 4, top - ROW - 14, table.unit_line)
        if ruled:
            pdf.line(left, top, right, top)
            pdf.line(left, top - ROW, right, top - ROW)
        top -= 2 * ROW
    else:
        pdf.setFont(FONT, 16)
        pdf.drawCentredString(page_width / 2, top, table.title)
        pdf.setFont(FONT, 10)
        pdf.drawRightString(right, top - 25, table.unit_line)
        top -= 40
        frame_top = top
    pdf.setFont(FONT, 10)
    y = top
    for r, row in enumerate(list(table.header) + list(table.rows)):
        for c, text in enumerate(row):
            if not text:
                continue
            if r < len(table.header):
                text, span = text if isinstance(text, tuple) else (text, 1)
                pdf.drawCentredString((xs[c] + xs[c + span]) / 2, y - 14, text)
            elif any(ch.isdigit() for ch in text) and not any("\u4e00" <= ch <= "\u9fff" for ch in text):
                pdf.drawRightString(xs[c + 1] - 4, y - 14, text)
            else:
                pdf.drawString(xs[c] + 4, y - 14, text)
        if ruled:
            pdf.line(left, y, right, y)
        y -= ROW
    if ruled:
        pdf.line(left, y, right, y)
        for x in xs:
            pdf.line(x, frame_top if x in (left, right) else top, x, y)
    if table.note:
        y -= 16
        pdf.drawString(left, y, table.note)
    return y


def open_pdf(data: bytes) -> pdfplumber.PDF:
    return pdfplumber.open(io.BytesIO(data))



Word = tuple  # (text, x, top[, align, size]): x is the centre, or the left / right edge for align "left" / "right"


def words_pdf(pages: Sequence[Sequence[Word]]) -> bytes:
    """Landscape pages of words placed where told (tops in PDF points from the page's top), no rules: for headers
    whose cells wrap and centre each on its own (lines of neighbouring cells half a line apart) and labels
    wrapped around their amounts."""
    buffer = io.BytesIO()
    width, height = landscape(A4)
    pdf = canvas.Canvas(buffer, pagesize=(width, height))
    for words in pages:
        for text, x, top, *rest in words:
            align = rest[0] if rest else "centre"
            size = rest[1] if len(rest) > 1 else 9.0
            pdf.setFont(FONT, size)
            draw = {"centre": pdf.drawCentredString, "left": pdf.drawString, "right": pdf.drawRightString}
            draw[align](x, height - top - size * 0.88, text)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()
