"""One line that says what went wrong underneath a failure, and what to do about it.

A failed step reaches the command line wrapped: "Error occurred while executing op", a dbt error around a DuckDB
error around the operating system's. The operator needs the innermost cause — no space left on a device, a
read-only file system, a permission refused on a path — named with its path, and the fix.
"""

from __future__ import annotations

import errno
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

from pipeline.settings import RAW_DIR_ENV, WAREHOUSE_ENV


class ErrorInfo(Protocol):
    """What Dagster keeps of a step's exception (``DagsterEvent.step_failure_data.error``)."""

    cls_name: str | None
    message: str
    cause: ErrorInfo | None
    context: ErrorInfo | None


@dataclass(frozen=True)
class _Cause:
    codes: tuple[int, ...]
    phrase: str  # as strerror prints it, and as DuckDB and dbt repeat it in their own messages
    what: str
    todo: str


_ELSEWHERE = f"or point {WAREHOUSE_ENV} (--warehouse) / DAGSTER_HOME elsewhere"
_CAUSES = (
    _Cause((errno.ENOSPC,), "no space left on device", "no space left on the device of {path}",
           f"free space there, {_ELSEWHERE}"),
    _Cause((errno.EDQUOT,), "disk quota exceeded", "the disk quota is used up writing {path}",
           f"free space or raise the quota, {_ELSEWHERE}"),
    _Cause((errno.EROFS,), "read-only file system", "{path} is on a read-only file system",
           f"remount it writable, {_ELSEWHERE}"),
    _Cause((errno.EACCES, errno.EPERM), "permission denied", "permission denied on {path}",
           f"let this user write there ({RAW_DIR_ENV} only needs reading), {_ELSEWHERE}"),
    _Cause((errno.EFBIG,), "file too large", "the file size limit (ulimit -f) stopped a write to {path}",
           "raise the limit for this user"),
)
# A path as OSError prints it ('…'), as DuckDB does ("…"), or bare after "on"/"file".
_QUOTED_PATH = re.compile(r"""['"](/[^'"]+)['"]""")


def explain_error(error: ErrorInfo) -> str:
    """The cause of a failed Dagster step, in one line."""
    return _explain(list(_error_messages(error)))


def explain_exception(exc: BaseException) -> str:
    """The cause of an exception raised in this process, in one line."""
    return _explain(list(_exception_messages(exc)))


def _explain(chain: list[tuple[str, str]]) -> str:
    """The first known operating-system cause anywhere in the chain of (class name, message), with what to do;
    else the outermost error that is not Dagster's own wrapper ("Error occurred while executing op")."""
    for _, message in chain:
        for cause in _CAUSES:
            if any(f"[Errno {code}]" in message for code in cause.codes) or cause.phrase in message.lower():
                found = _QUOTED_PATH.search(message)
                what = cause.what.format(path=found.group(1) if found else "a file the run writes")
                return f"{what} — {cause.todo}"
    named = [(name, message) for name, message in chain if message.strip()]
    own = [(name, message) for name, message in named if not name.startswith("Dagster")] or named[-1:]
    if not own:
        return "the run failed without a message"
    name, message = own[0]
    first = message.strip().splitlines()[0]
    return f"{name}: {first}" if name else first


def _error_messages(error: ErrorInfo | None) -> Iterator[tuple[str, str]]:
    while error is not None:
        # Dagster keeps the message as Python prints the exception: "OSError: [Errno 28] …".
        name = error.cls_name or ""
        yield name, error.message.removeprefix(f"{name}: ") if name else error.message
        error = error.cause or error.context


def _exception_messages(exc: BaseException | None) -> Iterator[tuple[str, str]]:
    while exc is not None:
        yield type(exc).__name__, str(exc)
        exc = exc.__cause__ or exc.__context__
