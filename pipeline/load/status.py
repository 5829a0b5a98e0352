"""Where every document of the warehouse stands: loaded, quarantined (with its reason) or superseded, and
whether its file is still in the drop folder."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import polars as pl

from pipeline.load.ddl import RAW_SCHEMA

STATES = ("loaded", "quarantined", "superseded")


@dataclass(frozen=True)
class DocumentStates:
    counts: dict[str, int]
    quarantined: pl.DataFrame
    """One row per quarantined document: sha256, first path, reason code, reason, parser version."""
    files_gone: pl.DataFrame
    """One row per document whose file is no longer in the drop folder (its rows stay): sha256, state, and the
    paths the scans last saw it under (its first path where they saw none)."""

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def document_states(con: duckdb.DuckDBPyConnection) -> DocumentStates:
    """Read from ``dim_document``, the mart that gives each document exactly one state."""
    counted = dict(con.execute("SELECT state, count(*) FROM dim_document GROUP BY state").fetchall())
    quarantined = con.execute(
        "SELECT document_sha256, first_source_path AS source_path, reason_code, reason, parser_version "
        "FROM dim_document WHERE state = 'quarantined' ORDER BY first_source_path"
    ).pl()
    files_gone = con.execute(
        "SELECT documents.document_sha256, documents.state, coalesce("
        "string_agg(files.source_path, ', ' ORDER BY files.source_path), documents.first_source_path"
        ") AS last_known_path "
        f"FROM dim_document AS documents LEFT JOIN {RAW_SCHEMA}.document_files AS files "
        "USING (document_sha256) WHERE NOT documents.file_present "
        "GROUP BY documents.document_sha256, documents.state, documents.first_source_path "
        "ORDER BY last_known_path, documents.document_sha256"
    ).pl()
    counts = {state: counted.get(state, 0) for state in STATES}
    return DocumentStates(counts=counts, quarantined=quarantined, files_gone=files_gone)


def resolve_documents(con: duckdb.DuckDBPyConnection, prefixes: list[str]) -> list[str]:
    """The full sha256 of each document named by its sha256 or an unambiguous prefix of 8 or more hex digits."""
    resolved = []
    for prefix in prefixes:
        text = prefix.strip().lower()
        if len(text) < 8 or any(c not in "0123456789abcdef" for c in text):
            raise LookupError(f"{prefix!r} is not a sha256 or a prefix of 8+ hex digits")
        matches = [sha for (sha,) in con.execute(
            "SELECT document_sha256 FROM dim_document WHERE starts_with(document_sha256, ?)", [text]
        ).fetchall()]
        if len(matches) != 1:
            raise LookupError(f"{prefix!r} matches {len(matches)} documents of the warehouse, not one")
        resolved.extend(matches)
    return resolved
