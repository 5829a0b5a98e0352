"""What a reader returns for one document."""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from pipeline import schemas


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
