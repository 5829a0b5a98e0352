"""Dagster's SQLite files in WAL mode commit without waiting for the disk; a file in any other mode keeps FULL."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from pipeline.lib.sqlite_sync import commit_events_without_waiting_for_the_disk

NORMAL, FULL = 1, 2


def _synchronous(path: Path) -> int:
    engine = create_engine(f"sqlite:///{path}", poolclass=NullPool)
    with engine.connect() as con:
        return con.execute(text("PRAGMA synchronous")).scalar_one()


def test_wal_files_commit_without_waiting_and_other_files_keep_full(tmp_path: Path) -> None:
    wal, rollback = tmp_path / "events.db", tmp_path / "other.db"
    with sqlite3.connect(wal) as con:
        con.execute("PRAGMA journal_mode=WAL")
    sqlite3.connect(rollback).close()

    commit_events_without_waiting_for_the_disk()
    commit_events_without_waiting_for_the_disk()  # a second call adds no second listener

    assert _synchronous(wal) == NORMAL
    assert _synchronous(rollback) == FULL
