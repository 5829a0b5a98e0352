from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import dagster as dg
import duckdb
from pydantic import PrivateAttr

from pipeline.lib.dbt_project import dbt_cli
from pipeline.lib.progress import PROGRESS
from pipeline.load import publish
from pipeline.load.lake import Lake, extension_files
from pipeline.load.lake import publish as lake_publish
from pipeline.load.lake import unpublished as lake_unpublished
from pipeline.load.published import exists as published_exists
from pipeline.load.published import read_published
from pipeline.settings import (
    DBT_TARGET_ENV,
    DEFAULT_MAX_EXPANDED_BYTES,
    DEFAULT_MAX_FILE_BYTES,
    DEFAULT_PARSE_MEMORY_MB,
    DEFAULT_PARSE_TIMEOUT_S,
    LAKE_DATA_ENV,
    LAKE_ENV,
    PIPELINE_DUCKDB_MEMORY,
    WAREHOUSE_ENV,
    ReadLimits,
    Settings,
)


class RawFolder(dg.ConfigurableResource):
    """The drop folder that holds the reports as published, byte for byte, and what reading one may cost."""

    path: str
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    max_expanded_bytes: int = DEFAULT_MAX_EXPANDED_BYTES
    parse_timeout_s: float = DEFAULT_PARSE_TIMEOUT_S
    parse_memory_bytes: int = DEFAULT_PARSE_MEMORY_MB * 2**20

    @classmethod
    def of(cls, path: Path, limits: ReadLimits) -> RawFolder:
        return cls(
            path=str(path), max_file_bytes=limits.file_bytes, max_expanded_bytes=limits.expanded_bytes,
            parse_timeout_s=limits.seconds, parse_memory_bytes=limits.memory_bytes,
        )

    @property
    def limits(self) -> ReadLimits:
        return ReadLimits(
            file_bytes=self.max_file_bytes, expanded_bytes=self.max_expanded_bytes, seconds=self.parse_timeout_s,
            memory_bytes=self.parse_memory_bytes,
        )


class SourcesFile(dg.ConfigurableResource):
    """``sources.yaml``: the drop folder and the web sources, validated when read."""

    path: str


class Warehouse(dg.ConfigurableResource):
    """The warehouse a run writes, in one of two modes.

    One DuckDB file (the default, ``published``): a run writes only its own build copy, published whole at the end
    of the run (``pipeline.load.publish``): readers never block a run and never see half of one. Runs that write
    take turns (``publish.writer_lock``), so each starts from the last one's published result.

    A DuckLake (``lake_catalog`` and ``lake_data_path`` set, ``pipeline.load.lake``): runs on several machines
    parse at once and write in turns, each write under the lake's writer lock (``writing``); the publish records
    the lake's snapshot, which readers attach."""

    published: str
    lake_catalog: str = ""
    lake_data_path: str = ""
    _build: Path | None = PrivateAttr(default=None)
    _lock: ExitStack | None = PrivateAttr(default=None)
    _run_id: str | None = PrivateAttr(default=None)

    @property
    def lake(self) -> Lake | None:
        return Lake.of(self.lake_catalog, self.lake_data_path)

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        # Sensors and definition loading initialise resources outside any run: there is nothing to build then.
        if context.run is None:
            return
        self._run_id = context.run.run_id
        if self.lake is not None:
            return
        self._lock = ExitStack()
        self._lock.enter_context(publish.writer_lock(
            Path(self.published),
            on_wait=lambda holder: context.log.info(
                f"{PROGRESS}waiting for the warehouse's writer lock, held by {holder}"
            ),
        ))
        if (stale := publish.set_aside_stale_wal(Path(self.published))) is not None:
            context.log.warning(f"{PROGRESS}{publish.stale_wal_message(stale)}")
        self._build = publish.start_build(Path(self.published), context.run.run_id)

    def teardown_after_execution(self, context: dg.InitResourceContext) -> None:
        if self._lock is None:
            return
        # A build still here was not published: the run had nothing new, or it failed.
        if self._build is not None:
            publish.discard_build(self._build)
        self._lock.close()

    @property
    def build(self) -> Path:
        if self._build is None:
            raise RuntimeError("the warehouse resource is used outside a run, or on a lake")
        return self._build

    @contextmanager
    def get_connection(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """The run's connection: its build file, or the lake's latest state."""
        if (lake := self.lake) is not None:
            with lake.connect() as con:
                yield con
        else:
            with duckdb.connect(str(self.build), config={"memory_limit": PIPELINE_DUCKDB_MEMORY}) as con:
                yield con

    @contextmanager
    def writing(self) -> Iterator[None]:
        """A turn to write: the lake's writer lock; nothing more for a build file, which is the run's own."""
        if (lake := self.lake) is not None:
            with lake.writer_turn():
                yield
        else:
            yield

    def unpublished(self) -> bool:
        """Whether a lake holds writes no run published (its run died before publishing); never for a file."""
        if (lake := self.lake) is None:
            return False
        with lake.connect() as con:
            return lake_unpublished(con)

    def dbt_environment(self) -> dict[str, str]:
        """What profiles.yml reads to build into this warehouse."""
        if (lake := self.lake) is None:
            return {WAREHOUSE_ENV: str(self.build)}
        files = extension_files()
        return {
            DBT_TARGET_ENV: "lake", LAKE_ENV: lake.catalog, LAKE_DATA_ENV: lake.data_path,
            "FISCAL_DUCKDB_POSTGRES_EXTENSION": files["postgres_scanner"],
            "FISCAL_DUCKDB_DUCKLAKE_EXTENSION": files["ducklake"],
        }

    def publish(self) -> tuple[dict, str | None]:
        """Publishes the run's result; returns its metadata and a warning for the operator, if any."""
        if (lake := self.lake) is not None:
            with lake.writer_turn(), lake.connect() as con:
                snapshot = lake_publish(con, self._run_id or "")
            return {"lake": lake.data_path, "snapshot_id": snapshot}, None
        stale = publish.publish(self.build, Path(self.published))
        metadata = {
            "path": self.published, "size_bytes": Path(self.published).stat().st_size,
            "stale_wal_set_aside": str(stale) if stale else None,
        }
        return metadata, publish.stale_wal_message(stale) if stale else None

    @contextmanager
    def read_published(self) -> Iterator[duckdb.DuckDBPyConnection]:
        with read_published(Path(self.published), self.lake) as con:
            yield con

    def published_exists(self) -> bool:
        return published_exists(Path(self.published), self.lake)


@dg.definitions
def resources() -> dg.Definitions:
    settings = Settings.from_env()
    return dg.Definitions(
        resources={
            "warehouse": Warehouse(
                published=str(settings.warehouse), lake_catalog=settings.lake_catalog or "",
                lake_data_path=settings.lake_data_path or "",
            ),
            "dbt": dbt_cli(),
            "raw_folder": RawFolder.of(settings.raw_dir, settings.limits),
            "sources": SourcesFile(path=str(settings.sources)),
        }
    )
