import dagster as dg
import polars as pl

from pipeline.defs.ingest.assets import parsed_documents, raw_documents
from pipeline.defs.resources import Warehouse
from pipeline.load.warehouse import load_batch
from pipeline.parse.dispatch import ParseBatch
from pipeline.schemas import ALL_FRAMES

def _table_specs() -> list[dg.AssetSpec]:
    # Keyed disclosures/<table>, the default key dbt gives source `disclosures`: lineage joins without a translator.
    return [
        dg.AssetSpec(
            key=["disclosures", schema.name],
            group_name="warehouse",
            description=f"{schema.zh} / {schema.en}",
            kinds={"duckdb"},
            deps=[raw_documents, parsed_documents],
        )
        for schema in ALL_FRAMES
    ]


@dg.multi_asset(
    specs=_table_specs(),
    ins={"raw_documents": dg.AssetIn(raw_documents.key), "parsed_documents": dg.AssetIn(parsed_documents.key)},
    op_tags={"dagster/concurrency_key": "warehouse_writer"},
)
def disclosures_tables(
    warehouse: Warehouse, raw_documents: pl.DataFrame, parsed_documents: ParseBatch
):
    """Loads the run's documents into the ``raw`` schema of the run's build, in one transaction."""
    with warehouse.get_connection() as con:
        counts = load_batch(con, raw_documents, parsed_documents)
    for schema in ALL_FRAMES:
        yield dg.MaterializeResult(asset_key=["disclosures", schema.name], metadata={"rows": counts[schema.name]})
