"""The read: the documents this parser version has not read, parsed in chunks that Dagster's executor fans out,
each chunk loaded into the run's warehouse as it is read.

``plan_reads`` asks the warehouse's document states what to read and cuts it into chunks (``DynamicOut``);
``read_chunk`` runs once per chunk: its documents are parsed over worker processes and loaded a batch per
transaction, each write a turn of the lake's writer lock. Under the in-process executor (one DuckDB file, which
admits one writing process) the chunks run one after the other, each parsing on every core; under the
multiprocess executor (a DuckLake, ``pipeline.defs.automation``) or Dagster's Docker or Kubernetes executors they
run at once, one process or pod each, and take turns only to write.
"""

import os
from dataclasses import dataclass, field
from pathlib import Path

import dagster as dg
import polars as pl
from pydantic import Field

from pipeline.defs.ingest.assets import raw_documents
from pipeline.defs.resources import RawFolder, Warehouse
from pipeline.lib.dbt_project import project_fingerprint
from pipeline.lib.progress import PROGRESS
from pipeline.load.pending import pending_work
from pipeline.load.warehouse import forget_files, load_batch, load_files
from pipeline.parse.version import PARSER_VERSION
from pipeline.read.batches import WORKERS_ENV, read_documents, worker_count
from pipeline.settings import parse_chunk


class LoadConfig(dg.Config):
    reparse: list[str] = Field(
        default=[], description="sha256 of documents to read again although this parser version has read them"
    )
    reparse_quarantined: bool = Field(default=False, description="read every quarantined document again")
    full_refresh: bool = Field(
        default=False, description="hand the warehouse on to dbt even if nothing changed, for a full rebuild"
    )


@dataclass
class Reads:
    """What a run's read did: the documents it read, whether the warehouse's rows changed and the files that
    changed under it. ``present``: the documents of the scan, which the plan counts."""

    present: int = 0
    read: list[str] = field(default_factory=list)
    changed: bool = False
    changed_under: list[str] = field(default_factory=list)

    def absorb(self, other: "Reads") -> None:
        """Adds what ``other`` did, in place: a chunk takes in a batch at a time, whatever the number of batches."""
        self.read.extend(other.read)
        self.changed = self.changed or other.changed
        self.changed_under.extend(other.changed_under)


@dg.op(out={"plan": dg.Out(Reads), "chunks": dg.DynamicOut(list)})
def plan_reads(
    context: dg.OpExecutionContext, config: LoadConfig, warehouse: Warehouse, raw_documents: pl.DataFrame
):
    """Records the scan's files and cuts what this parser version has not read into chunks."""
    first_paths = raw_documents.sort("source_path").unique("document_sha256", keep="first", maintain_order=True)
    present = list(first_paths.select("document_sha256", "source_path").iter_rows())
    with warehouse.get_connection() as con:
        pending = pending_work(
            con, raw_documents, [sha for sha, _ in present], parser_version=PARSER_VERSION,
            dbt_fingerprint=project_fingerprint(), again=config.reparse, again_quarantined=config.reparse_quarantined,
        )
        if pending.any:
            with warehouse.writing():
                load_files(con, raw_documents)
    # Rows change when a document is new or reads differently; files, or a dbt project, when they changed; and a
    # lake may hold writes of a run that died before it published.
    changed = pending.files_changed or pending.dbt_stale or config.full_refresh or warehouse.unpublished()
    yield dg.Output(Reads(present=len(present), changed=changed), output_name="plan")
    todo = set(pending.to_parse)
    to_read = [item for item in present if item[0] in todo]
    size = parse_chunk()
    chunks = [to_read[start:start + size] for start in range(0, len(to_read), size)]
    context.log.info(f"{PROGRESS}parsing {len(to_read)} of {len(present)} documents in {len(chunks)} chunk(s)")
    for index, chunk in enumerate(chunks):
        yield dg.DynamicOutput(chunk, mapping_key=f"chunk_{index}", output_name="chunks")


@dg.op
def read_chunk(
    context: dg.OpExecutionContext, warehouse: Warehouse, raw_folder: RawFolder, chunk: list
) -> Reads:
    """Parses one chunk's documents and loads them, a batch per transaction."""
    # On a lake, chunks run side by side, a process each: one parse worker per chunk unless told otherwise.
    workers = 1 if warehouse.lake is not None and WORKERS_ENV not in os.environ else worker_count()
    documents = [tuple(item) for item in chunk]
    reads = Reads()
    done = 0
    with warehouse.get_connection() as con:
        for batch in read_documents(documents, Path(raw_folder.path), limits=raw_folder.limits, workers=workers):
            # Each write a turn of the lake's writer lock (on a lake; a build file is the run's own): other chunks,
            # and runs on other machines, parse meanwhile.
            with warehouse.writing():
                loaded = load_batch(con, batch)
                forget_files(con, batch.changed)
            for file in batch.changed:
                context.log.warning(f"{PROGRESS}{file.message}")
            reads.absorb(Reads(
                read=batch.document_shas, changed=loaded or bool(batch.changed),
                changed_under=[file.source_path for file in batch.changed],
            ))
            done += len(batch.document_shas) + len(batch.changed)
            chunk_key = context.get_mapping_key()
        context.log.info(f"{PROGRESS}loaded {done} of {len(documents)} documents of {chunk_key}")
    return reads


@dg.op
def gather_reads(plan: Reads, reads: list[Reads]) -> Reads:
    """The chunks' reads as one."""
    total = Reads(present=plan.present, changed=plan.changed)
    for chunk in reads:
        total.absorb(chunk)
    return total


@dg.graph_asset(
    group_name="warehouse",
    kinds={"python", "polars"},
    ins={"raw_documents": dg.AssetIn(raw_documents.key)},
)
def document_reads(raw_documents):
    """本次运行读取的文件 / The documents this run read (parsed in chunks fanned out by the executor) and loaded
    into the raw schema of the run's warehouse."""
    plan, chunks = plan_reads(raw_documents)
    return gather_reads(plan, chunks.map(read_chunk).collect())
