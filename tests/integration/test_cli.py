"""The README's commands, as a user types them: ingest, then query."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from pipeline.settings import PROJECT_ROOT
from tests.conftest import SEED

pytestmark = pytest.mark.slow

NEW_REPORT = PROJECT_ROOT / "tests/fixtures/formats/sh-putuo_caizhengju_2024_dept-final.xlsx"


def _cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True,
        timeout=600,
    )


def test_errors_are_one_line(tmp_path: Path) -> None:
    missing = _cli("query", "select 1", "--warehouse", str(tmp_path / "none.duckdb"), env={**os.environ})
    assert missing.returncode == 1
    assert missing.stderr.strip().count("\n") == 0 and missing.stderr.startswith("error: ")

    duckdb.connect(str(tmp_path / "w.duckdb")).close()
    bad = _cli("query", "select * from no_such_table", "--warehouse", str(tmp_path / "w.duckdb"), env={**os.environ})
    assert bad.returncode == 1
    assert "Traceback" not in bad.stderr and bad.stderr.startswith("error: ")


def _status(warehouse: Path) -> list[str]:
    shown = _cli("status", "--warehouse", str(warehouse), env={**os.environ})
    assert shown.returncode == 0, shown.stderr
    return shown.stdout.splitlines()


def test_ingest_query_status_nothing_new_and_retry(tmp_path: Path) -> None:
    """The README's commands in the order a user and an operator type them, over one warehouse."""
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / SEED.name).write_bytes(SEED.read_bytes())
    broken = b"%PDF-1.4\n" + b"\0" * 64
    (raw / "scan.pdf").write_bytes(broken)  # not a readable PDF: quarantined
    warehouse = tmp_path / "w.duckdb"
    args = ("--raw", str(raw), "--warehouse", str(warehouse))

    ingest = _cli("ingest", *args, env={**os.environ})
    assert ingest.returncode == 0, ingest.stderr
    assert "dbt_models" in ingest.stderr  # progress, one line per step
    assert "parsing 2 of 2 documents" in ingest.stderr

    for metric, expected in (("total_income", "-41.02"), ("operating_expenses", "40.59")):
        sql = f"select change_pct from fct_yoy_change where fiscal_year=2022 and metric_code='{metric}'"
        shown = _cli("query", sql, "--warehouse", str(warehouse), "--format", "csv", env={**os.environ})
        assert shown.returncode == 0, shown.stderr
        assert shown.stdout.splitlines() == ["change_pct", expected]

    lines = _status(warehouse)
    assert lines[:4] == ["loaded       1", "quarantined  1", "superseded   0", "total        2"]
    broken_sha = hashlib.sha256(broken).hexdigest()
    assert lines[5] == "quarantined:"
    assert lines[6].split()[:3] == [broken_sha[:12], "corrupt", "scan.pdf:"]
    assert lines[-1] == "documents whose file is gone from the drop folder: 0"

    # Nothing new: no run, and the published file is not rewritten.
    published = warehouse.stat().st_mtime_ns
    again = _cli("ingest", *args, env={**os.environ})
    assert again.returncode == 0 and "nothing new" in again.stderr and "dbt_models" not in again.stderr
    assert warehouse.stat().st_mtime_ns == published

    # A retry reads the quarantined document again although this parser version already read it, and only it.
    # Read to the same refusal, it changes nothing: nothing is rebuilt or published.
    retried = _cli("retry", "--all-quarantined", *args, env={**os.environ})
    assert retried.returncode == 0, retried.stderr
    assert "parsing 1 of 2 documents" in retried.stderr
    assert "dbt_models" not in retried.stderr and warehouse.stat().st_mtime_ns == published
    assert _status(warehouse) == lines
    unknown = _cli("retry", "00000000", *args, env={**os.environ})
    assert unknown.returncode == 1 and unknown.stderr.startswith("error: ") and "matches 0 documents" in unknown.stderr

    # A new report: the run reads it alone, not the documents already read, and publishes it.
    (raw / NEW_REPORT.name).write_bytes(NEW_REPORT.read_bytes())
    added = _cli("ingest", *args, env={**os.environ})
    assert added.returncode == 0, added.stderr
    assert "parsing 1 of 3 documents" in added.stderr and "dbt_models" in added.stderr
    assert _status(warehouse)[:4] == ["loaded       2", "quarantined  1", "superseded   0", "total        3"]

    # A loaded file deleted: the next run records it, status lists it, dim_document says so, and nothing is lost.
    seed_sha = hashlib.sha256(SEED.read_bytes()).hexdigest()
    figures = f"SELECT count(*) FROM fct_narrative_figure WHERE document_sha256 = '{seed_sha}'"
    with duckdb.connect(str(warehouse), read_only=True) as con:
        before = con.execute(figures).fetchone()[0]
    (raw / SEED.name).unlink()
    gone = _cli("ingest", *args, env={**os.environ})
    assert gone.returncode == 0, gone.stderr
    assert "nothing new" not in gone.stderr and "parsing 0 of 2 documents" in gone.stderr
    lines = _status(warehouse)
    assert lines[:4] == ["loaded       2", "quarantined  1", "superseded   0", "total        3"]
    assert lines[-2:] == [
        "documents whose file is gone from the drop folder: 1 (kept, with their rows)",
        f"  {seed_sha[:12]}  {'loaded':<11}  {SEED.name}",
    ]
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("SELECT document_sha256, state FROM dim_document WHERE NOT file_present").fetchall() == [
            (seed_sha, "loaded")
        ]
        assert con.execute("SELECT count(*) FROM dim_document WHERE file_present").fetchone() == (2,)
        assert con.execute(figures).fetchone()[0] == before > 50
