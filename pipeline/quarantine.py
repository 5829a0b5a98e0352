"""A document that cannot be read, and why: raised by the drop folder (a file too large) and by every reader (bytes
that decode to nothing, a broken PDF), and recorded as the document's quarantine row."""

from __future__ import annotations

from pipeline import schemas


class UnreadableDocument(Exception):
    """The document cannot be read; ``reason_code`` is one of ``schemas.QUARANTINE_REASONS``."""

    def __init__(self, reason_code: str, reason: str):
        if reason_code not in schemas.QUARANTINE_REASONS:
            raise ValueError(f"unknown quarantine reason code {reason_code!r}")
        super().__init__(reason)
        self.reason_code = reason_code
        self.reason = reason
