"""Load of reference data (administrative divisions) into the ``raw`` schema: the whole table, replaced."""

from __future__ import annotations

import duckdb
import polars as pl

from pipeline.load.ddl import RAW_SCHEMA, ensure_raw_tables
from pipeline.schemas import FrameSchema


def replace_reference(con: duckdb.DuckDBPyConnection, schema: FrameSchema, frame: pl.DataFrame) -> int:
    """Replaces ``raw.<schema.name>`` with ``frame`` in one transaction; returns its row count."""
    ensure_raw_tables(con)
    table = f"{RAW_SCHEMA}.{schema.name}"
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(f"DELETE FROM {table}")
        con.register("reference_rows", schema.conform(frame).to_arrow())
        try:
            con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM reference_rows")
        finally:
            con.unregister("reference_rows")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
