"""The dbt project, as Dagster sees it; its manifest is prepared explicitly (CLI, tests), never at import."""

from __future__ import annotations

import sys
from pathlib import Path

from dagster_dbt import DbtCliResource, DbtProject

from pipeline.settings import DBT_PROJECT_DIR

dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)

# The dbt installed beside this interpreter, so that `.venv/bin/python -m pipeline` works without activating.
DBT_EXECUTABLE = str(Path(sys.executable).parent / "dbt")


def dbt_cli() -> DbtCliResource:
    return DbtCliResource(project_dir=dbt_project, dbt_executable=DBT_EXECUTABLE)


def prepare_manifest() -> None:
    """Runs ``dbt parse`` so that ``target/manifest.json`` exists before the definitions are imported."""
    dbt_cli().cli(["parse", "--quiet"], target_path=dbt_project.target_path).wait()
