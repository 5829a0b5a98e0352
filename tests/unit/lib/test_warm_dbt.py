"""fiscal-dbt hands its invocation to a dbt process started ahead of time, or runs dbt itself: the same dbt either
way, as dagster-dbt sees it (events on its pipe, the exit code, SIGINT)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from pipeline.lib import warm_dbt
from pipeline.lib.dbt_project import DBT_EXECUTABLE, dbt_cli
from pipeline.settings import DBT_PROJECT_DIR, WAREHOUSE_ENV

pytestmark = pytest.mark.skipif(not warm_dbt._available(), reason="descriptors are passed on Linux only")

# Minutes of DuckDB's time (without the filter it would answer from the range's size at once).
_ENDLESS_QUERY = "select count(*) from range(1000000000000) t(i) where i % 7 = 3"


@pytest.fixture(scope="module")
def parse(tmp_path_factory) -> Path:
    """dbt's parse of the project, made once for this module's warehouse path: each invocation's target starts
    from it (``_target``) instead of parsing the project again, ~4 s each."""
    warehouse = tmp_path_factory.mktemp("dbt") / "warehouse.duckdb"
    seed = warehouse.parent / "seed"
    env = {**os.environ, WAREHOUSE_ENV: str(warehouse), **_dbt_paths(seed)}
    subprocess.run([DBT_EXECUTABLE, "parse"], cwd=DBT_PROJECT_DIR, env=env, check=True, capture_output=True)
    return seed / "partial_parse.msgpack"


@pytest.fixture(autouse=True)
def _same_warehouse_as_the_parse(monkeypatch, parse: Path) -> None:
    # The parse is dbt's only for the profile it was made with, whose path comes from this variable.
    monkeypatch.setenv(WAREHOUSE_ENV, str(parse.parent.parent / "warehouse.duckdb"))


def test_an_invocation_runs_in_the_dbt_started_ahead_and_its_events_reach_dagster_dbt(tmp_path: Path) -> None:
    with warm_dbt.ahead() as ahead_pid:
        invocation = dbt_cli().cli(["parse"], target_path=_target(tmp_path / "target"))
        pids = {event.raw_event["info"]["pid"] for event in invocation.stream_raw_events()}

        assert invocation.is_successful()
        assert pids == {ahead_pid}
        assert invocation.process.pid != ahead_pid
        # By the time dagster-dbt has the exit code, the process that ran dbt has exited.
        assert _state(ahead_pid) == "Z"
    assert (tmp_path / "target" / "manifest.json").is_file()


def test_without_a_dbt_started_ahead_fiscal_dbt_runs_dbt_itself(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv(warm_dbt.WARM_DBT_ENV, str(tmp_path / "no.sock"))

    invocation = dbt_cli().cli(["parse"], target_path=_target(tmp_path / "target"))
    pids = {event.raw_event["info"]["pid"] for event in invocation.stream_raw_events()}

    assert invocation.is_successful()
    assert pids == {invocation.process.pid}


def test_a_dbt_started_ahead_that_died_before_the_invocation_is_not_waited_for(tmp_path: Path) -> None:
    with warm_dbt.ahead() as ahead_pid:
        os.kill(ahead_pid, signal.SIGKILL)
        _wait_for_state(ahead_pid, "Z")

        invocation = dbt_cli().cli(["parse"], target_path=_target(tmp_path / "target"))
        pids = {event.raw_event["info"]["pid"] for event in invocation.stream_raw_events()}

    assert invocation.is_successful()
    assert pids == {invocation.process.pid}


def test_dbts_exit_code_comes_back_through_fiscal_dbt(tmp_path: Path) -> None:
    args = ["run-operation", "no_such_macro"]
    run = [DBT_EXECUTABLE, *args]
    itself = subprocess.run(run, cwd=DBT_PROJECT_DIR, env=_env(_target(tmp_path / "a")), capture_output=True)
    with warm_dbt.ahead() as ahead_pid:
        ahead = subprocess.run(run, cwd=DBT_PROJECT_DIR, env=_env(_target(tmp_path / "b")), capture_output=True)

    assert itself.returncode != 0
    assert ahead.returncode == itself.returncode
    assert {json.loads(line)["info"]["pid"] for line in ahead.stdout.splitlines()} == {ahead_pid}
    assert b"no_such_macro" in ahead.stdout


def test_an_unused_dbt_started_ahead_is_stopped_when_the_block_ends() -> None:
    before = os.environ.get(warm_dbt.WARM_DBT_ENV)
    with warm_dbt.ahead() as ahead_pid:
        assert _state(ahead_pid) not in {"Z", None}
        assert os.environ[warm_dbt.WARM_DBT_ENV]

    assert _state(ahead_pid) is None
    assert os.environ.get(warm_dbt.WARM_DBT_ENV) == before


def test_a_ctrl_c_to_fiscal_dbt_stops_the_dbt_it_handed_over_to_as_it_stops_dbt_itself(tmp_path: Path) -> None:
    itself = _stopped_mid_query(signal.SIGINT, _target(tmp_path / "a"))
    with warm_dbt.ahead() as ahead_pid:
        ahead = _stopped_mid_query(signal.SIGINT, _target(tmp_path / "b"))
        _wait_for_state(ahead_pid, "Z")

    assert itself != 0
    assert ahead == itself


def test_killing_fiscal_dbt_kills_the_dbt_it_handed_over_to(tmp_path: Path) -> None:
    with warm_dbt.ahead() as ahead_pid:
        assert _stopped_mid_query(signal.SIGKILL, _target(tmp_path / "target")) == -signal.SIGKILL
        _wait_for_state(ahead_pid, "Z")


def _stopped_mid_query(signum: int, target: Path) -> int:
    """fiscal-dbt's exit code when stopped with the signal while DuckDB runs a query of many minutes; the pipe its
    events came through has ended by then (no process writes to it any more)."""
    client = subprocess.Popen(
        [DBT_EXECUTABLE, "show", "--inline", _ENDLESS_QUERY], cwd=DBT_PROJECT_DIR, env=_env(target),
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    try:
        for line in client.stdout:
            if json.loads(line)["info"]["name"] == "ConcurrencyLine":
                break
        time.sleep(1)  # into the query
        client.send_signal(signum)
        client.communicate(timeout=60)
        return client.returncode
    finally:
        client.kill()


def _target(folder: Path) -> Path:
    folder.mkdir(parents=True)
    shutil.copyfile(Path(os.environ[WAREHOUSE_ENV]).parent / "seed" / "partial_parse.msgpack",
                    folder / "partial_parse.msgpack")
    return folder


def _env(target: Path) -> dict[str, str]:
    return {**os.environ, "DBT_LOG_FORMAT": "json", **_dbt_paths(target)}


def _dbt_paths(target: Path) -> dict[str, str]:
    return {"DBT_TARGET_PATH": str(target), "DBT_LOG_PATH": str(target)}


def _state(pid: int) -> str | None:
    """The process's state letter (Z: exited, not yet waited for); None once it is gone."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return None


def _wait_for_state(pid: int, state: str) -> None:
    deadline = time.monotonic() + 60
    while _state(pid) != state:
        assert time.monotonic() < deadline, f"process {pid} is {_state(pid)}, not {state}"
        time.sleep(0.05)
