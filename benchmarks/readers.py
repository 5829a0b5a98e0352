"""What a reader costs as its input grows tenfold: wall time and peak memory per document, on generated inputs.

    .venv/bin/python benchmarks/readers.py            # nested HTML to 200,000 levels, a sheet to 100,000 rows
    .venv/bin/python benchmarks/readers.py --large    # and a sheet of 1,000,000 rows (a few minutes)

Each case runs in a fresh process (its peak RSS is its own): the inputs of ``tests/corpus/hostile.py`` that were
once quadratic — deeply nested ``<div>`` (``html_report._main_body``) and a long sheet (``cell_grid._stitched``)
— at sizes ten times apart, and a 500-page PDF made of the shared real reports' pages, the size the default read
limits (``pipeline.settings.ReadLimits``) are set against. A linear reader shows a time ratio near 10 per step.
Not part of the test suite; the exit code is 0 whatever the figures.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REAL_PDFS = ROOT.parent / "shared" / "real"

_CASE = """
import json, resource, sys, time
from pipeline.parse.dispatch import parse_document
from pipeline.quarantine import UnreadableDocument
from tests.corpus import hostile

kind, size = sys.argv[1], int(sys.argv[2])
if kind == "pdf_pages":
    data = open(sys.argv[3], "rb").read()
else:
    data = {"nested_divs_html": hostile.nested_divs_html, "long_sheet_xlsx": hostile.long_sheet_xlsx}[kind](size)
start = time.perf_counter()
try:
    parsed = parse_document(data, sha256="0" * 64, source_path=kind)
    outcome = f"{parsed['line_items'].height} line items"
except UnreadableDocument as exc:
    outcome = exc.reason_code
seconds = time.perf_counter() - start
print(json.dumps({"bytes": len(data), "seconds": seconds, "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "outcome": outcome}))
"""


def _run(kind: str, size: int, *extra: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", _CASE, kind, str(size), *extra], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout.splitlines()[-1])


def _pdf_of_pages(pages: int, out: Path) -> Path:
    """The shared real reports' pages, repeated in turn up to ``pages``."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument.new()
    sources = [pdfium.PdfDocument(path) for path in sorted(REAL_PDFS.glob("*.pdf"))]
    while len(document) < pages:
        for source in sources:
            document.import_pages(source, list(range(min(len(source), pages - len(document)))))
            if len(document) >= pages:
                break
    document.save(out)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--large", action="store_true", help="add a sheet of 1,000,000 rows")
    args = parser.parse_args()
    cases = [("nested_divs_html", size) for size in (2_000, 20_000, 200_000)]
    cases += [("long_sheet_xlsx", size) for size in (1_000, 10_000, 100_000, *((1_000_000,) if args.large else ()))]
    print(f"{'input':<18} {'size':>10} {'bytes':>12} {'seconds':>9} {'×prev':>6} {'peak MiB':>9}  outcome")
    previous: dict[str, float] = {}
    for kind, size in cases:
        figures = _run(kind, size)
        ratio = f"{figures['seconds'] / previous[kind]:.1f}" if kind in previous else ""
        previous[kind] = figures["seconds"]
        print(f"{kind:<18} {size:>10,} {figures['bytes']:>12,} {figures['seconds']:>9.2f} {ratio:>6} "
              f"{figures['peak_mib']:>9.0f}  {figures['outcome']}")
    if REAL_PDFS.is_dir():
        import tempfile

        with tempfile.TemporaryDirectory() as folder:
            pdf = _pdf_of_pages(500, Path(folder) / "pages.pdf")
            figures = _run("pdf_pages", 500, str(pdf))
        print(f"{'pdf_pages':<18} {500:>10,} {figures['bytes']:>12,} {figures['seconds']:>9.2f} {'':>6} "
              f"{figures['peak_mib']:>9.0f}  {figures['outcome']}")


if __name__ == "__main__":
    main()
