"""The documents whose rows changed since the marts were last built: what the next dbt build rebuilds.

One row per document in ``pipeline.changed_documents``, written in the same transaction as the rows that changed
(a document loaded or read anew, a file of it recorded, moved, gone or forgotten) and emptied by the build that
took them in. dbt reads it as the source ``pipeline.changed_documents`` (model ``int_build_scope``): a nightly
build costs the departments those documents belong to, not the corpus. Bookkeeping, not data to query.
"""

from __future__ import annotations

import duckdb

SCHEMA = "pipeline"
TABLE = f"{SCHEMA}.changed_documents"


def ensure_table(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}")
    con.execute(f"CREATE TABLE IF NOT EXISTS {TABLE} (document_sha256 VARCHAR NOT NULL)")


def record(con: duckdb.DuckDBPyConnection, shas: list[str]) -> None:
    """Adds ``shas`` (inside the caller's transaction, so a rolled-back load records nothing)."""
    if shas:
        con.execute(
            f"INSERT INTO {TABLE} SELECT DISTINCT sha FROM unnest(?::VARCHAR[]) AS t(sha) "
            f"WHERE sha NOT IN (SELECT document_sha256 FROM {TABLE})",
            [shas],
        )


def waiting(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether documents changed that no build has taken in yet."""
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_catalog = current_database() "
        f"AND table_schema = '{SCHEMA}' AND table_name = 'changed_documents'"
    ).fetchone()[0]
    return bool(exists) and con.execute(f"SELECT count(*) FROM {TABLE}").fetchone()[0] > 0


def clear(con: duckdb.DuckDBPyConnection) -> None:
    """Empties the list once a build has taken every document in it."""
    ensure_table(con)
    con.execute(f"DELETE FROM {TABLE}")
