"""A failed Dagster step reaches the operator as its cause, not as Dagster's wrapper around it."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import pytest

from pipeline.lib.failures import explain_error


@dg.op
def _writes_to_a_full_disk() -> None:
    Path("/dev/full").write_bytes(b"x" * 10)


@dg.op
def _fails_in_its_own_words() -> None:
    raise ValueError("the parse workers die as they start")


@pytest.mark.parametrize(
    ("op", "expected"),
    [
        (_writes_to_a_full_disk, "no space left on the device of a file the run writes"),
        (_fails_in_its_own_words, "ValueError: the parse workers die as they start"),
    ],
)
def test_a_failed_step_is_explained_by_its_cause_not_by_dagsters_wrapper(op: dg.OpDefinition, expected: str) -> None:
    job = dg.GraphDefinition(name=f"job_{op.name}", node_defs=[op]).to_job()
    with dg.instance_for_test() as instance:
        result = job.execute_in_process(instance=instance, raise_on_error=False)
    [failure] = [event for event in result.all_events if event.is_step_failure]
    assert "Error occurred while executing op" in failure.step_failure_data.error.message
    assert explain_error(failure.step_failure_data.error).startswith(expected)
