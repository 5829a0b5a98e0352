import dagster as dg

from pipeline.defs.resources import Warehouse
from pipeline.defs.transform.dbt import dbt_models
from pipeline.defs.warehouse.assets import disclosures_tables
from pipeline.lib.dbt_translator import SEEDS_GROUP
from pipeline.lib.markdown import markdown_table
from pipeline.lib.progress import PROGRESS
from pipeline.load.status import document_states


@dg.asset(
    key=["warehouse", "published"],
    group_name="warehouse",
    kinds={"duckdb"},
    # After the load and every dbt model: a run whose dbt build fails publishes nothing. Not after the seeds: a run
    # of an unchanged dbt project does not load them again, and Dagster skips what waits on an asset not made.
    deps=[*disclosures_tables.keys, *(spec.key for spec in dbt_models.specs if spec.group_name != SEEDS_GROUP)],
    op_tags={"dagster/concurrency_key": "warehouse_writer"},
)
def published_warehouse(context: dg.AssetExecutionContext, warehouse: Warehouse) -> dg.MaterializeResult:
    """发布的仓库：本次运行的构建整体替换（或湖的快照）/ The published warehouse: the run's build swapped in whole
    (or, on a lake, its snapshot recorded for readers)."""
    metadata, warning = warehouse.publish()
    if warning is not None:
        context.log.warning(f"{PROGRESS}{warning}")
    return dg.MaterializeResult(metadata=metadata)


@dg.asset(key=["warehouse", "document_states"], group_name="warehouse", kinds={"duckdb"}, deps=[published_warehouse])
def document_states_report(warehouse: Warehouse) -> dg.MaterializeResult:
    """文档状态 / How many documents are loaded, quarantined or superseded, and why each quarantined one is."""
    with warehouse.read_published() as con:
        states = document_states(con)
    return dg.MaterializeResult(
        metadata={
            **{f"documents_{state}": count for state, count in states.counts.items()},
            "quarantined": dg.MetadataValue.md(markdown_table(states.quarantined.drop("document_sha256"))),
            "files_gone": states.files_gone.height,
        }
    )
