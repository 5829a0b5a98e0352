"""A page read from PDFium has the objects pdfplumber (pdfminer) reads from it: same chars where they stand, same
rules, on a page turned a quarter too."""

from __future__ import annotations

import pdfplumber
import pypdfium2 as pdfium
import pytest

from pipeline.parse.pdf.pdfium_page import PdfiumPage, PdfiumPages, _classify
from tests.conftest import REAL_PDFS

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
        got = PdfiumPage(document[index], index + 1, expected.initial_doctop)
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
