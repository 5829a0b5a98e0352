"""The main job killed (SIGKILL, the whole process group) in the middle of its work leaves the published warehouse
exactly as it was, and the next run ends where a clean run ends.

Kill points: while a web source's report is downloading, while the new report is parsed, right after it is loaded
into the run's build, and while ``dbt build`` runs.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline.sources import drop_folder
from tests.conftest import PROJECT_ROOT, REAL_PDFS, SEED, dagster_home
from tests.integration.pipeline_run import all_tables, published_data
from tests.web_site import Site, listing, site, static  # noqa: F401

pytestmark = pytest.mark.slow

REPORT = REAL_PDFS / "sh-putuo_caizhengju_2024_dept-final.pdf"


def _ingest(raw: Path, warehouse: Path, home: Path, sources: Path | None) -> subprocess.Popen:
    env = {**os.environ, "DAGSTER_HOME": str(home), "DO_NOT_TRACK": "1"}
    env.pop("FISCAL_SOURCES", None)
    if sources is not None:
        env["FISCAL_SOURCES"] = str(sources)
    return subprocess.Popen(
        [sys.executable, "-m", "pipeline", "ingest", "--raw", str(raw), "--warehouse", str(warehouse)],
        cwd=PROJECT_ROOT, env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
        start_new_session=True,
    )


def _run(raw: Path, warehouse: Path, home: Path, sources: Path | None = None) -> None:
    process = _ingest(raw, warehouse, home, sources)
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


def _wait_for_process(pgid: int, needle: str) -> None:
    deadline = time.monotonic() + 120
    while not _group_runs(pgid, needle):
        assert time.monotonic() < deadline, f"no {needle} process appeared"
        time.sleep(0.05)
    time.sleep(1.0)


def _kill_when(
    process: subprocess.Popen, point: str, line_seen: Callable[[str], bool], then: Callable[[int], object]
) -> None:
    """SIGKILLs the run's process group once a progress line satisfies ``line_seen`` and ``then(pgid)`` returned."""
    try:
        for line in process.stderr:
            if line_seen(line.strip()):
                break
        else:
            pytest.fail(f"the run ended before it reached {point}")
        then(process.pid)
        assert process.poll() is None, f"the run finished before it could be killed {point}"
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=60)


def _slow_report(site: Site, started: threading.Event):
    """The report dripped over ~30 s: long enough to be killed half-way."""
    body = REPORT.read_bytes()

    def answer(handler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "application/pdf")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        step = len(body) // 300
        try:
            for offset in range(0, len(body), step):
                handler.wfile.write(body[offset : offset + step])
                handler.wfile.flush()
                started.set()
                time.sleep(0.1)
        except OSError:
            pass  # the killed client hung up

    return answer


def _sources(path: Path, raw: Path, site: Site) -> Path:
    path.write_text(
        f"drop_folder: {raw}\n"
        "fetch: {min_interval_per_host_s: 0, read_timeout_s: 10, max_download_s: 120, retries: 0}\n"
        "web_sources:\n"
        f"  - {{name: putuo-czj, listing_url: '{site.url('/list.html')}', link_text: 决算}}\n",
        encoding="utf-8",
    )
    return path


def test_killed_runs_leave_the_warehouse_as_it_was_and_the_next_run_completes_the_work(
    tmp_path: Path, site: Site
) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / SEED.name).write_bytes(SEED.read_bytes())
    warehouse = tmp_path / "warehouse.duckdb"
    home = Path(os.environ["DAGSTER_HOME"])
    _run(raw, warehouse, home)
    before = all_tables(warehouse)
    files_before = drop_folder.scan(raw)

    started = threading.Event()
    site.routes["/list.html"] = listing(("/2024/report.pdf", "普陀区财政局2024年度部门决算"))
    site.routes["/2024/report.pdf"] = _slow_report(site, started)
    sources = _sources(tmp_path / "sources.yaml", raw, site)

    _kill_when(
        _ingest(raw, warehouse, home, sources), "while downloading", lambda line: line == "▶ sources__web_downloads",
        then=lambda _: (started.wait(timeout=60), time.sleep(1.0)),
    )
    assert all_tables(warehouse) == before, "a run killed while downloading changed the published warehouse"
    # No half-written report is visible to the drop folder (a partial download is a hidden temporary file).
    assert drop_folder.scan(raw).equals(files_before)

    site.routes["/2024/report.pdf"] = static(REPORT.read_bytes())
    kill_points = (
        ("while parsing", lambda line: line.startswith("parsing 1 of 2"), lambda _: time.sleep(0.5)),
        ("after the load", lambda line: line.startswith("loaded 1 of 1"), lambda _: None),
        ("while dbt builds", lambda line: line == "▶ dbt_models", lambda pgid: _wait_for_process(pgid, "build")),
    )
    for point, line_seen, then in kill_points:
        _kill_when(_ingest(raw, warehouse, home, sources), point, line_seen, then)
        assert all_tables(warehouse) == before, f"a run killed {point} changed the published warehouse"

    _run(raw, warehouse, home, sources)
    # The report arrived once, through the web source, under its content address.
    assert [p.relative_to(raw).parts[0] for p in raw.rglob("*.pdf")] == ["web"]
    clean = tmp_path / "clean.duckdb"
    with dagster_home() as clean_home:
        _run(raw, clean, clean_home)
    # The intermediate tables hold what each warehouse's last build rebuilt (here the new report's department,
    # there everything): the data, raw and marts alike, is the same.
    assert published_data(warehouse) == published_data(clean)
    assert not [p.name for p in tmp_path.iterdir() if ".build" in p.name], "an abandoned build was left behind"
