"""Reads a PDF report: its narrative through the text reader (with page numbers), its tables as line items.

pdfplumber reads only the pages PDFium says may hold a table (``table_pages``), which gives the same frames in a
fraction of the time; ``FISCAL_PDF_FAST=0`` (or ``fast=False``) has it read every page, to compare.
"""

from __future__ import annotations

import io
import os

import pdfplumber

from pipeline.parse.pdf.table_pages import may_hold_tables
from pipeline.parse.pdf.tables import read_pages, read_tables
from pipeline.parse.pdf_text import read_pdf_text
from pipeline.parse.result import ParsedDocument
from pipeline.parse.statement_tables import with_tables
from pipeline.parse.text_report import read_report_text


FAST_ENV = "FISCAL_PDF_FAST"


def parse_pdf_report(data: bytes, *, sha256: str, source_path: str, fast: bool | None = None) -> ParsedDocument:
    """Raises ``UnreadableDocument`` (encrypted, corrupt, image_only, no_cjk_text, not_a_report).

    ``fast``: skip the pages without tables; by default unless the environment sets ``FISCAL_PDF_FAST=0``.
    """
    if fast is None:
        fast = os.environ.get(FAST_ENV, "1") != "0"
    pdf_text = read_pdf_text(data)
    narrative = read_report_text(
        pdf_text.text,
        sha256=sha256,
        source_path=source_path,
        media_type="application/pdf",
        text_encoding=None,
        line_pages=pdf_text.line_pages,
    )
    may_hold_table = may_hold_tables(data) if fast else None
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        tables = read_tables(read_pages(pdf.pages, may_hold_table))
    return with_tables(narrative, tables, sha256)
