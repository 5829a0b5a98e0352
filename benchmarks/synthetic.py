"""A warehouse the size 100,000 reports would make, from a built one, and the README's questions timed on it.

Every mart that holds rows per document or department is replicated in SQL until it holds as many reports' rows as
asked, each copy under new department keys, names and document hashes (the original rows stay as they are).
Marts without such a column (regions, classification codes) do not grow with reports and are left as they are.
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


def replicate(source: Path, target: Path, reports: int) -> dict[str, int]:
    """Copies ``source`` to ``target`` with its marts grown to ``reports`` reports; the row count of each mart."""
    shutil.copyfile(source, target)
    with duckdb.connect(str(target), config={"enable_progress_bar": False}) as con:
        [(documents,)] = con.execute("select count(*) from main.dim_document").fetchall()
        copies = math.ceil(reports / documents)
        rows: dict[str, int] = {}
        for (table,) in con.execute(
            "select table_name from information_schema.tables"
            " where table_schema = 'main' and table_type = 'BASE TABLE' order by table_name"
        ).fetchall():
            columns = [
                name
                for (name,) in con.execute(
                    "select column_name from information_schema.columns where table_schema = 'main'"
                    " and table_name = ? and data_type = 'VARCHAR'",
                    [table],
                ).fetchall()
                if name in _DEPARTMENT or name.endswith("sha256")
            ]
            if columns:
                renamed = ", ".join(
                    f"case when copy_index = 0 then {c} else {c} || '#' || copy_index end as {c}"
                    for c in columns
                )
                con.execute(
                    f"create or replace table main.{table} as"
                    f" select * exclude (copy_index) replace ({renamed})"
                    f" from main.{table}, range({copies}) copies(copy_index)"
                )
            [(rows[table],)] = con.execute(f"select count(*) from main.{table}").fetchall()
        con.execute("checkpoint")
    return rows


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
