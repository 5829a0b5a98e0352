"""The warehouse on DuckLake, for an operator who outgrows one machine: a PostgreSQL catalog plus Parquet files.

Several ingest runs, on several machines, read and parse at once; their writes (each load transaction, the dbt
build) take turns under one PostgreSQL advisory lock, so no two delete-and-insert transactions collide on a table.
A run that ends well publishes: a commit whose message says so (and a row of ``pipeline.published``); readers
attach the lake at the last published snapshot, so they never wait for a run and never see half of one, and a run that crashes leaves
what they see as it was. Its committed loads stay in the lake and list their documents in
``pipeline.changed_documents``: the next run's build takes them in.

The DuckDB extensions come from PyPI wheels (``duckdb-extension-ducklake``, ``duckdb-extension-postgres-scanner``,
pinned to duckdb's version) and are loaded from their files: nothing is downloaded at run time.
"""

from __future__ import annotations

import importlib.resources
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import duckdb

ALIAS = "warehouse"
_PUBLISHED = "pipeline.published"
_PUBLISHED_MESSAGE = "published"
# Any constant the pipeline alone uses, in the catalog database's advisory-lock space.
_WRITER_LOCK_KEY = 0x66697363616C  # "fiscal"


def extension_files() -> dict[str, str]:
    """The DuckLake and PostgreSQL extensions' files in their wheels, for duckdb's own version."""
    import duckdb_extension_ducklake
    import duckdb_extension_postgres_scanner

    version = f"v{duckdb.__version__}"
    return {
        name: str(importlib.resources.files(package) / "extensions" / version / f"{name}.duckdb_extension")
        for name, package in (
            ("postgres_scanner", duckdb_extension_postgres_scanner), ("ducklake", duckdb_extension_ducklake),
        )
    }


def _connection() -> duckdb.DuckDBPyConnection:
    config = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}
    con = duckdb.connect(config=config)
    for path in extension_files().values():
        con.execute(f"LOAD '{path}'")
    return con


@dataclass(frozen=True)
class Lake:
    """A DuckLake: ``catalog``, a libpq connection string of its PostgreSQL database; ``data_path``, the folder (or
    object-store prefix) of its Parquet files."""

    catalog: str
    data_path: str

    @classmethod
    def of(cls, catalog: str | None, data_path: str | None) -> Lake | None:
        """The lake the settings name (``Settings.lake_catalog``, ``lake_data_path``), or None: one DuckDB file."""
        return cls(catalog, data_path) if catalog and data_path else None

    def attach_sql(self, *, snapshot: int | None = None) -> str:
        options = [f"DATA_PATH '{_quoted(self.data_path)}'"]
        if snapshot is not None:
            options += [f"SNAPSHOT_VERSION {int(snapshot)}", "READ_ONLY"]
        return f"ATTACH 'ducklake:postgres:{_quoted(self.catalog)}' AS {ALIAS} ({', '.join(options)})"

    @contextmanager
    def connect(self, *, published: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection whose default database is the lake: its latest state (a writer's), or with ``published``
        its last published snapshot, read-only (a reader's; the latest, for a lake nothing was published in)."""
        con = _connection()
        try:
            con.execute(self.attach_sql())
            if published and (snapshot := published_snapshot(con)) is not None:
                con.execute(f"DETACH {ALIAS}")
                con.execute(self.attach_sql(snapshot=snapshot))
            con.execute(f"USE {ALIAS}")
            yield con
        finally:
            con.close()

    @contextmanager
    def writer_turn(self) -> Iterator[None]:
        """Holds the lake's writer lock: a transaction-scoped PostgreSQL advisory lock, taken in an open
        transaction of a connection of its own and released when it ends (or when the process dies)."""
        con = _connection()
        try:
            con.execute(f"ATTACH '{_quoted(self.catalog)}' AS catalog_lock (TYPE postgres)")
            con.execute("BEGIN TRANSACTION")
            con.execute(
                "SELECT * FROM postgres_query('catalog_lock', "
                f"'SELECT pg_advisory_xact_lock({_WRITER_LOCK_KEY})::text AS held')"
            ).fetchall()
            try:
                yield
            finally:
                con.execute("COMMIT")
        finally:
            con.close()


def published_snapshot(con: duckdb.DuckDBPyConnection) -> int | None:
    """The lake's last published snapshot (its commit says so), or None when no run has published yet."""
    return con.execute(
        f"SELECT max(snapshot_id) FROM {ALIAS}.snapshots() WHERE commit_message = ?", [_PUBLISHED_MESSAGE]
    ).fetchone()[0]


def unpublished(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the lake changed since its last publish: a run that died after its writes and before its publish
    left them for the next run to publish."""
    [(latest,)] = con.execute(f"SELECT max(snapshot_id) FROM {ALIAS}.snapshots()").fetchall()
    published = published_snapshot(con)
    return published is None or latest > published


def publish(con: duckdb.DuckDBPyConnection, run_id: str) -> int:
    """Publishes the lake's current state, by ``run_id``: a commit whose message says so, recorded in
    ``pipeline.published`` too; returns its snapshot."""
    con.execute(f"CREATE SCHEMA IF NOT EXISTS {ALIAS}.pipeline")
    con.execute(
        f"CREATE TABLE IF NOT EXISTS {ALIAS}.{_PUBLISHED} (run_id VARCHAR NOT NULL, "
        "published_at TIMESTAMP WITH TIME ZONE NOT NULL)"
    )
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(f"INSERT INTO {ALIAS}.{_PUBLISHED} VALUES (?, now())", [run_id])
        con.execute(f"CALL {ALIAS}.set_commit_message('fiscal-pipeline', ?)", [_PUBLISHED_MESSAGE])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    snapshot = published_snapshot(con)
    assert snapshot is not None
    return snapshot


def _quoted(text: str) -> str:
    return text.replace("'", "''")
