"""Where the pipeline reads and writes, resolved once to absolute paths.

Read at run time (``Settings.from_env()``), never at import, so tests and the CLI can point a fresh process
anywhere by setting the environment.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from pipeline.sources_file import load_sources

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"

WAREHOUSE_ENV = "FISCAL_WAREHOUSE"
RAW_DIR_ENV = "FISCAL_RAW_DIR"
SOURCES_ENV = "FISCAL_SOURCES"
MAX_FILE_BYTES_ENV = "FISCAL_MAX_FILE_BYTES"
MAX_EXPANDED_BYTES_ENV = "FISCAL_MAX_EXPANDED_BYTES"
PARSE_TIMEOUT_ENV = "FISCAL_PARSE_TIMEOUT_S"
PARSE_MEMORY_ENV = "FISCAL_PARSE_MEMORY_MB"
PARSE_CHUNK_ENV = "FISCAL_PARSE_CHUNK"
# Multi-machine mode (pipeline/load/lake.py): the DuckLake catalog's PostgreSQL connection string, and where its
# Parquet files live. Unset, the warehouse is the one DuckDB file FISCAL_WAREHOUSE names.
LAKE_ENV = "FISCAL_LAKE"
LAKE_DATA_ENV = "FISCAL_LAKE_DATA"
# What the pipeline's own DuckDB connection may hold in buffers while it loads (it spills past it): with dbt's
# FISCAL_DBT_MEMORY_LIMIT, what keeps a run's process tree under 1 GiB at 100,000 reports (benchmarks/scale.py).
PIPELINE_DUCKDB_MEMORY = "128MB"
# Which output of dbt_project/profiles.yml dbt builds into: dev (the DuckDB file) or lake.
DBT_TARGET_ENV = "FISCAL_DBT_TARGET"
# A department's report is a few MB; a scanned yearbook of a whole province stays under 100 MiB. A larger file
# in the drop folder is quarantined (too_large) unread, so one stray disk image cannot exhaust the memory.
DEFAULT_MAX_FILE_BYTES = 100 * 2**20
# The parts of a real DOCX or XLSX report expand to a few MB; a zip bomb's to gigabytes.
DEFAULT_MAX_EXPANDED_BYTES = 256 * 2**20
# A 500-page report reads in about 12 s and 300 MB here (benchmarks/readers.py): the defaults leave it a wide
# margin on a slower machine, and still stop a document that would hold the run for hours or take the machine.
DEFAULT_PARSE_TIMEOUT_S = 300.0
DEFAULT_PARSE_MEMORY_MB = 2048
MIN_PARSE_MEMORY_MB = 256


@dataclass(frozen=True)
class ReadLimits:
    """What reading one document may cost; past a limit the document is quarantined with that limit's reason
    (too_large, decompression_limit, timeout, memory_limit) and the run goes on."""

    file_bytes: int = DEFAULT_MAX_FILE_BYTES
    expanded_bytes: int = DEFAULT_MAX_EXPANDED_BYTES
    seconds: float = DEFAULT_PARSE_TIMEOUT_S
    memory_bytes: int = DEFAULT_PARSE_MEMORY_MB * 2**20

    @classmethod
    def from_env(cls) -> ReadLimits:
        return cls(
            file_bytes=_whole_number(MAX_FILE_BYTES_ENV, DEFAULT_MAX_FILE_BYTES, "bytes"),
            expanded_bytes=_whole_number(MAX_EXPANDED_BYTES_ENV, DEFAULT_MAX_EXPANDED_BYTES, "bytes"),
            seconds=_seconds(PARSE_TIMEOUT_ENV, DEFAULT_PARSE_TIMEOUT_S),
            memory_bytes=_memory_mb() * 2**20,
        )


@dataclass(frozen=True)
class Settings:
    warehouse: Path
    raw_dir: Path
    dagster_home: Path
    sources: Path
    limits: ReadLimits
    # Multi-machine mode: the DuckLake's catalog and data path (pipeline/load/lake.py), or None and None.
    lake_catalog: str | None = None
    lake_data_path: str | None = None

    @classmethod
    def from_env(cls) -> Settings:
        def path(var: str, default: Path) -> Path:
            value = os.environ.get(var)
            return Path(value).expanduser().resolve() if value else default

        sources = path(SOURCES_ENV, PROJECT_ROOT / "sources.yaml")
        return cls(
            warehouse=path(WAREHOUSE_ENV, PROJECT_ROOT / "data" / "warehouse.duckdb"),
            raw_dir=path(RAW_DIR_ENV, _configured_drop_folder(sources)),
            dagster_home=path("DAGSTER_HOME", PROJECT_ROOT / ".dagster_home"),
            sources=sources,
            limits=ReadLimits.from_env(),
            **_lake(),
        )


def _lake() -> dict[str, str]:
    catalog, data_path = os.environ.get(LAKE_ENV, "").strip(), os.environ.get(LAKE_DATA_ENV, "").strip()
    if not catalog:
        return {}
    if not data_path:
        raise ValueError(f"{LAKE_ENV} names a DuckLake catalog: {LAKE_DATA_ENV} must say where its files live")
    # A folder ends in a slash for DuckLake; an object-store prefix (s3://…) is taken as written.
    local = "://" not in data_path
    return {"lake_catalog": catalog, "lake_data_path": f"{Path(data_path).resolve()}/" if local else data_path}


def _configured_drop_folder(sources: Path) -> Path:
    """The drop folder ``sources.yaml`` names (validated there), or ``data/raw/`` without that file."""
    if not sources.is_file():
        return PROJECT_ROOT / "data" / "raw"
    return load_sources(sources).drop_folder


# Documents per step of the read (pipeline/defs/warehouse/reads.py): a step's start (a process, a pod) is paid once
# per chunk, and a chunk this size keeps a node busy for minutes; 100,000 new documents make 200 steps.
DEFAULT_PARSE_CHUNK = 500


def parse_chunk() -> int:
    """``FISCAL_PARSE_CHUNK``, the documents one step of the read parses, when set; else ``DEFAULT_PARSE_CHUNK``."""
    return _whole_number(PARSE_CHUNK_ENV, DEFAULT_PARSE_CHUNK, "documents")


def _whole_number(var: str, default: int, unit: str) -> int:
    value = os.environ.get(var, "").strip()
    if not value:
        return default
    if not value.isdecimal() or int(value) == 0:
        raise ValueError(f"{var} must be a positive whole number of {unit}, not {value!r}")
    return int(value)


def _memory_mb() -> int:
    megabytes = _whole_number(PARSE_MEMORY_ENV, DEFAULT_PARSE_MEMORY_MB, "MiB")
    # The parser alone takes some 150 MB in a worker: a lower limit would stop every document, through no fault of
    # its own.
    if megabytes < MIN_PARSE_MEMORY_MB:
        raise ValueError(f"{PARSE_MEMORY_ENV} must be at least {MIN_PARSE_MEMORY_MB} (MiB), not {megabytes}")
    return megabytes


def _seconds(var: str, default: float) -> float:
    value = os.environ.get(var, "").strip()
    if not value:
        return default
    try:
        seconds = float(value)
    except ValueError:
        seconds = 0.0
    if not 0 < seconds < float("inf"):
        raise ValueError(f"{var} must be a positive number of seconds, not {value!r}")
    return seconds
