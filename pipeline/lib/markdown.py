"""Rows as Markdown tables: Dagster metadata, and query answers a README can quote."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl


def markdown_rows(columns: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    def cell(value: object) -> str:
        return "" if value is None else str(value).replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def markdown_table(frame: pl.DataFrame, limit: int = 50) -> str:
    if frame.is_empty():
        return "none"
    table = markdown_rows(frame.columns, list(frame.head(limit).iter_rows()))
    if frame.height > limit:
        table += f"\n\n… {frame.height - limit} more rows"
    return table
