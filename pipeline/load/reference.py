"""Load of reference data (administrative divisions) into the ``raw`` schema: the whole table, replaced."""

from __future__ import annotations

import duckdb
import polars as pl

from pipeline.load.ddl import RAW_SCHEMA, ensure_raw_tables
from pipeline.schemas import FrameSchema


def replace_reference(con: duckdb.DuckDBPyConnection, schema: FrameSchema, frame: pl.DataFrame) -> bool:
    """Replaces ``raw.<schema.name>`` with ``frame`` in one transaction unless it already holds exactly those rows;
    returns whether it wrote."""
    ensure_raw_tables(con)
    table = f"{RAW_SCHEMA}.{schema.name}"
    if _holds_exactly(con, table, schema.conform(frame)):
        return False
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
    return True


def _holds_exactly(con: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame) -> bool:
    con.register("reference_rows", frame.to_arrow())
    try:
        differing = con.execute(
            f"SELECT count(*) FROM ((SELECT * FROM reference_rows EXCEPT ALL SELECT {', '.join(frame.columns)} "
            f"FROM {table}) UNION ALL (SELECT {', '.join(frame.columns)} FROM {table} "
            "EXCEPT ALL SELECT * FROM reference_rows))"
        ).fetchone()[0]
    finally:
        con.unregister("reference_rows")
    return differing == 0
