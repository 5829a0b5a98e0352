"""The fast paths give the very frames of the slow ones, on the accuracy corpus: the real PDFs and generated
reports of every ruling, continued tables without rules among them.

- Reading only the pages PDFium says may hold a table, or every page.
- Table pages read from PDFium (``read_page_objects``), or interpreted by pdfplumber: every frame equal, cell bboxes
  included (both stored at float32 precision, to 0.01 pt)."""

from __future__ import annotations

import hashlib
import io

import pdfplumber
import pypdfium2 as pdfium
import pytest
from polars.testing import assert_frame_equal

from pipeline import schemas
from pipeline.parse.pdf import extract_tables
from pipeline.parse.pdf.pdfium_page import PdfiumPages
from pipeline.parse.pdf.report import parse_pdf_report
from pipeline.parse.pdf.tables import read_pages, read_tables
from pipeline.parse.pdf.text import read_pdf_text
from pipeline.parse.tables.statement import frames
from tests.conftest import REAL_PDFS
from tests.corpus import spec
from tests.corpus.generate import render_year
from tests.corpus.layout import Layout

REAL = sorted(p.name for p in REAL_PDFS.glob("*.pdf"))
# A report published in parts (its tables, its text): each part alone is no report, only its tables are read.
PARTS = [name for name in REAL if name.endswith(("-tables.pdf", "-text.pdf"))]
# One report per ruling; the unruled one continues its tables without a repeated header on portrait pages, the
# three-line one has a table of contents.
GENERATED = {
    "grid": Layout(ruling="grid", orientation="portrait", density="roomy"),
    "unruled": Layout(ruling="unruled", continuation="no_header", orientation="portrait", density="roomy"),
    "three_line": Layout(ruling="three_line", continuation="repeat_header", toc=True, table_numbers=True),
}


def _generated_pdf(ruling: str) -> bytes:
    layout = GENERATED[ruling]
    dept = spec.random_department(11, 0, [2022], {2022: layout.unit}, set())
    return render_year(dept, 2022, layout).rendered.pdf


def _assert_same_frames(data: bytes, options: dict, reference: dict) -> None:
    """``parse_pdf_report`` with ``options`` gives every frame exactly as with ``reference``, which reads items."""
    sha256 = hashlib.sha256(data).hexdigest()
    read = parse_pdf_report(data, sha256=sha256, source_path="x.pdf", **options)
    expected = parse_pdf_report(data, sha256=sha256, source_path="x.pdf", **reference)
    assert expected[schemas.LINE_ITEMS.name].height > 0
    for schema in schemas.PARSED_FRAMES:
        assert_frame_equal(read[schema.name], expected[schema.name], check_exact=True)


FAST, EVERY_PAGE = {"fast": True}, {"fast": False}
PDFIUM, PDFPLUMBER = {"reader": "pdfium"}, {"reader": "pdfplumber"}


@pytest.mark.parametrize("name", [name for name in REAL if name not in PARTS])
def test_real_report_reads_the_same(name: str) -> None:
    _assert_same_frames((REAL_PDFS / name).read_bytes(), FAST, EVERY_PAGE)


@pytest.mark.parametrize("name", PARTS)
def test_real_report_part_tables_read_the_same(name: str) -> None:
    data = (REAL_PDFS / name).read_bytes()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        every_page = extract_tables(pdf, sha256="0" * 64)
        fast = extract_tables(pdf, sha256="0" * 64, may_hold_table=read_pdf_text(data).may_hold_table)
    for expected, got in zip(every_page, fast, strict=True):
        assert_frame_equal(got, expected, check_exact=True)


@pytest.mark.parametrize("ruling", sorted(GENERATED))
def test_generated_report_reads_the_same(ruling: str) -> None:
    data = _generated_pdf(ruling)
    # Not vacuous: the report has pages pdfplumber is spared (its narrative).
    assert not all(read_pdf_text(data).may_hold_table)
    _assert_same_frames(data, FAST, EVERY_PAGE)


def test_pages_without_rules_or_titles_are_spared() -> None:
    """The unruled report's narrative pages draw no path and print no 表; its table pages print their titles."""
    flags = read_pdf_text(_generated_pdf("unruled")).may_hold_table
    assert flags.count(False) >= 3
    assert flags.count(True) >= 3


@pytest.mark.parametrize("name", [name for name in REAL if name not in PARTS])
def test_real_report_reads_the_same_from_pdfium(name: str) -> None:
    _assert_same_frames((REAL_PDFS / name).read_bytes(), PDFIUM, PDFPLUMBER)


@pytest.mark.parametrize("name", PARTS)
def test_real_report_part_tables_read_the_same_from_pdfium(name: str) -> None:
    """Among them the corpus's pages turned a quarter (/Rotate 90), their text drawn turned back."""
    data = (REAL_PDFS / name).read_bytes()
    flags = read_pdf_text(data).may_hold_table
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        expected = extract_tables(pdf, sha256="0" * 64, may_hold_table=flags)
    document = pdfium.PdfDocument(data)
    try:
        got = frames(read_tables(read_pages(PdfiumPages(document), flags)), "0" * 64)
    finally:
        document.close()
    for want, have in zip(expected, got, strict=True):
        assert_frame_equal(have, want, check_exact=True)


@pytest.mark.parametrize("ruling", sorted(GENERATED))
def test_generated_report_reads_the_same_from_pdfium(ruling: str) -> None:
    _assert_same_frames(_generated_pdf(ruling), PDFIUM, PDFPLUMBER)


def test_an_unknown_reader_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown PDF reader"):
        parse_pdf_report(b"%PDF-1.4", sha256="0" * 64, source_path="x.pdf", reader="poppler")
