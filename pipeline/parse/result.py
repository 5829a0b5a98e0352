"""What a reader returns for one document, and how it refuses one it cannot read."""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from pipeline import schemas


class UnreadableDocument(Exception):
    """The document cannot be read; ``reason_code`` is one of ``schemas.QUARANTINE_REASONS``."""

    def __init__(self, reason_code: str, reason: str):
        if reason_code not in schemas.QUARANTINE_REASONS:
            raise ValueError(f"unknown quarantine reason code {reason_code!r}")
        super().__init__(reason)
        self.reason_code = reason_code
        self.reason = reason


@dataclass
class ParsedDocument:
    """The frames one document yields, keyed by ``FrameSchema.name`` (every name of ``schemas.PARSED_FRAMES``)."""

    frames: dict[str, pl.DataFrame] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for schema in schemas.PARSED_FRAMES:
            frame = self.frames.get(schema.name)
            self.frames[schema.name] = schema.empty() if frame is None else schema.conform(frame)

    def __getitem__(self, name: str) -> pl.DataFrame:
        return self.frames[name]
