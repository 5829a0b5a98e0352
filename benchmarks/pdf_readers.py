"""Time per table page of the two PDF readers, one process: pdfplumber's pages, or PDFium's (``read_page_objects``).

    .venv/bin/python benchmarks/pdf_readers.py                      # the real PDFs in data/raw
    .venv/bin/python benchmarks/pdf_readers.py a.pdf b.pdf

Each reader reads the pages ``PdfText.may_hold_table`` keeps, as the pipeline does (``read_page``: the page's
objects, its grids and lines); ``objects`` is the part PDFium takes to build the page the reader reads. The figures
are medians of ``--runs`` runs per file.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import argparse  # noqa: E402
import io  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402

import pdfplumber  # noqa: E402
import pypdfium2 as pdfium  # noqa: E402

from pipeline.parse.pdf.page import read_page  # noqa: E402
from pipeline.parse.pdf.pdfium_page import PdfiumPages  # noqa: E402
from pipeline.parse.pdf.text import read_pdf_text  # noqa: E402


def _pdfplumber(data: bytes, indexes: list[int]) -> tuple[float, float]:
    start = time.perf_counter()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for index in indexes:
            read_page(pdf.pages[index])
    return time.perf_counter() - start, 0.0


def _pdfium(data: bytes, indexes: list[int]) -> tuple[float, float]:
    start = time.perf_counter()
    document = pdfium.PdfDocument(data)
    pages = PdfiumPages(document)
    objects = 0.0
    for index in indexes:
        began = time.perf_counter()
        page = pages[index]
        objects += time.perf_counter() - began
        read_page(page)
    document.close()
    return time.perf_counter() - start, objects


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    files = args.pdfs or sorted((ROOT / "data" / "raw").glob("*.pdf"))
    totals = {"pages": 0, "pdfplumber": 0.0, "pdfium": 0.0, "objects": 0.0}
    print(f"{'file':48} {'pages':>5} {'pdfplumber':>12} {'pdfium':>10} {'objects':>9} {'speed-up':>8}")
    for path in files:
        data = path.read_bytes()
        indexes = [i for i, may in enumerate(read_pdf_text(data).may_hold_table) if may]
        if not indexes:
            continue
        plumber = statistics.median(_pdfplumber(data, indexes)[0] for _ in range(args.runs))
        runs = [_pdfium(data, indexes) for _ in range(args.runs)]
        pdfium_s = statistics.median(run[0] for run in runs)
        objects_s = statistics.median(run[1] for run in runs)
        n = len(indexes)
        totals["pages"] += n
        totals["pdfplumber"] += plumber
        totals["pdfium"] += pdfium_s
        totals["objects"] += objects_s
        print(
            f"{path.name[:48]:48} {n:5d} {1000 * plumber / n:9.1f} ms {1000 * pdfium_s / n:7.1f} ms"
            f" {1000 * objects_s / n:6.1f} ms {plumber / pdfium_s:7.2f}×"
        )
    n = totals["pages"]
    print(
        f"{'all':48} {n:5d} {1000 * totals['pdfplumber'] / n:9.1f} ms {1000 * totals['pdfium'] / n:7.1f} ms"
        f" {1000 * totals['objects'] / n:6.1f} ms {totals['pdfplumber'] / totals['pdfium']:7.2f}×"
    )


if __name__ == "__main__":
    main()
