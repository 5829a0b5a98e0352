"""Chooses the reader for a document from its bytes, and reads a whole folder's documents."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polars as pl

from pipeline import schemas
from pipeline.parse.pdf_report import parse_pdf_report
from pipeline.parse.result import ParsedDocument, UnreadableDocument
from pipeline.parse.text_report import parse_text_report
from pipeline.parse.version import PARSER_VERSION
from pipeline.sources import drop_folder

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


@dataclass
class ParseBatch:
    """The frames of every document read in one run, plus the ones quarantined."""

    frames: dict[str, pl.DataFrame]
    quarantine: pl.DataFrame

    @property
    def document_count(self) -> int:
        return self.frames[schemas.DOCUMENTS.name].height

    def frame(self, name: str) -> pl.DataFrame:
        """The frame of one schema of ``schemas.PARSED_FRAMES`` or the quarantine."""
        return self.quarantine if name == schemas.QUARANTINE.name else self.frames[name]


def parse_folder(files: pl.DataFrame, root: Path, *, max_file_bytes: int) -> ParseBatch:
    """Reads each distinct document of ``files`` (a DOCUMENT_FILES frame) once, whatever its number of copies;
    one larger than ``max_file_bytes`` is quarantined unread."""
    parsed: list[ParsedDocument] = []
    quarantined: list[dict] = []
    first_paths = files.sort("source_path").unique("document_sha256", keep="first", maintain_order=True)
    for sha256, source_path in first_paths.select("document_sha256", "source_path").iter_rows():
        try:
            data = drop_folder.read_document(root, source_path, max_file_bytes)
            parsed.append(parse_document(data, sha256=sha256, source_path=source_path))
        except UnreadableDocument as exc:
            quarantined.append(_quarantine_row(sha256, source_path, exc.reason_code, exc.reason))
        except Exception as exc:  # noqa: BLE001 — one broken document must not stop the others
            reason = f"the reader failed: {type(exc).__name__}: {exc}"
            quarantined.append(_quarantine_row(sha256, source_path, "parse_error", reason))
    frames = {
        schema.name: pl.concat([doc[schema.name] for doc in parsed]) if parsed else schema.empty()
        for schema in schemas.PARSED_FRAMES
    }
    return ParseBatch(frames=frames, quarantine=schemas.QUARANTINE.frame(quarantined))


def _quarantine_row(sha256: str, source_path: str, reason_code: str, reason: str) -> dict:
    return {
        "document_sha256": sha256,
        "source_path": source_path,
        "reason_code": reason_code,
        "reason": reason,
        "parser_version": PARSER_VERSION,
    }
