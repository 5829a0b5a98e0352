"""Pins the asset graph, its checks and its automation, so that an accidental change of keys fails here."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import dagster as dg
import pytest
from croniter import croniter

from pipeline.definitions import defs as load_defs
from pipeline.defs.documents import documents_partitions
from pipeline.defs.resources import RawFolder
from pipeline.schemas import ALL_FRAMES, PARSED_FRAMES, WAREHOUSE_FRAMES
from pipeline.settings import PROJECT_ROOT


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
    # The reference divisions load beside the documents and feed dim_region through their staging view.
    regions_upstream = {k.to_user_string() for k in graph.get(dg.AssetKey("stg_disclosures__regions")).parent_keys}
    assert regions_upstream == {"disclosures/regions"}


def test_checks(defs: dg.Definitions) -> None:
    check_keys = {
        (key.asset_key.to_user_string(), key.name) for key in defs.resolve_asset_graph().asset_check_keys
    }
    for schema in (*PARSED_FRAMES,):
        assert ("disclosures/documents", f"{schema.name}_matches_schema") in check_keys
    assert ("disclosures/documents", "every_document_readable") in check_keys
    assert ("disclosures/documents", "reports_internally_consistent") in check_keys
    assert ("sources/web_downloads", "every_source_fetched") in check_keys
    # dbt tests arrive as checks, source tests included (they attach to the Python-loaded tables).
    assert any(asset == "fct_yoy_change" for asset, _ in check_keys)
    assert any(asset.startswith("disclosures/") for asset, _ in check_keys)


def test_documents_are_partitions_and_the_load_is_one_run_per_backfill(defs: dg.Definitions) -> None:
    graph = defs.resolve_asset_graph()
    documents = graph.get(dg.AssetKey(["disclosures", "documents"]))
    assert documents.partitions_def == documents_partitions
    assert documents.backfill_policy == dg.BackfillPolicy.single_run()
    # One partitioned asset, so that a run stores one event per document; the other raw tables are written by its
    # step and stand in the graph unpartitioned, below it and above their dbt sources.
    for schema in ALL_FRAMES:
        if schema.name == "documents":
            continue
        node = graph.get(dg.AssetKey(["disclosures", schema.name]))
        assert node.partitions_def is None
        assert not node.is_executable
        assert node.parent_keys == {dg.AssetKey(["disclosures", "documents"])}
        assert {k.to_user_string() for k in node.child_keys} == {f"stg_disclosures__{schema.name}"}
    # The whole dbt project runs as one step after the load, never split around it.
    assert [n for n in defs.resolve_job_def("ingest_all").graph.node_dict if n.startswith("dbt")] == ["dbt_models"]
    # Reference data and the models over all documents are not partitioned.
    assert graph.get(dg.AssetKey("fct_yoy_change")).partitions_def is None
    assert graph.get(dg.AssetKey(["disclosures", "regions"])).partitions_def is None
    assert defs.resolve_job_def("ingest_all").partitions_def == documents_partitions


def test_job_schedule_and_sensor(defs: dg.Definitions) -> None:
    job = defs.resolve_job_def("ingest_all")
    schedule = defs.resolve_schedule_def("nightly_fetch")
    assert schedule.job_name == "fetch_sources"
    assert schedule.execution_timezone == "Asia/Shanghai"
    after = datetime(2026, 11, 26, 12, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    next_tick = croniter(schedule.cron_schedule, after).get_next(datetime)
    assert (next_tick.day, next_tick.hour, next_tick.minute) == (27, 2, 0)
    assert defs.resolve_sensor_def("raw_folder_sensor").job_name == job.name


def test_sensor_requests_a_run_only_for_new_bytes(defs: dg.Definitions, tmp_path, seed_bytes) -> None:
    sensor = defs.resolve_sensor_def("raw_folder_sensor")
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "report.txt").write_bytes(seed_bytes)
    resources = {"raw_folder": RawFolder(path=str(raw))}

    seed_sha = hashlib.sha256(seed_bytes).hexdigest()

    def tick(instance: dg.DagsterInstance, cursor: str | None):
        result = sensor.evaluate_tick(dg.build_sensor_context(instance=instance, cursor=cursor, resources=resources))
        # What the daemon does with the result: add the partitions the sensor asked for.
        for request in result.dynamic_partitions_requests or []:
            instance.add_dynamic_partitions(request.partitions_def_name, list(request.partition_keys))
        return result

    with dg.instance_for_test() as instance:
        first = tick(instance, None)
        assert len(first.run_requests) == 1
        assert instance.get_dynamic_partitions("documents") == [seed_sha]
        assert first.run_requests[0].tags["dagster/asset_partition_range_start"] == seed_sha
        assert first.run_requests[0].tags["dagster/asset_partition_range_end"] == seed_sha

        # The same bytes under a second name are the same document: nothing to do.
        (raw / "renamed copy.txt").write_bytes(seed_bytes)
        second = tick(instance, first.cursor)
        assert not second.run_requests
        assert set(json.loads(second.cursor)["files"]) == {"report.txt", "renamed copy.txt"}

        # A revision is new bytes: one new partition, and a run over it alone.
        revised = seed_bytes + b"\n"
        (raw / "revised.txt").write_bytes(revised)
        third = tick(instance, second.cursor)
        revised_sha = hashlib.sha256(revised).hexdigest()
        assert instance.get_dynamic_partitions("documents") == [seed_sha, revised_sha]
        assert len(third.run_requests) == 1
        assert third.run_requests[0].tags["dagster/asset_partition_range_start"] == revised_sha
        assert third.run_requests[0].run_key != first.run_requests[0].run_key


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
