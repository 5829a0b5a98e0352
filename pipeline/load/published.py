"""Where readers find the warehouse: the published DuckDB file, or a lake's last published snapshot.

The CLI's questions, the drop-folder sensor and the document-states report all read through here, so that they
read the same state in both modes and never wait for a run.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from pipeline.load.lake import Lake


def exists(warehouse: Path, lake: Lake | None) -> bool:
    """Whether there is anything to read: a lake always is (attaching it makes an empty one)."""
    return lake is not None or warehouse.exists()


def describe(warehouse: Path, lake: Lake | None) -> str:
    return f"the DuckLake of {lake.data_path}" if lake else str(warehouse)


@contextmanager
def read_published(warehouse: Path, lake: Lake | None) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to what was last published."""
    if lake is not None:
        with lake.connect(published=True) as con:
            yield con
    else:
        with duckdb.connect(str(warehouse), read_only=True) as con:
            yield con
