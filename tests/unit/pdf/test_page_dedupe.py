"""The page reader drops chars printed over each other (fake bold) as pdfplumber's ``dedupe_chars`` does, in
page order, without its quadratic reordering."""

from __future__ import annotations

import io

import pdfplumber
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from pipeline.parse.pdf.page import deduped
from tests.conftest import REAL_PDFS
from tests.pdf_factory import FONT


def _fake_bold_pdf() -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setFont(FONT, 12)
    pdf.drawString(72, 700, "一、收入支出决算总表")
    pdf.drawString(72.3, 700, "一、收入支出决算总表")  # the same title again, a third of a point right
    pdf.drawString(72, 680, "本年收入合计 1,234.56")
    pdf.save()
    return buffer.getvalue()


def _chars(page) -> list[tuple]:
    return [(c["text"], c["x0"], c["top"], c["fontname"]) for c in page.chars]


def test_fake_bold_is_dropped_as_pdfplumber_drops_it() -> None:
    with pdfplumber.open(io.BytesIO(_fake_bold_pdf())) as pdf:
        page = pdf.pages[0]
        ours = _chars(deduped(page))
        assert ours == _chars(page.dedupe_chars())
        assert len(ours) == len(page.chars) - len("一、收入支出决算总表")


def test_real_pages_keep_every_char_and_object() -> None:
    with pdfplumber.open(REAL_PDFS / "sh-putuo_caizhengju_2024_dept-final.pdf") as pdf:
        for page in pdf.pages[13:17]:
            ours = deduped(page)
            assert _chars(ours) == _chars(page.dedupe_chars())
            assert ours.rects == page.rects and ours.lines == page.lines
