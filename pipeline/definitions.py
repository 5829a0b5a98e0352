"""The code location: everything under ``pipeline/defs``, discovered by module.

The dbt manifest must exist before this is imported (``python -m pipeline ingest`` and the tests prepare it).
"""

from pathlib import Path

import dagster as dg


@dg.definitions
def defs() -> dg.Definitions:
    return dg.load_from_defs_folder(path_within_project=Path(__file__).parent)
