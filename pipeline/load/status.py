"""Where every document of the warehouse stands: loaded, quarantined (with its reason) or superseded."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import polars as pl

STATES = ("loaded", "quarantined", "superseded")


@dataclass(frozen=True)
class DocumentStates:
    counts: dict[str, int]
    quarantined: pl.DataFrame
    """One row per quarantined document: sha256, first path, reason code, reason, parser version."""

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
    return DocumentStates(counts={state: counted.get(state, 0) for state in STATES}, quarantined=quarantined)


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
