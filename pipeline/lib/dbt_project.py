"""The dbt project, as Dagster sees it; its manifest is prepared explicitly (CLI, tests), never at import."""

from __future__ import annotations

import hashlib
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
    """Runs ``dbt parse`` so that ``target/manifest.json`` exists before the definitions are imported; skipped
    when the manifest was made from the project as it is now (``dbt parse`` costs seconds every run otherwise)."""
    stamp = Path(dbt_project.manifest_path).with_suffix(".fingerprint")
    fingerprint = project_fingerprint()
    if Path(dbt_project.manifest_path).exists() and stamp.exists() and stamp.read_text() == fingerprint:
        return
    dbt_cli().cli(["parse", "--quiet"], target_path=dbt_project.target_path).wait()
    stamp.write_text(fingerprint)


# What dbt builds from: a change to any of these needs a rebuild even when no document changed.
_PROJECT_INPUTS = ("dbt_project.yml", "profiles.yml", "models", "seeds", "macros", "tests", "snapshots", "analyses")


def project_fingerprint() -> str:
    """SHA-256 over the dbt project's source files (paths and bytes), independent of dbt's own timestamps."""
    digest = hashlib.sha256()
    root = Path(dbt_project.project_dir)
    for name in _PROJECT_INPUTS:
        top = root / name
        for path in sorted([top] if top.is_file() else top.rglob("*")):
            if path.is_file():
                digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()
