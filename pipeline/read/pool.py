"""Each document read in a worker process, under a time and a memory limit, so that no document can stop a run.

A reader can run for hours on a hostile file (deeply nested HTML once did) or expand a small one to gigabytes (a
zip bomb, a PDF stream of zeros). So documents are read in pebble's process pool: a document past its time
limit has its worker killed, a worker that dies fails its document alone, and the pool starts a new worker for
the next one. A thread in each worker watches the worker's resident memory and ends the process with
``MEMORY_LIMIT_EXIT`` once it passes the limit: the watch is on memory really used, where an address-space
rlimit would also count the thread stacks and allocator arenas that grow with the number of cores.

The worker reads the file itself (the bytes never cross a process boundary) and hashes the bytes it parsed: a
file rewritten after the scan hashed it comes back as a ``ChangedFile``, never as figures under the old hash.
"""

from __future__ import annotations

import concurrent.futures
import hashlib
import itertools
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

import psutil
from pebble import ProcessExpired, ProcessPool

from pipeline.checks.document import CheckedDocument, check_document
from pipeline.parse.dispatch import parse_document
from pipeline.parse.version import PARSER_VERSION
from pipeline.quarantine import UnreadableDocument
from pipeline.settings import PARSE_MEMORY_ENV, PARSE_TIMEOUT_ENV, ReadLimits
from pipeline.sources import drop_folder

# The exit status of a worker the memory watch stopped; sysexits.h leaves 64–78 to programs, none uses 87.
MEMORY_LIMIT_EXIT = 87
# A bomb grows by a few hundred MB a second: checked this often, it overshoots the limit by a few MB.
_MEMORY_POLL_S = 0.02


class ParseWorkersFailed(RuntimeError):
    """The pool cannot read any document: a fault of the machine or the installation, not of a document."""


@dataclass(frozen=True)
class ChangedFile:
    """A file whose bytes were no longer those the scan hashed when the worker read them (or that was gone)."""

    document_sha256: str  # as scanned
    source_path: str
    read_sha256: str | None  # of the bytes found; None when the file was gone

    @property
    def message(self) -> str:
        """What the operator is told."""
        now = "was deleted" if self.read_sha256 is None else f"holds other bytes (sha256 {self.read_sha256[:12]}…)"
        return (
            f"{self.source_path} {now} since the scan hashed it as {self.document_sha256[:12]}…: nothing recorded "
            "under that hash; the next run reads the file as it is then"
        )


Outcome = CheckedDocument | dict | ChangedFile
"""A document's checked frames, its quarantine row, or the news that its file changed under the run."""


def read_one(root: str, sha256: str, source_path: str, limits: ReadLimits) -> Outcome:
    """One document's frames and findings, or its quarantine row: one broken document never stops the others."""
    try:
        # Read through the drop folder: the path is its escaped form, symlinks are refused, the size checked first.
        data = drop_folder.read_document(Path(root), source_path, limits.file_bytes)
    except FileNotFoundError:
        return ChangedFile(sha256, source_path, None)
    except UnreadableDocument as exc:
        return quarantine_row(sha256, source_path, exc.reason_code, exc.reason)
    read_sha = hashlib.sha256(data).hexdigest()
    if read_sha != sha256:
        return ChangedFile(sha256, source_path, read_sha)
    step = "reader"
    try:
        parsed = parse_document(data, sha256=sha256, source_path=source_path, max_expanded_bytes=limits.expanded_bytes)
        step = "checks"
        return check_document(parsed)
    except UnreadableDocument as exc:
        return quarantine_row(sha256, source_path, exc.reason_code, exc.reason)
    except MemoryError:
        return _memory_limit_row(sha256, source_path, limits)
    except Exception as exc:  # noqa: BLE001 — the reason is kept in the quarantine, the run goes on
        return quarantine_row(sha256, source_path, "parse_error", f"the {step} failed: {type(exc).__name__}: {exc}")


def quarantine_row(sha256: str, source_path: str, reason_code: str, reason: str) -> dict:
    return {
        "document_sha256": sha256,
        "source_path": source_path,
        "reason_code": reason_code,
        "reason": reason,
        "parser_version": PARSER_VERSION,
    }


def read_in_workers(
    documents: Sequence[tuple[str, str]], root: Path, limits: ReadLimits, *, workers: int, ahead: int
) -> Iterator[Outcome]:
    """The outcome of each ``(sha256, source_path)``, in input order, read by ``workers`` processes; at most
    ``ahead`` documents are read ahead of the caller, which bounds the frames held in memory."""
    # spawn, not fork: the caller may run threads (Dagster, polars), and a forked copy of a held lock deadlocks. Not
    # forkserver either: its server, with the parser imported (80 MB), would outlive the pool, through dbt, the
    # run's peak of memory; each spawned worker imports the parser once, side by side.
    pool = ProcessPool(
        max_workers=workers, initializer=watch_memory, initargs=(limits.memory_bytes,),
        context=multiprocessing.get_context("spawn"),
    )
    queued: deque[tuple[str, str, concurrent.futures.Future]] = deque()
    remaining = iter(documents)
    finished = False
    try:
        while True:
            for sha, path in itertools.islice(remaining, max(ahead, workers) - len(queued)):
                future = pool.schedule(read_one, (str(root), sha, path, limits), timeout=limits.seconds)
                queued.append((sha, path, future))
            if not queued:
                break
            sha, path, future = queued.popleft()
            yield _outcome(future, sha, path, limits)
        finished = True
    finally:
        # A caller that stops early (its load failed) must not wait for documents nobody will take.
        pool.close() if finished else pool.stop()
        pool.join()


def _outcome(future: concurrent.futures.Future, sha: str, path: str, limits: ReadLimits) -> Outcome:
    try:
        return future.result()
    except concurrent.futures.TimeoutError:
        return quarantine_row(
            sha, path, "timeout",
            f"reading took longer than {limits.seconds:g} s, the limit per document ({PARSE_TIMEOUT_ENV}); stopped",
        )
    except ProcessExpired as exc:
        if exc.exitcode == MEMORY_LIMIT_EXIT:
            return _memory_limit_row(sha, path, limits)
        return quarantine_row(sha, path, "reader_crashed", f"the reader's process died: {_death(exc.exitcode)}")
    except BrokenProcessPool as exc:
        # No worker can start (memory too tight for the parser itself, an import failing): no document's fault,
        # so none is quarantined; the run fails and says why.
        raise ParseWorkersFailed(
            f"the parse workers die as they start ({exc}); a memory limit ({PARSE_MEMORY_ENV}) below what the "
            "parser needs to start, or a broken installation"
        ) from exc
    except Exception as exc:  # noqa: BLE001 — e.g. a result that cannot be sent back; the run goes on
        return quarantine_row(sha, path, "parse_error", f"the reader's result was lost: {type(exc).__name__}: {exc}")


def _memory_limit_row(sha: str, path: str, limits: ReadLimits) -> dict:
    return quarantine_row(
        sha, path, "memory_limit",
        f"the reader needed more than {limits.memory_bytes // 2**20} MiB, the limit per document "
        f"({PARSE_MEMORY_ENV}); stopped",
    )


def _death(exitcode: int | None) -> str:
    if exitcode is None or exitcode >= 0:
        return f"exit status {exitcode}"
    name = signal.Signals(-exitcode).name
    if -exitcode == signal.SIGKILL:
        return f"killed by {name} (most likely the system's out-of-memory killer)"
    return f"killed by {name}"


def watch_memory(limit_bytes: int) -> None:
    """Started in each worker: ends the process with ``MEMORY_LIMIT_EXIT`` once its resident memory passes
    ``limit_bytes``. ``os._exit``, not an exception: the main thread may be deep in C code that never checks."""
    process = psutil.Process()

    def watch() -> None:
        while True:
            if process.memory_info().rss > limit_bytes:
                os._exit(MEMORY_LIMIT_EXIT)
            time.sleep(_MEMORY_POLL_S)

    threading.Thread(target=watch, name="memory-watch", daemon=True).start()
