"""A page read from PDFium has the objects pdfplumber (pdfminer) reads from it: same chars where they stand, same
rules, on turned pages and under the text state's scaling, spacing and rise too."""

from __future__ import annotations

import io

import pdfplumber
import pypdfium2 as pdfium
import pytest
from reportlab.pdfgen import canvas

from pipeline.parse.pdf.pdfium_page import PdfiumPages, _classify, read_page_objects
from tests.conftest import REAL_PDFS
from tests.unit.pdf.drawn import FONT

# (file, 0-based page): a landscape page turned by /Rotate 90, a ruled Word table, a ruled table of 615 rects,
# a page whose paths are drawn inside a form XObject.
PAGES = [
    ("js_shengweiban_2019_dept-budget-tables.pdf", 0),
    ("sh-putuo_caizhengju_2024_dept-final.pdf", 9),
    ("js_gaoyuan_2017_dept-budget.pdf", 12),
    ("js_gaoyuan_2017_dept-budget.pdf", 19),
]
_GEOMETRY = ("x0", "x1", "top", "bottom")


def _visible(chars: list[dict]) -> list[dict]:
    return sorted((c for c in chars if c["text"].strip()), key=lambda c: (round(c["top"]), c["x0"], c["text"]))


def _place(obj: dict) -> tuple:
    return tuple(round(obj[key], 2) for key in _GEOMETRY)


def _close(a: dict, b: dict) -> bool:
    return all(abs(a[key] - b[key]) < 0.01 for key in _GEOMETRY)


@pytest.mark.parametrize(("name", "index"), PAGES)
def test_a_page_has_pdfplumbers_objects(name: str, index: int) -> None:
    path = REAL_PDFS / name
    document = pdfium.PdfDocument(path)
    with pdfplumber.open(path) as pdf:
        expected = pdf.pages[index]
        got = read_page_objects(document[index], index + 1, expected.initial_doctop)
        assert (got.width, got.height, got.mediabox) == (expected.width, expected.height, expected.mediabox)
        want_chars, got_chars = _visible(expected.chars), _visible(got.chars)
        assert [c["text"] for c in got_chars] == [c["text"] for c in want_chars]
        assert all(_close(a, b) and a["upright"] == b["upright"] for a, b in zip(want_chars, got_chars, strict=True))
        for kind in ("rect", "line", "curve"):
            want = sorted(expected.objects.get(kind, []), key=_place)
            have = sorted(got.objects.get(kind, []), key=_place)
            assert len(have) == len(want), kind
            assert all(_close(a, b) and (a["fill"], a["stroke"]) == (b["fill"], b["stroke"]) for a, b in zip(want, have))
    document.close()


def test_pages_are_numbered_and_stacked_as_pdfplumber_does() -> None:
    path = REAL_PDFS / "sh-putuo_caizhengju_2024_dept-final.pdf"  # portrait and landscape pages
    document = pdfium.PdfDocument(path)
    pages = PdfiumPages(document)
    with pdfplumber.open(path) as pdf:
        assert len(pages) == len(pdf.pages)
        for index in (0, 9, len(pdf.pages) - 1):
            assert pages[index].page_number == pdf.pages[index].page_number
            assert pages[index].initial_doctop == pytest.approx(pdf.pages[index].initial_doctop)
    document.close()


@pytest.mark.parametrize(
    ("shape", "points", "kind"),
    [
        ("ml", [(0, 0), (5, 0)], "line"),
        ("mlh", [(0, 0), (5, 0), (0, 0)], "line"),
        ("mlllh", [(0, 0), (5, 0), (5, 3), (0, 3), (0, 0)], "rect"),
        # A closed rectangle that draws its last side: the lineto back to the start is dropped.
        ("mllllh", [(0, 0), (0, 3), (5, 3), (5, 0), (0, 0), (0, 0)], "rect"),
        ("mlllh", [(0, 0), (5, 1), (5, 3), (0, 3), (0, 0)], "curve"),
        ("mcl", [(0, 0), (5, 5), (6, 5)], "curve"),
    ],
)
def test_subpaths_are_classified_as_pdfminer_does(shape: str, points: list, kind: str) -> None:
    assert _classify(shape, points)[0] == kind


def _drawn_page(rotation: int) -> bytes:
    """Text squeezed (Tz 50), spaced (Tc 2) and raised (Ts 3), a filled rect, a line and a curve."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(595, 842))
    pdf.setPageRotation(rotation)
    text = pdf.beginText(72, 700)
    text.setFont(FONT, 12)
    text.setHorizScale(50)
    text.textLine("合计123.45")
    text.setHorizScale(100)
    text.setCharSpace(2)
    text.textLine("合计123.45")
    text.setRise(3)
    text.textLine("上标9")
    pdf.drawText(text)
    pdf.rect(100, 100, 50, 20, fill=1)
    pdf.line(10, 10, 200, 10)
    pdf.bezier(10, 10, 20, 30, 40, 30, 50, 10)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_text_state_and_page_rotation_are_measured_as_pdfminer_does(rotation: int) -> None:
    data = _drawn_page(rotation)
    document = pdfium.PdfDocument(data)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        expected = pdf.pages[0]
        got = read_page_objects(document[0], 1, 0)
        want_chars, got_chars = _visible(expected.chars), _visible(got.chars)
        assert len(want_chars) == 19
        assert [c["text"] for c in got_chars] == [c["text"] for c in want_chars]
        for a, b in zip(want_chars, got_chars, strict=True):
            assert _close(a, b) and abs(a["size"] - b["size"]) < 0.01 and a["upright"] == b["upright"]
        for kind in ("rect", "line", "curve"):
            want, have = expected.objects[kind], got.objects[kind]
            assert len(have) == len(want) == 1
            assert _close(want[0], have[0]) and (want[0]["fill"], want[0]["stroke"]) == (have[0]["fill"], have[0]["stroke"])
    document.close()
