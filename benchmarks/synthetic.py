"""A warehouse the size 100,000 reports would make, from built ones, and the README's questions timed on it.

The marts of the built warehouses are pooled (the benchmark's generated reports and the shipped data/raw, whose
departments the README's questions name and whose 绩效自评表 and findings the generator does not make). Every mart
that holds rows per document or department is then replicated in SQL until it holds as many reports' rows as asked,
each copy under new department keys, names and document hashes (the original rows stay as they are). Marts without
such a column (regions, classification codes) do not grow with reports and keep the first warehouse's rows.
"""

from __future__ import annotations

import math
import shutil
import statistics
import time
from pathlib import Path

import duckdb

# The columns that tell one department's rows from another's; and every column ending in sha256 (a document).
_DEPARTMENT = ("department_key", "department_name", "department_name_canonical")


def replicate(sources: list[Path], target: Path, reports: int) -> dict[str, int]:
    """The marts of ``sources`` pooled in a copy of the first, ``target``, grown to ``reports`` reports; the row
    count of each mart."""
    shutil.copyfile(sources[0], target)
    with duckdb.connect(str(target)) as con:
        con.execute("set enable_progress_bar = false")
        grown = {table: _identity_columns(con, table) for table in _marts(con)}
        grown = {table: columns for table, columns in grown.items() if columns}
        for i, other in enumerate(sources[1:]):
            con.execute(f"attach '{other}' as other_{i} (read_only)")
            for table in grown:
                con.execute(f"insert into main.{table} by name select * from other_{i}.main.{table}")
            con.execute(f"detach other_{i}")
        [(documents,)] = con.execute("select count(*) from main.dim_document").fetchall()
        copies = math.ceil(reports / documents)
        rows: dict[str, int] = {}
        for table in _marts(con):
            if columns := grown.get(table):
                renamed = ", ".join(
                    f"case when copy_index = 0 then {c} else {c} || '#' || copy_index end as {c}"
                    for c in columns
                )
                # Each row followed by its copies: a mart that dbt stores in an order (fct_yoy_change metric by
                # metric) keeps it, as dbt would build it from that many reports.
                con.execute(
                    f"create or replace table main.{table} as"
                    f" select * exclude (copy_index, source_row) replace ({renamed})"
                    f" from (select *, rowid as source_row from main.{table}), range({copies}) copies(copy_index)"
                    f" order by source_row, copy_index"
                )
            [(rows[table],)] = con.execute(f"select count(*) from main.{table}").fetchall()
        con.execute("checkpoint")
    return rows


def _marts(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [
        table
        for (table,) in con.execute(
            "select table_name from information_schema.tables"
            " where table_schema = 'main' and table_type = 'BASE TABLE' order by table_name"
        ).fetchall()
    ]


def _identity_columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    return [
        name
        for (name,) in con.execute(
            "select column_name from information_schema.columns where table_schema = 'main'"
            " and table_name = ? and data_type = 'VARCHAR'",
            [table],
        ).fetchall()
        if name in _DEPARTMENT or name.endswith("sha256")
    ]


def time_queries(warehouse: Path, questions: list[tuple[str, str]], runs: int) -> dict[str, tuple[float, int]]:
    """(median wall time in ms, rows answered) of each (title, sql), run ``runs`` times on a read-only connection.

    The answer is fetched whole as an Arrow table, as a data frame library would take it."""
    out: dict[str, tuple[float, int]] = {}
    with duckdb.connect(str(warehouse), read_only=True) as con:
        for title, sql in questions:
            times = []
            for _ in range(runs):
                start = time.perf_counter()
                answer = con.execute(sql).fetch_arrow_table()
                times.append((time.perf_counter() - start) * 1000)
            out[title] = (statistics.median(times), answer.num_rows)
    return out
