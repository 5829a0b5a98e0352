"""The jobs and what starts them.

Nightly at 02:00 (Asia/Shanghai) ``fetch_sources`` downloads what the web sources published into the drop folder.
The drop-folder sensor asks the published warehouse what the folder leaves to do (the warehouse's document states
are the one registry of documents) and starts ``ingest_all`` when there is anything: parse, load, dbt, publish.
The run is keyed by what it has to do, so the same work is never requested twice. ``python -m pipeline ingest``
runs the same two jobs in turn.
"""

import hashlib
import pkgutil
from pathlib import Path

import dagster as dg

import pipeline.defs as defs_package
from pipeline.defs.ingest.web import web_downloads
from pipeline.defs.resources import RawFolder, Warehouse
from pipeline.defs.scans import ingest_run_config, save_scan
from pipeline.lib.dbt_project import project_fingerprint
from pipeline.load.pending import pending_work, recorded_files
from pipeline.parse.version import PARSER_VERSION
from pipeline.settings import Settings
from pipeline.sources import drop_folder

# Each step's process forks from a server that imported the code location once: a step then starts in under a
# second, where a fresh interpreter takes ~5 s to import Dagster, dbt's manifest and the pipeline.
_CODE_LOCATION = [
    "pipeline.definitions", *(module.name for module in pkgutil.walk_packages(defs_package.__path__, "pipeline.defs."))
]
_STEP_PROCESSES = dg.multiprocess_executor.configured(
    {"start_method": {"forkserver": {"preload_modules": _CODE_LOCATION}}}
)

fetch_sources = dg.define_asset_job(
    name="fetch_sources",
    selection=dg.AssetSelection.assets(web_downloads),
    description="抓取 sources.yaml 中网上来源的新报告 / Download new reports from the web sources of sources.yaml.",
)

ingest_all = dg.define_asset_job(
    name="ingest_all",
    selection=dg.AssetSelection.all() - dg.AssetSelection.assets(web_downloads),
    # A DuckDB file admits one writing process: the steps run in this one, the parse over worker processes inside
    # each chunk's step. A lake takes writes from many: the chunks' steps run side by side, a process each (the
    # same job runs under dagster-docker's or dagster-k8s's executor, a container or pod each).
    executor_def=_STEP_PROCESSES if Settings.from_env().lake_catalog else dg.in_process_executor,
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
def raw_folder_sensor(context: dg.SensorEvaluationContext, raw_folder: RawFolder, warehouse: Warehouse):
    """Starts ``ingest_all`` when the drop folder holds anything the published warehouse has not read (or files
    were added, renamed or removed, or the dbt project changed); a renamed copy of known bytes costs no parse."""
    if warehouse.published_exists():
        with warehouse.read_published() as con:
            files = drop_folder.scan(Path(raw_folder.path), recorded_files(con))
            pending = pending_work(
                con, files, files["document_sha256"].unique().to_list(), parser_version=PARSER_VERSION,
                dbt_fingerprint=project_fingerprint(),
            )
        if not pending.any:
            return dg.SkipReason("nothing new in the drop folder")
    else:
        files = drop_folder.scan(Path(raw_folder.path))
        if files.is_empty():
            return dg.SkipReason("the drop folder holds no file")
    scan = save_scan(files, Path(context.instance.root_directory))
    return dg.RunRequest(
        # The same folder state asks for the same run once, however many ticks see it.
        run_key=hashlib.sha256(f"{scan.stem}:{PARSER_VERSION}:{project_fingerprint()}".encode()).hexdigest(),
        run_config=ingest_run_config(scan),
    )
