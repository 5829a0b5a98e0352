"""Build the warehouse beside the published file and swap it in whole.

A DuckDB file open in any process, even read-only, cannot be opened for writing by another (dbt-duckdb fails at
once), and a run that dies half-way must not leave half a load behind. So a run never writes the published file:
it copies it to the warehouse's build file, writes there (loader and dbt), and on success checkpoints, closes
and ``os.replace``-s the build onto the published path. The rename is atomic on one filesystem: a reader that has
the old file open keeps reading the old snapshot, a reader that opens it afterwards sees the new one, and a run
killed at any point leaves the published file as it was. Runs that write take turns (``writer_lock``), so there is
one build file per warehouse, and a build found by the next run is one that died.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
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
    _owner(build).unlink(missing_ok=True)
    _fsync_folder(published.parent)


def _fsync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
