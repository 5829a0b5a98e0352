"""Pins the asset graph, its checks and its automation, so that an accidental change of keys fails here."""

from __future__ import annotations

import difflib
import hashlib
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import dagster as dg
import polars as pl
import pytest
from croniter import croniter

from pipeline.definitions import defs as load_defs
from pipeline.defs.resources import RawFolder, Warehouse
from pipeline.schemas import ALL_FRAMES, WAREHOUSE_FRAMES
from pipeline.settings import PROJECT_ROOT
from tests.integration.pipeline_run import run_ingest


@pytest.fixture(scope="module")
def defs() -> dg.Definitions:
    return load_defs()


def test_asset_graph(defs: dg.Definitions) -> None:
    keys = {key.to_user_string() for key in defs.resolve_asset_graph().get_all_asset_keys()}
    assert {"raw_documents", "sources/web_downloads", "warehouse/published", "warehouse/document_states"} <= keys
    assert {f"disclosures/{schema.name}" for schema in WAREHOUSE_FRAMES} <= keys
    # One asset per dbt model, marts among them, downstream of the loaded tables.
    assert {"fct_yoy_change", "stg_disclosures__narrative_figures"} <= keys
    graph = defs.resolve_asset_graph()
    upstream = {k.to_user_string() for k in graph.get(dg.AssetKey("stg_disclosures__documents")).parent_keys}
    assert upstream == {"disclosures/documents"}
    # The read sits between the scan and the loaded tables, a step per chunk of documents.
    assert {k.to_user_string() for k in graph.get(dg.AssetKey("document_reads")).parent_keys} == {"raw_documents"}
    assert {k.to_user_string() for k in graph.get(dg.AssetKey(["disclosures", "documents"])).parent_keys} == {
        "document_reads"
    }
    job = defs.resolve_job_def("ingest_all")
    assert job.executor_def is dg.in_process_executor  # one DuckDB file admits one writing process
    reads = defs.resolve_assets_def("document_reads").node_def
    assert {op.name for op in reads.iterate_op_defs()} == {"plan_reads", "read_chunk", "gather_reads"}
    assert next(op for op in reads.iterate_op_defs() if op.name == "plan_reads").output_def_named("chunks").is_dynamic
    # The reference divisions load beside the documents and feed dim_region through their staging view.
    regions_upstream = {k.to_user_string() for k in graph.get(dg.AssetKey("stg_disclosures__regions")).parent_keys}
    assert regions_upstream == {"disclosures/regions"}


def test_checks(defs: dg.Definitions) -> None:
    check_keys = {
        (key.asset_key.to_user_string(), key.name) for key in defs.resolve_asset_graph().asset_check_keys
    }
    # A frame's schema is checked where the frame is made (pipeline.parse.result), not again by an asset check.
    assert not [name for _, name in check_keys if name.endswith("_matches_schema")]
    assert ("disclosures/documents", "every_document_readable") in check_keys
    assert ("disclosures/documents", "reports_internally_consistent") in check_keys
    assert ("sources/web_downloads", "every_source_fetched") in check_keys
    # dbt tests arrive as checks, source tests included (they attach to the Python-loaded tables).
    assert any(asset == "fct_yoy_change" for asset, _ in check_keys)
    assert any(asset.startswith("disclosures/") for asset, _ in check_keys)


def test_no_asset_is_partitioned_the_warehouse_keeps_the_documents(defs: dg.Definitions) -> None:
    graph = defs.resolve_asset_graph()
    # One registry of documents, the warehouse's: no Dagster partition per document (a province has 100,000).
    assert all(graph.get(key).partitions_def is None for key in graph.get_all_asset_keys())
    assert defs.resolve_job_def("ingest_all").partitions_def is None
    # The load writes every raw table in its step; they stand in the graph below it and above their dbt sources.
    for schema in ALL_FRAMES:
        if schema.name == "documents":
            continue
        node = graph.get(dg.AssetKey(["disclosures", schema.name]))
        assert not node.is_executable
        assert node.parent_keys == {dg.AssetKey(["disclosures", "documents"])}
        assert {k.to_user_string() for k in node.child_keys} == {f"stg_disclosures__{schema.name}"}
    # The whole dbt project runs as one step after the load, never split around it.
    assert [n for n in defs.resolve_job_def("ingest_all").graph.node_dict if n.startswith("dbt")] == ["dbt_models"]


def test_job_schedule_and_sensor(defs: dg.Definitions) -> None:
    job = defs.resolve_job_def("ingest_all")
    schedule = defs.resolve_schedule_def("nightly_fetch")
    assert schedule.job_name == "fetch_sources"
    assert schedule.execution_timezone == "Asia/Shanghai"
    after = datetime(2026, 11, 26, 12, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    next_tick = croniter(schedule.cron_schedule, after).get_next(datetime)
    assert (next_tick.day, next_tick.hour, next_tick.minute) == (27, 2, 0)
    assert defs.resolve_sensor_def("raw_folder_sensor").job_name == job.name


@pytest.mark.slow  # an ingest run, dbt included
def test_the_sensor_asks_the_warehouse_and_requests_each_folder_state_once(
    defs: dg.Definitions, tmp_path: Path, seed_bytes: bytes
) -> None:
    sensor = defs.resolve_sensor_def("raw_folder_sensor")
    raw = tmp_path / "raw"
    raw.mkdir()
    warehouse = tmp_path / "warehouse.duckdb"
    resources = {"raw_folder": RawFolder(path=str(raw)), "warehouse": Warehouse(published=str(warehouse))}

    def tick(instance: dg.DagsterInstance):
        with dg.build_sensor_context(instance=instance, resources=resources) as context:
            return sensor.evaluate_tick(context)

    with dg.instance_for_test() as instance:
        assert tick(instance).skip_message == "the drop folder holds no file"
        (raw / "report.txt").write_bytes(seed_bytes)
        [first] = tick(instance).run_requests
        # The run reads the scan the sensor made, the one that showed work to do.
        scan = pl.read_parquet(first.run_config["ops"]["raw_documents"]["config"]["scan"])
        assert scan["document_sha256"].to_list() == [hashlib.sha256(seed_bytes).hexdigest()]
        # The same folder, the same run key: requested once however many ticks see it.
        [again] = tick(instance).run_requests
        assert again.run_key == first.run_key

        # Once the warehouse has read it, nothing is new; a renamed copy of known bytes is a change of files only.
        [result] = run_ingest(raw, warehouse)
        assert result.success
        assert tick(instance).skip_message == "nothing new in the drop folder"
        (raw / "renamed copy.txt").write_bytes(seed_bytes)
        [renamed] = tick(instance).run_requests
        assert renamed.run_key != first.run_key


@pytest.mark.slow  # a `dagster` process
def test_workspace_loads_as_one_named_code_location(tmp_path) -> None:
    """What `dagster dev` loads: workspace.yaml's code location, under the name pyproject.toml gives it too."""
    validated = subprocess.run(
        [str(Path(sys.executable).parent / "dagster"), "definitions", "validate", "-w", "workspace.yaml"],
        cwd=PROJECT_ROOT, env={**os.environ, "DAGSTER_HOME": str(tmp_path), "DO_NOT_TRACK": "1"},
        capture_output=True, text=True, timeout=300,
    )
    output = validated.stdout + validated.stderr
    assert validated.returncode == 0, output[-3000:]
    assert "Validation successful for code location fiscal_warehouse" in output
    assert "does not match" not in output


_GRAPH_SNAPSHOT = Path(__file__).with_name("asset_graph.txt")
_UPDATE_ENV = "FISCAL_UPDATE_SNAPSHOT"


def _graph_text(defs: dg.Definitions) -> str:
    """Every asset with its group, its parents and its checks, one line each, sorted."""
    graph = defs.resolve_asset_graph()
    lines = []
    for key in sorted(graph.get_all_asset_keys(), key=lambda k: k.to_user_string()):
        node = graph.get(key)
        parents = ", ".join(sorted(parent.to_user_string() for parent in node.parent_keys))
        lines.append(f"{key.to_user_string()} [{node.group_name}] <- {parents or '(none)'}")
        lines.extend(f"    check {name}" for name in sorted(check.name for check in node.check_keys))
    return "\n".join(lines) + "\n"


def test_the_asset_graph_is_the_reviewed_snapshot(defs: dg.Definitions) -> None:
    """The whole graph, pinned: a change shows here as a diff to review, then to take with
    FISCAL_UPDATE_SNAPSHOT=1."""
    text = _graph_text(defs)
    if os.environ.get(_UPDATE_ENV):
        _GRAPH_SNAPSHOT.write_text(text, encoding="utf-8")
    expected = _GRAPH_SNAPSHOT.read_text(encoding="utf-8")
    diff = "".join(difflib.unified_diff(
        expected.splitlines(keepends=True), text.splitlines(keepends=True), "asset_graph.txt", "the definitions"
    ))
    assert text == expected, f"the asset graph changed ({_UPDATE_ENV}=1 takes it):\n{diff}"
