from pathlib import Path

import dagster as dg
import polars as pl

from pipeline.defs.resources import RawFolder
from pipeline.sources import drop_folder


@dg.asset(group_name="ingest", kinds={"python", "polars"})
def raw_documents(context: dg.AssetExecutionContext, raw_folder: RawFolder) -> pl.DataFrame:
    """原始文件清单 / The files in the drop folder, each identified by the SHA-256 of its bytes."""
    files, _ = drop_folder.scan(Path(raw_folder.path))
    context.add_output_metadata(
        {"files": files.height, "documents": files["document_sha256"].n_unique(), "folder": raw_folder.path}
    )
    return files
