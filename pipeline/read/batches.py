"""Reads many documents, spread over worker processes, into batches the loader writes one at a time.

A document comes back as its frames, as a quarantine row, or as a file that changed under the run
(``pipeline.read.pool``). Batches bound the memory a run holds, whatever the number of documents.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from pipeline import schemas
from pipeline.checks.document import CheckedDocument
from pipeline.read.pool import ChangedFile, Outcome, read_in_workers
from pipeline.settings import ReadLimits

WORKERS_ENV = "FISCAL_PARSE_WORKERS"
# Documents per batch: large enough that a load is not dominated by its transaction, small enough that a run over
# thousands of reports holds a few dozen documents' frames at a time.
BATCH_SIZE = 32


@dataclass
class ReadBatch:
    """The frames of a set of documents, the ones quarantined, and the files that changed while being read."""

    frames: dict[str, pl.DataFrame]
    quarantine: pl.DataFrame
    changed: list[ChangedFile] = field(default_factory=list)

    @classmethod
    def of(cls, outcomes: Sequence[Outcome]) -> ReadBatch:
        parsed = [outcome for outcome in outcomes if isinstance(outcome, CheckedDocument)]
        quarantined = [outcome for outcome in outcomes if isinstance(outcome, dict)]
        frames = {
            schema.name: pl.concat([doc[schema.name] for doc in parsed]) if parsed else schema.empty()
            for schema in schemas.DOCUMENT_FRAMES
        }
        changed = [outcome for outcome in outcomes if isinstance(outcome, ChangedFile)]
        return cls(frames=frames, quarantine=schemas.QUARANTINE.frame(quarantined), changed=changed)

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
        """The frame of one schema of ``schemas.DOCUMENT_FRAMES`` or the quarantine."""
        return self.quarantine if name == schemas.QUARANTINE.name else self.frames[name]


def worker_count() -> int:
    """``FISCAL_PARSE_WORKERS`` when set, else one worker per core."""
    configured = os.environ.get(WORKERS_ENV)
    return max(1, int(configured)) if configured else os.cpu_count() or 1


def read_documents(
    documents: Sequence[tuple[str, str]],
    root: Path,
    *,
    limits: ReadLimits,
    workers: int | None = None,
    batch_size: int = BATCH_SIZE,
) -> Iterator[ReadBatch]:
    """Reads ``(sha256, source_path)`` pairs, ``workers`` at a time, each within ``limits``, and yields them in
    batches in input order."""
    if not documents:
        return
    workers = max(1, min(workers or worker_count(), len(documents)))
    # Read ahead by a batch and two documents per worker: the workers keep going while the loader writes a batch.
    outcomes = read_in_workers(documents, root, limits, workers=workers, ahead=batch_size + 2 * workers)
    yield from _batches(outcomes, batch_size)


def _batches(outcomes: Iterable[Outcome], size: int) -> Iterator[ReadBatch]:
    chunk: list[Outcome] = []
    for outcome in outcomes:
        chunk.append(outcome)
        if len(chunk) == size:
            yield ReadBatch.of(chunk)
            chunk = []
    if chunk:
        yield ReadBatch.of(chunk)
