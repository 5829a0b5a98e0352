"""Build the warehouse beside the published file and swap it in whole.

A DuckDB file open in any process, even read-only, cannot be opened for writing by another (dbt-duckdb fails at
once), and a run that dies half-way must not leave half a load behind. So a run never writes the published file:
it copies it to a build file named for the run, writes there (loader and dbt), and on success checkpoints, closes
and ``os.replace``-s the build onto the published path. The rename is atomic on one filesystem: a reader that has
the old file open keeps reading the old snapshot, a reader that opens it afterwards sees the new one, and a run
killed at any point leaves the published file as it was.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

_BUILD_MARK = ".build-"


def build_path(published: Path, run_id: str) -> Path:
    # A dot-file in the same folder: the same filesystem (os.replace is atomic only there), hidden from listings.
    return published.with_name(f".{published.name}{_BUILD_MARK}{run_id}")


@contextmanager
def writer_lock(published: Path) -> Iterator[None]:
    """Held by a run from its copy of the published file to its publish: two runs that both copied the same
    snapshot would each publish without the other's documents. The second run waits; the kernel drops the lock
    of a run that dies, however it dies."""
    published.parent.mkdir(parents=True, exist_ok=True)
    with published.with_name(f".{published.name}.lock").open("a") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def discard_build(build: Path) -> None:
    """Removes a build that will not be published (a run with nothing new, or a failed one)."""
    for path in (build, build.with_name(build.name + ".wal")):
        path.unlink(missing_ok=True)


def start_build(published: Path, run_id: str) -> Path:
    """The run's build file, a copy of the published warehouse (or nothing yet, for a first run).

    Idempotent within a run: every step process of the run shares the one build file.
    """
    build = build_path(published, run_id)
    if build.exists():
        return build
    published.parent.mkdir(parents=True, exist_ok=True)
    discard_abandoned_builds(published)
    if published.exists():
        partial = build.with_name(build.name + ".copying")
        shutil.copyfile(published, partial)
        os.replace(partial, build)
    return build


def publish(build: Path, published: Path) -> None:
    """Swap the finished build onto the published path; the build file is gone afterwards."""
    with duckdb.connect(str(build)) as con:
        con.execute("CHECKPOINT")
    wal = build.with_name(build.name + ".wal")
    if wal.exists():
        raise RuntimeError(f"{wal} survived a checkpoint and close; refusing to publish a build without it")
    with build.open("rb") as handle:
        os.fsync(handle.fileno())
    os.replace(build, published)
    _fsync_folder(published.parent)


def discard_abandoned_builds(published: Path) -> list[Path]:
    """Removes build files of runs that died; a build another live run is writing is left alone.

    A live run holds DuckDB's write lock on its build file, so a build that opens for writing has no owner.
    """
    removed = []
    for candidate in sorted(published.parent.glob(f".{published.name}{_BUILD_MARK}*")):
        if candidate.name.endswith(".wal"):
            continue
        if candidate.name.endswith(".copying") or _unlocked(candidate):
            discard_build(candidate)
            removed.append(candidate)
    return removed


def _unlocked(path: Path) -> bool:
    try:
        duckdb.connect(str(path)).close()
    except duckdb.IOException:
        return False
    return True


def _fsync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
