"""Idempotent load of one run's frames into the warehouse's ``raw`` schema.

Rows are replaced by natural key (delete, then insert) inside one transaction: a re-run leaves every table
identical, and a crash mid-load leaves the previous state.
"""

from __future__ import annotations

import duckdb
import polars as pl

from pipeline import schemas
from pipeline.load.ddl import RAW_SCHEMA, ensure_raw_tables
from pipeline.parse.dispatch import ParseBatch


def _replace(con: duckdb.DuckDBPyConnection, schema: schemas.FrameSchema, frame: pl.DataFrame,
             key_column: str, keys: list[str]) -> None:
    table = f"{RAW_SCHEMA}.{schema.name}"
    if keys:
        con.execute(f"DELETE FROM {table} WHERE {key_column} IN (SELECT unnest(?::VARCHAR[]))", [keys])
    if frame.height:
        con.register("staged_rows", schema.conform(frame).to_arrow())
        try:
            con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM staged_rows")
        finally:
            con.unregister("staged_rows")


def load_batch(con: duckdb.DuckDBPyConnection, files: pl.DataFrame, batch: ParseBatch) -> dict[str, int]:
    """Writes the files seen and every document's frames; returns the row count of each raw table afterwards."""
    ensure_raw_tables(con)
    processed = sorted(
        set(batch.frames[schemas.DOCUMENTS.name]["document_sha256"].to_list())
        | set(batch.quarantine["document_sha256"].to_list())
    )
    con.execute("BEGIN TRANSACTION")
    try:
        _replace(con, schemas.DOCUMENT_FILES, files, "source_path", files["source_path"].to_list())
        for schema in schemas.PARSED_FRAMES:
            _replace(con, schema, batch.frames[schema.name], "document_sha256", processed)
        _replace(con, schemas.QUARANTINE, batch.quarantine, "document_sha256", processed)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return {
        schema.name: con.execute(f"SELECT count(*) FROM {RAW_SCHEMA}.{schema.name}").fetchone()[0]
        for schema in schemas.ALL_FRAMES
    }
