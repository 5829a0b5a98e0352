"""Pins the asset graph, its checks and its automation, so that an accidental change of keys fails here."""

from __future__ import annotations

import json
from datetime import datetime
from zoneinfo import ZoneInfo

import dagster as dg
import pytest
from croniter import croniter

from pipeline.definitions import defs as load_defs
from pipeline.defs.resources import RawFolder
from pipeline.schemas import PARSED_FRAMES, WAREHOUSE_FRAMES
from pipeline.settings import DEFAULT_MAX_FILE_BYTES


@pytest.fixture(scope="module")
def defs() -> dg.Definitions:
    return load_defs()


def test_asset_graph(defs: dg.Definitions) -> None:
    keys = {key.to_user_string() for key in defs.resolve_asset_graph().get_all_asset_keys()}
    assert {"raw_documents", "parsed_documents"} <= keys
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
        assert ("parsed_documents", f"{schema.name}_matches_schema") in check_keys
    assert ("parsed_documents", "every_document_readable") in check_keys
    assert ("parsed_documents", "reports_internally_consistent") in check_keys
    # dbt tests arrive as checks, source tests included (they attach to the Python-loaded tables).
    assert any(asset == "fct_yoy_change" for asset, _ in check_keys)
    assert any(asset.startswith("disclosures/") for asset, _ in check_keys)


def test_job_schedule_and_sensor(defs: dg.Definitions) -> None:
    job = defs.resolve_job_def("ingest_all")
    schedule = defs.resolve_schedule_def("nightly_ingest")
    assert schedule.job_name == job.name
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
    resources = {"raw_folder": RawFolder(path=str(raw), max_file_bytes=DEFAULT_MAX_FILE_BYTES)}

    with dg.instance_for_test() as instance:
        first = sensor.evaluate_tick(dg.build_sensor_context(instance=instance, resources=resources))
        assert len(first.run_requests) == 1
        cursor = first.cursor

        # The same bytes under a second name are the same document: nothing to do.
        (raw / "renamed copy.txt").write_bytes(seed_bytes)
        second = sensor.evaluate_tick(dg.build_sensor_context(instance=instance, cursor=cursor, resources=resources))
        assert not second.run_requests
        assert set(json.loads(second.cursor)["files"]) == {"report.txt", "renamed copy.txt"}

        (raw / "revised.txt").write_bytes(seed_bytes + b"\n")
        third = sensor.evaluate_tick(
            dg.build_sensor_context(instance=instance, cursor=second.cursor, resources=resources)
        )
        assert len(third.run_requests) == 1
        assert third.run_requests[0].run_key != first.run_requests[0].run_key

