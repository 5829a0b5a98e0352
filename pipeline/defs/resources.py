import dagster as dg
from dagster_duckdb import DuckDBResource

from pipeline.lib.dbt_project import dbt_cli
from pipeline.settings import Settings


class RawFolder(dg.ConfigurableResource):
    """The drop folder that holds the reports as published, byte for byte."""

    path: str


@dg.definitions
def resources() -> dg.Definitions:
    settings = Settings.from_env()
    return dg.Definitions(
        resources={
            "duckdb": DuckDBResource(database=str(settings.warehouse)),
            "dbt": dbt_cli(),
            "raw_folder": RawFolder(path=str(settings.raw_dir)),
        }
    )
