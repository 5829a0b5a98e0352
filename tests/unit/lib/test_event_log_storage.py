"""The pooled event log writes what Dagster's stock SQLite event log would read, in the same files."""

from __future__ import annotations

import os
from pathlib import Path

import dagster as dg
import pytest
from dagster._core.storage.event_log.sqlite.sqlite_event_log import SqliteEventLogStorage

from pipeline.lib.dagster_home import instance_config, write_instance_config
from pipeline.lib.event_log_storage import PooledSqliteEventLogStorage


@dg.asset
def figures() -> dg.MaterializeResult:
    return dg.MaterializeResult(metadata={"rows": 3})


@dg.asset_check(asset=figures)
def figures_add_up() -> dg.AssetCheckResult:
    return dg.AssetCheckResult(passed=False, metadata={"difference": 0.01})


def _instance(home: Path) -> dg.DagsterInstance:
    write_instance_config(home)
    return dg.DagsterInstance.from_config(str(home))


def test_a_run_stored_through_the_pool_reads_the_same_through_dagsters_own_storage(tmp_path: Path) -> None:
    instance = _instance(tmp_path)
    assert type(instance.event_log_storage) is PooledSqliteEventLogStorage

    result = dg.materialize([figures, figures_add_up], instance=instance)

    stock = SqliteEventLogStorage(str(tmp_path / "history" / "runs"))
    ours = instance.event_log_storage
    assert [e.dagster_event_type for e in stock.get_logs_for_run(result.run_id)] == [
        e.dagster_event_type for e in ours.get_logs_for_run(result.run_id)
    ]
    materialization = stock.get_latest_materialization_events([dg.AssetKey("figures")])[dg.AssetKey("figures")]
    assert materialization.run_id == result.run_id
    assert materialization.asset_materialization.metadata["rows"] == dg.IntMetadataValue(3)
    (check,) = stock.get_asset_check_execution_history(dg.AssetCheckKey(dg.AssetKey("figures"), "figures_add_up"), 5)
    assert check.run_id == result.run_id
    assert check.evaluation.passed is False


def test_the_pool_keeps_a_few_files_open_and_closes_the_rest(tmp_path: Path) -> None:
    instance = _instance(tmp_path)
    storage = instance.event_log_storage
    runs = [dg.materialize([figures], instance=instance).run_id for _ in range(storage.OPEN_FILES + 2)]

    assert len(storage._engines) == storage.OPEN_FILES
    assert runs[0] not in storage._engines  # the oldest runs' files were closed ...
    assert len(storage.get_logs_for_run(runs[0])) > 0  # ... and open again when read


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")
def test_a_forked_child_opens_its_own_connections(tmp_path: Path) -> None:
    instance = _instance(tmp_path)
    storage = instance.event_log_storage
    run_id = dg.materialize([figures], instance=instance).run_id
    parent_engine = storage._engine(run_id)

    child = os.fork()
    if child == 0:
        code = 1
        try:
            code = 0 if storage._engine(run_id) is not parent_engine and storage.get_logs_for_run(run_id) else 2
        finally:
            os._exit(code)
    _, status = os.waitpid(child, 0)

    assert os.waitstatus_to_exitcode(status) == 0
    assert storage._engine(run_id) is parent_engine
    assert len(storage.get_logs_for_run(run_id)) > 0


def test_a_new_home_and_one_with_the_earlier_default_get_the_pooled_storage(tmp_path: Path) -> None:
    fresh, earlier = tmp_path / "fresh", tmp_path / "earlier"
    fresh.mkdir()
    earlier.mkdir()
    (earlier / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")

    write_instance_config(fresh)
    write_instance_config(earlier)

    assert (fresh / "dagster.yaml").read_text() == instance_config(fresh)
    assert (earlier / "dagster.yaml").read_text() == instance_config(earlier)


def test_an_operators_own_dagster_yaml_is_left_as_it_is(tmp_path: Path) -> None:
    own = "telemetry:\n  enabled: false\nrun_queue:\n  max_concurrent_runs: 1\n"
    (tmp_path / "dagster.yaml").write_text(own)

    write_instance_config(tmp_path)

    assert (tmp_path / "dagster.yaml").read_text() == own
    assert type(dg.DagsterInstance.from_config(str(tmp_path)).event_log_storage) is SqliteEventLogStorage
