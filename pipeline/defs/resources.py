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
from pipeline.settings import (
    DEFAULT_MAX_EXPANDED_BYTES,
    DEFAULT_MAX_FILE_BYTES,
    DEFAULT_PARSE_MEMORY_MB,
    DEFAULT_PARSE_TIMEOUT_S,
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
    """The published DuckDB file. A run writes only its own build copy, published whole at the end of the run
    (``pipeline.load.publish``): readers never block a run and never see half of one. Runs that write take turns
    (``publish.writer_lock``), so each starts from the last one's published result."""

    published: str
    _build: Path | None = PrivateAttr(default=None)
    _lock: ExitStack | None = PrivateAttr(default=None)

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        # Sensors and definition loading initialise resources outside any run: there is nothing to build then.
        if context.run is None:
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
            raise RuntimeError("the warehouse resource is used outside a run")
        return self._build

    @contextmanager
    def get_connection(self) -> Iterator[duckdb.DuckDBPyConnection]:
        with duckdb.connect(str(self.build)) as con:
            yield con

    def publish(self) -> Path | None:
        return publish.publish(self.build, Path(self.published))


@dg.definitions
def resources() -> dg.Definitions:
    settings = Settings.from_env()
    return dg.Definitions(
        resources={
            "warehouse": Warehouse(published=str(settings.warehouse)),
            "dbt": dbt_cli(),
            "raw_folder": RawFolder.of(settings.raw_dir, settings.limits),
            "sources": SourcesFile(path=str(settings.sources)),
        }
    )
