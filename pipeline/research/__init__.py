"""What researchers take out of the warehouse: query results as files, every mart exported, department charts.

Plain Python over a read-only DuckDB connection; the CLI opens the connection and reports ``ResearchError``.
"""

from __future__ import annotations


class ResearchError(Exception):
    """A problem the user can fix (unknown department, no Chinese font, occupied output folder): one line."""
