"""The data dictionary: marts from the warehouse's catalog, descriptions from the dbt manifest, types from DuckDB."""

from __future__ import annotations

from pathlib import Path

import duckdb

from pipeline.research import data_dictionary
from pipeline.research.marts import UNDOCUMENTED, describe_marts

MANIFEST = {
    "nodes": {
        "model.fiscal_warehouse.fct_budget": {
            "resource_type": "model", "name": "fct_budget", "schema": "main",
            "description": "预算事实表 / budget facts",
            "columns": {
                "amount_wan_yuan": {
                    "description": "金额（万元）\n多行 | 含竖线 / amount in 万元,\nover lines | with a bar",
                },
            },
        },
        "model.fiscal_warehouse.stg_budget": {
            "resource_type": "model", "name": "stg_budget", "schema": "staging", "description": "staging",
            "columns": {},
        },
    },
}


def _warehouse(path: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE main.fct_budget (department_key VARCHAR, amount_wan_yuan DECIMAL(24,6))")
    con.execute("CREATE TABLE main.dim_new (code VARCHAR)")
    con.execute("CREATE VIEW main.a_view AS SELECT 1 AS x")
    con.execute("CREATE SCHEMA staging; CREATE TABLE staging.stg_budget (x INTEGER)")
    return con


def test_marts_are_the_tables_of_main_with_their_dbt_docs(tmp_path: Path) -> None:
    with _warehouse(tmp_path / "w.duckdb") as con:
        marts = describe_marts(con, MANIFEST)
    assert [m.name for m in marts] == ["dim_new", "fct_budget"]
    dim_new, budget = marts
    assert dim_new.description == UNDOCUMENTED
    assert budget.description == "预算事实表 / budget facts"
    assert [(c.name, c.data_type) for c in budget.columns] == [
        ("department_key", "VARCHAR"), ("amount_wan_yuan", "DECIMAL(24,6)"),
    ]
    assert budget.columns[0].description == UNDOCUMENTED


def test_the_markdown_keeps_each_column_on_one_table_row(tmp_path: Path) -> None:
    with _warehouse(tmp_path / "w.duckdb") as con:
        marts = describe_marts(con, MANIFEST)
    text = data_dictionary.render(
        marts, {"dim_new": 0, "fct_budget": 3},
        {m.name: [f"parquet/{m.name}.parquet", f"csv/{m.name}.csv"] for m in marts},
    )
    assert "| [fct_budget](#fct_budget) | 3 | 2 |" in text
    assert (
        "| `amount_wan_yuan` | DECIMAL(24,6) | 金额（万元） 多行 \\| 含竖线 / amount in 万元, over lines \\| with a bar |"
        in text.splitlines()
    )
    assert "`parquet/fct_budget.parquet`, `csv/fct_budget.csv`" in text
