"""The one job that ingests everything, run by the CLI, the nightly schedule and the drop-folder sensor."""

import hashlib
import json
from pathlib import Path

import dagster as dg

from pipeline.defs.resources import RawFolder
from pipeline.sources import drop_folder

ingest_all = dg.define_asset_job(
    name="ingest_all",
    selection=dg.AssetSelection.all(),
    # One process: DuckDB admits one writer, and the steps depend on each other in a line anyway.
    executor_def=dg.in_process_executor,
    description="读取 data/raw/ 的全部报告，装入仓库并构建 dbt 模型 / Ingest every report in data/raw/, load, build dbt.",
)

nightly_ingest = dg.ScheduleDefinition(
    name="nightly_ingest",
    job=ingest_all,
    cron_schedule="0 2 * * *",
    execution_timezone="Asia/Shanghai",
    default_status=dg.DefaultScheduleStatus.RUNNING,
)


@dg.sensor(job=ingest_all, minimum_interval_seconds=60, default_status=dg.DefaultSensorStatus.RUNNING)
def raw_folder_sensor(context: dg.SensorEvaluationContext, raw_folder: RawFolder):
    """Requests a run when the drop folder holds bytes not seen before (a renamed copy is not new)."""
    cursor = json.loads(context.cursor) if context.cursor else {"files": {}, "documents": []}
    known_files = {path: tuple(entry) for path, entry in cursor["files"].items()}
    files, fingerprints = drop_folder.scan(Path(raw_folder.path), known_files)
    seen = set(cursor["documents"])
    new = sorted(set(files["document_sha256"].to_list()) - seen)
    context.update_cursor(json.dumps({"files": fingerprints, "documents": sorted(seen | set(new))}))
    if not new:
        return dg.SkipReason("no new documents in the drop folder")
    run_key = hashlib.sha256("\n".join(new).encode()).hexdigest()
    return dg.RunRequest(run_key=run_key, tags={"new_documents": str(len(new))})
