"""The checks of one parsed document: its own inconsistencies as FINDINGS rows, beside the frames it was read
into. Run after the reader, on what it returned; a finding flags a figure, never changes one."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from pipeline import schemas
from pipeline.checks.findings import find_inconsistencies
from pipeline.checks.tables import table_findings
from pipeline.parse.result import ParsedDocument


@dataclass(frozen=True)
class CheckedDocument:
    """One document as the warehouse keeps it: the frames of ``schemas.DOCUMENT_FRAMES``."""

    frames: dict[str, pl.DataFrame]

    def __getitem__(self, name: str) -> pl.DataFrame:
        return self.frames[name]


def check_document(document: ParsedDocument) -> CheckedDocument:
    """``document``'s frames and its findings: the narrative's and the performance tables' (``findings``), the
    statement tables' (``tables``). The findings are validated here, where they are made."""
    shas = document[schemas.DOCUMENTS.name]["document_sha256"]
    narrative = find_inconsistencies(
        document.frames, figure_lists=document.figure_lists, provenance=document.provenance
    )
    tables = (
        table_findings(shas[0], document[schemas.STATEMENT_TABLES.name], document[schemas.LINE_ITEMS.name])
        if len(shas) else schemas.FINDINGS.empty()
    )
    findings = schemas.FINDINGS.conform(pl.concat([narrative, tables]))
    return CheckedDocument(frames={**document.frames, schemas.FINDINGS.name: findings})
