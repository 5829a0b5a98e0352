from pathlib import Path

import dagster as dg
import polars as pl

from pipeline.defs.resources import RawFolder
from pipeline.parse.dispatch import ParseBatch, parse_folder
from pipeline.sources import drop_folder


@dg.asset(group_name="ingest", kinds={"python", "polars"})
def raw_documents(context: dg.AssetExecutionContext, raw_folder: RawFolder) -> pl.DataFrame:
    """原始文件清单 / The files in the drop folder, each identified by the SHA-256 of its bytes."""
    files, _ = drop_folder.scan(Path(raw_folder.path))
    context.add_output_metadata(
        {"files": files.height, "documents": files["document_sha256"].n_unique(), "folder": raw_folder.path}
    )
    return files


@dg.asset(group_name="ingest", kinds={"python", "polars"})
def parsed_documents(
    context: dg.AssetExecutionContext, raw_folder: RawFolder, raw_documents: pl.DataFrame
) -> ParseBatch:
    """解析结果 / Every distinct document read into the declared frames; unreadable ones quarantined."""
    batch = parse_folder(raw_documents, Path(raw_folder.path), max_file_bytes=raw_folder.max_file_bytes)
    context.add_output_metadata(
        {
            "documents_parsed": batch.document_count,
            "documents_quarantined": batch.quarantine.height,
            **{f"rows_{name}": frame.height for name, frame in batch.frames.items()},
        }
    )
    return batch

