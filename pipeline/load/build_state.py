"""What the warehouse was last built with, so that a run with nothing new can leave it alone.

One row per key in ``pipeline.build_state``: bookkeeping of the pipeline, not data a researcher queries.
"""

from __future__ import annotations

import duckdb

_TABLE = "pipeline.build_state"
DBT_PROJECT_KEY = "dbt_project_fingerprint"


def recorded(con: duckdb.DuckDBPyConnection, key: str) -> str | None:
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_catalog = current_database() "
        "AND table_schema = 'pipeline' AND table_name = 'build_state'"
    ).fetchone()[0]
    if not exists:
        return None
    row = con.execute(f"SELECT value FROM {_TABLE} WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def record(con: duckdb.DuckDBPyConnection, key: str, value: str) -> None:
    con.execute("CREATE SCHEMA IF NOT EXISTS pipeline")
    # No PRIMARY KEY (DuckLake has none): the key's row is replaced, in the caller's transaction when there is one.
    con.execute(f"CREATE TABLE IF NOT EXISTS {_TABLE} (key VARCHAR NOT NULL, value VARCHAR NOT NULL)")
    con.execute(f"DELETE FROM {_TABLE} WHERE key = ?", [key])
    con.execute(f"INSERT INTO {_TABLE} VALUES (?, ?)", [key, value])
