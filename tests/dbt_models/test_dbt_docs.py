"""Every model, seed and source column is documented in Chinese and English; the source YAML mirrors schemas.py."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import polars as pl
import pytest
import yaml

from pipeline import schemas
from pipeline.load.ddl import duckdb_type, ensure_raw_tables

ROOT = Path(__file__).resolve().parents[2]
SOURCES_YML = ROOT / "dbt_project" / "models" / "staging" / "disclosures" / "_disclosures__sources.yml"

CJK = re.compile(r"[\u4e00-\u9fff]")
ENGLISH_WORD = re.compile(r"\b[A-Za-z]{3,}\b")


def bilingual_problem(description: str | None) -> str | None:
    if not description or not description.strip():
        return "no description"
    if not CJK.search(description):
        return "no Chinese"
    if not ENGLISH_WORD.search(description):
        return "no English"
    return None


@pytest.mark.slow
def test_every_model_seed_and_source_column_is_documented_in_both_languages(parsed_manifest):
    problems = []
    resources = [
        n for n in parsed_manifest["nodes"].values()
        if n["resource_type"] in ("model", "seed") and n["package_name"] == "fiscal_warehouse"
    ]
    resources += [s for s in parsed_manifest["sources"].values() if s["package_name"] == "fiscal_warehouse"]
    assert len([r for r in resources if r["resource_type"] == "model"]) >= 20
    # The raw tables, and the loader's list of changed documents (int_build_scope reads it).
    assert len([r for r in resources if r["resource_type"] == "source"]) == len(schemas.WAREHOUSE_FRAMES) + 1
    for resource in resources:
        if problem := bilingual_problem(resource.get("description")):
            problems.append(f"{resource['unique_id']}: {problem}")
        if not resource["columns"]:
            problems.append(f"{resource['unique_id']}: no columns documented")
        for name, column in resource["columns"].items():
            if problem := bilingual_problem(column.get("description")):
                problems.append(f"{resource['unique_id']}.{name}: {problem}")
    assert not problems, "\n".join(problems)


@pytest.mark.slow
def test_marts_are_contracted_tables_in_main_built_by_department(parsed_manifest):
    """Each mart of reports' rows is incremental, its pre-hook deleting the build scope's rows (the select appends
    them anew); the code lists are tables rebuilt whole."""
    marts = [
        n for n in parsed_manifest["nodes"].values()
        if n["resource_type"] == "model" and n["fqn"][1] == "marts"
    ]
    assert {m["name"] for m in marts} >= {
        "fct_yoy_change", "fct_narrative_figure", "fct_finding", "fct_performance_line",
        "fct_performance_indicator", "dim_document", "fct_line_item", "fct_statement_table",
    }
    for mart in marts:
        if mart["name"] in {"dim_region", "dim_function_class", "dim_economic_class"}:
            assert mart["config"]["materialized"] == "table", mart["name"]
        else:
            assert mart["config"]["materialized"] == "incremental", mart["name"]
            assert mart["config"]["incremental_strategy"] == "append", mart["name"]
            [hook] = mart["config"]["pre-hook"]
            assert "rebuild_build_scope" in hook["sql"], mart["name"]
        assert mart["config"]["contract"]["enforced"] is True
        assert mart["schema"] == "main"
        assert all(c.get("data_type") for c in mart["columns"].values()), mart["name"]


def test_source_yaml_mirrors_schemas_py():
    declared = yaml.safe_load(SOURCES_YML.read_text(encoding="utf-8"))
    (source,) = declared["sources"]
    assert (source["name"], source["schema"]) == ("disclosures", "raw")
    tables = {t["name"]: t for t in source["tables"]}
    assert set(tables) == {s.name for s in schemas.WAREHOUSE_FRAMES}
    for frame in schemas.WAREHOUSE_FRAMES:
        table = tables[frame.name]
        assert frame.zh in table["description"] and frame.en in table["description"], frame.name
        columns = table["columns"]
        assert [c["name"] for c in columns] == frame.column_names, frame.name
        for declared_column, column in zip(columns, frame.columns):
            where = f"{frame.name}.{column.name}"
            assert declared_column["data_type"].replace(" ", "") == duckdb_type(column.dtype).replace(" ", ""), where
            assert column.en in declared_column["description"], where
            assert column.zh in declared_column["description"], where
            # Required columns are NOT NULL and keys are primary keys in the loader's tables (test below): neither
            # is repeated as a dbt test, a node and a Dagster check each.
            assert not {"not_null", "unique"} & set(map(str, declared_column.get("data_tests", []))), where
        assert not [t for t in table.get("data_tests", []) if "unique_combination_of_columns" in t], frame.name


def test_raw_tables_refuse_a_missing_required_value_and_hold_no_key_index(tmp_path):
    """What the sources' YAML does not test, DuckDB enforces: every required or key column is NOT NULL. Keys are
    not DuckDB primary keys (an index held in memory, GBs at a province's size): a frame with a repeated key is
    refused where it is made, and a load replaces every row of its documents (tests/unit/load)."""
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        ensure_raw_tables(con)
        for frame in schemas.WAREHOUSE_FRAMES:
            required = dict(
                con.execute(
                    "SELECT column_name, is_nullable = 'NO' FROM information_schema.columns "
                    "WHERE table_schema = 'raw' AND table_name = ?",
                    [frame.name],
                ).fetchall()
            )
            for column in frame.columns:
                wanted = not column.nullable or column.name in frame.key
                assert required[column.name] is wanted, f"{frame.name}.{column.name}"
        assert not con.execute(
            "SELECT table_name FROM duckdb_constraints() WHERE schema_name = 'raw' AND constraint_type = 'PRIMARY KEY'"
        ).fetchall()
        assert not con.execute("SELECT index_name FROM duckdb_indexes() WHERE schema_name = 'raw'").fetchall()
        with pytest.raises(duckdb.ConstraintException, match="NOT NULL"):
            con.execute("INSERT INTO raw.regions (region_code) VALUES (NULL)")
        repeated = pl.DataFrame(
            {"document_sha256": ["a", "a"], "check_name": ["c", "c"], "subject": ["s", "s"],
             "severity": ["error", "warning"], "message": ["m", "another"]}
        )
        assert schemas.FINDINGS.problems(repeated)


# What would make a staging view more (or fewer) rows than its raw table, or rows a key could repeat in.
_RESHAPING = re.compile(r"\b(join|where|group\s+by|distinct|union|qualify|limit|having|unnest)\b", re.IGNORECASE)


def test_each_staging_view_is_its_raw_table_renamed_so_the_primary_key_carries_over():
    """A staging view selects every row of one raw table, once, and keeps its key columns by name: the primary key
    DuckDB enforces at load (test above) is the view's key, and no unique test repeats it as a node."""
    staging = ROOT / "dbt_project" / "models" / "staging" / "disclosures"
    keys = {frame.name: frame.key for frame in schemas.WAREHOUSE_FRAMES}
    views = sorted(staging.glob("stg_disclosures__*.sql"))
    assert len(views) == len(keys)
    declared = yaml.safe_load((staging / "_disclosures__models.yml").read_text(encoding="utf-8"))
    models = {model["name"]: model for model in declared["models"]}
    for view in views:
        code = re.sub(r"--[^\n]*", "", view.read_text(encoding="utf-8"))
        (table,) = re.findall(r"source\('disclosures',\s*'(\w+)'\)", code)
        assert view.stem == f"stg_disclosures__{table}"
        assert not _RESHAPING.search(code), view.name
        for column in keys[table]:
            assert re.search(rf"\bas {column}\b", code), f"{view.name} does not keep key column {column}"
        assert models[view.stem].get("data_tests"), f"{view.stem} has no test"


def test_quarantine_reason_seed_mirrors_schemas_py():
    import csv

    from pipeline.schemas import QUARANTINE_REASONS
    from pipeline.settings import DBT_PROJECT_DIR

    with (DBT_PROJECT_DIR / "seeds" / "quarantine_reasons.csv").open(encoding="utf-8") as handle:
        assert [row["reason_code"] for row in csv.DictReader(handle)] == list(QUARANTINE_REASONS)
