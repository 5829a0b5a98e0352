"""The benchmark's split of a dbt build: the marts' and tests' SQL run alone on the warehouse, nothing else."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

from benchmarks.dbt_sql import build_cost


def _result(unique_id: str, sql: str | None, relation: str | None = None) -> dict:
    return {"unique_id": unique_id, "compiled_code": sql, "relation_name": relation}


def test_only_the_tables_and_tests_of_the_build_run_on_the_warehouse_it_left(tmp_path: Path) -> None:
    warehouse = tmp_path / "warehouse.duckdb"
    with duckdb.connect(str(warehouse)) as con:
        con.execute("create schema staging")
        con.execute("create table main.fct_amounts as select range as amount_wan_yuan from range(1000)")
        con.execute("create view staging.stg_amounts as select * from main.fct_amounts")
    results = tmp_path / "run_results.json"
    results.write_text(json.dumps({"elapsed_time": 8.5, "results": [
        # The catalog the SQL names is the warehouse file's; a statement may end in a comment.
        _result("model.p.fct_amounts", 'select * from "warehouse"."staging"."stg_amounts" -- every amount',
                '"warehouse"."main"."fct_amounts"'),
        _result(
            "test.p.not_null_fct_amounts", "select * from main.fct_amounts where amount_wan_yuan is null -- none"
        ),
        # Run, either would fail: a view is not rebuilt, a seed is not a query.
        _result("model.p.stg_amounts", "select * from no_such_table", '"warehouse"."staging"."stg_amounts"'),
        _result("seed.p.codes", "not sql at all", '"warehouse"."seeds"."codes"'),
        _result("unit_test.p.fixture", None),
    ]}), encoding="utf-8")

    cost = build_cost(results, warehouse)

    assert (cost.nodes, cost.execution_s) == (5, 8.5)
    assert cost.tables_sql_s > 0 and cost.tests_sql_s > 0
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("select count(*) from information_schema.tables").fetchone() == (2,)
