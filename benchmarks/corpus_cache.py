"""A corpus of N generated reports for the benchmark, rendered once in a process pool and cached on disk.

``tests.corpus`` draws each department from 12 regions × 18 departments (216 pairs), so 1,000 reports take five
years per department (200 departments) rather than the generator's default three. Departments are drawn in order in
this process (each one takes a pair the earlier ones left), then rendered in parallel: the files depend only on
(n, seed), as the generator promises, and a finished corpus is reused from ``benchmarks/.corpus/<n>-<seed>/``.
"""

from __future__ import annotations

import math
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pypdfium2 as pdfium

from tests.corpus import spec
from tests.corpus.generate import render_year
from tests.corpus.layout import Layout, assign_layouts

CACHE = Path(__file__).resolve().parent / ".corpus"
YEARS = (2019, 2020, 2021, 2022, 2023)
_DONE = "complete"  # written last: a corpus cut short by an interrupt is rendered again


def corpus(n: int, seed: int) -> list[Path]:
    """The PDFs of ``n`` reports (department by department, year by year), rendering the missing corpus first."""
    folder = CACHE / f"{n}-{seed}"
    if not (folder / _DONE).exists():
        folder.mkdir(parents=True, exist_ok=True)
        jobs = _plan(n, seed)
        with ProcessPoolExecutor(os.cpu_count()) as pool:
            names = list(pool.map(_render, jobs, [folder] * len(jobs), chunksize=4))
        (folder / _DONE).write_text("\n".join(names) + "\n", encoding="utf-8")
    return [folder / name for name in (folder / _DONE).read_text(encoding="utf-8").split()]


def page_count(path: Path) -> int:
    document = pdfium.PdfDocument(path)
    try:
        return len(document)
    finally:
        document.close()


def _plan(n: int, seed: int) -> list[tuple[spec.Department, int, Layout]]:
    departments = math.ceil(n / len(YEARS))
    layouts = assign_layouts(departments * len(YEARS), seed)
    taken: set[tuple[int, int]] = set()
    jobs = []
    for i in range(departments):
        mine = {year: layouts[i * len(YEARS) + j] for j, year in enumerate(YEARS)}
        units = {year: layout.unit for year, layout in mine.items()}
        dept = spec.random_department(seed, i, list(YEARS), units, taken)
        jobs.extend((dept, year, mine[year]) for year in YEARS)
    return jobs[:n]


def _render(job: tuple[spec.Department, int, Layout], folder: Path) -> str:
    dept, year, layout = job
    doc = render_year(dept, year, layout)
    (folder / doc.pdf_name).write_bytes(doc.rendered.pdf)
    return doc.pdf_name
