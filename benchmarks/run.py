"""Performance benchmark: the pipeline end to end on N generated reports, the parse step against two references,
and the README's researcher queries on a warehouse the size of 100,000 reports.

    .venv/bin/python benchmarks/run.py                 # 1,000 reports (~17k pages)
    .venv/bin/python benchmarks/run.py --small         # 20 reports, a few minutes
    .venv/bin/python benchmarks/run.py --reports 200 --out /tmp/bench.json
    .venv/bin/python benchmarks/run.py --parse-sample 100   # 1,000 end to end, the parse references on 100

Every pipeline run is ``python -m pipeline ingest --raw … --warehouse …`` in a subprocess with its own DAGSTER_HOME:

- cold: an empty warehouse → N reports parsed, loaded and dbt-built;
- noop: the same again, nothing new;
- one_new: one more report in the raw folder, end to end.

Then the parse step alone over the same N files (see ``parse_refs``): ours, the naive pdfplumber loop and the
pdftotext floor. Last, the shipped data/raw is ingested too, both warehouses' marts are pooled and replicated to
100,000 reports (``synthetic``) and each README question is timed on them (median of ``--query-runs``).
The corpus is cached in benchmarks/.corpus/ (git-ignored).

It prints one table and writes the figures as JSON (``--out``, default benchmarks/results.json).
Not part of the test suite; the exit code is 0 whatever the figures.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import platform  # noqa: E402
import shutil  # noqa: E402
import tempfile  # noqa: E402

from benchmarks import dbt_sql, parse_refs, synthetic  # noqa: E402
from benchmarks.corpus_cache import corpus, page_count  # noqa: E402
from benchmarks.measure import Run, run  # noqa: E402
from tests.readme_questions import readme_questions  # noqa: E402

DEFAULT_REPORTS = 1000
SMALL_REPORTS = 20
QUERY_REPORTS = 100_000
RSS_MEASURE = (
    "peak_rss_mb: largest summed RSS of the ingest's process tree (pipeline, parse workers, dbt),"
    " sampled from /proc every 0.1 s; peak_process_rss_mb: largest RSS of one process of the tree"
    " (wait4 ru_maxrss)"
)
# (key, label, unit, target: (comparison, bound) or None)
ROWS = (
    ("reports", "reports (cold run)", "", None),
    ("pages", "pages (cold run)", "", None),
    ("cold_s", "cold end to end", "s", ("<=", 300)),
    ("pages_per_s", "cold pages per second", "p/s", None),
    ("peak_rss_mb", "peak RSS, process tree (cold)", "MB", ("<=", 1024)),
    ("peak_process_rss_mb", "peak RSS, one process (cold)", "MB", None),
    ("noop_s", "nightly no-op", "s", ("<=", 10)),
    ("one_new_s", "one new report end to end", "s", ("<=", 20)),
    ("one_new_dbt_nodes", "one new: dbt nodes built and tested", "", None),
    ("one_new_dbt_execution_s", "one new: dbt's execution", "s", None),
    ("one_new_dbt_sql_s", "one new: its SQL alone in DuckDB", "s", None),
    ("parse_reports", "reports (parse alone)", "", None),
    ("parse_s", "parse alone, ours (pool)", "s", None),
    ("parse_every_page_s", "parse alone, ours, fast path off", "s", None),
    ("fast_path_speedup", "fast path speedup (off / on)", "×", None),
    ("naive_parse_s", "parse alone, naive pdfplumber", "s", None),
    ("pdftotext_s", "pdftotext floor (pool)", "s", None),
    ("speedup_vs_naive", "speedup vs naive (naive / ours)", "×", (">=", 3)),
    ("floor_ratio", "floor ratio (ours / pdftotext)", "×", None),
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--small", action="store_true", help=f"{SMALL_REPORTS} reports instead of {DEFAULT_REPORTS}")
    size.add_argument("--reports", type=int, help="how many reports the cold run ingests")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed")
    parser.add_argument("--query-runs", type=int, default=7, help="runs per README query (the median is kept)")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results.json", help="the JSON figures")
    parser.add_argument("--work", type=Path, help="keep the raw folders, warehouses and logs here")
    parser.add_argument(
        "--parse-sample",
        type=int,
        help="time the parse step alone (ours, fast path off, naive, pdftotext) on the first N reports only: the naive"
        " loop alone takes ~12 minutes of one core per 1,000 reports",
    )
    args = parser.parse_args(argv)
    reports = args.reports or (SMALL_REPORTS if args.small else DEFAULT_REPORTS)

    work = args.work or Path(tempfile.mkdtemp(prefix="fiscal-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        figures = measure(reports, args.seed, args.query_runs, work, args.parse_sample)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    print_table(figures)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(figures, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"\nfigures written to {args.out}")
    return 0


def measure(reports: int, seed: int, query_runs: int, work: Path, parse_sample: int | None = None) -> dict:
    _say(f"corpus: {reports} + 1 reports (benchmarks/.corpus/)")
    files = corpus(reports + 1, seed)
    cold_files, new_file = files[:reports], files[reports]
    pages = sum(page_count(f) for f in cold_files)

    raw = work / "raw"
    raw.mkdir()
    for path in cold_files:
        os.link(path, raw / path.name)
    warehouse = work / "warehouse.duckdb"
    _say("cold run …")
    cold = _ingest(raw, warehouse, work, "cold")
    _say("no-op run …")
    noop = _ingest(raw, warehouse, work, "noop")
    os.link(new_file, raw / new_file.name)
    _say("one new report …")
    one_new = _ingest(raw, warehouse, work, "one_new")
    dbt_cost = dbt_sql.build_cost(ROOT / "dbt_project" / "target" / "run_results.json", warehouse)

    parse_files = cold_files[:parse_sample] if parse_sample else cold_files
    _say(f"parse alone, {len(parse_files)} reports: ours …")
    parse_s = parse_refs.ours(parse_files)
    _say("parse alone: ours, fast path off …")
    every_page_s = parse_refs.every_page(parse_files)
    _say("parse alone: naive pdfplumber loop …")
    naive_s = parse_refs.naive(parse_files)
    _say("parse alone: pdftotext …")
    floor_s = parse_refs.floor(parse_files)

    _say(f"queries: the shipped data/raw ingested, both warehouses' marts replicated to {QUERY_REPORTS:,} reports …")
    shipped = work / "shipped.duckdb"
    _ingest(ROOT / "data" / "raw", shipped, work, "shipped")
    large = work / "large.duckdb"
    rows = synthetic.replicate([warehouse, shipped], large, QUERY_REPORTS)
    questions = [(title, sql) for title, sql, _ in readme_questions()]
    timed = synthetic.time_queries(large, questions, query_runs)

    return {
        "cores": os.cpu_count(),
        "machine": platform.platform(),
        "reports": reports,
        "pages": pages,
        "cold_s": round(cold.wall_s, 2),
        "pages_per_s": round(pages / cold.wall_s, 1),
        "peak_rss_mb": round(cold.tree_rss_mb, 1),
        "peak_process_rss_mb": round(cold.process_rss_mb, 1),
        "rss_measure": RSS_MEASURE,
        "noop_s": round(noop.wall_s, 2),
        "noop_peak_rss_mb": round(noop.tree_rss_mb, 1),
        "one_new_s": round(one_new.wall_s, 2),
        "one_new_peak_rss_mb": round(one_new.tree_rss_mb, 1),
        "one_new_dbt_nodes": dbt_cost.nodes,
        "one_new_dbt_execution_s": round(dbt_cost.execution_s, 2),
        "one_new_dbt_sql_s": round(dbt_cost.tables_sql_s + dbt_cost.tests_sql_s, 2),
        "one_new_dbt_tables_sql_s": round(dbt_cost.tables_sql_s, 2),
        "one_new_dbt_tests_sql_s": round(dbt_cost.tests_sql_s, 2),
        "parse_reports": len(parse_files),
        "parse_pages": sum(page_count(f) for f in parse_files),
        "parse_s": round(parse_s, 2),
        "parse_every_page_s": round(every_page_s, 2),
        "fast_path_speedup": round(every_page_s / parse_s, 2),
        "naive_parse_s": round(naive_s, 2),
        "pdftotext_s": round(floor_s, 2),
        "speedup_vs_naive": round(naive_s / parse_s, 2),
        "floor_ratio": round(parse_s / floor_s, 2),
        "query_reports": QUERY_REPORTS,
        "query_runs": query_runs,
        "query_rows": rows,
        "query_ms": {title: round(ms, 1) for title, (ms, _) in timed.items()},
        "query_answer_rows": {title: answered for title, (_, answered) in timed.items()},
    }


def _ingest(raw: Path, warehouse: Path, work: Path, name: str) -> Run:
    env = dict(os.environ, DAGSTER_HOME=str(work / f"dagster-{name}"))
    command = [sys.executable, "-m", "pipeline", "ingest", "--raw", str(raw), "--warehouse", str(warehouse)]
    return run(command, env=env, log=work / f"{name}.log")


def print_table(figures: dict) -> None:
    lines = [("figure", "value", "target", "")]
    for key, label, unit, target in ROWS:
        value = figures[key]
        bound = f"{target[0]} {target[1]}" if target else ""
        verdict = ""
        if target:
            met = value <= target[1] if target[0] == "<=" else value >= target[1]
            verdict = "ok" if met else "MISSED"
        lines.append((label, f"{value} {unit}".strip(), bound, verdict))
    for title, ms in figures["query_ms"].items():
        verdict = "ok" if ms <= 100 else "MISSED"
        lines.append((f"query {title[:40]}", f"{ms} ms", "<= 100", verdict))
    widths = [max(_width(line[i]) for line in lines) for i in range(4)]
    print(f"\nbenchmark on {figures['cores']} cores ({figures['machine']})")
    for line in lines:
        print("  ".join(cell + " " * (widths[i] - _width(cell)) for i, cell in enumerate(line)).rstrip())
    print(f"queries: median of {figures['query_runs']} runs on {figures['query_reports']:,} reports' marts")
    print(RSS_MEASURE)


def _width(text: str) -> int:
    """Columns a string takes in a terminal: CJK characters take two."""
    return sum(2 if "\u2e80" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" else 1 for ch in text)


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
