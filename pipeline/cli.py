"""``python -m pipeline`` (also ``fiscal``): ingest the drop folder, query the warehouse.

Errors are one line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import logging
import os
import sys
from pathlib import Path

from pipeline.settings import RAW_DIR_ENV, WAREHOUSE_ENV, Settings

_DAGSTER_YAML = "telemetry:\n  enabled: false\n"


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
    config = settings.dagster_home / "dagster.yaml"
    if not config.exists():
        config.write_text(_DAGSTER_YAML)
    os.environ["DAGSTER_HOME"] = str(settings.dagster_home)
    os.environ.setdefault("DO_NOT_TRACK", "1")


def ingest(args: argparse.Namespace) -> int:
    settings = _apply_overrides(args)
    if not settings.raw_dir.is_dir():
        raise CliError(f"raw folder {settings.raw_dir} does not exist")
    settings.warehouse.parent.mkdir(parents=True, exist_ok=True)
    prepare_dagster_home(settings)

    from pipeline.lib.progress import progress_logger
    from pipeline.lib.dbt_project import prepare_manifest

    _say("preparing the dbt manifest …")
    prepare_manifest()

    import dagster as dg

    from pipeline.definitions import defs

    job = defs().resolve_job_def("ingest_all").with_logger_defs({"progress": progress_logger})
    _say(f"ingesting {settings.raw_dir} into {settings.warehouse}")
    log_path = settings.dagster_home / "logs" / "last_ingest.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    # dagster-dbt echoes every dbt log line to stdout; the terminal gets the progress lines, the file the rest.
    with log_path.open("w", encoding="utf-8") as log, contextlib.redirect_stdout(log):
        # Naming the logger in run config makes it the only one: no DEBUG stream from the default console logger.
        result = job.execute_in_process(
            run_config={"loggers": {"progress": {}}}, instance=dg.DagsterInstance.get(), raise_on_error=False
        )
    if not result.success:
        failures = [event for event in result.all_events if event.is_step_failure]
        detail = "; ".join(
            f"{event.step_key}: {event.step_failure_data.error.message.strip().splitlines()[0]}"
            for event in failures
        )
        raise CliError(f"run {result.run_id} failed — {detail or 'see dagster logs'}")
    checks = result.get_asset_check_evaluations()
    failed = [c for c in checks if not c.passed]
    _say(f"done: run {result.run_id}; {len(checks) - len(failed)} of {len(checks)} checks passed; dbt log {log_path}")
    return 0


def query(args: argparse.Namespace) -> int:
    settings = _apply_overrides(args)
    if not settings.warehouse.exists():
        raise CliError(f"warehouse {settings.warehouse} does not exist; run `python -m pipeline ingest` first")
    import duckdb

    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        try:
            cursor = con.execute(args.sql)
        except duckdb.Error as exc:
            raise CliError(str(exc).splitlines()[0]) from exc
        columns = [d[0] for d in cursor.description or []]
        rows = cursor.fetchall()
    _print_rows(columns, rows, args.format)
    return 0


def _print_rows(columns: list[str], rows: list[tuple], fmt: str) -> None:
    def text(value: object) -> str:
        return "" if value is None else str(value)

    if fmt == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows([[text(v) for v in row] for row in rows])
    elif fmt == "json":
        print(json.dumps([dict(zip(columns, row)) for row in rows], ensure_ascii=False, default=str, indent=1))
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(*columns, show_lines=False)
        for row in rows:
            table.add_row(*(text(v) for v in row))
        # Piped output has no terminal width to fit; rich would wrap it at 80 columns.
        Console(width=None if sys.stdout.isatty() else 240).print(table)


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m pipeline", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser("ingest", help="ingest every report of the raw folder, then build and test dbt")
    run.add_argument("--raw", help="the drop folder (default data/raw/)")
    run.add_argument("--warehouse", help="the DuckDB file (default data/warehouse.duckdb)")
    run.set_defaults(handler=ingest)

    ask = commands.add_parser("query", help="run one SQL statement against the warehouse (read-only)")
    ask.add_argument("sql")
    ask.add_argument("--warehouse", help="the DuckDB file (default data/warehouse.duckdb)")
    ask.add_argument("--format", choices=("table", "csv", "json"), default="table")
    ask.set_defaults(handler=query)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except CliError as exc:
        _say(f"error: {exc}")
        return 1
    except KeyboardInterrupt:
        _say("interrupted")
        return 130
    except Exception as exc:  # noqa: BLE001 — the promise is one clear line, not a traceback
        logging.getLogger(__name__).debug("unexpected error", exc_info=True)
        _say(f"error: {type(exc).__name__}: {str(exc).strip().splitlines()[0] if str(exc).strip() else ''}")
        return 1
