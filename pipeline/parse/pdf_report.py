"""Reads a PDF report: its narrative through the text reader (with page numbers), its tables as line items."""

from __future__ import annotations

import io

import pdfplumber

from pipeline.parse.pdf.tables import read_pages, read_tables
from pipeline.parse.pdf_text import read_pdf_text
from pipeline.parse.result import ParsedDocument
from pipeline.parse.statement_tables import with_tables
from pipeline.parse.text_report import read_report_text


def parse_pdf_report(data: bytes, *, sha256: str, source_path: str) -> ParsedDocument:
    """Raises ``UnreadableDocument`` (encrypted, corrupt, image_only, no_cjk_text, not_a_report)."""
    pdf_text = read_pdf_text(data)
    narrative = read_report_text(
        pdf_text.text,
        sha256=sha256,
        source_path=source_path,
        media_type="application/pdf",
        text_encoding=None,
        line_pages=pdf_text.line_pages,
    )
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        tables = read_tables(read_pages(pdf.pages))
    return with_tables(narrative, tables, sha256)
