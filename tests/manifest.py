"""The dbt manifest the Dagster definitions load at import, prepared once for the tests that import them.

Called from the conftest of each folder whose tests import the definitions, before the folder's modules are
collected; the unit tests never import them, so they start no dbt. pytest-xdist workers collect at once: a lock
lets one of them parse the project and the others find it prepared.
"""

from __future__ import annotations

import fcntl

from pipeline.lib.dbt_project import dbt_project, prepare_manifest


def prepare_manifest_once() -> None:
    target = dbt_project.manifest_path.parent
    target.mkdir(parents=True, exist_ok=True)
    with open(target / ".prepare.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        prepare_manifest()
