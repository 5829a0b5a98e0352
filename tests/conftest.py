"""Every test runs against its own folders: DAGSTER_HOME, the raw folder and the warehouse live under tmp."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipeline.settings import PROJECT_ROOT, RAW_DIR_ENV, WAREHOUSE_ENV

SEED = PROJECT_ROOT / "data" / "raw" / "liaoning-panjin-xinglongtai_gongxinju_2022_dept-final.txt"


def pytest_sessionstart(session: pytest.Session) -> None:
    os.environ["DO_NOT_TRACK"] = "1"
    # The Dagster definitions load the dbt manifest at import; prepare it once, as `ingest` does.
    from pipeline.lib.dbt_project import prepare_manifest

    prepare_manifest()


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "dagster_home"
    home.mkdir()
    (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
    monkeypatch.setenv("DAGSTER_HOME", str(home))
    monkeypatch.setenv(WAREHOUSE_ENV, str(tmp_path / "warehouse.duckdb"))
    monkeypatch.setenv(RAW_DIR_ENV, str(tmp_path / "raw"))


@pytest.fixture
def seed_bytes() -> bytes:
    return SEED.read_bytes()
