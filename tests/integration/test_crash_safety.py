"""The main job killed (SIGKILL, the whole process group) in the middle of a step leaves the published
warehouse exactly as it was, and the next run ends where a clean run ends."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT, REAL_PDFS, SEED
from tests.integration.pipeline_run import all_tables

pytestmark = pytest.mark.slow

_EXTRA = ("sh-putuo_caizhengju_2024_dept-final.pdf",)


def _ingest(raw: Path, warehouse: Path, home: Path) -> subprocess.Popen:
    env = {**os.environ, "DAGSTER_HOME": str(home), "DO_NOT_TRACK": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "pipeline", "ingest", "--raw", str(raw), "--warehouse", str(warehouse)],
        cwd=PROJECT_ROOT, env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
        start_new_session=True,
    )


def _run(raw: Path, warehouse: Path, home: Path) -> None:
    process = _ingest(raw, warehouse, home)
    _, err = process.communicate(timeout=900)
    assert process.returncode == 0, err


def _group_runs(pgid: int, needle: str) -> bool:
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if os.getpgid(int(entry.name)) == pgid and needle in (entry / "cmdline").read_bytes().decode(errors="replace"):
                return True
        except (ProcessLookupError, PermissionError, FileNotFoundError):
            continue
    return False


def _kill_during(raw: Path, warehouse: Path, home: Path, step: str, subprocess_needle: str | None) -> None:
    process = _ingest(raw, warehouse, home)
    try:
        for line in process.stderr:
            if line.strip() == f"▶ {step}":
                break
        else:
            pytest.fail(f"the run ended before step {step} started")
        if subprocess_needle:
            deadline = time.monotonic() + 120
            while not _group_runs(process.pid, subprocess_needle):
                assert time.monotonic() < deadline, f"no {subprocess_needle} process appeared during {step}"
                time.sleep(0.05)
            time.sleep(1.0)
        assert process.poll() is None, f"the run finished before it could be killed during {step}"
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=60)


def test_killed_runs_leave_the_warehouse_as_it_was_and_the_next_run_completes_the_work(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(SEED, raw / SEED.name)
    warehouse = tmp_path / "warehouse.duckdb"
    home = tmp_path / "dagster_home"
    _run(raw, warehouse, home)
    before = all_tables(warehouse)

    for name in _EXTRA:
        shutil.copy(REAL_PDFS / name, raw / name)
    # Killed in turn while parsing, while loading the raw schema, and while dbt builds the models.
    for step, subprocess_needle in (("parsed_documents", None), ("disclosures_tables", None), ("dbt_models", "build")):
        _kill_during(raw, warehouse, home, step, subprocess_needle)
        assert all_tables(warehouse) == before, f"a run killed during {step} changed the published warehouse"

    _run(raw, warehouse, home)
    clean = tmp_path / "clean.duckdb"
    _run(raw, clean, tmp_path / "clean_home")
    assert all_tables(warehouse) == all_tables(clean)
    assert not [p.name for p in tmp_path.iterdir() if ".build-" in p.name], "an abandoned build was left behind"
