from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb
from pydantic import PrivateAttr

from pipeline.lib.dbt_project import dbt_cli
from pipeline.load import publish
from pipeline.settings import Settings


class RawFolder(dg.ConfigurableResource):
    """The drop folder that holds the reports as published, byte for byte."""

    path: str
    max_file_bytes: int


class Warehouse(dg.ConfigurableResource):
    """The published DuckDB file. A run writes only its own build copy, published whole at the end of the run
    (``pipeline.load.publish``): readers never block a run and never see half of one."""

    published: str
    _build: Path | None = PrivateAttr(default=None)

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        # Sensors and definition loading initialise resources outside any run: there is nothing to build then.
        if context.run is not None:
            self._build = publish.start_build(Path(self.published), context.run.run_id)

    @property
    def build(self) -> Path:
        if self._build is None:
            raise RuntimeError("the warehouse resource is used outside a run")
        return self._build

    @contextmanager
    def get_connection(self) -> Iterator[duckdb.DuckDBPyConnection]:
        with duckdb.connect(str(self.build)) as con:
            yield con

    def publish(self) -> None:
        publish.publish(self.build, Path(self.published))


@dg.definitions
def resources() -> dg.Definitions:
    settings = Settings.from_env()
    return dg.Definitions(
        resources={
            "warehouse": Warehouse(published=str(settings.warehouse)),
            "dbt": dbt_cli(),
            "raw_folder": RawFolder(path=str(settings.raw_dir), max_file_bytes=settings.max_file_bytes),
        }
    )
