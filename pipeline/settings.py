"""Where the pipeline reads and writes, resolved once to absolute paths.

Read at run time (``Settings.from_env()``), never at import, so tests and the CLI can point a fresh process
anywhere by setting the environment.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"

WAREHOUSE_ENV = "FISCAL_WAREHOUSE"
RAW_DIR_ENV = "FISCAL_RAW_DIR"
SOURCES_ENV = "FISCAL_SOURCES"
MAX_FILE_BYTES_ENV = "FISCAL_MAX_FILE_BYTES"
# A department's report is a few MB; a scanned yearbook of a whole province stays under 100 MiB. A larger file
# in the drop folder is quarantined (too_large) unread, so one stray disk image cannot exhaust the memory.
DEFAULT_MAX_FILE_BYTES = 100 * 2**20


@dataclass(frozen=True)
class Settings:
    warehouse: Path
    raw_dir: Path
    dagster_home: Path
    sources: Path
    max_file_bytes: int

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
            max_file_bytes=_byte_count(MAX_FILE_BYTES_ENV, DEFAULT_MAX_FILE_BYTES),
        )


def _configured_drop_folder(sources: Path) -> Path:
    """The drop folder ``sources.yaml`` names (validated there), or ``data/raw/`` without that file."""
    if not sources.is_file():
        return PROJECT_ROOT / "data" / "raw"
    from pipeline.sources.web.config import load_sources

    return load_sources(sources).drop_folder


def _byte_count(var: str, default: int) -> int:
    value = os.environ.get(var, "").strip()
    if not value:
        return default
    if not value.isdecimal() or int(value) == 0:
        raise ValueError(f"{var} must be a positive whole number of bytes, not {value!r}")
    return int(value)
