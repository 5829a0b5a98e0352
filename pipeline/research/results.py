"""``query --out``: a result written as CSV (UTF-8 with BOM, for Excel), JSON or Parquet (DECIMAL kept exact)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

from pipeline.research import ResearchError
from pipeline.research.files import atomic_file

FILE_FORMATS = ("csv", "json", "parquet")


def file_format(out: Path, requested: str | None) -> str:
    """``requested``, else the format ``out``'s suffix names."""
    if requested and requested not in FILE_FORMATS:
        raise ResearchError(f"--format {requested} is for the screen; a file is {'|'.join(FILE_FORMATS)}")
    fmt = requested or out.suffix.lower().lstrip(".")
    if fmt not in FILE_FORMATS:
        raise ResearchError(f"cannot tell the format of {out.name}; pass --format {'|'.join(FILE_FORMATS)}")
    return fmt


def cell_text(value: object) -> str:
    return "" if value is None else str(value)


def rows_as_json(columns: list[str], rows: list[tuple]) -> str:
    return json.dumps([dict(zip(columns, row)) for row in rows], ensure_ascii=False, default=str, indent=1)


def write_result(cursor: duckdb.DuckDBPyConnection, fmt: str, out: Path) -> int:
    """Writes the result of the statement ``cursor`` ran to ``out``; returns the number of rows."""
    with atomic_file(out) as temporary:
        if fmt == "parquet":
            table = cursor.to_arrow_table()
            pq.write_table(table, temporary)
            return table.num_rows
        columns = [d[0] for d in cursor.description or []]
        rows = cursor.fetchall()
        if fmt == "csv":
            with temporary.open("w", encoding="utf-8-sig", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(columns)
                writer.writerows([[cell_text(v) for v in row] for row in rows])
        else:
            temporary.write_text(rows_as_json(columns, rows) + "\n", encoding="utf-8")
        return len(rows)
