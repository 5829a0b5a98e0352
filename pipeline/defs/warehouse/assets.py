"""The load: each document partition parsed (spread over worker processes) and written to the run's build."""

from pathlib import Path

import dagster as dg
import polars as pl
from pydantic import Field

from pipeline import schemas
from pipeline.defs.ingest.assets import raw_documents
from pipeline.defs.resources import RawFolder, Warehouse
from pipeline.lib.dbt_project import project_fingerprint
from pipeline.lib.markdown import markdown_table
from pipeline.lib.progress import PROGRESS
from pipeline.load.pending import pending_work
from pipeline.load.warehouse import document_rows, forget_files, load_batch, load_files, row_counts
from pipeline.parse.batch import parse_documents, worker_count
from pipeline.parse.version import PARSER_VERSION
from pipeline.schemas import ALL_FRAMES

_DOCUMENTS_KEY = dg.AssetKey(["disclosures", schemas.DOCUMENTS.name])
# Metadata of the documents table: files whose bytes changed between the scan and their read, left for a new run.
CHANGED_FILES = "files_changed_under_the_run"


class LoadConfig(dg.Config):
    reparse: list[str] = Field(
        default=[], description="sha256 of documents to read again although this parser version has read them"
    )
    reparse_quarantined: bool = Field(default=False, description="read every quarantined document again")
    full_refresh: bool = Field(
        default=False, description="hand the warehouse on to dbt even if nothing changed, for a full rebuild"
    )


# The documents table stands for the load; the other raw tables are written by the same step and stand in the graph
# so that dbt's sources join lineage.
def _documents_spec() -> dg.AssetSpec:
    # A function, not a module attribute: the defs loader would take a module-level spec for a second definition.
    return dg.AssetSpec(
        key=_DOCUMENTS_KEY,
        group_name="warehouse",
        description=f"{schemas.DOCUMENTS.zh} / {schemas.DOCUMENTS.en}",
        kinds={"duckdb"},
        deps=[raw_documents],
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
    schema_checks = [
        dg.AssetCheckSpec(
            name=f"{schema.name}_matches_schema",
            asset=_DOCUMENTS_KEY,
            blocking=True,
            description=f"帧结构符合声明 / The {schema.name} frame has the declared columns, types and unique keys.",
        )
        for schema in (*schemas.PARSED_FRAMES, schemas.QUARANTINE)
    ]
    return [
        *schema_checks,
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
    ins={"raw_documents": dg.AssetIn(raw_documents.key)},
    op_tags={"dagster/concurrency_key": "warehouse_writer"},
)
def disclosures_tables(
    context: dg.AssetExecutionContext,
    config: LoadConfig,
    warehouse: Warehouse,
    raw_folder: RawFolder,
    raw_documents: pl.DataFrame,
):
    """Parses the drop folder's documents that this parser version has not read yet (the warehouse's document
    states decide) and loads them into the ``raw`` schema of the run's build, a batch per transaction."""
    first_paths = raw_documents.sort("source_path").unique("document_sha256", keep="first", maintain_order=True)
    present = list(first_paths.select("document_sha256", "source_path").iter_rows())
    checked = (*schemas.PARSED_FRAMES, schemas.QUARANTINE)
    problems: dict[str, list[str]] = {schema.name: [] for schema in checked}
    with warehouse.get_connection() as con:
        pending = pending_work(
            con, raw_documents, [sha for sha, _ in present], parser_version=PARSER_VERSION, dbt_fingerprint=project_fingerprint(),
            again=config.reparse, again_quarantined=config.reparse_quarantined,
        )
        todo = set(pending.to_parse)
        # Rows change when a document is new or reads differently; files, or a dbt project, when they changed; and
        # a lake may hold writes of a run that died before it published.
        changed = pending.files_changed or pending.dbt_stale or config.full_refresh or warehouse.unpublished()
        changed_under: list[str] = []
        if pending.any:
            with warehouse.writing():
                load_files(con, raw_documents)
            context.log.info(
                f"{PROGRESS}parsing {len(todo)} of {len(present)} documents with {worker_count()} worker(s)"
            )
            done = 0
            to_read = [item for item in present if item[0] in todo]
            for batch in parse_documents(to_read, Path(raw_folder.path), limits=raw_folder.limits):
                batch_problems = {schema.name: schema.problems(batch.frame(schema.name)) for schema in checked}
                for name, found in batch_problems.items():
                    problems[name].extend(found)
                # Each write a turn of the lake's writer lock (on a lake; a build file is the run's own): runs on
                # other machines parse meanwhile.
                with warehouse.writing():
                    if not any(batch_problems.values()):
                        changed = load_batch(con, batch) or changed
                    forget_files(con, batch.changed)
                for file in batch.changed:
                    context.log.warning(f"{PROGRESS}{file.message}")
                    changed_under.append(file.source_path)
                changed = changed or bool(batch.changed)
                done += len(batch.document_shas) + len(batch.changed)
                context.log.info(f"{PROGRESS}loaded {done} of {len(todo)} documents")
        if not changed:
            context.log.info(f"{PROGRESS}nothing new among {len(present)} documents: the published warehouse stays")
        counts = row_counts(con)
        # The checks describe the documents this run read: a nightly run costs what is new.
        read = sorted(todo)
        quarantined = document_rows(con, schemas.QUARANTINE, read).select("source_path", "reason_code", "reason")
        findings = document_rows(con, schemas.FINDINGS, read)
    # The tables are materialised only when something changed.
    if changed:
        for spec in loaded_with_documents:
            rows = counts[spec.key.path[-1]]
            context.log_event(dg.AssetMaterialization(asset_key=spec.key, metadata={"rows": rows}))
        yield dg.MaterializeResult(
            asset_key=_DOCUMENTS_KEY,
            metadata={"rows": counts[schemas.DOCUMENTS.name], CHANGED_FILES: dg.MetadataValue.json(changed_under)},
        )
    for name, found in problems.items():
        yield dg.AssetCheckResult(
            asset_key=_DOCUMENTS_KEY, check_name=f"{name}_matches_schema", passed=not found,
            metadata={"problems": found},
        )
    errors = findings.filter(pl.col("severity") == "error")
    yield dg.AssetCheckResult(
        asset_key=_DOCUMENTS_KEY, check_name="every_document_readable", passed=quarantined.height == 0,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={"parsed": len(todo), "quarantined": quarantined.height,
                  "documents": dg.MetadataValue.md(markdown_table(quarantined))},
    )
    yield dg.AssetCheckResult(
        asset_key=_DOCUMENTS_KEY, check_name="reports_internally_consistent", passed=errors.height == 0,
        severity=dg.AssetCheckSeverity.WARN, metadata={"errors": errors.height},
    )
