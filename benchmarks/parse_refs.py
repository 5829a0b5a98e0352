"""The parse step alone, timed three ways over the same files.

- ``ours``: the pipeline's own parse step, ``pipeline.read.batches.read_documents`` (one worker process per core).
  ``every_page`` is the same reader with the PDF fast path off (``FISCAL_PDF_FAST=0``: the table reader reads
  every page), in a pool of its own, to show what the fast path saves.
- ``naive``: the baseline, one process reading every page with pdfplumber (``extract_text`` and ``extract_tables``).
- ``floor``: ``pdftotext`` (poppler, C++) over every file, one process per core at a time: no Python reader reads a
  text layer faster.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import subprocess
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

import pdfplumber

from pipeline import schemas
from pipeline.parse.dispatch import parse_document
from pipeline.parse.pdf.report import FAST_ENV
from pipeline.read.batches import read_documents
from pipeline.settings import Settings


def ours(files: list[Path]) -> float:
    root = Path(os.path.commonpath([path.parent for path in files]))
    documents = [(hashlib.sha256(path.read_bytes()).hexdigest(), path.relative_to(root).as_posix()) for path in files]
    start = time.perf_counter()
    items = sum(
        batch.frames[schemas.LINE_ITEMS.name].height
        for batch in read_documents(documents, root, limits=Settings.from_env().limits)
    )
    elapsed = time.perf_counter() - start
    if not items:
        raise RuntimeError("the parser read no line item from the corpus")
    return elapsed


def every_page(files: list[Path]) -> float:
    start = time.perf_counter()
    # spawn: workers forked from this process (which already ran a pool and polars threads) can hang on a lock.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(os.cpu_count(), mp_context=context, initializer=_read_every_page) as pool:
        items = sum(pool.map(_parse, files, chunksize=1))
    if not items:
        raise RuntimeError("the parser read no line item from the corpus")
    return time.perf_counter() - start


def naive(files: list[Path]) -> float:
    start = time.perf_counter()
    for path in files:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.extract_tables()
    return time.perf_counter() - start


def floor(files: list[Path]) -> float:
    start = time.perf_counter()
    with ThreadPoolExecutor(os.cpu_count()) as pool:
        list(pool.map(_pdftotext, files))
    return time.perf_counter() - start


def _read_every_page() -> None:
    os.environ[FAST_ENV] = "0"


def _parse(path: Path) -> int:
    data = path.read_bytes()
    parsed = parse_document(data, sha256=hashlib.sha256(data).hexdigest(), source_path=path.name)
    return parsed[schemas.LINE_ITEMS.name].height


def _pdftotext(path: Path) -> None:
    subprocess.run(["pdftotext", "-q", str(path), "-"], check=True, stdout=subprocess.DEVNULL)
