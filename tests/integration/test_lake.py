"""The warehouse on DuckLake (a PostgreSQL catalog on 127.0.0.1, started here from the Debian package, plus
Parquet files): a run killed while it parses, then two ingest runs at once, one of them killed while dbt builds:
what readers see (the last published snapshot) stays as it was until the other run completes the work of all,
losing nothing, with the raw tables and marts of the single-file mode; a reader attached at the published snapshot
throughout neither blocks a run nor sees any of it. The parse fans out: each chunk of documents is read in a
process of the multiprocess executor.

The runs are ``python -m pipeline ingest`` processes with FISCAL_LAKE and FISCAL_LAKE_DATA set, as an operator's
machines start them, each with a Dagster home of its own.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import dagster as dg
import pytest

from pipeline.load.lake import Lake
from pipeline.settings import LAKE_DATA_ENV, LAKE_ENV, PARSE_CHUNK_ENV
from tests.conftest import PROJECT_ROOT, SEED, dagster_home
from tests.integration.pipeline_run import all_tables
from tests.postgres import Server, postgres_server

pytestmark = pytest.mark.slow

# The schemas both modes hold alike: the loaded reports and the marts.
_COMPARED = ("raw", "main")


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    with postgres_server() as running:
        yield running


@pytest.fixture
def lake(server: Server, tmp_path: Path) -> Lake:
    catalog = server.create_database(f"lake_{os.getpid()}_{abs(hash(str(tmp_path))) % 10**8}")
    return Lake(catalog=catalog, data_path=f"{tmp_path / 'lake'}/")


def _seed_as(name: str, year: int) -> bytes:
    text = SEED.read_text(encoding="utf-8").replace("2021", str(year - 1)).replace("2022", str(year))
    text = text.replace("辽宁省盘锦市兴隆台区工业和信息化局-211103000", f"{name}-320000000")
    return text.replace("盘锦市兴隆台区工业和信息化局", name).encode("utf-8")


def _folder(raw: Path, reports: dict[str, bytes]) -> Path:
    raw.mkdir(parents=True, exist_ok=True)
    for name, data in reports.items():
        (raw / name).write_bytes(data)
    return raw


_REPORTS = {
    "seed.txt": SEED.read_bytes(),
    "shangwu_2021.txt": _seed_as("江苏省商务厅", 2021),
    "shangwu_2022.txt": _seed_as("江苏省商务厅", 2022),
    "jiaoyu_2022.txt": _seed_as("江苏省教育厅", 2022),
    "broken.txt": b"\xff\xfe\x00\xd8" * 64,
}


def _ingest(raw: Path, home: Path, lake: Lake | None, warehouse: Path | None = None) -> subprocess.Popen:
    env = {**os.environ, "DAGSTER_HOME": str(home), "DO_NOT_TRACK": "1"}
    env.pop("FISCAL_SOURCES", None)
    command = [sys.executable, "-m", "pipeline", "ingest", "--raw", str(raw)]
    if lake is not None:
        # Two documents a chunk: the four new reports are two chunks, which the multiprocess executor runs apart.
        env |= {LAKE_ENV: lake.catalog, LAKE_DATA_ENV: lake.data_path, PARSE_CHUNK_ENV: "2"}
    else:
        command += ["--warehouse", str(warehouse)]
    return subprocess.Popen(
        command, cwd=PROJECT_ROOT, env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
        start_new_session=True,
    )


def _finish(process: subprocess.Popen) -> None:
    _, err = process.communicate(timeout=900)
    assert process.returncode == 0, err


def _lake_tables(lake: Lake) -> dict[str, list[tuple]]:
    """Every table of the compared schemas, as a reader sees it (the last published snapshot)."""
    with lake.connect(published=True) as con:
        tables = con.execute(
            "SELECT schema_name || '.' || table_name FROM duckdb_tables() WHERE database_name = current_database() "
            f"AND schema_name IN {_COMPARED} ORDER BY 1"
        ).fetchall()
        return {name: con.execute(f"SELECT * FROM {name} ORDER BY ALL").fetchall() for (name,) in tables}


def _single_file(raw: Path, warehouse: Path) -> dict[str, list[tuple]]:
    with dagster_home() as home:
        _finish(_ingest(raw, home, None, warehouse))
    return {name: rows for name, rows in all_tables(warehouse).items() if name.split(".")[0] in _COMPARED}


_READER = """
import sys
sys.path.insert(0, sys.argv[1])
from pipeline.load.lake import Lake
with Lake(sys.argv[2], sys.argv[3]).connect(published=True) as con:
    for line in sys.stdin:
        if line.strip() == "exit":
            break
        print(con.execute("SELECT count(*) FROM dim_document").fetchone()[0], flush=True)
"""


class Reader:
    """A researcher's connection to the lake's published snapshot, held open in a process of its own."""

    def __init__(self, lake: Lake) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", _READER, str(PROJECT_ROOT), lake.catalog, lake.data_path],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )

    def documents(self) -> int:
        self.process.stdin.write("q\n")
        self.process.stdin.flush()
        return int(self.process.stdout.readline())

    def close(self) -> None:
        self.process.communicate("exit\n", timeout=60)
        assert self.process.returncode == 0


def _chunk_processes(home: Path) -> list[int]:
    """The process of each chunk's read in the last run of a Dagster home."""
    with dg.DagsterInstance.from_config(str(home)) as instance:
        run = instance.get_runs(limit=1)[0]
        return [
            event.dagster_event.pid for event in instance.all_logs(run.run_id, of_type=dg.DagsterEventType.STEP_START)
            if event.step_key.startswith("document_reads.read_chunk[")
        ]


def _kill_when(run: subprocess.Popen, seen: str, wait_s: float) -> None:
    """SIGKILLs the run's process group ``wait_s`` after its progress shows a line starting with ``seen``."""
    try:
        for line in run.stderr:
            if line.strip().startswith(seen):
                break
        else:
            pytest.fail(f"the run ended before {seen!r}")
        time.sleep(wait_s)
        assert run.poll() is None, "the run finished before it could be killed"
    finally:
        os.killpg(run.pid, signal.SIGKILL)
        run.wait(timeout=60)


def test_runs_killed_or_at_once_lose_nothing_and_readers_see_only_what_was_published(
    tmp_path: Path, lake: Lake
) -> None:
    raw = _folder(tmp_path / "raw", {"seed.txt": _REPORTS["seed.txt"]})
    _finish(_ingest(raw, tmp_path / "machine_a", lake))
    before = _lake_tables(lake)
    reader = Reader(lake)
    try:
        assert reader.documents() == 1
        _folder(raw, {name: data for name, data in _REPORTS.items() if name != "seed.txt"})
        # Killed while its chunks parse (one may have loaded): the published snapshot is as it was.
        _kill_when(_ingest(raw, tmp_path / "machine_c", lake), "▶ document_reads.read_chunk", 1.0)
        assert _lake_tables(lake) == before, "a run killed while parsing changed what readers see"
        # Two machines at once; the first is killed while dbt builds, after its loads committed: the lake holds its
        # writes, readers do not see them, and the second run, whose writes waited their turn, builds and publishes
        # them with its own.
        first, second = (_ingest(raw, tmp_path / name, lake) for name in ("machine_a", "machine_b"))
        _kill_when(first, "▶ dbt_models", 3.0)
        assert _lake_tables(lake) == before, "a run killed while dbt built changed what readers see"
        _finish(second)
        assert reader.documents() == 1, "the open reader saw a run's writes"
        chunks = _chunk_processes(tmp_path / "machine_b")
        assert len(chunks) == 2 and len(set(chunks)) == 2 and second.pid not in chunks, chunks
    finally:
        reader.close()
    in_lake = _lake_tables(lake)
    expected = _single_file(raw, tmp_path / "single.duckdb")
    assert set(in_lake) == set(expected)
    for name, rows in expected.items():
        assert in_lake[name] == rows, name
    # Not vacuously: every report is there once, one of them quarantined.
    states = sorted(row[1] for row in in_lake["main.dim_document"])
    assert states == ["loaded", "loaded", "loaded", "loaded", "quarantined"]
