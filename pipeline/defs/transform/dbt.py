import dagster as dg
from dagster_dbt import DbtCliResource, dbt_assets
from pydantic import Field

from pipeline.defs.resources import Warehouse
from pipeline.lib.dbt_project import dbt_project, keep_invocation_artifacts, project_fingerprint
from pipeline.lib.dbt_translator import translator
from pipeline.lib.environ import environment_variables
from pipeline.load import build_state, changed_documents

# Every node downstream of the loaded reports: without the seeds, the unit tests, and (cautious indirect selection)
# the tests on seeds alone, but with the tests that also read a seed (relationships to a code list). dagster-dbt
# unions a runtime --select with the run's own selection, so the set is told by what it leaves out.
_FED_BY_REPORTS = ("--exclude", "resource_type:seed resource_type:unit_test", "--indirect-selection", "cautious")


class DbtBuildConfig(dg.Config):
    full_refresh: bool = Field(
        default=False, description="build every mart anew from every document (dbt --full-refresh)"
    )


@dbt_assets(
    manifest=dbt_project.manifest_path,
    project=dbt_project,
    dagster_dbt_translator=translator,
    op_tags={"dagster/concurrency_key": "warehouse_writer"},
)
def dbt_models(
    context: dg.AssetExecutionContext, dbt: DbtCliResource, warehouse: Warehouse, config: DbtBuildConfig
):
    """dbt build: staging → intermediate → marts, with every dbt test as an asset check.

    When the warehouse was last built by this very project, only what the reports feed is built again: seeds,
    models and tests on seeds alone, and unit tests (fixtures in, fixtures out) would give what they gave then;
    and the marts are built incrementally, for the departments of the documents that changed since (model
    ``int_build_scope``). A changed project, or ``full_refresh``, builds everything, with ``--full-refresh``.
    """
    # No fetch_row_counts(): it would open the DuckDB file while dbt holds its write lock. profiles.yml reads the
    # warehouse from these variables and the dbt subprocess inherits them; this process's own are restored after.
    # On a lake, the whole build is one turn of its writer lock: no load of another run changes the documents it
    # builds from, or the list of changed documents it empties; and what the last build was, is read in the turn.
    with warehouse.writing(), environment_variables(warehouse.dbt_environment()):
        with warehouse.get_connection() as con:
            built_by_this_project = build_state.recorded(con, build_state.DBT_PROJECT_KEY) == project_fingerprint()
        # A changed project may have changed a seed's columns: dbt would refill the older table (and fail on the
        # new columns), so every table is made anew.
        # A full build, one model at a time: with FISCAL_DBT_MEMORY_LIMIT shared by four threads, a first build of
        # 1,000 reports ran out of memory; alone, each model has it all (and spills past it).
        arguments = (
            _FED_BY_REPORTS if built_by_this_project and not config.full_refresh
            else ("--full-refresh", "--threads", "1")
        )
        invocation = dbt.cli(["build", *arguments], context=context)
        try:
            yield from invocation.stream()
        finally:
            keep_invocation_artifacts(invocation.target_path)
        # Reached only when the build succeeded: a later run with no new document may then skip dbt altogether,
        # and the next incremental build starts from no changed document.
        with warehouse.get_connection() as con:
            con.execute("BEGIN TRANSACTION")
            changed_documents.clear(con)
            build_state.record(con, build_state.DBT_PROJECT_KEY, project_fingerprint())
            con.execute("COMMIT")

