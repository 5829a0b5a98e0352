"""A failure reaches the operator as one line naming the operating system's error underneath, with what to do."""

from __future__ import annotations

import os
from pathlib import Path

import dagster as dg
import pytest

from pipeline.lib.failures import explain_error, explain_exception


def _full_device_error() -> OSError:
    with open("/dev/full", "wb", buffering=0) as device, pytest.raises(OSError) as raised:
        device.write(b"x")
    return raised.value


def test_no_space_left_is_named_under_whatever_wraps_it() -> None:
    try:
        try:
            raise _full_device_error()
        except OSError as exc:
            raise RuntimeError("dbt build failed") from exc
    except RuntimeError as wrapped:
        line = explain_exception(wrapped)
    assert line.startswith("no space left on the device of a file the run writes — free space there")


def test_a_refused_path_is_named_with_its_path() -> None:
    with pytest.raises(OSError) as raised:
        os.mkdir("/sys/fiscal-warehouse-test")  # sysfs refuses every mkdir, to root too
    assert explain_exception(raised.value).startswith("permission denied on /sys/fiscal-warehouse-test — ")


def test_a_read_only_file_system_is_named_as_duckdb_reports_it() -> None:
    error = RuntimeError('IO Error: Cannot open file "/mnt/ro/.warehouse.duckdb.build": Read-only file system')
    assert explain_exception(error).startswith("/mnt/ro/.warehouse.duckdb.build is on a read-only file system — ")


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
