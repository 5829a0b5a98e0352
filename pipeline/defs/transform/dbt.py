import os

import dagster as dg
from dagster_dbt import DbtCliResource, dbt_assets
from dagster_duckdb import DuckDBResource

from pipeline.lib.dbt_project import dbt_project
from pipeline.lib.dbt_translator import translator
from pipeline.settings import WAREHOUSE_ENV


@dbt_assets(
    manifest=dbt_project.manifest_path,
    project=dbt_project,
    dagster_dbt_translator=translator,
    op_tags={"dagster/concurrency_key": "warehouse_writer"},
)
def dbt_models(context: dg.AssetExecutionContext, dbt: DbtCliResource, duckdb: DuckDBResource):
    """dbt build: staging → intermediate → marts, with every dbt test as an asset check."""
    # profiles.yml reads the warehouse from this variable; the dbt subprocess inherits it.
    os.environ[WAREHOUSE_ENV] = duckdb.database
    # No fetch_row_counts(): it would open the DuckDB file while dbt holds its write lock.
    yield from dbt.cli(["build"], context=context).stream()
