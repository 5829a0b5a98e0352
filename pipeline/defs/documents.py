"""Documents as Dagster partitions: one dynamic partition per distinct file content (its sha256)."""

from __future__ import annotations

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


def all_documents_tags(instance: dg.DagsterInstance) -> dict[str, str]:
    """Run tags that target every document partition; empty when there is none."""
    keys = instance.get_dynamic_partitions(documents_partitions.name)
    return range_tags(keys) if keys else {}


def ingest_in_process(
    job: dg.JobDefinition, instance: dg.DagsterInstance, raw_dir: Path, **execute: Any
) -> dg.ExecuteInProcessResult | None:
    """Registers the folder's documents and runs ``job`` over every document partition in this process, as the
    CLI and the tests do; ``None`` when the folder holds no document at all."""
    files, _ = drop_folder.scan(raw_dir)
    register_documents(instance, files)
    tags = all_documents_tags(instance)
    if not tags:
        return None
    return job.execute_in_process(instance=instance, tags={**tags, **execute.pop("tags", {})}, **execute)
