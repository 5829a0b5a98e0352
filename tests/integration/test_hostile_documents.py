"""One bad document never stops the night: hostile files beside a good report, through the command line.

A zip bomb, a PDF whose stream inflates to gigabytes and a page that reads for longer than the limit are each
quarantined with their own reason while the good report loads; the run stays within its limits; a rerun changes
nothing. A file rewritten while the run reads it is loaded as what it holds then, never under its old hash. A
write-ahead log left beside the published file is set aside, not applied. A run waiting for the writer lock says
for whom, and an operating-system error reaches the command line as one line that names it.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from pipeline.load.publish import writer_lock
from pipeline.read.batches import WORKERS_ENV
from pipeline.settings import (
    MAX_EXPANDED_BYTES_ENV,
    PARSE_MEMORY_ENV,
    PARSE_TIMEOUT_ENV,
    PROJECT_ROOT,
    SOURCES_ENV,
)
from tests.conftest import SEED, dagster_home
from tests.corpus import hostile
from tests.integration.pipeline_run import query

pytestmark = pytest.mark.slow

_TIMEOUT_S = 4
_MEMORY_MB = 400
_EXPANDED_BYTES = 64 * 2**20
# The parse workers are held to the memory limit; the CLI process beside them (Dagster, the dbt manifest) takes
# some 500 MB of its own. Unbounded, the stream bomb alone would take more than 2 GiB.
_PEAK_RSS_BOUND_MIB = 1200

# Runs the CLI and prints the largest peak RSS among the processes it started (the CLI, its parse workers, dbt).
_MEASURED = """
import resource, subprocess, sys
done = subprocess.run([sys.executable, "-m", "pipeline", *sys.argv[1:]])
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024, file=sys.stderr)
sys.exit(done.returncode)
"""


def _env(**extra: str) -> dict[str, str]:
    return {
        **os.environ, PARSE_TIMEOUT_ENV: str(_TIMEOUT_S), PARSE_MEMORY_ENV: str(_MEMORY_MB),
        MAX_EXPANDED_BYTES_ENV: str(_EXPANDED_BYTES), **extra,
    }


def _ingest(raw: Path, warehouse: Path, **env: str) -> tuple[subprocess.CompletedProcess, int, float]:
    """The run, the largest peak RSS (MiB) of any of its processes, and its wall time (s)."""
    start = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", _MEASURED, "ingest", "--raw", str(raw), "--warehouse", str(warehouse)],
        cwd=PROJECT_ROOT, env=_env(**env), capture_output=True, text=True, timeout=600,
    )
    *_, peak = done.stderr.strip().splitlines()
    return done, int(peak), time.monotonic() - start


@pytest.fixture(scope="module")
def hostile_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """The module's own Dagster home and no sources.yaml: the tests' isolated environment is per test, the
    warehouse these tests share is built once."""
    with dagster_home() as home:
        yield {"DAGSTER_HOME": str(home), SOURCES_ENV: str(tmp_path_factory.mktemp("none") / "sources.yaml")}


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory: pytest.TempPathFactory, hostile_home: dict[str, str]) -> dict:
    raw = tmp_path_factory.mktemp("raw")
    (raw / SEED.name).write_bytes(SEED.read_bytes())
    (raw / "zip_bomb.docx").write_bytes(hostile.zip_bomb_docx(4 * _EXPANDED_BYTES))
    (raw / "stream_bomb.pdf").write_bytes(hostile.stream_bomb_pdf(2 * 2**30))
    # Linear now, but some 15 s to read: past the limit.
    (raw / "deep.html").write_bytes(hostile.nested_divs_html(800_000))
    warehouse = tmp_path_factory.mktemp("warehouse") / "warehouse.duckdb"
    done, peak_mib, seconds = _ingest(raw, warehouse, **hostile_home)
    return {"raw": raw, "warehouse": warehouse, "run": done, "peak_mib": peak_mib, "seconds": seconds,
            "env": hostile_home}


def test_each_hostile_document_is_quarantined_with_its_reason_and_the_good_report_loads(hostile_run: dict) -> None:
    run = hostile_run["run"]
    assert run.returncode == 0, run.stderr
    quarantined = dict(query(hostile_run["warehouse"], "SELECT source_path, reason_code FROM raw.quarantine"))
    assert quarantined == {
        "zip_bomb.docx": "decompression_limit", "stream_bomb.pdf": "memory_limit", "deep.html": "timeout",
    }
    assert query(hostile_run["warehouse"], "SELECT source_path FROM raw.documents") == [(SEED.name,)]
    assert query(
        hostile_run["warehouse"],
        "SELECT change_pct FROM fct_yoy_change WHERE metric_code = 'total_income' AND fiscal_year = 2022",
    ) == [(Decimal("-41.02"),)]
    # The culprits are named on the command line, each with its limit.
    assert f"memory_limit         stream_bomb.pdf: the reader needed more than {_MEMORY_MB} MiB" in run.stderr
    assert f"timeout              deep.html: reading took longer than {_TIMEOUT_S} s" in run.stderr
    assert "decompression_limit  zip_bomb.docx: the ZIP container's parts expand to" in run.stderr


def test_the_run_stays_within_its_limits(hostile_run: dict) -> None:
    assert hostile_run["peak_mib"] < _PEAK_RSS_BOUND_MIB
    # Dagster's and dbt's start and the dbt build take most of it; the documents add at most their time limit.
    assert hostile_run["seconds"] < 180


def test_a_rerun_changes_nothing(hostile_run: dict) -> None:
    warehouse = hostile_run["warehouse"]
    before = warehouse.read_bytes()
    again, _, _ = _ingest(hostile_run["raw"], warehouse, **hostile_run["env"])
    assert again.returncode == 0, again.stderr
    assert "nothing new" in again.stderr
    assert warehouse.read_bytes() == before


def test_a_file_rewritten_while_the_run_reads_it_is_loaded_as_it_is_then(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    # One worker reads the slow page first (names sort so), the report after it: the report is rewritten between
    # the scan that hashed it and its read.
    (raw / "a_slow.html").write_bytes(hostile.nested_divs_html(150_000))
    report = raw / "b_report.txt"
    first, second = SEED.read_bytes(), SEED.read_bytes() + "\n（2023年9月修订）\n".encode()
    report.write_bytes(first)
    warehouse = tmp_path / "warehouse.duckdb"
    process = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "ingest", "--raw", str(raw), "--warehouse", str(warehouse)],
        cwd=PROJECT_ROOT, env=_env(**{WORKERS_ENV: "1", PARSE_TIMEOUT_ENV: "120"}),
        stderr=subprocess.PIPE, text=True,
    )
    lines = []
    for line in process.stderr:
        lines.append(line)
        if "parsing 2 of 2 documents" in line:
            report.write_bytes(second)
    process.wait(timeout=600)
    stderr = "".join(lines)
    assert process.returncode == 0, stderr
    old_sha, new_sha = hashlib.sha256(first).hexdigest(), hashlib.sha256(second).hexdigest()
    assert f"b_report.txt holds other bytes (sha256 {new_sha[:12]}…) since the scan hashed it as {old_sha[:12]}…" in stderr
    assert "files changed while the run read them: ingesting them as they are now" in stderr
    documents = query(warehouse, "SELECT document_sha256 FROM raw.documents WHERE source_path = 'b_report.txt'")
    assert documents == [(new_sha,)]
    assert query(warehouse, "SELECT document_sha256 FROM raw.document_files WHERE source_path = 'b_report.txt'") == [
        (new_sha,)
    ]
    assert query(warehouse, f"SELECT count(*) FROM dim_document WHERE document_sha256 = '{old_sha}'") == [(0,)]


_INTRUDER = """
import duckdb, os, sys
con = duckdb.connect(sys.argv[1])
con.execute("PRAGMA disable_checkpoint_on_shutdown")
con.execute("SET wal_autocheckpoint = '1TB'")
con.execute("CREATE TABLE intruder AS SELECT 42 AS v")
os._exit(0)  # killed before it closes: its log stays beside the file
"""


def test_a_stale_write_ahead_log_is_set_aside_and_a_waiting_run_says_for_whom(hostile_run: dict, tmp_path: Path) -> None:
    warehouse = hostile_run["warehouse"]
    subprocess.run([sys.executable, "-c", _INTRUDER, str(warehouse)], check=True)
    wal = warehouse.with_name(warehouse.name + ".wal")
    assert wal.exists()
    assert query(warehouse, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'intruder'") == [(1,)]
    # Its log would be applied by every reader; the next run, new report or not, sets it aside first.
    raw = tmp_path / "raw"
    raw.mkdir()
    for path in hostile_run["raw"].iterdir():
        (raw / path.name).write_bytes(path.read_bytes())
    (raw / "revised.txt").write_bytes(SEED.read_bytes() + "\n（修订）\n".encode())
    with writer_lock(warehouse):
        process = subprocess.Popen(
            [sys.executable, "-m", "pipeline", "ingest", "--raw", str(raw), "--warehouse", str(warehouse)],
            cwd=PROJECT_ROOT, env=_env(**hostile_run["env"]), stderr=subprocess.PIPE, text=True,
        )
        lines = []
        for line in process.stderr:
            lines.append(line)
            if "waiting for the warehouse's writer lock" in line:
                break
    lines.extend(process.stderr)
    process.wait(timeout=600)
    stderr = "".join(lines)
    assert process.returncode == 0, stderr
    assert f"waiting for the warehouse's writer lock, held by pid {os.getpid()}" in stderr
    assert "was set aside, not applied" in stderr
    assert not wal.exists()
    assert len(list(warehouse.parent.glob(f"{warehouse.name}.wal.stale-*"))) == 1
    assert query(warehouse, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'intruder'") == [(0,)]
    assert query(warehouse, "SELECT count(*) FROM raw.documents") == [(2,)]


def test_an_operating_system_error_is_one_line_that_names_it_and_what_to_do(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pipeline", "ingest", "--raw", str(tmp_path), "--warehouse", "/sys/fiscal/warehouse.duckdb"],
        cwd=PROJECT_ROOT, env=_env(), capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        "error: permission denied on /sys/fiscal — let this user write there (FISCAL_RAW_DIR only needs reading), "
        "or point FISCAL_WAREHOUSE (--warehouse) / DAGSTER_HOME elsewhere"
    ]

