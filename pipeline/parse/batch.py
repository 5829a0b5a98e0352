"""Reads many documents, spread over worker processes, into batches the loader writes one at a time.

A document is read by one worker from its file (the bytes never cross a process boundary) and comes back as its
frames or as a quarantine row. Batches bound the memory a run holds, whatever the number of documents.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from pipeline import schemas
from pipeline.parse.dispatch import parse_document
from pipeline.parse.result import ParsedDocument, UnreadableDocument
from pipeline.parse.version import PARSER_VERSION
from pipeline.sources import drop_folder

WORKERS_ENV = "FISCAL_PARSE_WORKERS"
# Documents per batch: large enough that a load is not dominated by its transaction, small enough that a run over
# thousands of reports holds a few dozen documents' frames at a time.
BATCH_SIZE = 32


@dataclass
class ParseBatch:
    """The frames of a set of documents, plus the ones quarantined."""

    frames: dict[str, pl.DataFrame]
    quarantine: pl.DataFrame

    @classmethod
    def of(cls, outcomes: Sequence[ParsedDocument | dict]) -> ParseBatch:
        parsed = [outcome for outcome in outcomes if isinstance(outcome, ParsedDocument)]
        quarantined = [outcome for outcome in outcomes if isinstance(outcome, dict)]
        frames = {
            schema.name: pl.concat([doc[schema.name] for doc in parsed]) if parsed else schema.empty()
            for schema in schemas.PARSED_FRAMES
        }
        return cls(frames=frames, quarantine=schemas.QUARANTINE.frame(quarantined))

    @property
    def document_count(self) -> int:
        return self.frames[schemas.DOCUMENTS.name].height

    @property
    def document_shas(self) -> list[str]:
        """Every document the batch read, loaded or quarantined."""
        return sorted(
            set(self.frames[schemas.DOCUMENTS.name]["document_sha256"].to_list())
            | set(self.quarantine["document_sha256"].to_list())
        )

    def frame(self, name: str) -> pl.DataFrame:
        """The frame of one schema of ``schemas.PARSED_FRAMES`` or the quarantine."""
        return self.quarantine if name == schemas.QUARANTINE.name else self.frames[name]


def parse_one(root: str, sha256: str, source_path: str, max_file_bytes: int) -> ParsedDocument | dict:
    """One document's frames, or its quarantine row: one broken document never stops the others."""
    try:
        # Read through the drop folder: the path is its escaped form, symlinks are refused, the size checked first.
        data = drop_folder.read_document(Path(root), source_path, max_file_bytes)
        return parse_document(data, sha256=sha256, source_path=source_path)
    except UnreadableDocument as exc:
        return quarantine_row(sha256, source_path, exc.reason_code, exc.reason)
    except Exception as exc:  # noqa: BLE001 — the reason is kept in the quarantine, the run goes on
        return quarantine_row(sha256, source_path, "parse_error", f"the reader failed: {type(exc).__name__}: {exc}")


def quarantine_row(sha256: str, source_path: str, reason_code: str, reason: str) -> dict:
    return {
        "document_sha256": sha256,
        "source_path": source_path,
        "reason_code": reason_code,
        "reason": reason,
        "parser_version": PARSER_VERSION,
    }


def worker_count() -> int:
    """``FISCAL_PARSE_WORKERS`` when set, else one worker per core."""
    configured = os.environ.get(WORKERS_ENV)
    return max(1, int(configured)) if configured else os.cpu_count() or 1


def parse_documents(
    documents: Sequence[tuple[str, str]],
    root: Path,
    *,
    max_file_bytes: int,
    workers: int | None = None,
    batch_size: int = BATCH_SIZE,
) -> Iterator[ParseBatch]:
    """Reads ``(sha256, source_path)`` pairs, ``workers`` at a time, and yields them in batches in input order;
    a file larger than ``max_file_bytes`` is quarantined unread."""
    workers = min(workers or worker_count(), len(documents))
    if workers <= 1:
        yield from _batches(
            (parse_one(str(root), sha, path, max_file_bytes) for sha, path in documents), batch_size
        )
        return
    # spawn, not fork: the caller may run threads (Dagster, polars), and a forked copy of a held lock deadlocks. Not
    # forkserver either: its server, with the parser imported (80 MB), would outlive the pool, through dbt, the
    # run's peak of memory; each spawned worker imports the parser once, side by side.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        shas = [sha for sha, _ in documents]
        paths = [path for _, path in documents]
        # map() queues every document at once and hands results back in order: the workers never wait for the load.
        roots, limits = [str(root)] * len(documents), [max_file_bytes] * len(documents)
        yield from _batches(pool.map(parse_one, roots, shas, paths, limits), batch_size)


def _batches(outcomes: Iterable[ParsedDocument | dict], size: int) -> Iterator[ParseBatch]:
    chunk: list[ParsedDocument | dict] = []
    for outcome in outcomes:
        chunk.append(outcome)
        if len(chunk) == size:
            yield ParseBatch.of(chunk)
            chunk = []
    if chunk:
        yield ParseBatch.of(chunk)
