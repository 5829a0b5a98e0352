"""The dbt project, as Dagster sees it; its manifest is prepared explicitly (CLI, tests), never at import."""

from __future__ import annotations

from dagster_dbt import DbtProject

from pipeline.settings import DBT_PROJECT_DIR

dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)


def prepare_manifest() -> None:
    """Runs ``dbt parse`` so that ``target/manifest.json`` exists before the definitions are imported."""
    dbt_project.preparer.prepare(dbt_project)
