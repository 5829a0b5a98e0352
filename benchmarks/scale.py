"""What a nightly run costs as the warehouse grows: 1,000, 10,000 and 100,000 reports, in one run of this script.

    .venv/bin/python benchmarks/scale.py                        # 1,000 / 10,000 / 100,000 reports, 5 nights each
    .venv/bin/python benchmarks/scale.py --sizes 1000,10000     # a quicker look
    .venv/bin/python benchmarks/scale.py --work /tmp/scale      # keep the warehouses, folders and logs

How a size is made (replication, documented so that the figures can be judged):

1. A base warehouse is ingested for real, by ``python -m pipeline ingest``, from ``--base`` generated reports
   (``benchmarks/corpus_cache``) and the shipped ``data/raw/`` reports.
2. For a size N, a copy of it has its rows repeated under new documents until it holds N documents: copy c of a
   document is a file ``replica/<c>/<its path>`` in the drop folder, holding the line ``<sha256>#<c>``; every row of
   the ``raw`` schema, the marts (``main``) and the intermediate tables that names a document or a department is
   repeated with each sha256 column replaced by that of the copy's line and each department key and name suffixed
   ``#<c>`` (so each copy is a department of its own, with its own series). The files are real, so a scan that hashed
   them would agree with the warehouse; their size and time are those recorded, so a nightly scan hashes none of
   them. The marts so grown are what a build of those documents gives, so no rebuild is needed (a full rebuild of
   100,000 reports is an operator's one-off, not a nightly cost).
3. Timed, each as ``python -m pipeline ingest`` in a process of its own, its process tree's memory sampled: a run
   with nothing new (``noop``), then ``--nights`` runs that each add one new generated report (``night 1..n``),
   with the warehouse file's size after each.

Prints a table and writes the figures as JSON (``--out``). Not part of the test suite.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import argparse  # noqa: E402
import json  # noqa: E402
import math  # noqa: E402
import multiprocessing  # noqa: E402
import os  # noqa: E402
import platform  # noqa: E402
import shutil  # noqa: E402
import tempfile  # noqa: E402
from concurrent.futures import ProcessPoolExecutor  # noqa: E402
from datetime import datetime  # noqa: E402

import duckdb  # noqa: E402

from benchmarks.corpus_cache import corpus  # noqa: E402
from benchmarks.measure import Run, run  # noqa: E402
from pipeline import schemas  # noqa: E402
from pipeline.load.ddl import RAW_SCHEMA  # noqa: E402

DEFAULT_SIZES = (1_000, 10_000, 100_000)
_REPLICA = "replica"
# The columns that name a department: suffixed per copy, so that a copy is a department of its own.
_DEPARTMENT_COLUMNS = (
    "department_key", "department_name", "department_name_normalized", "department_name_canonical", "name_variants",
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)), help="warehouse sizes, in reports")
    parser.add_argument("--nights", type=int, default=5, help="one-new runs per size")
    parser.add_argument("--base", type=int, default=100, help="generated reports the base warehouse is read from")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed")
    parser.add_argument("--work", type=Path, help="keep the warehouses, drop folders and logs here")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "scale.json", help="the JSON figures")
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",")]
    work = args.work or Path(tempfile.mkdtemp(prefix="fiscal-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        figures = measure(sizes, args.nights, args.base, args.seed, work)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    print_table(figures)
    args.out.write_text(json.dumps(figures, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"\nfigures written to {args.out}")
    return 0


def measure(sizes: list[int], nights: int, base: int, seed: int, work: Path) -> dict:
    files = corpus(base + nights, seed)
    base_files, new_files = files[:base], files[base:]
    base_raw = work / "base-raw"
    base_raw.mkdir(exist_ok=True)
    for path in [*base_files, *sorted((ROOT / "data" / "raw").iterdir())]:
        if path.is_file() and not path.name.startswith(".") and not (base_raw / path.name).exists():
            os.link(path, base_raw / path.name)
    base_warehouse = work / "base.duckdb"
    _say(f"base warehouse: {base} generated reports and data/raw …")
    _ingest(base_raw, base_warehouse, work, "base")
    results = {
        "cores": os.cpu_count(), "machine": f"{platform.system()} {platform.machine()}",
        "measured_at": datetime.now().isoformat(timespec="seconds"), "base_reports": base, "sizes": {},
    }
    for size in sizes:
        folder = work / f"n{size}"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        raw, warehouse = folder / "raw", folder / "warehouse.duckdb"
        _say(f"{size:,} reports: replicating …")
        # In a process of its own: a child's peak RSS (wait4) starts from its parent's at fork, and DuckDB's
        # replication would leave this process holding gigabytes.
        with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as replicator:
            documents = replicator.submit(replicate, base_warehouse, base_raw, warehouse, raw, size).result()
        _say(f"{size:,} reports: no-op …")
        noop = _ingest(raw, warehouse, folder, "noop")
        night_runs = []
        for night, new_file in enumerate(new_files, start=1):
            os.link(new_file, raw / new_file.name)
            _say(f"{size:,} reports: night {night} …")
            ran = _ingest(raw, warehouse, folder, f"night{night}")
            night_runs.append({**_figures(ran), "warehouse_mib": round(warehouse.stat().st_size / 2**20, 1)})
        results["sizes"][str(size)] = {
            "documents": documents, "files": sum(1 for p in raw.rglob("*") if p.is_file()),
            "noop": _figures(noop), "nights": night_runs,
        }
        if size != sizes[-1]:
            shutil.rmtree(folder / "raw" / _REPLICA, ignore_errors=True)
    return results


def replicate(base_warehouse: Path, base_raw: Path, warehouse: Path, raw: Path, size: int) -> int:
    """A copy of the base warehouse grown to ``size`` documents, and its drop folder; the documents it holds."""
    shutil.copyfile(base_warehouse, warehouse)
    shutil.copytree(base_raw, raw, copy_function=os.link)
    with duckdb.connect(str(warehouse)) as con:
        con.execute("SET enable_progress_bar = false")
        [(documents,)] = con.execute(f"SELECT count(*) FROM {RAW_SCHEMA}.documents").fetchall()
        [(quarantined,)] = con.execute(f"SELECT count(*) FROM {RAW_SCHEMA}.quarantine").fetchall()
        copies = math.ceil(size / (documents + quarantined))
        files = con.execute(
            f"SELECT source_path, document_sha256 FROM {RAW_SCHEMA}.document_files WHERE is_present IS NOT false"
        ).fetchall()
        stamp = datetime(2020, 1, 1).timestamp()
        for copy in range(1, copies):
            for path, sha in files:
                replica = raw / _REPLICA / str(copy) / path
                replica.parent.mkdir(parents=True, exist_ok=True)
                replica.write_text(f"{sha}#{copy}\n", encoding="utf-8")
                os.utime(replica, (stamp, stamp))
        con.execute("CREATE TEMP TABLE copies AS SELECT range AS copy FROM range(1, ?)", [copies])
        for schema_name, table, columns in _replicated_tables(con):
            renamed = {column: _copied(column, type_) for column, type_ in columns if _copied(column, type_)}
            where = ""
            if (schema_name, table) == (RAW_SCHEMA, schemas.DOCUMENT_FILES.name):
                renamed |= {
                    "source_path": f"'{_REPLICA}/' || copy || '/' || source_path",
                    "file_size_bytes": "strlen(document_sha256 || '#' || copy || chr(10))",
                    "file_modified_at": f"make_timestamp({int(stamp * 1_000_000)})",
                }
                where = " WHERE is_present IS NOT false"
            replaced = ", ".join(f"{expression} AS {column}" for column, expression in renamed.items())
            con.execute(
                f"INSERT INTO {schema_name}.{table} BY NAME SELECT * EXCLUDE (copy) REPLACE ({replaced}) "
                f"FROM (SELECT * FROM {schema_name}.{table}{where}), copies"
            )
        con.execute("CHECKPOINT")
        [(grown,)] = con.execute(
            f"SELECT (SELECT count(*) FROM {RAW_SCHEMA}.documents) + (SELECT count(*) FROM {RAW_SCHEMA}.quarantine)"
        ).fetchall()
    return grown


def _replicated_tables(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """The tables whose rows name a document or a department, with their columns and types."""
    rows = con.execute(
        "SELECT table_schema, table_name, list((column_name, data_type) ORDER BY ordinal_position) "
        "FROM information_schema.columns WHERE table_schema IN (?, 'main', 'intermediate') "
        "AND table_name IN (SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE') "
        "GROUP BY ALL ORDER BY ALL",
        [RAW_SCHEMA],
    ).fetchall()
    return [
        (schema_name, table, [tuple(column) for column in columns])
        for schema_name, table, columns in rows
        if any(_copied(*column) for column in columns)
    ]


def _copied(column: str, type_: str) -> str | None:
    """The expression of ``column`` in a copy (``copy`` its number), or None where a copy keeps the value."""
    if column.endswith("sha256") and type_ == "VARCHAR":
        return f"sha256({column} || '#' || copy || chr(10))"
    if column in _DEPARTMENT_COLUMNS and type_ == "VARCHAR":
        return f"{column} || '#' || copy"
    if column in _DEPARTMENT_COLUMNS and type_ == "VARCHAR[]":
        return f"list_transform({column}, name -> name || '#' || copy)"
    return None


def _ingest(raw: Path, warehouse: Path, folder: Path, name: str) -> Run:
    env = dict(os.environ, DAGSTER_HOME=str(folder / "dagster"))
    env.pop("FISCAL_SOURCES", None)
    command = [sys.executable, "-m", "pipeline", "ingest", "--raw", str(raw), "--warehouse", str(warehouse)]
    return run(command, env=env, log=folder / f"{name}.log")


def _figures(ran: Run) -> dict:
    return {"wall_s": round(ran.wall_s, 1), "tree_rss_mb": round(ran.tree_rss_mb), "process_rss_mb": round(ran.process_rss_mb)}


def print_table(figures: dict) -> None:
    print(f"\nscale benchmark on {figures['cores']} cores ({figures['machine']}), {figures['measured_at']}")
    print(f"{'reports':>9} {'files':>8} {'no-op s':>8} {'one new s (nights)':>26} "
          f"{'peak tree MB':>13} {'file MiB (nights)':>30}")
    for size, row in figures["sizes"].items():
        nights = row["nights"]
        walls = "/".join(f"{n['wall_s']:.0f}" for n in nights)
        peak = max([row["noop"]["tree_rss_mb"], *(n["tree_rss_mb"] for n in nights)])
        mib = "/".join(f"{n['warehouse_mib']:.0f}" for n in nights)
        print(f"{int(size):>9,} {row['files']:>8,} {row['noop']['wall_s']:>8.1f} "
              f"{walls:>26} {peak:>13} {mib:>30}")


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
