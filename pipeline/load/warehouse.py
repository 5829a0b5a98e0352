"""Idempotent load of parsed documents into the warehouse's ``raw`` schema.

Rows are replaced by natural key (delete, then insert) inside one transaction: a re-run leaves every table
identical, and a crash mid-load leaves the previous state. The documents whose rows changed are listed, in the
same transaction, for the next dbt build (``changed_documents``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import duckdb
import polars as pl

from pipeline import schemas
from pipeline.load import changed_documents
from pipeline.load.ddl import RAW_SCHEMA, ensure_raw_tables
from pipeline.read.batches import ReadBatch
from pipeline.read.pool import ChangedFile


def _replace(con: duckdb.DuckDBPyConnection, schema: schemas.FrameSchema, frame: pl.DataFrame,
             key_column: str, keys: list[str]) -> list[str]:
    """Replaces the rows of ``keys`` with ``frame``; returns the documents whose rows that changed."""
    table = f"{RAW_SCHEMA}.{schema.name}"
    columns = ", ".join(schema.column_names)
    con.register("staged_rows", frame.to_arrow())
    try:
        current = f"SELECT {columns} FROM {table} WHERE {key_column} IN (SELECT unnest($keys::VARCHAR[]))"
        differing = [
            sha for (sha,) in con.execute(
                f"SELECT DISTINCT document_sha256 FROM ((SELECT {columns} FROM staged_rows EXCEPT ALL {current}) "
                f"UNION ALL ({current} EXCEPT ALL SELECT {columns} FROM staged_rows))",
                {"keys": keys},
            ).fetchall()
        ]
        if differing:
            con.execute(f"DELETE FROM {table} WHERE {key_column} IN (SELECT unnest(?::VARCHAR[]))", [keys])
            con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM staged_rows")
        return differing
    finally:
        con.unregister("staged_rows")


def load_files(con: duckdb.DuckDBPyConnection, files: pl.DataFrame) -> None:
    """Records the files of a scan of the whole drop folder (``DOCUMENT_FILES`` rows, replaced by path). A path
    no longer there is kept, marked not present: its file's time still orders the report's versions, and the
    document it held stays in the warehouse (``dim_document.file_present`` and ``status`` tell it is gone).

    Only the paths whose row differs are written, found by joins on the scan: a folder of 100,000 files with one new
    costs one comparison of the two lists, not 100,000 rows replaced."""
    ensure_raw_tables(con)
    table = f"{RAW_SCHEMA}.{schemas.DOCUMENT_FILES.name}"
    columns = ", ".join(schemas.DOCUMENT_FILES.column_names)
    con.register("scanned_files", schemas.DOCUMENT_FILES.conform(files).to_arrow())
    try:
        with _transaction(con):
            differing = (
                f"SELECT source_path FROM ((SELECT {columns} FROM scanned_files EXCEPT SELECT {columns} FROM {table}) "
                f"UNION ALL (SELECT {columns} FROM {table} WHERE source_path IN (SELECT source_path FROM scanned_files) "
                f"EXCEPT SELECT {columns} FROM scanned_files))"
            )
            # Not UPDATE … RETURNING, which DuckLake does not support.
            gone = (
                "WHERE is_present IS DISTINCT FROM false "
                "AND source_path NOT IN (SELECT source_path FROM scanned_files)"
            )
            # Compared once: the two lists are the expensive part of a nightly run's file bookkeeping.
            con.execute(f"CREATE OR REPLACE TEMP TABLE differing_paths AS {differing}")
            in_differing = "source_path IN (SELECT source_path FROM differing_paths)"
            changed = [
                sha for (sha,) in con.execute(
                    f"SELECT document_sha256 FROM scanned_files WHERE {in_differing} "
                    f"UNION SELECT document_sha256 FROM {table} WHERE {in_differing} "
                    f"UNION SELECT document_sha256 FROM {table} {gone}"
                ).fetchall()
            ]
            if changed:
                con.execute(f"DELETE FROM {table} WHERE {in_differing}")
                con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM scanned_files WHERE {in_differing}")
                con.execute(f"UPDATE {table} SET is_present = false {gone}")
                changed_documents.record(con, changed)
            con.execute("DROP TABLE differing_paths")
    finally:
        con.unregister("scanned_files")


def forget_files(con: duckdb.DuckDBPyConnection, changed: list[ChangedFile]) -> None:
    """Removes the ``DOCUMENT_FILES`` rows of files that changed after the scan: their scanned hash names bytes the
    run never read. The next scan records the file under the hash of what it holds then."""
    if not changed:
        return
    pairs = [[file.source_path, file.document_sha256] for file in changed]
    with _transaction(con):
        changed_documents.record(con, [file.document_sha256 for file in changed])
        con.execute(
            f"DELETE FROM {RAW_SCHEMA}.{schemas.DOCUMENT_FILES.name} "
            "WHERE [source_path, document_sha256] IN (SELECT unnest(?::VARCHAR[][]))",
            [pairs],
        )


def load_batch(con: duckdb.DuckDBPyConnection, batch: ReadBatch) -> bool:
    """Writes every frame of the batch's documents, replacing whatever an earlier parse of them left; returns
    whether any row changed (a document read again to the same result changes nothing)."""
    ensure_raw_tables(con)
    processed = batch.document_shas
    with _transaction(con):
        changed = {
            sha
            for schema in (*schemas.DOCUMENT_FRAMES, schemas.QUARANTINE)
            for sha in _replace(con, schema, batch.frame(schema.name), "document_sha256", processed)
        }
        changed_documents.record(con, sorted(changed))
    return bool(changed)


def document_rows(con: duckdb.DuckDBPyConnection, schema: schemas.FrameSchema, shas: list[str]) -> pl.DataFrame:
    """The rows of ``raw.<schema>`` that belong to the documents ``shas``."""
    return con.execute(
        f"SELECT * FROM {RAW_SCHEMA}.{schema.name} WHERE document_sha256 IN (SELECT unnest(?::VARCHAR[])) "
        "ORDER BY ALL",
        [shas],
    ).pl()


def row_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    return {
        schema.name: con.execute(f"SELECT count(*) FROM {RAW_SCHEMA}.{schema.name}").fetchone()[0]
        for schema in schemas.ALL_FRAMES
    }


@contextmanager
def _transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    con.execute("BEGIN TRANSACTION")
    try:
        yield
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
