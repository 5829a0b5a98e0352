"""The jobs and what starts them.

Nightly at 02:00 (Asia/Shanghai) ``fetch_sources`` downloads what the web sources published into the drop folder.
The drop-folder sensor sees each new file content, adds it as a ``documents`` partition and starts
``ingest_all`` over the new partitions only: parse, load, dbt, publish. ``python -m pipeline ingest`` runs the
same two jobs in turn.
"""

import hashlib
import json
from pathlib import Path

import dagster as dg

from pipeline.defs.documents import documents_partitions, new_document_keys, range_tags
from pipeline.defs.ingest.web import web_downloads
from pipeline.defs.resources import RawFolder
from pipeline.sources import drop_folder

fetch_sources = dg.define_asset_job(
    name="fetch_sources",
    selection=dg.AssetSelection.assets(web_downloads),
    description="抓取 sources.yaml 中网上来源的新报告 / Download new reports from the web sources of sources.yaml.",
)

ingest_all = dg.define_asset_job(
    name="ingest_all",
    selection=dg.AssetSelection.all() - dg.AssetSelection.assets(web_downloads),
    partitions_def=documents_partitions,
    # One process: DuckDB admits one writer; the parse fans out over worker processes inside its step.
    executor_def=dg.in_process_executor,
    description="读取 data/raw/ 的报告，装入仓库并构建 dbt 模型 / Parse the document partitions, load, build dbt, publish.",
)

nightly_fetch = dg.ScheduleDefinition(
    name="nightly_fetch",
    job=fetch_sources,
    cron_schedule="0 2 * * *",
    execution_timezone="Asia/Shanghai",
    default_status=dg.DefaultScheduleStatus.RUNNING,
)


@dg.sensor(job=ingest_all, minimum_interval_seconds=60, default_status=dg.DefaultSensorStatus.RUNNING)
def raw_folder_sensor(context: dg.SensorEvaluationContext, raw_folder: RawFolder):
    """Adds a partition per new document content of the drop folder and runs ``ingest_all`` over those partitions;
    a renamed copy of known bytes is not new."""
    cursor = json.loads(context.cursor) if context.cursor else {"files": {}}
    known_files = {path: tuple(entry) for path, entry in cursor["files"].items()}
    files, fingerprints = drop_folder.scan(Path(raw_folder.path), known_files)
    context.update_cursor(json.dumps({"files": fingerprints}))
    new = new_document_keys(context.instance, files)
    if not new:
        return dg.SkipReason("no new documents in the drop folder")
    return dg.SensorResult(
        run_requests=[
            dg.RunRequest(
                run_key=hashlib.sha256("\n".join(new).encode()).hexdigest(),
                tags={**range_tags(new), "new_documents": str(len(new))},
            )
        ],
        dynamic_partitions_requests=[documents_partitions.build_add_request(new)],
    )
