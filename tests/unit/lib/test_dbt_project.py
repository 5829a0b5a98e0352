"""What a dbt invocation leaves behind: its parse and results kept for the next run, nothing else."""

from __future__ import annotations

from pathlib import Path

from pipeline.lib.dbt_project import keep_invocation_artifacts


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
