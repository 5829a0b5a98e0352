"""Build the warehouse beside the published file and swap it in whole.

A DuckDB file open in any process, even read-only, cannot be opened for writing by another (dbt-duckdb fails at
once), and a run that dies half-way must not leave half a load behind. So a run never writes the published file:
it copies it to the warehouse's build file, writes there (loader and dbt), and on success checkpoints, closes
and ``os.replace``-s the build onto the published path. The rename is atomic on one filesystem: a reader that has
the old file open keeps reading the old snapshot, a reader that opens it afterwards sees the new one, and a run
killed at any point leaves the published file as it was. Runs that write take turns (``writer_lock``), so there is
one build file per warehouse, and a build found by the next run is one that died.

The rule for everything else: open the published file read-only (``duckdb.connect(path, read_only=True)``). A
process that writes to it leaves a write-ahead log beside it that DuckDB would apply on every later open; the
next run sets such a log aside and says so (``set_aside_stale_wal``).
"""

from __future__ import annotations

import fcntl
import os
import shutil
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import duckdb

_BUILD_SUFFIX = ".build"


def build_path(published: Path) -> Path:
    """The one build file of a warehouse: a dot-file in the same folder (the same filesystem, where os.replace is
    atomic; hidden from listings). Its path is the same run after run because dbt keys its partial parse on the
    profile, which holds this path: a path new every run would have dbt parse the whole project every run."""
    return published.with_name(f".{published.name}{_BUILD_SUFFIX}")


def _owner(build: Path) -> Path:
    return build.with_name(build.name + ".run")


@contextmanager
def writer_lock(published: Path, on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Held by a run from its copy of the published file to its publish: two runs that both copied the same
    snapshot would each publish without the other's documents. The second run waits, after telling ``on_wait``
    who holds the lock (the holder writes its pid, command and start into the lock file); the kernel drops the
    lock of a run that dies, however it dies."""
    published.parent.mkdir(parents=True, exist_ok=True)
    path = published.with_name(f".{published.name}.lock")
    with path.open("a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait is not None:
                handle.seek(0)
                on_wait(handle.read().strip() or "a process that has not said who it is")
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        handle.truncate(0)
        handle.write(_holder())
        handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _holder() -> str:
    started = datetime.now(UTC).isoformat(timespec="seconds")
    return f"pid {os.getpid()} ({' '.join(sys.argv)[:200]}), since {started}"


def stale_wal_message(aside: Path) -> str:
    """What the operator is told of a write-ahead log set aside."""
    return (
        f"a write-ahead log left beside the published warehouse by a process that wrote to it and never closed it "
        f"was set aside, not applied: {aside}. Open the warehouse read-only; delete the file once looked at"
    )


def set_aside_stale_wal(published: Path) -> Path | None:
    """Moves a write-ahead log found beside the published file out of DuckDB's way; returns where it went.

    A run never leaves one there (it writes its build, checkpoints it and swaps it in), so such a file was left by
    another process that opened the published warehouse for writing and did not close it. DuckDB applies it on
    every later open, read-only too: readers would see changes no run published, and after the next swap, an old
    log replayed onto a new file. It is kept beside the warehouse, renamed, for whoever wants to look."""
    wal = published.with_name(published.name + ".wal")
    if not wal.exists():
        return None
    aside = wal.with_name(f"{wal.name}.stale-{datetime.now(UTC):%Y%m%dT%H%M%S%fZ}")
    try:
        os.replace(wal, aside)
    except FileNotFoundError:  # another run set it aside first
        return None
    return aside


def discard_build(build: Path) -> None:
    """Removes a build that will not be published (a run with nothing new, a failed one, one that died)."""
    for suffix in ("", ".wal", ".copying"):
        build.with_name(build.name + suffix).unlink(missing_ok=True)
    _owner(build).unlink(missing_ok=True)


def start_build(published: Path, run_id: str) -> Path:
    """The run's build file, a copy of the published warehouse (or nothing yet, for a first run).

    The caller holds ``writer_lock``, so a build of another run is one that died: it is discarded. Idempotent within
    a run (the owner file names it): every step process of the run shares the one build file.
    """
    build = build_path(published)
    owner = _owner(build)
    if owner.exists() and owner.read_text(encoding="utf-8") == run_id:
        return build
    discard_build(build)
    published.parent.mkdir(parents=True, exist_ok=True)
    if published.exists():
        partial = build.with_name(build.name + ".copying")
        shutil.copyfile(published, partial)
        os.replace(partial, build)
    owner.write_text(run_id, encoding="utf-8")
    return build


def publish(build: Path, published: Path) -> Path | None:
    """Swap the finished build onto the published path; the build file is gone afterwards. Returns where a stale
    write-ahead log of the published file was set aside (``set_aside_stale_wal``), if there was one."""
    with duckdb.connect(str(build)) as con:
        con.execute("CHECKPOINT")
    wal = build.with_name(build.name + ".wal")
    if wal.exists():
        raise RuntimeError(f"{wal} survived a checkpoint and close; refusing to publish a build without it")
    with build.open("rb") as handle:
        os.fsync(handle.fileno())
    stale = set_aside_stale_wal(published)
    os.replace(build, published)
    _owner(build).unlink(missing_ok=True)
    _fsync_folder(published.parent)
    return stale


def _fsync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
