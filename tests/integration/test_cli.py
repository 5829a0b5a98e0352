"""The README's commands, as a user types them: ingest, then query."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from pipeline.settings import PROJECT_ROOT
from tests.conftest import SEED

pytestmark = pytest.mark.slow


def _cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True,
        timeout=600,
    )


def test_ingest_then_query_prints_the_seed_changes(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / SEED.name).write_bytes(SEED.read_bytes())
    warehouse = tmp_path / "w.duckdb"
    env = {**os.environ}

    ingest = _cli("ingest", "--raw", str(raw), "--warehouse", str(warehouse), env=env)
    assert ingest.returncode == 0, ingest.stderr
    assert "dbt_models" in ingest.stderr  # progress, one line per step

    for metric, expected in (("total_income", "-41.02"), ("operating_expenses", "40.59")):
        sql = f"select change_pct from fct_yoy_change where fiscal_year=2022 and metric='{metric}'"
        shown = _cli("query", sql, "--warehouse", str(warehouse), "--format", "csv", env=env)
        assert shown.returncode == 0, shown.stderr
        assert shown.stdout.splitlines() == ["change_pct", expected]


def test_errors_are_one_line(tmp_path: Path) -> None:
    missing = _cli("query", "select 1", "--warehouse", str(tmp_path / "none.duckdb"), env={**os.environ})
    assert missing.returncode == 1
    assert missing.stderr.strip().count("\n") == 0 and missing.stderr.startswith("error: ")

    duckdb.connect(str(tmp_path / "w.duckdb")).close()
    bad = _cli("query", "select * from no_such_table", "--warehouse", str(tmp_path / "w.duckdb"), env={**os.environ})
    assert bad.returncode == 1
    assert "Traceback" not in bad.stderr and bad.stderr.startswith("error: ")
