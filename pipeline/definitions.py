"""The code location: everything under ``pipeline/defs``, discovered by module.

The dbt manifest must exist before this is imported (``python -m pipeline ingest`` and the tests prepare it).
"""

from __future__ import annotations

import dagster as dg

from pipeline.settings import PROJECT_ROOT


@dg.definitions
def defs() -> dg.Definitions:
    return dg.load_from_defs_folder(project_root=PROJECT_ROOT)
