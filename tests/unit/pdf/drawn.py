"""Tables drawn on the fly with reportlab (STSong-Light): with or without rules, for the cases no real file has."""

from __future__ import annotations

import io
from collections.abc import Sequence

import pdfplumber
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

ROW = 20.0


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
    """One landscape page: title, unit line, a header of one or more rows and the body rows.

    Header cells are centred (a ``(text, n)`` header cell over n columns), body text left-aligned and numbers
    right-aligned, as the published tables print them. Rules, when drawn, frame every cell of the body and the
    header as a whole: draw spanning headers only without rules.
    """
    buffer = io.BytesIO()
    width, height = landscape(A4)
    pdf = canvas.Canvas(buffer, pagesize=(width, height))
    pdf.setFont(FONT, 16)
    pdf.drawCentredString(width / 2, height - 60, title)
    pdf.setFont(FONT, 10)
    left = 60.0
    right = left + sum(widths)
    pdf.drawRightString(right, height - 85, unit_line)
    y = height - 100
    xs = [left]
    for w in widths:
        xs.append(xs[-1] + w)
    for r, row in enumerate(list(header) + list(rows)):
        for c, text in enumerate(row):
            if not text:
                continue
            if r < len(header):
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
            pdf.line(x, height - 100, x, y)
    if note:
        pdf.drawString(left, y - 16, note)
    pdf.save()
    return buffer.getvalue()


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
