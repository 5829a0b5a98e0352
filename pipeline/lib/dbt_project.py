"""The dbt project, as Dagster sees it; its manifest is prepared explicitly (CLI, tests), never at import."""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
from pathlib import Path

from dagster_dbt import DbtCliResource, DbtProject

from pipeline.settings import DBT_PROJECT_DIR

dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)

# dbt as installed beside this interpreter, so that `.venv/bin/python -m pipeline` works without activating the venv.
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


# What a finished invocation leaves that the next one needs: dbt's parse of the project (reused only if the
# profile is unchanged, which a stable build path ensures), and what an operator looks for in target/ after a
# failed build: the results and dbt's debug log (every statement it ran).
_KEPT_ARTIFACTS = ("partial_parse.msgpack", "run_results.json", "dbt.log")


def keep_invocation_artifacts(invocation_target: Path, project_target: Path | None = None) -> None:
    """Moves an invocation's parse and results into the project's target folder and removes the rest.

    dagster-dbt gives every invocation a target folder of its own and seeds it with the project's
    ``partial_parse.msgpack``; left alone, the updated parse is lost (the next run parses the project again) and a
    folder of compiled SQL is left behind every night. Relative paths are the project folder's, where dbt runs.
    """
    project_dir = Path(dbt_project.project_dir)
    project_target = project_dir / (project_target or dbt_project.target_path)
    invocation_target = project_dir / invocation_target
    for name in _KEPT_ARTIFACTS:
        artifact = invocation_target / name
        if artifact.exists():
            # A run of another warehouse may read it at the same moment: replace, never write in place.
            staged = project_target / f".{name}.{os.getpid()}"
            shutil.copyfile(artifact, staged)
            os.replace(staged, project_target / name)
    shutil.rmtree(invocation_target, ignore_errors=True)
