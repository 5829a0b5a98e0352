"""Dagster's SQLite storage commits each event (a run writes ~1,000: planned, materialised, checked) on its own,
and SQLite's default (``synchronous=FULL``) makes every commit wait for the disk: seconds per run on a
virtual disk. All of Dagster's SQLite files are in WAL mode, where ``synchronous=NORMAL`` keeps them consistent
through a crash or power loss and may only lose the last commits before a power loss; the warehouse itself is
published with its own fsync and is what a run is judged by.
"""

from __future__ import annotations

import sqlite3

from sqlalchemy import event
from sqlalchemy.engine import Engine


def commit_events_without_waiting_for_the_disk() -> None:
    """Installs the setting for every SQLite connection this process opens from now on (once)."""
    if not event.contains(Engine, "connect", _normal_sync_in_wal_mode):
        event.listen(Engine, "connect", _normal_sync_in_wal_mode)


def _normal_sync_in_wal_mode(dbapi_connection, _connection_record) -> None:
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    # Outside WAL mode NORMAL could corrupt a file on power loss; a file not yet switched to WAL keeps FULL.
    (mode,) = dbapi_connection.execute("PRAGMA journal_mode").fetchone()
    if mode == "wal":
        dbapi_connection.execute("PRAGMA synchronous=NORMAL")
