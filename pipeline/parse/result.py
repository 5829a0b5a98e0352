"""What a reader returns for one document."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import polars as pl

from pipeline import schemas
from pipeline.parse.provenance import Provenance


@dataclass(frozen=True)
class FigureList:
    """Figures the narrative lists as the parts of another (``pipeline.parse.text.figure_lists``)."""

    total: int  # figure_index of the total
    parts: tuple[int, ...]  # figure_index of each part
    list_word: str  # the word that opened the list, e.g. 其中 or 主要包括


@dataclass(frozen=True)
class Placeholder:
    """A template's placeholder left in the text (``pipeline.parse.text.placeholders``): "XX局", "××部门"."""

    printed: str
    line_no: int
    char_start: int
    char_end: int
    page: int | None


@dataclass(frozen=True)
class NamedDepartment:
    """A department or unit a table's label names ("编制部门：上海市普陀区财政局", found by
    ``pipeline.parse.text.placeholders``), to be held against the name the report gives itself."""

    printed: str
    line_no: int
    char_start: int
    char_end: int
    page: int | None


@dataclass
class ParsedDocument:
    """The frames one document yields, keyed by ``FrameSchema.name`` (every name of ``schemas.PARSED_FRAMES``),
    validated here, where they are made; and what the checks read beside them: the narrative's lists of parts
    (``figure_lists``), how each figure was printed (``provenance``), the template placeholders left in the text
    (``placeholders``) and the departments its table labels name (``named_departments``)."""

    frames: dict[str, pl.DataFrame] = field(default_factory=dict)
    figure_lists: Sequence[FigureList] = ()
    provenance: Provenance = field(default_factory=dict)
    placeholders: Sequence[Placeholder] = ()
    named_departments: Sequence[NamedDepartment] = ()

    def __post_init__(self) -> None:
        for schema in schemas.PARSED_FRAMES:
            frame = self.frames.get(schema.name)
            self.frames[schema.name] = schema.empty() if frame is None else schema.conform(frame)

    def __getitem__(self, name: str) -> pl.DataFrame:
        return self.frames[name]
