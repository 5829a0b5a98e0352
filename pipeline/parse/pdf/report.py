"""Reads a PDF report: its narrative through the text reader (with page numbers), its tables as line items.

The table reader reads only the pages PDFium says may hold a table (``table_pages``), which gives the same frames
in a fraction of the time; ``FISCAL_PDF_FAST=0`` (or ``fast=False``) has it read every page, to compare.

It reads a page's chars and paths from PDFium (``pdf.pdfium_page``), some thirty times faster than pdfplumber's
pure-Python interpreter and giving the same frames; ``FISCAL_PDF_READER=pdfplumber`` (or
``reader="pdfplumber"``) has pdfplumber interpret the pages instead, to compare.
"""

from __future__ import annotations

import io
import os

import pdfplumber
import pypdfium2 as pdfium

from pipeline.parse.pdf.pdfium_page import PdfiumPages
from pipeline.parse.pdf.tables import read_pages, read_tables
from pipeline.parse.pdf.text import read_pdf_text
from pipeline.parse.result import ParsedDocument
from pipeline.parse.tables.statement import ReadTable, with_tables
from pipeline.parse.text.report import read_report_text

FAST_ENV = "FISCAL_PDF_FAST"
READER_ENV = "FISCAL_PDF_READER"
READERS = ("pdfium", "pdfplumber")


def parse_pdf_report(
    data: bytes, *, sha256: str, source_path: str, fast: bool | None = None, reader: str | None = None
) -> ParsedDocument:
    """Raises ``UnreadableDocument`` (encrypted, corrupt, image_only, no_cjk_text, not_a_report).

    ``fast``: skip the pages without tables; by default unless the environment sets ``FISCAL_PDF_FAST=0``.
    ``reader``: what interprets the table pages, one of ``READERS``; by default ``FISCAL_PDF_READER``, else
    pdfium.
    """
    if fast is None:
        fast = os.environ.get(FAST_ENV, "1") != "0"
    if reader is None:
        reader = os.environ.get(READER_ENV) or READERS[0]
    if reader not in READERS:
        raise ValueError(f"unknown PDF reader {reader!r}; one of {', '.join(READERS)}")
    pdf_text = read_pdf_text(data)
    narrative = read_report_text(
        pdf_text.text,
        sha256=sha256,
        source_path=source_path,
        media_type="application/pdf",
        text_encoding=None,
        line_pages=pdf_text.line_pages,
    )
    # The pages without tables are told apart while the text is read (one pass of PDFium over the file).
    may_hold_table = pdf_text.may_hold_table if fast else None
    return with_tables(narrative, _tables(data, reader, may_hold_table), sha256)


def _tables(data: bytes, reader: str, may_hold_table: list[bool] | None) -> list[ReadTable]:
    if reader == "pdfplumber":
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return read_tables(read_pages(pdf.pages, may_hold_table))
    document = pdfium.PdfDocument(data)
    try:
        return read_tables(read_pages(PdfiumPages(document), may_hold_table))
    finally:
        document.close()
