"""The fixtures of the formats beyond PDF and text (tests/corpus/render_formats.py) and what they were made from,
each read once per session through ``parse_document``."""

from __future__ import annotations

import functools
import hashlib
import io
import zipfile
from pathlib import Path

import polars as pl
import pytest

from pipeline import schemas
from pipeline.checks.document import CheckedDocument, check_document
from pipeline.parse.dispatch import parse_document
from pipeline.quarantine import UnreadableDocument
from tests.corpus.render_formats import FORMATS, PUTUO
from tests.unit.parse.documents import SEED

SEED_DOCX = FORMATS / f"{SEED.stem}.docx"
SEED_HTML = FORMATS / f"{SEED.stem}.html"
SEED_DOC = FORMATS / f"{SEED.stem}.doc"
PUTUO_XLSX = FORMATS / f"{PUTUO.stem}.xlsx"
PUTUO_XLS = FORMATS / f"{PUTUO.stem}.xls"
PUTUO_DOCX = FORMATS / f"{PUTUO.stem}-tables.docx"

# The narrative frames a report's text yields; the formats of one text must yield them alike.
NARRATIVE_FRAMES = (
    schemas.NARRATIVE_FIGURES.name,
    schemas.YOY_STATEMENTS.name,
    schemas.PERFORMANCE_SUMMARIES.name,
    schemas.PERFORMANCE_LINES.name,
    schemas.PERFORMANCE_INDICATORS.name,
    schemas.FINDINGS.name,
)
# What a line item says, apart from where it stands.
ITEM_COLUMNS = ["table_kind", "classification_code", "code_system", "item_name", "measure", "value_wan_yuan"]


@functools.cache
def parsed(path: Path) -> CheckedDocument:
    """The document read and checked as the pipeline reads it; the sha256 is the same for every format of one source, so the
    frames of two formats compare equal when they say the same."""
    return check_document(parse_document(path.read_bytes(), sha256=f"sha-of-{path.stem}", source_path=path.name))


def line_items(document: CheckedDocument) -> pl.DataFrame:
    """Each line item with its table's kind, in a stable order."""
    kinds = document[schemas.STATEMENT_TABLES.name].select("table_index", "table_kind")
    return (
        document[schemas.LINE_ITEMS.name]
        .join(kinds, on="table_index")
        .select(ITEM_COLUMNS)
        .sort(ITEM_COLUMNS, nulls_last=True)
    )


def zip_of(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def sha_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def refusal(data: bytes, source_path: str) -> str:
    """The reason code the reader refuses ``data`` with (fails when it reads it)."""
    with pytest.raises(UnreadableDocument) as raised:
        parse_document(data, sha256=sha_of(data), source_path=source_path)
    return raised.value.reason_code


def assert_same_frame(rendered: Path, frame: str) -> None:
    """``rendered`` (made from the seed) yields the seed text's ``frame``, row for row."""
    text = parsed(SEED)[frame]
    assert text.height > 0
    assert parsed(rendered)[frame].equals(text), frame
