from pathlib import Path

import dagster as dg
import polars as pl
from pydantic import Field

from pipeline.defs.resources import RawFolder, Warehouse
from pipeline.load.pending import recorded_files
from pipeline.sources import drop_folder


class ScanConfig(dg.Config):
    scan: str = Field(
        default="",
        description="a scan of the drop folder already made for this run (Parquet of DOCUMENT_FILES rows), used "
        "as it is: one scan per run",
    )


@dg.asset(group_name="ingest", kinds={"python", "polars"})
def raw_documents(
    context: dg.AssetExecutionContext, config: ScanConfig, raw_folder: RawFolder, warehouse: Warehouse
) -> pl.DataFrame:
    """原始文件清单 / The files in the drop folder, each identified by the SHA-256 of its bytes; a file the
    warehouse recorded with the same size and time is not hashed again."""
    if config.scan:
        files = pl.read_parquet(config.scan)
    else:
        with warehouse.get_connection() as con:
            files = drop_folder.scan(Path(raw_folder.path), recorded_files(con))
    context.add_output_metadata(
        {"files": files.height, "documents": files["document_sha256"].n_unique(), "folder": raw_folder.path}
    )
    return files
