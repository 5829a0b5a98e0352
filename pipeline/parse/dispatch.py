"""Chooses the reader for a document from its bytes."""

from __future__ import annotations

from pipeline.parse.pdf_report import parse_pdf_report
from pipeline.parse.result import ParsedDocument, UnreadableDocument
from pipeline.parse.text_report import parse_text_report

# Formats recognised by their magic bytes that no reader handles yet; the quarantine says which.
_UNSUPPORTED_MAGIC = {
    b"PK\x03\x04": "ZIP container (DOCX/XLSX)",
    b"\xd0\xcf\x11\xe0": "OLE2 container (DOC/XLS)",
}
# A PDF may carry a few bytes of junk before its header; readers accept it within the first KiB.
_PDF_MAGIC_WINDOW = 1024


def parse_document(data: bytes, *, sha256: str, source_path: str) -> ParsedDocument:
    """Reads one document; raises ``UnreadableDocument`` with the reason when it cannot."""
    if b"%PDF-" in data[:_PDF_MAGIC_WINDOW]:
        return parse_pdf_report(data, sha256=sha256, source_path=source_path)
    for magic, name in _UNSUPPORTED_MAGIC.items():
        if data.startswith(magic):
            raise UnreadableDocument("unsupported_format", f"{name} files are not read yet")
    return parse_text_report(data, sha256=sha256, source_path=source_path)
