"""Chooses the reader for a document from its bytes."""

from __future__ import annotations

import io
import zipfile

from pipeline.parse.html.report import is_html, parse_html_report
from pipeline.parse.pdf.report import parse_pdf_report
from pipeline.parse.result import ParsedDocument
from pipeline.parse.spreadsheet.report import MEDIA_TYPES, parse_spreadsheet_report
from pipeline.parse.text.report import parse_text_report
from pipeline.parse.word.doc import parse_doc_report
from pipeline.parse.word.docx import parse_docx_report
from pipeline.quarantine import UnreadableDocument
from pipeline.settings import DEFAULT_MAX_EXPANDED_BYTES, MAX_EXPANDED_BYTES_ENV

_ZIP_MAGIC = b"PK\x03\x04"
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# A PDF may carry a few bytes of junk before its header; readers accept it within the first KiB.
_PDF_MAGIC_WINDOW = 1024
# The stream an OLE2 file's directory names (UTF-16) says what it holds: a Word document or an Excel workbook.
_WORD_STREAM = "WordDocument".encode("utf-16-le")
_EXCEL_STREAMS = ("Workbook".encode("utf-16-le"), "Book".encode("utf-16-le"))


def parse_document(
    data: bytes, *, sha256: str, source_path: str, max_expanded_bytes: int = DEFAULT_MAX_EXPANDED_BYTES
) -> ParsedDocument:
    """Reads one document; raises ``UnreadableDocument`` with the reason when it cannot, ``decompression_limit``
    when a DOCX or XLSX would expand past ``max_expanded_bytes``."""
    if b"%PDF-" in data[:_PDF_MAGIC_WINDOW]:
        return parse_pdf_report(data, sha256=sha256, source_path=source_path)
    if data.startswith(_ZIP_MAGIC):
        return _parse_zip(data, sha256=sha256, source_path=source_path, max_expanded_bytes=max_expanded_bytes)
    if data.startswith(_OLE2_MAGIC):
        if _WORD_STREAM in data:
            return parse_doc_report(data, sha256=sha256, source_path=source_path)
        if any(stream in data for stream in _EXCEL_STREAMS):
            return parse_spreadsheet_report(
                data, sha256=sha256, source_path=source_path, media_type=MEDIA_TYPES["xls"]
            )
        raise UnreadableDocument(
            "unsupported_format", "an OLE2 container that is neither a Word nor an Excel file"
        )
    if is_html(data):
        return parse_html_report(data, sha256=sha256, source_path=source_path)
    return parse_text_report(data, sha256=sha256, source_path=source_path)


def _parse_zip(data: bytes, *, sha256: str, source_path: str, max_expanded_bytes: int) -> ParsedDocument:
    """A DOCX or an XLSX, told apart by the part that holds the document."""
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise UnreadableDocument("corrupt", f"the ZIP container cannot be opened: {exc}") from exc
    # Checked before any part is inflated. Python's zipfile (python-docx) stops a member at its declared size; a
    # member that lies to calamine about its size meets the worker's memory limit (pipeline.read.pool).
    expanded = sum(member.file_size for member in members)
    if expanded > max_expanded_bytes:
        raise UnreadableDocument(
            "decompression_limit",
            f"the ZIP container's parts expand to {expanded} bytes, more than the limit of {max_expanded_bytes} "
            f"({MAX_EXPANDED_BYTES_ENV}); not expanded",
        )
    names = {member.filename for member in members}
    if "word/document.xml" in names:
        return parse_docx_report(data, sha256=sha256, source_path=source_path)
    if "xl/workbook.xml" in names:
        return parse_spreadsheet_report(
            data, sha256=sha256, source_path=source_path, media_type=MEDIA_TYPES["xlsx"]
        )
    raise UnreadableDocument("unsupported_format", "a ZIP container that is neither a DOCX nor an XLSX")
