"""Every test runs against its own folders: DAGSTER_HOME, the raw folder and the warehouse live under tmp."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from pipeline.lib.dagster_home import write_instance_config
from pipeline.settings import PROJECT_ROOT, RAW_DIR_ENV, SOURCES_ENV, WAREHOUSE_ENV

SEED = PROJECT_ROOT / "data" / "raw" / "liaoning-panjin-xinglongtai_gongxinju_2022_dept-final.txt"
# Byte-exact copies of 12 published PDFs (sources in the README beside them).
REAL_PDFS = PROJECT_ROOT / "data" / "raw"


@pytest.hookimpl(tryfirst=True)
def pytest_sessionstart(session: pytest.Session) -> None:
    os.environ["DO_NOT_TRACK"] = "1"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Longest first: xdist hands out test files in collection order, so the whole-pipeline modules (marked slow)
    # start at once and the quick unit tests fill the gaps, instead of one long module running alone at the end.
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


@pytest.fixture(autouse=True)
def isolated_environment(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    # Its own folder, so that a test's tmp_path holds only what the test puts there.
    root = tmp_path_factory.mktemp("env")
    with dagster_home() as home:
        monkeypatch.setenv("DAGSTER_HOME", str(home))
        monkeypatch.setenv(WAREHOUSE_ENV, str(root / "warehouse.duckdb"))
        monkeypatch.setenv(RAW_DIR_ENV, str(root / "raw"))
        monkeypatch.setenv(SOURCES_ENV, str(root / "sources.yaml"))
        yield


@contextmanager
def dagster_home() -> Iterator[Path]:
    """A fresh DAGSTER_HOME, in memory where the machine has /dev/shm: a run writes its ~2,000 events to SQLite
    one commit each, and a disk's fsyncs make that most of a test run's time."""
    memory = Path("/dev/shm")
    with tempfile.TemporaryDirectory(prefix="dagster_home-", dir=memory if memory.is_dir() else None) as name:
        home = Path(name)
        write_instance_config(home)
        yield home


@pytest.fixture
def seed_bytes() -> bytes:
    return SEED.read_bytes()
