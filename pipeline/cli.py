"""``python -m pipeline`` (also ``fiscal``): ingest the drop folder, query, export and chart the warehouse.

Errors are one line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import gc
import json
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.lib.dagster_home import write_instance_config
from pipeline.research import ResearchError
from pipeline.settings import RAW_DIR_ENV, WAREHOUSE_ENV, Settings

if TYPE_CHECKING:
    import polars as pl

    from pipeline.load.pending import PendingWork

_WAREHOUSE_HELP = "the DuckDB file (default data/warehouse.duckdb)"


class CliError(Exception):
    pass


def _apply_overrides(args: argparse.Namespace) -> Settings:
    if getattr(args, "warehouse", None):
        os.environ[WAREHOUSE_ENV] = str(Path(args.warehouse).expanduser().resolve())
    if getattr(args, "raw", None):
        os.environ[RAW_DIR_ENV] = str(Path(args.raw).expanduser().resolve())
    settings = Settings.from_env()
    # Pinned to absolute paths for every process started from here (dbt resolves relative ones from its own dir).
    os.environ[WAREHOUSE_ENV] = str(settings.warehouse)
    os.environ[RAW_DIR_ENV] = str(settings.raw_dir)
    return settings


def prepare_dagster_home(settings: Settings) -> None:
    settings.dagster_home.mkdir(parents=True, exist_ok=True)
    write_instance_config(settings.dagster_home)
    os.environ["DAGSTER_HOME"] = str(settings.dagster_home)
    os.environ.setdefault("DO_NOT_TRACK", "1")



def ingest(args: argparse.Namespace) -> int:
    return _run_ingest(args, load_config={}, full_refresh=args.full_refresh)


def retry(args: argparse.Namespace) -> int:
    """Reads documents again although this parser version already read them: after a parser fix."""
    if args.all_quarantined:
        return _run_ingest(args, load_config={"reparse_quarantined": True})
    with _read_only_warehouse(args) as con:
        from pipeline.load.status import resolve_documents

        try:
            shas = resolve_documents(con, args.documents)
        except LookupError as exc:
            raise CliError(str(exc)) from None
    return _run_ingest(args, load_config={"reparse": shas})


def status(args: argparse.Namespace) -> int:
    from pipeline.load.status import STATES, document_states

    with _read_only_warehouse(args) as con:
        states = document_states(con)
    width = max(len(state) for state in STATES)
    for state in STATES:
        print(f"{state:<{width}}  {states.counts[state]}")
    print(f"{'total':<{width}}  {states.total}")
    if states.quarantined.height:
        print("\nquarantined:")
        for row in states.quarantined.iter_rows(named=True):
            print(f"  {row['document_sha256'][:12]}  {row['reason_code']:<20} {row['source_path']}: {row['reason']}")
    gone = states.files_gone.height
    kept = " (kept, with their rows)" if gone else ""
    print(f"\ndocuments whose file is gone from the drop folder: {gone}{kept}")
    for row in states.files_gone.iter_rows(named=True):
        print(f"  {row['document_sha256'][:12]}  {row['state']:<{width}}  {row['last_known_path']}")
    return 0


def _run_ingest(args: argparse.Namespace, *, load_config: dict, full_refresh: bool = False) -> int:
    settings = _apply_overrides(args)
    if not settings.raw_dir.is_dir():
        raise CliError(f"raw folder {settings.raw_dir} does not exist")
    prepare_dagster_home(settings)
    if settings.lake_catalog is None:
        settings.warehouse.parent.mkdir(parents=True, exist_ok=True)
        from pipeline.load.publish import set_aside_stale_wal, stale_wal_message

        # Before the warehouse is read to judge what is new: DuckDB would apply the stale log to that read as well.
        if (stale := set_aside_stale_wal(settings.warehouse)) is not None:
            _say(f"warning: {stale_wal_message(stale)}")
    from pipeline.sources_file import load_sources

    fetch_web = settings.sources.is_file() and bool(load_sources(settings.sources).web_sources)
    files, pending = _pending(settings, load_config)
    if not fetch_web and not full_refresh and _nothing_new(settings, files, pending):
        return 0

    from pipeline.lib.dbt_project import prepare_manifest

    _say("preparing the dbt manifest …")
    prepare_manifest()
    return _run_job(settings, files, pending, fetch_web=fetch_web, load_config=load_config, full_refresh=full_refresh)


def ingest_job():
    """``ingest_all`` with the progress logger; a module-level function, so that ``dg.reconstructable`` can build
    it again in each step's process."""
    from pipeline.definitions import defs
    from pipeline.lib.progress import progress_logger

    return defs().resolve_job_def("ingest_all").with_logger_defs({"progress": progress_logger})


def _run_job(
    settings: Settings, files: pl.DataFrame, pending: PendingWork | None, *, fetch_web: bool, load_config: dict,
    full_refresh: bool,
) -> int:
    import dagster as dg

    from pipeline.definitions import defs
    from pipeline.defs.scans import ingest_run_config, save_scan
    from pipeline.lib.progress import progress_logger

    # A run with nothing new skips dbt and the publish; Dagster then warns once per blocking dbt test it did not
    # gate on, hundreds of lines that say nothing here.
    logging.getLogger("dagster._core.execution.plan.active").setLevel(logging.ERROR)
    definitions = defs()
    instance = dg.DagsterInstance.get()
    run_config = {"loggers": {"progress": {}}}
    log_path = settings.dagster_home / "logs" / "last_ingest.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    # dagster-dbt echoes every dbt log line to stdout; the terminal gets the progress lines, the file the rest.
    with log_path.open("w", encoding="utf-8") as log, contextlib.redirect_stdout(log):
        if fetch_web:
            _say(f"fetching the web sources of {settings.sources}")
            fetch = definitions.resolve_job_def("fetch_sources").with_logger_defs({"progress": progress_logger})
            fetched = fetch.execute_in_process(run_config=run_config, instance=instance, raise_on_error=False)
            _report_fetch(fetched)
            _succeeded(fetched, log_path)
            files, pending = _pending(settings, load_config)
            if not full_refresh and _nothing_new(settings, files, pending):
                return 0
        _say(f"ingesting {settings.raw_dir} into {_warehouse_name(settings)}")
        for _ in range(_ROUNDS):
            # The run reads this scan rather than walking the folder again. Naming the logger in run config makes
            # it the only one: no DEBUG stream from the default console logger.
            scan = save_scan(files, settings.dagster_home)
            round_config = {**run_config, **ingest_run_config(scan, load_config, full_refresh=full_refresh)}
            # Through the job's own executor: on a lake, the multiprocess executor fans the parse out.
            with dg.execute_job(
                dg.reconstructable(ingest_job), instance=instance, run_config=round_config, raise_on_error=False
            ) as result:
                _succeeded(result, log_path)
            _report_quarantined(settings, pending)
            if not _files_changed_under(result):
                break
            # A file rewritten while the run read it was left out; what it holds now is read at once.
            (files, pending), load_config, full_refresh = _pending(settings, {}), {}, False
            if _nothing_new(settings, files, pending):
                break
            _say("files changed while the run read them: ingesting them as they are now")
    checks = result.get_asset_check_evaluations()
    failed = [c for c in checks if not c.passed]
    _say(f"done: run {result.run_id}; {len(checks) - len(failed)} of {len(checks)} checks passed; dbt log {log_path}")
    return 0


# A run after the one that found files changed under it; a folder rewritten without pause waits for the next run.
_ROUNDS = 2


def _files_changed_under(result) -> bool:
    from pipeline.defs.warehouse.assets import CHANGED_FILES, disclosures_tables

    return any(
        materialization.metadata.get(CHANGED_FILES) and materialization.metadata[CHANGED_FILES].value
        for materialization in result.asset_materializations_for_node(disclosures_tables.op.name)
    )


def _report_quarantined(settings: Settings, pending: PendingWork | None) -> None:
    """Each document the run read and quarantined, with its reason: the operator sees the culprit here, not in
    Dagster's run database."""
    from pipeline import schemas
    from pipeline.load import published
    from pipeline.load.ddl import RAW_SCHEMA
    from pipeline.load.warehouse import document_rows

    if not published.exists(settings.warehouse, _lake(settings)):
        return
    with published.read_published(settings.warehouse, _lake(settings)) as con:
        if pending is None:
            rows = con.execute(f"SELECT * FROM {RAW_SCHEMA}.{schemas.QUARANTINE.name} ORDER BY source_path").pl()
        else:
            rows = document_rows(con, schemas.QUARANTINE, pending.to_parse)
    if rows.height:
        _say(f"quarantined {rows.height} document(s) of this run:")
    for row in rows.sort("source_path").iter_rows(named=True):
        _say(f"  {row['reason_code']:<20} {row['source_path']}: {row['reason']}")


def _report_fetch(result) -> None:
    """What the fetch did, and each URL refused or failed: Dagster's log keeps them, the operator needs them here."""
    from pipeline.defs.ingest.web import PROBLEMS, web_downloads
    from pipeline.sources.web.results import COUNTS, problem_line

    for materialization in result.asset_materializations_for_node(web_downloads.op.name):
        metadata = materialization.metadata
        _say("fetched: " + ", ".join(f"{metadata[count].value} {count}" for count in COUNTS))
        for problem in metadata[PROBLEMS].value:
            _say(f"  {problem_line(problem)}")


def _pending(settings: Settings, load_config: dict) -> tuple[pl.DataFrame, PendingWork | None]:
    """The drop folder's files, and what they leave to do, asked of the published warehouse before any run: a
    nightly run with nothing new costs a folder scan that hashes no file the warehouse knows. No pending work
    (``None``) when there is no warehouse yet: everything is to do."""
    from pipeline.load import published
    from pipeline.sources import drop_folder

    if not published.exists(settings.warehouse, _lake(settings)):
        return drop_folder.scan(settings.raw_dir), None
    from pipeline.lib.dbt_project import project_fingerprint
    from pipeline.load.pending import pending_work, recorded_files
    from pipeline.parse.version import PARSER_VERSION

    with published.read_published(settings.warehouse, _lake(settings)) as con:
        files = drop_folder.scan(settings.raw_dir, recorded_files(con))
        return files, pending_work(
            con, files, files["document_sha256"].unique().to_list(), parser_version=PARSER_VERSION,
            dbt_fingerprint=project_fingerprint(), again=load_config.get("reparse", []),
            again_quarantined=load_config.get("reparse_quarantined", False),
        )


def _nothing_new(settings: Settings, files: pl.DataFrame, pending: PendingWork | None) -> bool:
    if files.is_empty() and pending is None:
        _say(f"nothing to ingest: {settings.raw_dir} holds no file")
        return True
    if pending is None or pending.any:
        return False
    _say(f"nothing new in {settings.raw_dir}: {_warehouse_name(settings)} stays as it is")
    return True


def _succeeded(result, log_path: Path) -> None:
    if result.success:
        return
    from pipeline.lib.failures import explain_error

    failures = [event for event in result.all_events if event.is_step_failure]
    detail = "; ".join(f"{event.step_key}: {explain_error(event.step_failure_data.error)}" for event in failures)
    if not detail and result.dagster_run.is_failure:
        run_failure = next((e for e in result.all_events if e.event_type_value == "RUN_FAILURE"), None)
        error = run_failure and run_failure.event_specific_data and run_failure.event_specific_data.error
        detail = explain_error(error) if error else ""
    raise CliError(f"run {result.run_id} failed — {detail or f'no step says why; see {log_path}'}")


def _read_only_warehouse(args: argparse.Namespace):
    """What was last published, read-only: the warehouse file, or the lake's last published snapshot."""
    from pipeline.load import published

    settings = _apply_overrides(args)
    if not published.exists(settings.warehouse, _lake(settings)):
        raise CliError(f"warehouse {settings.warehouse} does not exist; run `python -m pipeline ingest` first")
    return published.read_published(settings.warehouse, _lake(settings))


def _lake(settings: Settings):
    from pipeline.load.lake import Lake

    return Lake.of(settings.lake_catalog, settings.lake_data_path)


def _warehouse_name(settings: Settings) -> str:
    from pipeline.load import published

    return published.describe(settings.warehouse, _lake(settings))


def query(args: argparse.Namespace) -> int:
    import duckdb

    from pipeline.research.results import file_format, write_result

    out = Path(args.out).expanduser() if args.out else None
    if out is None and args.format == "parquet":
        raise CliError("--format parquet writes a file: add --out FILE")
    fmt = file_format(out, args.format) if out else args.format or "table"
    with _read_only_warehouse(args) as con:
        try:
            cursor = con.execute(args.sql)
        except duckdb.Error as exc:
            raise CliError(str(exc).splitlines()[0]) from exc
        if out:
            rows = write_result(cursor, fmt, out)
            _say(f"wrote {rows} rows to {out} ({fmt})")
            return 0
        columns = [d[0] for d in cursor.description or []]
        rows = cursor.fetchall()
    _print_rows(columns, rows, fmt)
    return 0


def _print_rows(columns: list[str], rows: list[tuple], fmt: str) -> None:
    from pipeline.research.results import cell_text, rows_as_json

    if fmt == "markdown":
        from pipeline.lib.markdown import markdown_rows

        print(markdown_rows(columns, rows))
    elif fmt == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows([[cell_text(v) for v in row] for row in rows])
    elif fmt == "json":
        print(rows_as_json(columns, rows))
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(*columns, show_lines=False)
        for row in rows:
            table.add_row(*(cell_text(v) for v in row))
        # Piped output has no terminal width to fit; rich would wrap it at 80 columns.
        Console(width=None if sys.stdout.isatty() else 240).print(table)


def export(args: argparse.Namespace) -> int:
    from pipeline.lib.dbt_project import dbt_project, prepare_manifest
    from pipeline.research.export import export_marts

    out = Path(args.out).expanduser().resolve()
    # The manifest `ingest` left describes what it built; parse the project only when there is none.
    if not dbt_project.manifest_path.exists():
        _say("preparing the dbt manifest …")
        prepare_manifest()
    manifest = json.loads(dbt_project.manifest_path.read_text(encoding="utf-8"))
    with _read_only_warehouse(args) as con:
        exported = export_marts(con, out, manifest)
    _say(f"exported {len(exported)} marts ({sum(e.rows for e in exported)} rows) to {out}")
    return 0


def chart_department(args: argparse.Namespace) -> int:
    from pipeline.research.chart import chart_format, write_chart
    from pipeline.research.departments import department_series, resolve_department

    out = Path(args.out).expanduser().resolve()
    chart_format(out)  # a wrong suffix fails before the warehouse is read
    with _read_only_warehouse(args) as con:
        department = resolve_department(con, args.department)
        series = department_series(con, department)
    write_chart(department, series, out)
    _say(f"wrote the chart of {department.key} to {out}")
    return 0


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m pipeline", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser("ingest", help="ingest every report of the raw folder, then build and test dbt")
    run.add_argument("--raw", help="the drop folder (default data/raw/)")
    run.add_argument("--warehouse", help=_WAREHOUSE_HELP)
    run.add_argument(
        "--full-refresh", action="store_true",
        help="build every mart anew from every document (a nightly run rebuilds only the departments it touched)",
    )
    run.set_defaults(handler=ingest)

    again = commands.add_parser(
        "retry", help="read documents again (after a parser fix) and rebuild: given sha256s, or every quarantined one"
    )
    which = again.add_mutually_exclusive_group(required=True)
    which.add_argument("documents", nargs="*", default=[], help="sha256 of a document, or its first 8+ hex digits")
    which.add_argument("--all-quarantined", action="store_true", help="every document now quarantined")
    again.add_argument("--raw", help="the drop folder (default data/raw/)")
    again.add_argument("--warehouse", help=_WAREHOUSE_HELP)
    again.set_defaults(handler=retry)

    state = commands.add_parser("status", help="documents per state (loaded, quarantined, superseded) and why")
    state.add_argument("--warehouse", help=_WAREHOUSE_HELP)
    state.set_defaults(handler=status)

    ask = commands.add_parser("query", help="run one SQL statement against the warehouse (read-only)")
    ask.add_argument("sql")
    ask.add_argument("--warehouse", help=_WAREHOUSE_HELP)
    ask.add_argument(
        "--format", choices=("table", "markdown", "csv", "json", "parquet"),
        help="table (default on screen), markdown, csv, json; with --out csv, json or parquet (default: from the suffix)",
    )
    ask.add_argument("--out", help="write the result to this file (CSV as UTF-8 with BOM) instead of the screen")
    ask.set_defaults(handler=query)

    dump = commands.add_parser(
        "export", help="write every mart as Parquet and CSV (UTF-8 with BOM) plus a data dictionary into a new folder"
    )
    dump.add_argument("--out", required=True, help="the folder to create (must not exist or be empty)")
    dump.add_argument("--warehouse", help=_WAREHOUSE_HELP)
    dump.set_defaults(handler=export)

    chart = commands.add_parser("chart", help="draw a chart from the warehouse")
    subjects = chart.add_subparsers(dest="subject", required=True)
    department = subjects.add_parser(
        "department", help="a department's income, expenditure, 三公 and 机关运行经费 by year, with YoY changes"
    )
    department.add_argument("department", help="the department's key, or its name or an unambiguous part of it")
    department.add_argument("--out", required=True, help="FILE.png, or FILE.html (a self-contained page)")
    department.add_argument("--warehouse", help=_WAREHOUSE_HELP)
    department.set_defaults(handler=chart_department)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except (CliError, ResearchError) as exc:
        _say(f"error: {exc}")
        return 1
    except KeyboardInterrupt:
        _say("interrupted")
        return 130
    except Exception as exc:  # noqa: BLE001 — the promise is one clear line, not a traceback
        from pipeline.lib.failures import explain_exception

        logging.getLogger(__name__).debug("unexpected error", exc_info=True)
        _say(f"error: {explain_exception(exc)}")
        return 1


def run() -> None:
    """The process's entry point (``python -m pipeline``, ``fiscal``): ``main`` on the command line, then exit."""
    code = main()
    # The interpreter's last garbage collection would walk every object Dagster and dbt's manifest left (a second
    # at the end of each ingest); frozen, they are freed by reference count alone. Exit handlers still run.
    gc.freeze()
    sys.exit(code)
