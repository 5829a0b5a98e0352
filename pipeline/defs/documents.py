"""Documents as Dagster partitions: one dynamic partition per distinct file content (its sha256)."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from typing import Any

import dagster as dg
import polars as pl

from pipeline.sources import drop_folder

documents_partitions = dg.DynamicPartitionsDefinition(name="documents")

# A run over several partitions is one run over a key range; Dagster's single-run backfills use the same tags.
_RANGE_START = "dagster/asset_partition_range_start"
_RANGE_END = "dagster/asset_partition_range_end"


def new_document_keys(instance: dg.DagsterInstance, files: pl.DataFrame) -> list[str]:
    """The documents of ``files`` (a DOCUMENT_FILES frame) that have no partition yet, in path order."""
    known = set(instance.get_dynamic_partitions(documents_partitions.name))
    return [sha for sha in dict.fromkeys(files.sort("source_path")["document_sha256"].to_list()) if sha not in known]


def register_documents(instance: dg.DagsterInstance, files: pl.DataFrame) -> list[str]:
    """Adds a partition for each document of ``files`` not yet known; returns the new keys in the order added."""
    new = new_document_keys(instance, files)
    if new:
        instance.add_dynamic_partitions(documents_partitions.name, new)
    return new


def range_tags(keys: list[str]) -> dict[str, str]:
    """Run tags that target the partitions from the first to the last of ``keys`` (in the order they were added)."""
    return {_RANGE_START: keys[0], _RANGE_END: keys[-1]}


def covering_tags(instance: dg.DagsterInstance, documents: Collection[str] | None = None) -> dict[str, str]:
    """Run tags that target the partitions from the first to the last of ``documents`` in the order they were added:
    every partition when ``documents`` is None, the newest alone when it is empty (a run that reads no document
    but rebuilds for a renamed file or a changed dbt project). Empty when there is no partition at all."""
    keys = instance.get_dynamic_partitions(documents_partitions.name)
    if not keys:
        return {}
    if documents is None:
        return range_tags(keys)
    # The load reads only what its partitions hold and the warehouse lacks; the range merely has to cover it.
    documents = set(documents)
    wanted = [i for i, key in enumerate(keys) if key in documents] or [len(keys) - 1]
    return range_tags(keys[min(wanted) : max(wanted) + 1])


def ingest_in_process(
    job: dg.JobDefinition,
    instance: dg.DagsterInstance,
    raw_dir: Path,
    documents: Collection[str] | None = None,
    **execute: Any,
) -> dg.ExecuteInProcessResult | None:
    """Registers the folder's documents and runs ``job`` in this process over the partitions that cover
    ``documents`` (see ``covering_tags``), as the CLI and the tests do; ``None`` when the folder holds no document."""
    files, _ = drop_folder.scan(raw_dir)
    register_documents(instance, files)
    tags = covering_tags(instance, documents)
    if not tags:
        return None
    return job.execute_in_process(instance=instance, tags={**tags, **execute.pop("tags", {})}, **execute)
