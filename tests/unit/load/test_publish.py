"""The build-then-swap publication of the warehouse file, on real DuckDB files and real processes."""

from __future__ import annotations

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
