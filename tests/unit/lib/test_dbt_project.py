"""What a dbt invocation leaves behind: its parse and results kept for the next run, nothing else."""

from __future__ import annotations

from pathlib import Path

from pipeline.lib.dbt_project import dbt_cli, keep_invocation_artifacts


def test_an_invocation_hands_on_its_parse_and_results_and_leaves_no_folder(tmp_path: Path) -> None:
    project_target = tmp_path / "target"
    invocation = project_target / "dbt_models-abc-def"
    (invocation / "compiled").mkdir(parents=True)
    (invocation / "compiled" / "model.sql").write_text("select 1")
    (invocation / "partial_parse.msgpack").write_bytes(b"parse of this run")
    (invocation / "run_results.json").write_text('{"results": []}')
    (invocation / "dbt.log").write_text("debug log of this run")
    (project_target / "partial_parse.msgpack").write_bytes(b"parse of an earlier run")

    keep_invocation_artifacts(invocation, project_target)

    assert (project_target / "partial_parse.msgpack").read_bytes() == b"parse of this run"
    assert (project_target / "run_results.json").read_text() == '{"results": []}'
    assert (project_target / "dbt.log").read_text() == "debug log of this run"
    assert sorted(p.name for p in project_target.iterdir()) == ["dbt.log", "partial_parse.msgpack", "run_results.json"]


def test_an_invocation_that_failed_before_writing_anything_leaves_the_earlier_parse(tmp_path: Path) -> None:
    project_target = tmp_path / "target"
    invocation = project_target / "dbt_models-abc-def"
    invocation.mkdir(parents=True)
    (project_target / "partial_parse.msgpack").write_bytes(b"parse of an earlier run")

    keep_invocation_artifacts(invocation, project_target)

    assert (project_target / "partial_parse.msgpack").read_bytes() == b"parse of an earlier run"
    assert not invocation.exists()


def test_the_dbt_version_is_the_installed_dbt_core_without_running_dbt(monkeypatch) -> None:
    import importlib.metadata

    monkeypatch.setattr("dagster_dbt.core.resource.check_output", _refuse)
    assert str(dbt_cli()._cli_version) == importlib.metadata.version("dbt-core")


def test_a_dbt_invocation_loads_no_dbt_profile_in_this_process(monkeypatch, tmp_path: Path) -> None:
    # dagster-dbt would build a dbt adapter here (1.3 s a run) for metadata this project never fetches.
    import dbt.config.runtime

    loaded = []
    monkeypatch.setattr(dbt.config.runtime, "load_profile", lambda *args, **kwargs: loaded.append(args))

    invocation = dbt_cli().cli(["parse", "--quiet"], target_path=tmp_path / "target")
    invocation.wait()

    assert invocation.is_successful()
    assert loaded == []


def test_dbt_keeps_its_debug_log_as_plain_text_beside_the_json_events_dagster_reads(tmp_path: Path) -> None:
    # dagster-dbt sets DBT_LOG_FORMAT=json for stdout; the file would follow it (every statement serialised to JSON
    # as well, ~1 s a build) unless the project says otherwise.
    invocation = dbt_cli().cli(["parse"], target_path=tmp_path / "target")
    events = list(invocation.stream_raw_events())

    assert invocation.is_successful()
    assert events and all(isinstance(event.raw_event, dict) for event in events)
    lines = (tmp_path / "target" / "dbt.log").read_text(encoding="utf-8").splitlines()
    assert any("[debug]" in line for line in lines)
    assert not any(line.startswith("{") for line in lines)


def _refuse(*args, **kwargs):
    raise AssertionError(f"dbt was started: {args}")
