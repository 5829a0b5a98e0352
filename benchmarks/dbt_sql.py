"""What a ``dbt build`` spends in DuckDB, against what it spends in all: whether incremental models would pay.

dbt's ``run_results.json`` keeps the SQL each node ran. Run alone, one statement at a time on the built warehouse,
the table models' SQL (into temporary tables) and the tests' queries give the time DuckDB needs for the build; the
rest of dbt's execution is dbt itself (jinja, its events, its connections), which no incremental model shortens.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

# The profile's limit (dbt_project/profiles.yml), so that the statements run as dbt ran them.
MEMORY_LIMIT = "192MB"


@dataclass(frozen=True)
class BuildCost:
    nodes: int
    execution_s: float  # dbt's "Finished running … in N seconds": the nodes, and the schemas and cache before them
    tables_sql_s: float
    tests_sql_s: float


def build_cost(run_results: Path, warehouse: Path) -> BuildCost:
    """The cost of the build ``run_results`` records, on ``warehouse`` as that build left it (its file name is the
    catalog the SQL names)."""
    results = json.loads(run_results.read_text(encoding="utf-8"))
    ran = [r for r in results["results"] if r.get("compiled_code")]
    tables = [r["compiled_code"] for r in ran if _is_table(r)]
    tests = [r["compiled_code"] for r in ran if r["unique_id"].startswith("test.")]
    with duckdb.connect(config={"memory_limit": MEMORY_LIMIT}) as con:
        con.execute(f"attach '{warehouse}' as \"{warehouse.stem}\" (read_only)")
        con.execute(f'use "{warehouse.stem}"')
        # On lines of their own: a statement may end in a comment.
        tables_s = sum(_timed(con, f"create temp table built_{i} as\n{sql}\n") for i, sql in enumerate(tables))
        tests_s = sum(_timed(con, f"select count(*) from (\n{sql}\n) as failures") for sql in tests)
    return BuildCost(len(results["results"]), results["elapsed_time"], tables_s, tests_s)


def _is_table(result: dict) -> bool:
    # The marts are the project's tables (dbt_project.yml); staging and intermediate views cost DuckDB nothing to
    # create, and their SQL runs inside the marts' and the tests'.
    return result["unique_id"].startswith("model.") and '."main".' in (result.get("relation_name") or "")


def _timed(con: duckdb.DuckDBPyConnection, sql: str) -> float:
    start = time.perf_counter()
    con.execute(sql).fetchall()
    return time.perf_counter() - start
