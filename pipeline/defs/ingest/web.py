"""The web sources of ``sources.yaml``, fetched into the drop folder (the drop-folder sensor takes it from there)."""

from pathlib import Path

import dagster as dg
import polars as pl

from pipeline.defs.resources import RawFolder, SourcesFile
from pipeline.lib.markdown import markdown_table
from pipeline.sources.web.fetch import fetch_web_sources
from pipeline.sources.web.results import problem_line
from pipeline.sources_file import load_sources

# The metadata key of the refused and failed URLs as ``FetchRun.problems`` rows.
PROBLEMS = "problem_rows"


@dg.asset(
    key=["sources", "web_downloads"],
    group_name="ingest",
    kinds={"python"},
    check_specs=[dg.AssetCheckSpec("every_source_fetched", asset=["sources", "web_downloads"],
                                   description="每个网上来源均已抓取 / Every web source was reached and its listing matched.")],
)
def web_downloads(context: dg.AssetExecutionContext, raw_folder: RawFolder, sources: SourcesFile):
    """网上公开的报告，下载到投放目录 / Reports published on the web sources, downloaded into the drop folder."""
    config = load_sources(Path(sources.path))
    run = fetch_web_sources(config, Path(raw_folder.path))
    problems = run.problems()
    for problem in problems:
        context.log.warning(problem_line(problem))
    table = pl.DataFrame(
        problems,
        schema={"kind": pl.Utf8, "source": pl.Utf8, "reason": pl.Utf8, "url": pl.Utf8, "message": pl.Utf8},
    )
    return dg.MaterializeResult(
        # The table is for the UI; the same rows as JSON are for the command line, which prints them.
        metadata={**run.summary(), "sources": len(config.web_sources),
                  "problems": dg.MetadataValue.md(markdown_table(table)),
                  PROBLEMS: dg.MetadataValue.json(problems)},
        # A source that failed (unreachable, or its listing no longer matches) is loud, never an empty success.
        check_results=[dg.AssetCheckResult(check_name="every_source_fetched", passed=run.ok,
                                           severity=dg.AssetCheckSeverity.WARN,
                                           metadata={"failed": len(run.failed)})],
    )
