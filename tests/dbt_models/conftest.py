"""Fixtures running the dbt project on fixture warehouses (once per session; each dbt run takes ~10-20 s).

dbt runs as a subprocess with the project's own dbt (next to ``sys.executable``), ``FISCAL_WAREHOUSE`` set to the
fixture's absolute path and telemetry off. Target and log paths go to the session's tmp directory so parallel
workers (pytest-xdist) and a developer's own ``dbt_project/target`` never collide.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from tests.dbt_models import fixture_warehouse

ROOT = Path(__file__).resolve().parents[2]
PROJECT_DIR = ROOT / "dbt_project"

# The interpreter's own bin directory (the venv's, holding dbt) goes first on PATH, so that dbt is found even when
# the venv is not activated - by these tests and by anything else in the session that looks dbt up on PATH
# (tests/manifest.py prepares the Dagster manifest with dagster-dbt, which does).
_BIN = str(Path(sys.executable).parent)
if os.environ.get("PATH", "").split(os.pathsep)[0] != _BIN:
    os.environ["PATH"] = _BIN + os.pathsep + os.environ.get("PATH", "")




def dbt_executable() -> str:
    candidate = Path(sys.executable).parent / "dbt"
    return str(candidate) if candidate.exists() else "dbt"


@dataclass
class DbtRun:
    base: Path
    warehouse: Path
    target_path: Path
    shas: dict[str, str]
    results: dict[str, subprocess.CompletedProcess]

    def connect(self) -> duckdb.DuckDBPyConnection:
        return duckdb.connect(str(self.warehouse), read_only=True)

    def query(self, sql: str, params: list | None = None) -> list[tuple]:
        con = self.connect()
        try:
            return con.execute(sql, params or []).fetchall()
        finally:
            con.close()

    def build_results(self) -> dict:
        """run_results.json of ``dbt build`` (later commands overwrite the target's own)."""
        return json.loads((self.base / "build_run_results.json").read_text(encoding="utf-8"))

    def catalog(self) -> dict:
        return json.loads((self.target_path / "catalog.json").read_text(encoding="utf-8"))

    def manifest(self) -> dict:
        return json.loads((self.target_path / "manifest.json").read_text(encoding="utf-8"))


def run_dbt(args: list[str], warehouse: Path, target_path: Path, log_path: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.update(
        FISCAL_WAREHOUSE=str(warehouse),
        DO_NOT_TRACK="1",
        DBT_SEND_ANONYMOUS_USAGE_STATS="false",
        DBT_PROFILES_DIR=str(PROJECT_DIR),
        DBT_USE_COLORS="false",
    )
    command = [
        dbt_executable(), *args,
        "--project-dir", str(PROJECT_DIR),
        "--profiles-dir", str(PROJECT_DIR),
        "--target-path", str(target_path),
        "--log-path", str(log_path),
    ]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        raise AssertionError(f"{' '.join(args)} failed ({result.returncode}):\n{result.stdout[-6000:]}\n{result.stderr[-3000:]}")
    return result


def _build(tmp_path_factory, name: str, documents: list[str] | None, extra_commands: list[list[str]],
           build_raw=None) -> DbtRun:
    base = tmp_path_factory.mktemp(name)
    warehouse = base / "warehouse.duckdb"
    shas = build_raw(warehouse) if build_raw else fixture_warehouse.build_fixture_warehouse(warehouse, documents=documents)
    target_path, log_path = base / "target", base / "logs"
    results = {}
    for args in [["build"], *extra_commands]:
        results[args[0]] = run_dbt(args, warehouse, target_path, log_path)
        if args[0] == "build":
            # keep build's run_results.json: later commands overwrite it
            (base / "build_run_results.json").write_bytes((target_path / "run_results.json").read_bytes())
    return DbtRun(base=base, warehouse=warehouse, target_path=target_path, shas=shas, results=results)


@pytest.fixture(scope="session")
def full_build(tmp_path_factory) -> DbtRun:
    """The whole fixture (seed report + its 2021 report, department B's pair, C, a quarantined file):
    ``dbt build`` then ``dbt docs generate``."""
    return _build(tmp_path_factory, "dbt_full", None, [["docs", "generate"]])


@pytest.fixture(scope="session")
def seed_only_build(tmp_path_factory) -> DbtRun:
    """The seed report alone (and the quarantined file): priors are implied by its own statements."""
    return _build(tmp_path_factory, "dbt_seed_only", ["A2022", "Q"], [])


@pytest.fixture(scope="session")
def parsed_manifest(tmp_path_factory) -> dict:
    """``dbt parse`` of the project (no warehouse needed); returns manifest.json."""
    base = tmp_path_factory.mktemp("dbt_parse")
    target_path = base / "target"
    run_dbt(["parse"], base / "unused.duckdb", target_path, base / "logs")
    return json.loads((target_path / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def empty_build(tmp_path_factory) -> DbtRun:
    """Only the raw tables, no rows (a warehouse nothing has been loaded into yet)."""
    return _build(tmp_path_factory, "dbt_empty", [], [])


@pytest.fixture(scope="session")
def department_facts_build(tmp_path_factory) -> DbtRun:
    """The whole fixture plus department D's 2022 预算 and 决算 as table cells: ``dbt build``."""
    return _build(tmp_path_factory, "dbt_department_facts", None, [],
                  build_raw=fixture_warehouse.build_department_facts_warehouse)
