"""The parse step alone, timed three ways over the same files.

- ``ours``: ``pipeline.parse.dispatch.parse_document`` on every file in a pool of one process per core. It stands in
  for the pipeline's own parallel parse until the pipeline exposes one. ``fast=False`` turns the PDF fast path off
  (``FISCAL_PDF_FAST=0``: pdfplumber reads every page), to show what it saves.
- ``naive``: the baseline, one process reading every page with pdfplumber (``extract_text`` and ``extract_tables``).
- ``floor``: ``pdftotext`` (poppler, C++) over every file, one process per core at a time: no Python reader reads a
  text layer faster.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

import pdfplumber

from pipeline import schemas
from pipeline.parse.dispatch import parse_document
from pipeline.parse.pdf_report import FAST_ENV


def ours(files: list[Path], fast: bool = True) -> float:
    start = time.perf_counter()
    switch = (FAST_ENV, "1" if fast else "0")
    with ProcessPoolExecutor(os.cpu_count(), initializer=os.environ.__setitem__, initargs=switch) as pool:
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


def _parse(path: Path) -> int:
    data = path.read_bytes()
    parsed = parse_document(data, sha256=hashlib.sha256(data).hexdigest(), source_path=path.name)
    return parsed[schemas.LINE_ITEMS.name].height


def _pdftotext(path: Path) -> None:
    subprocess.run(["pdftotext", "-q", str(path), "-"], check=True, stdout=subprocess.DEVNULL)
