import dagster as dg

from pipeline.defs.resources import Warehouse
from pipeline.load.reference import replace_reference
from pipeline.reference.divisions import load_regions
from pipeline.schemas import REGIONS


# Keyed disclosures/regions, the key dbt gives the source table: lineage joins without a translator.
@dg.asset(
    key=["disclosures", REGIONS.name],
    group_name="warehouse",
    kinds={"duckdb"},
    description=f"{REGIONS.zh} / {REGIONS.en}",
    op_tags={"dagster/concurrency_key": "warehouse_writer"},
)
def regions(warehouse: Warehouse) -> dg.MaterializeResult:
    frame = load_regions()
    with warehouse.writing(), warehouse.get_connection() as con:
        written = replace_reference(con, REGIONS, frame)
    provinces = frame.filter(frame["level"] == "province").height
    # Materialised every run, written only when the division list changed: an unchanged list must not make a run
    # with no new document rebuild anything.
    return dg.MaterializeResult(metadata={"rows": frame.height, "provinces": provinces, "written": written})
