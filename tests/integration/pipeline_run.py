"""Runs the main job in-process over a raw folder into a warehouse file, as the drop-folder sensor starts it."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from pipeline.defs.scans import ingest_run_config, save_scan
from pipeline.settings import RAW_DIR_ENV, WAREHOUSE_ENV
from pipeline.sources.drop_folder import scan
from tests.conftest import dagster_home


def run_ingest(
    raw: Path, warehouse: Path, *, times: int = 1, full_refresh: bool = False
) -> list[dg.ExecuteInProcessResult]:
    """``times`` runs of the job; with ``full_refresh``, as ``ingest --full-refresh`` starts it."""
    with (
        pytest.MonkeyPatch.context() as patch,
        dagster_home() as home,
        dg.instance_for_test(temp_dir=str(home)) as instance,
    ):
        patch.setenv(WAREHOUSE_ENV, str(warehouse))
        patch.setenv(RAW_DIR_ENV, str(raw))
        from pipeline.definitions import defs

        job = defs().resolve_job_def("ingest_all")
        # What the sensor does: the run scans the folder itself (no scan handed over), the warehouse decides.
        run_config = ingest_run_config(save_scan(scan(raw), home), full_refresh=True) if full_refresh else None
        return [
            job.execute_in_process(run_config=run_config, instance=instance, raise_on_error=False)
            for _ in range(times)
        ]


def ingest_rendered(root: Path, docs: Iterable) -> Path:
    """A raw folder under ``root`` holding each rendered document's PDF (``tests.corpus.generate``), ingested once
    into a new warehouse; the warehouse's path."""
    raw = root / "raw"
    raw.mkdir()
    for doc in docs:
        (raw / doc.pdf_name).write_bytes(doc.rendered.pdf)
    warehouse = root / "warehouse.duckdb"
    [result] = run_ingest(raw, warehouse)
    assert result.success
    return warehouse


def query(warehouse: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql).fetchall()


def all_tables(warehouse: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        tables = con.execute(
            "SELECT table_schema || '.' || table_name FROM information_schema.tables "
            "WHERE table_type = 'BASE TABLE' ORDER BY 1"
        ).fetchall()
        return {name: con.execute(f"SELECT * FROM {name} ORDER BY ALL").fetchall() for (name,) in tables}


def published_data(warehouse: Path) -> dict[str, list[tuple]]:
    """``all_tables`` but the intermediate schema, whose tables hold only what the last build rebuilt."""
    return {name: rows for name, rows in all_tables(warehouse).items() if not name.startswith("intermediate.")}
