"""A scan of the drop folder handed to the run that acts on it, so that a run scans once.

The CLI and the sensor scan the folder to decide whether there is anything to do; the run they start reads that
same scan (``raw_documents``'s ``scan`` config) instead of walking the folder again. Scans are kept by content
under ``DAGSTER_HOME/scans`` for a re-execution of the run, and pruned after a week.
"""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

import polars as pl

_KEPT_S = 7 * 86_400


def save_scan(files: pl.DataFrame, dagster_home: Path) -> Path:
    """Writes ``files`` (DOCUMENT_FILES rows) where a run can read it; returns the path."""
    folder = dagster_home / "scans"
    folder.mkdir(parents=True, exist_ok=True)
    key = hashlib.sha256(files.write_csv().encode()).hexdigest()[:32]
    path = folder / f"{key}.parquet"
    if not path.exists():
        staged = path.with_suffix(".partial")
        files.write_parquet(staged)
        staged.replace(path)
    cutoff = time.time() - _KEPT_S
    for old in folder.glob("*.parquet"):
        if old.stat().st_mtime < cutoff:
            old.unlink(missing_ok=True)
    return path


def ingest_run_config(scan: Path, load_config: dict | None = None, *, full_refresh: bool = False) -> dict:
    """The run config of ``ingest_all`` that hands it ``scan`` (and the load's own config, when given); with
    ``full_refresh``, the marts are built anew from every document even if nothing is new."""
    ops: dict = {"raw_documents": {"config": {"scan": str(scan)}}}
    load_config = {**(load_config or {}), **({"full_refresh": True} if full_refresh else {})}
    if load_config:
        ops["document_reads"] = {"ops": {"plan_reads": {"config": load_config}}}
    if full_refresh:
        ops["dbt_models"] = {"config": {"full_refresh": True}}
    return {"ops": ops}
