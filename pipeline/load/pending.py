"""What a run has to do, judged from the warehouse alone: read-only, so it can be asked of the published file
before any run starts, and a run with nothing to do never starts Dagster's machinery or dbt."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import duckdb
import polars as pl

from pipeline import schemas
from pipeline.load import build_state, changed_documents
from pipeline.load.ddl import RAW_SCHEMA


@dataclass(frozen=True)
class PendingWork:
    to_parse: list[str]
    """Documents this parser version has no result for (loaded or quarantined), plus those asked for again."""
    files_changed: bool
    """A path is new, gone, or its content, size or time changed, since ``raw.document_files`` was written."""
    dbt_stale: bool
    """The warehouse's models were built from another version of the dbt project, or never, or not since some
    documents' rows changed (a lake's run that loaded them and died before its build)."""

    @property
    def any(self) -> bool:
        return bool(self.to_parse) or self.files_changed or self.dbt_stale


def pending_work(
    con: duckdb.DuckDBPyConnection,
    files: pl.DataFrame,
    shas: Iterable[str],
    *,
    parser_version: str,
    dbt_fingerprint: str,
    again: Iterable[str] = (),
    again_quarantined: bool = False,
) -> PendingWork:
    """The work ``files`` (a DOCUMENT_FILES frame) and the documents ``shas`` among them leave to do; ``again``
    and, with ``again_quarantined``, every quarantined document are read again although this parser read them."""
    shas = list(shas)
    if not _has_raw_tables(con):
        return PendingWork(to_parse=shas, files_changed=True, dbt_stale=True)
    again = set(again)
    if again_quarantined:
        again |= {sha for (sha,) in con.execute(f"SELECT document_sha256 FROM {RAW_SCHEMA}.quarantine").fetchall()}
    done = {
        sha
        for (sha,) in con.execute(
            f"SELECT document_sha256 FROM {RAW_SCHEMA}.documents WHERE parser_version = $v "
            f"UNION SELECT document_sha256 FROM {RAW_SCHEMA}.quarantine WHERE parser_version = $v",
            {"v": parser_version},
        ).fetchall()
    }
    return PendingWork(
        to_parse=[sha for sha in shas if sha not in done or sha in again],
        files_changed=_files_changed(con, files),
        dbt_stale=build_state.recorded(con, build_state.DBT_PROJECT_KEY) != dbt_fingerprint
        or changed_documents.waiting(con),
    )


def recorded_files(con: duckdb.DuckDBPyConnection) -> pl.DataFrame | None:
    """The files the warehouse last saw in the drop folder: what a scan trusts instead of hashing them again."""
    if not _has_raw_tables(con):
        return None
    columns = ", ".join(schemas.DOCUMENT_FILES.column_names)
    return con.execute(
        f"SELECT {columns} FROM {RAW_SCHEMA}.document_files WHERE is_present IS DISTINCT FROM false"
    ).pl()


def _has_raw_tables(con: duckdb.DuckDBPyConnection) -> bool:
    names = {schema.name for schema in schemas.ALL_FRAMES}
    found = {
        name for (name,) in con.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_catalog = current_database() AND table_schema = ?",
            [RAW_SCHEMA],
        ).fetchall()
    }
    return names <= found


def _files_changed(con: duckdb.DuckDBPyConnection, files: pl.DataFrame) -> bool:
    con.register("scanned_files", schemas.DOCUMENT_FILES.conform(files).to_arrow())
    try:
        columns = ", ".join(schemas.DOCUMENT_FILES.column_names)
        return con.execute(
            f"SELECT count(*) FROM ((SELECT * FROM scanned_files EXCEPT "
            f"SELECT {columns} FROM {RAW_SCHEMA}.document_files) UNION ALL "
            # A file gone since: the warehouse has to say so.
            f"(SELECT {columns} FROM {RAW_SCHEMA}.document_files WHERE is_present IS DISTINCT FROM false "
            "AND source_path NOT IN (SELECT source_path FROM scanned_files)))"
        ).fetchone()[0] > 0
    finally:
        con.unregister("scanned_files")
