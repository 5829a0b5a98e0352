"""The raw tables the run's read loaded (``reads``), and the checks of the documents it read."""

import dagster as dg
import polars as pl

from pipeline import schemas
from pipeline.defs.resources import Warehouse
from pipeline.defs.warehouse.reads import Reads, document_reads
from pipeline.lib.markdown import markdown_table
from pipeline.lib.progress import PROGRESS
from pipeline.load.warehouse import document_rows, row_counts
from pipeline.schemas import ALL_FRAMES

_DOCUMENTS_KEY = dg.AssetKey(["disclosures", schemas.DOCUMENTS.name])
# Metadata of the documents table: files whose bytes changed between the scan and their read, left for a new run.
CHANGED_FILES = "files_changed_under_the_run"


# The documents table stands for the load; the other raw tables are written by the same step and stand in the graph
# so that dbt's sources join lineage.
def _documents_spec() -> dg.AssetSpec:
    # A function, not a module attribute: the defs loader would take a module-level spec for a second definition.
    return dg.AssetSpec(
        key=_DOCUMENTS_KEY,
        group_name="warehouse",
        description=f"{schemas.DOCUMENTS.zh} / {schemas.DOCUMENTS.en}",
        kinds={"duckdb"},
        deps=[document_reads],
        # Not produced when nothing changed: dbt and the publish are skipped too.
        skippable=True,
    )


# Keyed disclosures/<table>, the default key dbt gives source `disclosures`: lineage joins without a translator.
loaded_with_documents = [
    dg.AssetSpec(
        key=["disclosures", schema.name],
        group_name="warehouse",
        description=f"{schema.zh} / {schema.en}. 与 disclosures/documents 同一步骤写入 / Written by the load of "
        "disclosures/documents, in the same transaction as each document's row.",
        kinds={"duckdb"},
        deps=[_DOCUMENTS_KEY],
    )
    for schema in ALL_FRAMES
    if schema is not schemas.DOCUMENTS
]


def _check_specs() -> list[dg.AssetCheckSpec]:
    return [
        dg.AssetCheckSpec(
            name="every_document_readable",
            asset=_DOCUMENTS_KEY,
            description="所有文件均可读取 / Every document of the run could be read; the rest are quarantined.",
        ),
        dg.AssetCheckSpec(
            name="reports_internally_consistent",
            asset=_DOCUMENTS_KEY,
            description="报告自身数字一致 / No report of the run contradicts its own arithmetic (error findings).",
        ),
    ]


@dg.multi_asset(
    specs=[_documents_spec()],
    check_specs=_check_specs(),
    ins={"document_reads": dg.AssetIn(document_reads.key)},
)
def disclosures_tables(context: dg.AssetExecutionContext, warehouse: Warehouse, document_reads: Reads):
    """The raw tables as the run's read left them, materialised when a row changed, and the checks of the
    documents this run read: a nightly run costs what is new."""
    reads = document_reads
    if not reads.changed:
        context.log.info(f"{PROGRESS}nothing new among {reads.present} documents: the published warehouse stays")
    with warehouse.get_connection() as con:
        counts = row_counts(con)
        quarantined = document_rows(con, schemas.QUARANTINE, reads.read).select("source_path", "reason_code", "reason")
        findings = document_rows(con, schemas.FINDINGS, reads.read)
    if reads.changed:
        for spec in loaded_with_documents:
            context.log_event(dg.AssetMaterialization(asset_key=spec.key, metadata={"rows": counts[spec.key.path[-1]]}))
        yield dg.MaterializeResult(
            asset_key=_DOCUMENTS_KEY,
            metadata={
                "rows": counts[schemas.DOCUMENTS.name], CHANGED_FILES: dg.MetadataValue.json(reads.changed_under)
            },
        )
    errors = findings.filter(pl.col("severity") == "error")
    yield dg.AssetCheckResult(
        asset_key=_DOCUMENTS_KEY, check_name="every_document_readable", passed=quarantined.height == 0,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={"parsed": len(reads.read), "quarantined": quarantined.height,
                  "documents": dg.MetadataValue.md(markdown_table(quarantined))},
    )
    yield dg.AssetCheckResult(
        asset_key=_DOCUMENTS_KEY, check_name="reports_internally_consistent", passed=errors.height == 0,
        severity=dg.AssetCheckSeverity.WARN, metadata={"errors": errors.height},
    )
