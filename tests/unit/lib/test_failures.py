"""A failure reaches the operator as one line naming the operating system's error underneath, with what to do."""

from __future__ import annotations

import os

import pytest

from pipeline.lib.failures import explain_exception


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
