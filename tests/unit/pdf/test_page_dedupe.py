"""The page reader drops chars printed over each other (fake bold) as pdfplumber's ``dedupe_chars`` does, in
page order, without its quadratic reordering."""

from __future__ import annotations

import io
import random

import pdfplumber
from pdfplumber.utils import dedupe_chars
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from pipeline.parse.pdf.page import _printed_twice, deduped
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


def _char(text: str, x0: float, doctop: float, size: float = 12.0) -> dict:
    return {"upright": True, "text": text, "fontname": "FangSong", "size": size, "doctop": doctop, "x0": x0}


def test_a_page_is_read_as_printed_once_only_when_dedupe_chars_would_drop_nothing() -> None:
    # Near the tolerance, in float: 1.1 - 0.1 is a hair over 1, yet pdfplumber clusters 0.1 and 1.1 together.
    assert _printed_twice([_char("0", 0.1, 10.0), _char("0", 1.1, 10.0)])
    assert _printed_twice([_char("0", 5.0, 10.1), _char("0", 5.0, 11.1)])
    # Chained down the page: 10, 10.8 and 11.6 are one band, so the first and last "0" are one char.
    assert _printed_twice([_char("0", 5.0, 10.0), _char("1", 9.0, 10.8), _char("0", 5.5, 11.6), _char("0", 30, 10.8)])
    assert not _printed_twice([_char("0", 5.0, 10.0), _char("0", 6.5, 10.0), _char("0", 5.0, 11.5)])
    assert not _printed_twice([_char("0", 5.0, 10.0), _char("0", 5.0, 10.0, size=10.0)])
    rng = random.Random(20261127)
    for _ in range(2000):
        chars = [
            _char(rng.choice("01一"), rng.choice([0.1, 1.1, 2.0, 2.9, 4.5]) + rng.randrange(3) * 0.9,
                  rng.choice([10.0, 10.8, 11.6, 13.0, 14.1]), rng.choice([10.0, 12.0]))
            for _ in range(rng.randrange(1, 7))
        ]
        assert _printed_twice(chars) == (len(dedupe_chars(chars)) < len(chars)), chars
