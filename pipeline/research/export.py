"""``export``: every mart as Parquet and as CSV, plus the data dictionary, into one new folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from pipeline.research import data_dictionary
from pipeline.research.files import atomic_directory, prepend_bom
from pipeline.research.marts import MART_SCHEMA, describe_marts
from pipeline.research.sql import identifier, path_literal


@dataclass(frozen=True)
class ExportedMart:
    name: str
    rows: int
    parquet: Path
    csv: Path


def export_marts(con: duckdb.DuckDBPyConnection, out: Path, manifest: dict) -> list[ExportedMart]:
    """Writes ``out/parquet/<mart>.parquet``, ``out/csv/<mart>.csv`` and ``out/data_dictionary.md``.

    ``con`` is one read-only connection, so every file comes from the same state of the warehouse (its file lock
    keeps writers out until the export is done). A failed export leaves no folder behind.
    """
    marts = describe_marts(con, manifest)
    exported: list[ExportedMart] = []
    with atomic_directory(out) as staging:
        (staging / "parquet").mkdir()
        (staging / "csv").mkdir()
        for mart in marts:
            table = f"{identifier(MART_SCHEMA)}.{identifier(mart.name)}"
            parquet = Path("parquet") / f"{mart.name}.parquet"
            csv = Path("csv") / f"{mart.name}.csv"
            # Parquet keeps DECIMAL(p,s) as a decimal logical type: amounts stay exact.
            [(rows,)] = con.execute(
                f"COPY {table} TO {path_literal(staging / parquet)} (FORMAT parquet, COMPRESSION zstd)"
            ).fetchall()
            plain = staging / "csv" / f".{mart.name}.no-bom.csv"
            con.execute(f"COPY {table} TO {path_literal(plain)} (FORMAT csv, HEADER true)")
            prepend_bom(plain, staging / csv)
            plain.unlink()
            exported.append(ExportedMart(mart.name, rows, out / parquet, out / csv))
        (staging / data_dictionary.FILE_NAME).write_text(
            data_dictionary.render(
                marts,
                {e.name: e.rows for e in exported},
                {e.name: [str(e.parquet.relative_to(out)), str(e.csv.relative_to(out))] for e in exported},
            ),
            encoding="utf-8",
        )
    return exported
