from pathlib import Path

import dagster as dg

from pipeline.defs.resources import Warehouse
from pipeline.defs.transform.dbt import dbt_models
from pipeline.defs.warehouse.assets import disclosures_tables


@dg.asset(
    key=["warehouse", "published"],
    group_name="warehouse",
    kinds={"duckdb"},
    # After the load and every dbt model: a run whose dbt build fails publishes nothing.
    deps=[*disclosures_tables.keys, *dbt_models.keys],
    op_tags={"dagster/concurrency_key": "warehouse_writer"},
)
def published_warehouse(warehouse: Warehouse) -> dg.MaterializeResult:
    """发布的仓库文件：本次运行的构建整体替换 / The published warehouse file: the run's build swapped in whole."""
    warehouse.publish()
    return dg.MaterializeResult(
        metadata={"path": warehouse.published, "size_bytes": Path(warehouse.published).stat().st_size}
    )
