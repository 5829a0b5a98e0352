"""The build-then-swap publication of the warehouse file, on real DuckDB files and real processes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb

from pipeline.load import publish


def _warehouse(path: Path, value: int) -> None:
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE OR REPLACE TABLE t AS SELECT ? AS v", [value])


def _value(path: Path) -> int:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute("SELECT v FROM t").fetchone()[0]


def test_a_build_starts_as_a_copy_and_replaces_the_published_file_whole(tmp_path: Path) -> None:
    published = tmp_path / "warehouse.duckdb"
    _warehouse(published, 1)
    build = publish.start_build(published, "run-a")
    assert build.parent == published.parent and build.name.startswith(".")
    assert _value(build) == 1
    _warehouse(build, 2)
    assert _value(published) == 1, "the published file changed before the run published"
    publish.publish(build, published)
    assert _value(published) == 2
    assert not build.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["warehouse.duckdb"]


def test_a_first_run_builds_from_nothing(tmp_path: Path) -> None:
    published = tmp_path / "new" / "warehouse.duckdb"
    build = publish.start_build(published, "run-a")
    assert not build.exists()
    _warehouse(build, 7)
    publish.publish(build, published)
    assert _value(published) == 7


def test_every_step_of_one_run_shares_its_build(tmp_path: Path) -> None:
    published = tmp_path / "warehouse.duckdb"
    _warehouse(published, 1)
    build = publish.start_build(published, "run-a")
    _warehouse(build, 2)
    assert publish.start_build(published, "run-a") == build
    assert _value(build) == 2


def test_a_run_that_never_publishes_leaves_the_published_file_and_its_build_is_discarded_next_time(
    tmp_path: Path,
) -> None:
    published = tmp_path / "warehouse.duckdb"
    _warehouse(published, 1)
    crashed = publish.start_build(published, "crashed-run")
    _warehouse(crashed, 99)
    (crashed.with_name(crashed.name + ".wal")).write_bytes(b"left over")
    assert _value(published) == 1

    fresh = publish.start_build(published, "next-run")
    assert not fresh.with_name(fresh.name + ".wal").exists(), "the dead run's log would be replayed into the build"
    assert _value(fresh) == 1


def test_every_run_builds_at_the_same_path_and_leaves_no_trace_once_published(tmp_path: Path) -> None:
    """dbt reuses its parse of the project only while its profile, which names the build file, stays the same."""
    published = tmp_path / "warehouse.duckdb"
    _warehouse(published, 1)
    first = publish.start_build(published, "run-a")
    publish.publish(first, published)
    second = publish.start_build(published, "run-b")
    assert second == first
    publish.discard_build(second)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["warehouse.duckdb"]


_INTRUDER = """
import duckdb, os, sys
con = duckdb.connect(sys.argv[1])
con.execute("PRAGMA disable_checkpoint_on_shutdown")
con.execute("SET wal_autocheckpoint = '1TB'")
con.execute("CREATE TABLE t2 AS SELECT 42 AS v")
os._exit(0)
"""


def test_a_stale_write_ahead_log_beside_the_published_file_is_set_aside_not_replayed(tmp_path: Path) -> None:
    published = tmp_path / "warehouse.duckdb"
    _warehouse(published, 1)
    build = publish.start_build(published, "run-a")
    _warehouse(build, 2)
    # Another process writes to the published file and dies before it checkpoints: its log stays beside it.
    subprocess.run([sys.executable, "-c", _INTRUDER, str(published)], check=True)
    assert published.with_name("warehouse.duckdb.wal").exists()

    aside = publish.publish(build, published)

    assert aside is not None and aside.name.startswith("warehouse.duckdb.wal.stale-") and aside.exists()
    assert not published.with_name("warehouse.duckdb.wal").exists()
    assert _value(published) == 2
    with duckdb.connect(str(published), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = 't2'").fetchone() == (0,)
    assert publish.set_aside_stale_wal(published) is None


_HOLDER = """
import sys, time
from pathlib import Path
from pipeline.load.publish import writer_lock
with writer_lock(Path(sys.argv[1])):
    print("held", flush=True)
    sys.stdin.readline()
"""


def test_a_run_waiting_for_the_writer_lock_is_told_who_holds_it(tmp_path: Path) -> None:
    published = tmp_path / "warehouse.duckdb"
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(published)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout.readline() == "held\n"
    told: list[str] = []

    def release(who: str) -> None:
        told.append(who)
        holder.stdin.write("\n")
        holder.stdin.flush()

    with publish.writer_lock(published, on_wait=release):
        pass
    holder.wait(timeout=30)
    [who] = told
    assert who.startswith(f"pid {holder.pid} (-c {published}), since ")
    # Uncontended, nobody is told anything.
    with publish.writer_lock(published, on_wait=told.append):
        pass
    assert len(told) == 1
