"""Reads an old Word report (DOC) through antiword, which the set-up installs: its text, by the text reader.

antiword prints a Word table as ``|cell|cell|`` lines of wrapped cell text that no table reader can rebuild,
so a DOC yields its narrative only, no statement tables. It wraps long paragraphs as a PDF's text layer does
(the text reader joins such lines).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from pipeline.parse.result import ParsedDocument
from pipeline.parse.text.report import read_report_text
from pipeline.quarantine import UnreadableDocument

MEDIA_TYPE = "application/msword"
_TIMEOUT_SECONDS = 60


def parse_doc_report(data: bytes, *, sha256: str, source_path: str) -> ParsedDocument:
    """Raises ``UnreadableDocument``: ``unsupported_format`` without antiword, ``corrupt``, ``not_a_report``."""
    antiword = shutil.which("antiword")
    if antiword is None:
        raise UnreadableDocument(
            "unsupported_format", "DOC files are read through antiword, which is not installed"
        )
    with tempfile.TemporaryDirectory() as work:
        path = Path(work) / "report.doc"
        path.write_bytes(data)
        done = subprocess.run(
            [antiword, "-m", "UTF-8.txt", "-w", "0", str(path)],
            capture_output=True,
            timeout=_TIMEOUT_SECONDS,
            check=False,
        )
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", errors="replace").strip()
        raise UnreadableDocument("corrupt", f"antiword cannot read the Word document: {message}")
    text = done.stdout.decode("utf-8", errors="replace")
    return read_report_text(
        text, sha256=sha256, source_path=source_path, media_type=MEDIA_TYPE, text_encoding=None
    )
