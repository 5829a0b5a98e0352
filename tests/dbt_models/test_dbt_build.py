"""``dbt build`` on fixture warehouses, asserted on the real DuckDB file it leaves behind."""

from __future__ import annotations

import re
import shutil
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from pipeline.settings import DBT_PROJECT_DIR
from tests.dbt_models.conftest import run_dbt

PROFILE = DBT_PROJECT_DIR / "profiles.yml"

pytestmark = pytest.mark.slow

A_KEY = "211103-盘锦市兴隆台区工业和信息化局"
B_KEY = "211104-盘锦市大洼区教育局"
SEED_PATH = Path(__file__).resolve().parents[2] / "data" / "raw" / "liaoning-panjin-xinglongtai_gongxinju_2022_dept-final.txt"

YOY_COLUMNS = """department_key, fiscal_year, report_kind, metric_code, value_wan_yuan, prior_value_wan_yuan, prior_source,
    prior_document_sha256, change_amount_wan_yuan, change_pct, stated_change_amount_wan_yuan, stated_change_pct,
    is_stated_consistent, document_sha256"""


def yoy(run, department_key: str, fiscal_year: int, metric: str) -> dict:
    names = [c.strip() for c in YOY_COLUMNS.split(",")]
    rows = run.query(
        f"select {YOY_COLUMNS} from fct_yoy_change where department_key = ? and fiscal_year = ? and metric_code = ?",
        [department_key, fiscal_year, metric],
    )
    assert len(rows) == 1, rows
    return dict(zip(names, rows[0]))


# --- the seed report alone: priors implied by its own statements -----------------------------------------


def test_acceptance_query_on_the_seed_report(seed_only_build):
    rows = seed_only_build.query("select change_pct from fct_yoy_change where fiscal_year=2022 and metric_code='total_income'")
    assert rows == [(Decimal("-41.02"),)]


def test_seed_total_income_prior_is_implied(seed_only_build):
    row = yoy(seed_only_build, A_KEY, 2022, "total_income")
    assert row["value_wan_yuan"] == Decimal("423.59")
    assert row["prior_source"] == "implied"
    assert row["prior_value_wan_yuan"] == Decimal("718.15")
    assert row["prior_document_sha256"] is None
    assert row["change_amount_wan_yuan"] == Decimal("-294.56")
    assert row["change_pct"] == Decimal("-41.02")
    assert row["stated_change_amount_wan_yuan"] == Decimal("-294.56")
    assert row["stated_change_pct"] == Decimal("-41.02")
    assert row["is_stated_consistent"] is True
    assert row["document_sha256"] == seed_only_build.shas["A2022"]


def test_seed_operating_expenses_prior_is_implied(seed_only_build):
    row = yoy(seed_only_build, A_KEY, 2022, "operating_expenses")
    assert (row["value_wan_yuan"], row["prior_value_wan_yuan"], row["prior_source"]) == (
        Decimal("16.07"), Decimal("11.43"), "implied",
    )
    assert row["change_amount_wan_yuan"] == Decimal("4.64")
    assert row["change_pct"] == Decimal("40.59")
    assert row["is_stated_consistent"] is True


def test_seed_template_placeholders_are_zero_changes(seed_only_build):
    # 三公: "比上年减少（增加）0万元，下降（增长）0%" - no direction, amount 0: a signed 0, prior 0, no percent
    row = yoy(seed_only_build, A_KEY, 2022, "official_vehicles")
    assert row["stated_change_amount_wan_yuan"] == Decimal("0")
    assert row["prior_value_wan_yuan"] == Decimal("0")
    assert row["change_pct"] is None
    assert row["is_stated_consistent"] is True


def test_seed_metric_without_statement_has_no_prior(seed_only_build):
    row = yoy(seed_only_build, A_KEY, 2022, "personnel_expenses")
    assert row["value_wan_yuan"] == Decimal("153.42")
    assert row["prior_source"] is None and row["prior_value_wan_yuan"] is None
    assert row["is_stated_consistent"] is None


def test_seed_provenance_points_into_the_report(seed_only_build):
    line_no, char_start, char_end = seed_only_build.query(
        "select line_no, char_start, char_end from fct_department_metric "
        "where fiscal_year = 2022 and metric_code = 'total_income'"
    )[0]
    (statement_line_no,) = seed_only_build.query(
        "select statement_line_no from fct_yoy_change where fiscal_year = 2022 and metric_code = 'total_income'"
    )[0]
    text = fixture_text()
    assert text[char_start:char_end] == "423.59"
    assert text.count("\n", 0, char_start) + 1 == line_no
    assert "收入减少294.56万元" in text.splitlines()[statement_line_no - 1]


def fixture_text() -> str:
    return SEED_PATH.read_text(encoding="utf-8")


# --- the full fixture: prior-year reports present ----------------------------------------------------------


def test_total_income_prior_comes_from_the_2021_report(full_build):
    row = yoy(full_build, A_KEY, 2022, "total_income")
    assert row["prior_source"] == "report"
    assert row["prior_document_sha256"] == full_build.shas["A2021"]
    assert row["prior_value_wan_yuan"] == Decimal("718.15")
    assert row["change_amount_wan_yuan"] == Decimal("-294.56")
    assert row["change_pct"] == Decimal("-41.02")
    assert row["is_stated_consistent"] is True


def test_operating_expenses_prior_comes_from_the_2021_report(full_build):
    row = yoy(full_build, A_KEY, 2022, "operating_expenses")
    assert row["prior_source"] == "report"
    assert row["prior_value_wan_yuan"] == Decimal("11.43")
    assert row["change_amount_wan_yuan"] == Decimal("4.64")
    assert row["change_pct"] == Decimal("40.59")
    assert row["is_stated_consistent"] is True


def test_stated_294_561_agrees_with_two_reports_within_rounding(full_build):
    row = yoy(full_build, A_KEY, 2022, "fiscal_appropriation_expenditure")
    assert row["stated_change_amount_wan_yuan"] == Decimal("-294.561")
    assert row["change_amount_wan_yuan"] == Decimal("-294.56")
    assert row["is_stated_consistent"] is True


def test_oldest_report_falls_back_to_implied_prior(full_build):
    row = yoy(full_build, A_KEY, 2021, "total_income")
    assert (row["prior_source"], row["prior_value_wan_yuan"], row["change_pct"]) == ("implied", Decimal("700"), Decimal("2.59"))


def test_department_names_differing_by_blanks_are_one_department(full_build):
    # 2021 prints "盘锦市大洼区 教育局", 2022 "盘锦市大洼区教育局"
    row = yoy(full_build, B_KEY, 2022, "total_income")
    assert row["prior_source"] == "report"
    assert row["prior_document_sha256"] == full_build.shas["B2021"]
    assert row["change_pct"] == Decimal("10.00")


def test_inconsistent_statement_is_flagged_not_corrected(full_build):
    row = yoy(full_build, B_KEY, 2022, "total_expenditure")
    assert row["change_amount_wan_yuan"] == Decimal("90")
    assert row["change_pct"] == Decimal("9.09")
    assert row["stated_change_amount_wan_yuan"] == Decimal("200")
    assert row["stated_change_pct"] == Decimal("20")
    assert row["is_stated_consistent"] is False


def test_first_figure_of_a_metric_wins(full_build):
    row = yoy(full_build, B_KEY, 2022, "operating_expenses")
    assert row["value_wan_yuan"] == Decimal("45")  # not the later 机关运行经费 99.99


def test_missing_region_code_gives_unknown_department(full_build):
    rows = full_build.query("select department_key, prior_source from fct_yoy_change where fiscal_year = 2022 and report_kind = 'budget'")
    assert rows == [("unknown-某市某局", None)]


def test_yoy_grain_is_unique(full_build):
    rows = full_build.query(
        "select count(*), count(distinct (department_key, report_scope, fiscal_year, report_kind, metric_code, function_class_code)) from fct_yoy_change"
    )
    total, distinct = rows[0]
    assert total == distinct > 0


def test_amounts_are_decimals_never_floats(full_build):
    types = dict(full_build.query(
        "select column_name, data_type from information_schema.columns "
        "where table_schema = 'main' and table_name = 'fct_yoy_change'"
    ))
    for column in ("value_wan_yuan", "prior_value_wan_yuan", "change_amount_wan_yuan", "stated_change_amount_wan_yuan"):
        assert types[column] == "DECIMAL(24,6)", column
    assert types["change_pct"] == "DECIMAL(38,2)"
    assert types["metric_code"] == "VARCHAR"
    assert not [c for c, t in types.items() if t in ("DOUBLE", "FLOAT", "REAL")]


def test_findings_carry_department_and_year(full_build):
    rows = full_build.query(
        "select check_name, department_key, fiscal_year, report_kind, severity, expected_value, observed_value, "
        "message from fct_finding "
        "where check_name not in ('required_table_missing', 'required_section_missing') order by check_name"
    )
    # the parser's finding of the seed report, and the warehouse's: B's stated change against its two reports (the
    # fixture's reports print no standard table and no heading: test_department_facts.py and
    # tests/integration/reconcile/test_completeness.py check those findings)
    assert [r[0] for r in rows] == ["performance_allocated_vs_budget", "yoy_stated_vs_reports"]
    parsed, across = rows
    assert parsed[1:5] == (A_KEY, 2022, "final_account", "warning")
    assert (parsed[5], parsed[6]) == (Decimal("725.39"), Decimal("861.06"))
    assert across[1:5] == (B_KEY, 2022, "final_account", "error")
    # stated +200.00 against 1,080.00 - 990.00 in the two reports
    assert (across[5], across[6]) == (Decimal("90"), Decimal("200"))
    assert all(r[7] for r in rows)


def test_dim_document_includes_quarantined_files(full_build):
    rows = dict(
        (sha, (state, reason_code, count))
        for sha, state, reason_code, count in full_build.query(
            "select document_sha256, state, reason_code, file_path_count from dim_document"
        )
    )
    assert rows[full_build.shas["Q"]] == ("quarantined", "empty_file", 1)
    assert rows[full_build.shas["A2022"]] == ("loaded", None, 2)
    assert len(rows) == 6


def test_narrative_figures_keep_every_figure_and_map_metrics(full_build):
    raw, mart = full_build.query(
        "select (select count(*) from raw.narrative_figures), (select count(*) from fct_narrative_figure)"
    )[0]
    assert raw == mart
    mapped = full_build.query(
        "select metric_code from fct_narrative_figure where document_sha256 = ? and label in ('公务用车购置及运行费', '公务用车购置及运行维护费')",
        [full_build.shas["A2022"]],
    )
    assert mapped == [("official_vehicles",), ("official_vehicles",)]


def test_performance_marts(full_build):
    lines, indicators, total = full_build.query(
        "select (select sum(score) from fct_performance_line where fiscal_year = 2022 and department_key = ?),"
        " (select sum(score) from fct_performance_indicator where fiscal_year = 2022 and department_key = ?),"
        " (select total_score from fct_performance_summary where fiscal_year = 2022 and department_key = ?)",
        [A_KEY, A_KEY, A_KEY],
    )[0]
    assert lines + indicators == total == Decimal("79.01")


def test_layers_land_in_their_schemas(full_build):
    found = set(full_build.query("select table_schema, table_name, table_type from information_schema.tables"))
    assert ("main", "fct_yoy_change", "BASE TABLE") in found
    assert ("main", "dim_document", "BASE TABLE") in found
    assert ("staging", "stg_disclosures__documents", "VIEW") in found
    assert ("intermediate", "int_metric_changes", "BASE TABLE") in found
    assert ("seeds", "metric_codes", "BASE TABLE") in found


def test_build_ran_unit_tests_and_flagged_the_inconsistency_as_a_warning(full_build):
    results = full_build.build_results()["results"]
    statuses = {r["unique_id"]: r["status"] for r in results}
    assert not [uid for uid, status in statuses.items() if status in ("error", "fail", "runtime error", "skipped")]
    unit = [uid for uid in statuses if uid.startswith("unit_test.")]
    assert len(unit) >= 3 and all(statuses[uid] == "pass" for uid in unit)
    warned = [uid for uid, status in statuses.items() if status == "warn"]
    assert warned == ["test.fiscal_warehouse.fct_yoy_change_stated_vs_computed_within_rounding"] or (
        len(warned) == 1 and "stated_vs_computed_within_rounding" in warned[0]
    )


def test_every_built_column_is_documented(full_build):
    """catalog.json (what the warehouse holds) against manifest.json (what the YAML documents)."""
    catalog, manifest = full_build.catalog(), full_build.manifest()
    undocumented = []
    for uid, node in catalog["nodes"].items():
        documented = {c.lower() for c in manifest["nodes"][uid]["columns"]}
        undocumented += [f"{uid}.{c}" for c in node["columns"] if c.lower() not in documented]
    for uid, node in catalog["sources"].items():
        documented = {c.lower() for c in manifest["sources"][uid]["columns"]}
        undocumented += [f"{uid}.{c}" for c in node["columns"] if c.lower() not in documented]
    assert not undocumented


def test_build_succeeds_on_an_empty_warehouse(empty_build):
    assert empty_build.query("select count(*) from fct_yoy_change") == [(0,)]
    assert empty_build.query("select count(*) from dim_document") == [(0,)]


def test_mart_columns_declared_not_null_are_not_null_in_the_warehouse(full_build, tmp_path):
    """The marts' not_null constraints (in place of not_null tests) are enforced by DuckDB, column for column."""
    manifest = full_build.manifest()
    declared = {
        (node["name"], column["name"])
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model" and node["schema"] == "main"
        for column in node["columns"].values()
        if any(c["type"] == "not_null" for c in column.get("constraints", []))
    }
    assert len(declared) > 100
    enforced = set(
        full_build.query(
            "select table_name, column_name from information_schema.columns "
            "where table_schema = 'main' and is_nullable = 'NO'"
        )
    )
    assert declared == enforced
    writable = tmp_path / "copy.duckdb"
    shutil.copyfile(full_build.warehouse, writable)
    with duckdb.connect(str(writable)) as con, pytest.raises(duckdb.ConstraintException, match="NOT NULL"):
        con.execute("insert into fct_yoy_change (department_key) values (null)")


def test_mart_columns_with_listed_values_refuse_any_other_value_in_the_warehouse(full_build, tmp_path):
    """The marts' accepted values are check constraints of the contract (in place of accepted_values tests),
    enforced by DuckDB, column for column."""
    declared = {
        (node["name"], column["name"])
        for node in full_build.manifest()["nodes"].values()
        if node["resource_type"] == "model" and node["schema"] == "main"
        for column in node["columns"].values()
        if any(c["type"] == "check" for c in column.get("constraints", []))
    }
    assert len(declared) >= 20
    enforced = {
        (table, column)
        for table, columns in full_build.query(
            "select table_name, constraint_column_names from duckdb_constraints() "
            "where schema_name = 'main' and constraint_type = 'CHECK'"
        )
        for column in columns
    }
    assert declared == enforced
    writable = tmp_path / "copy.duckdb"
    shutil.copyfile(full_build.warehouse, writable)
    with duckdb.connect(str(writable)) as con, pytest.raises(duckdb.ConstraintException, match="CHECK"):
        con.execute(
            "update fct_yoy_change set report_kind = 'draft' where rowid = (select min(rowid) from fct_yoy_change)"
        )


def test_a_null_in_a_required_column_of_a_view_fails_its_not_null_columns_test(full_build, tmp_path):
    """Views carry no constraints: one not_null_columns test per view stands for a not_null test per column."""
    listed = {
        node["attached_node"].split(".")[-1]: node["test_metadata"]["kwargs"]["column_names"]
        for node in full_build.manifest()["nodes"].values()
        if node["resource_type"] == "test" and node.get("test_metadata", {}).get("name") == "not_null_columns"
    }
    assert "media_type" in listed["stg_disclosures__documents"]
    assert "metric_code" in listed["int_department_metrics"]
    # The views name their catalog, the file's stem: the copy keeps the name.
    writable = tmp_path / full_build.warehouse.name
    shutil.copyfile(full_build.warehouse, writable)
    select = ["test", "--select", "stg_disclosures__documents,test_name:not_null_columns"]
    run_dbt(select, writable, tmp_path / "target", tmp_path / "logs")
    with duckdb.connect(str(writable)) as con:
        con.execute(
            "create table staging.documents_lacking_a_type as select * replace (case when document_sha256 = "
            "(select min(document_sha256) from staging.stg_disclosures__documents) then null else media_type end "
            "as media_type) from staging.stg_disclosures__documents"
        )
        con.execute(
            "create or replace view staging.stg_disclosures__documents as "
            "select * from staging.documents_lacking_a_type"
        )
    with pytest.raises(AssertionError, match=r"Failure in test not_null_columns_stg_disclosures__documents"):
        run_dbt(select, writable, tmp_path / "target", tmp_path / "logs")


def test_dbt_builds_within_the_profiles_memory_limit(full_build, tmp_path):
    """The profile bounds DuckDB's memory while dbt builds (by default DuckDB takes up to 80% of the machine's)."""
    shown = run_dbt(
        ["show", "--inline", "select current_setting('memory_limit') as memory_limit", "--output", "json",
         "--log-format", "text"],
        full_build.warehouse, tmp_path / "target", tmp_path / "logs",
    )
    profile = PROFILE.read_text(encoding="utf-8")
    megabytes = re.findall(r"env_var\('FISCAL_DBT_MEMORY_LIMIT', '(\d+)MB'\)", profile)[0]
    # DuckDB shows its limit in MiB.
    assert f'"memory_limit": "{int(megabytes) * 10**6 / 2**20:.1f} MiB"' in shown.stdout, shown.stdout[-2000:]
