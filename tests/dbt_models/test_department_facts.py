"""The department fact marts (class dimensions, fct_department_year, fct_function_spending, fct_budget_vs_final)
on the fixture warehouse plus department D's 2022 预算 and 决算 (tests/dbt_models/fixture_warehouse.py).

Expected amounts are read from the fixture's own cells (DEPARTMENT_FACTS_TABLES), percentages recomputed here
with Decimal arithmetic, so the assertions follow the fixture rather than restate the marts' output.
"""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from pipeline.checks.rules import REQUIRED_TABLES
from tests.dbt_models.fixture_warehouse import D_BUDGET_CONTENTS, DEPARTMENT_FACTS_TABLES, SHA

# Each test reads a dbt build of the fixture warehouse.
pytestmark = pytest.mark.slow

D_KEY = "211103-盘锦市兴隆台区财政局"
A_KEY = "211103-盘锦市兴隆台区工业和信息化局"
SEEDS = Path(__file__).resolve().parents[2] / "dbt_project" / "seeds"
CENT = Decimal("0.01")


def cells(key: str, table_kind: str) -> list[tuple]:
    return next(c for kind, _, c in DEPARTMENT_FACTS_TABLES[key] if kind == table_kind)


def printed(key: str, table_kind: str, item: str, measure: str, panel: int | None = None) -> Decimal:
    [value] = [
        Decimal(v) for p, c, _, i, m, v in cells(key, table_kind)
        if (c, i, m) == (None, item, measure) and panel in (None, p)
    ]
    return value


def function_totals(key: str, table_kind: str, total_measure: str) -> dict[str, Decimal]:
    return {c: Decimal(v) for _, c, system, _, m, v in cells(key, table_kind) if system == "function" and m == total_measure}


def percent(numerator: Decimal, denominator: Decimal) -> Decimal:
    return (100 * numerator / denominator).quantize(CENT, rounding=ROUND_HALF_UP)


def rows(run, sql: str, params: list | None = None) -> list[dict]:
    con = run.connect()
    try:
        result = con.execute(sql, params or [])
        names = [d[0] for d in result.description]
        return [dict(zip(names, r)) for r in result.fetchall()]
    finally:
        con.close()


@pytest.fixture(scope="module")
def run(department_facts_build):
    return department_facts_build


def test_budget_execution_of_the_years_expenditure_pairs_the_years_two_reports(run):
    budget = printed("D2022B", "budget_income_expenditure_summary", "当年支出小计", "金额")
    final = printed("D2022F", "final_income_expenditure_summary", "本年支出合计", "决算数")
    [row] = rows(
        run,
        "select * from fct_budget_vs_final where department_key = ? and comparison_level = 'metric' "
        "and metric_code = 'current_year_expenditure'",
        [D_KEY],
    )
    assert (row["fiscal_year"], row["budget_wan_yuan"], row["final_wan_yuan"]) == (2022, budget, final)
    assert (row["budget_source"], row["budget_report_wan_yuan"], row["budget_printed_in_final_wan_yuan"]) == (
        "budget_report", budget, None)
    assert row["difference_wan_yuan"] == final - budget
    assert row["execution_rate_pct"] == percent(final, budget)
    assert (row["budget_report_document_sha256"], row["final_document_sha256"]) == (run.shas["D2022B"], run.shas["D2022F"])


def test_budget_execution_prefers_the_budget_the_final_account_prints(run):
    """D's 决算 prints its 三公 预算数 beside the 决算数: that is the budget, the 预算 report's kept beside it."""
    printed_budget = printed("D2022F", "final_three_public", "合计", "预算数/合计")
    [row] = rows(
        run,
        "select * from fct_budget_vs_final where department_key = ? and metric_code = 'three_public_expenses'",
        [D_KEY],
    )
    assert (row["budget_source"], row["budget_wan_yuan"], row["budget_printed_in_final_wan_yuan"]) == (
        "final_account", printed_budget, printed_budget)
    assert row["final_wan_yuan"] == printed("D2022F", "final_three_public", "合计", "决算数/合计")
    assert row["execution_rate_pct"] == percent(row["final_wan_yuan"], printed_budget)


def test_budget_vs_final_by_function_class_keeps_one_sided_classes(run):
    budget = function_totals("D2022B", "budget_expenditure", "支出预算/合计")
    final = function_totals("D2022F", "final_expenditure", "本年支出合计")
    found = {
        r["function_class_code"]: r
        for r in rows(run, "select * from fct_budget_vs_final where department_key = ? and comparison_level <> 'metric'", [D_KEY])
    }
    assert set(found) == (set(budget) | set(final)) - {None}
    printed_budget = {c: v for c, v in function_totals("D2022F", "final_general_budget_expenditure", "年初预算数").items()}
    for code, row in found.items():
        assert (row["budget_report_wan_yuan"], row["final_wan_yuan"]) == (budget.get(code), final.get(code)), code
        assert row["comparison_level"] == {3: "类", 5: "款", 7: "项"}[len(code)]
        # the budget is the one the 决算 prints beside its figures where it prints one, else the 预算's
        assert row["budget_wan_yuan"] == printed_budget.get(code, budget.get(code)), code
        assert row["budget_source"] == (
            "final_account" if code in printed_budget else "budget_report" if code in budget else None), code
        if code in final and row["budget_wan_yuan"] is not None:
            assert row["execution_rate_pct"] == percent(final[code], row["budget_wan_yuan"])
        if code in budget and code in final:
            assert row["is_same_fund_scope"] is True
    assert {"201", "20106"} <= set(printed_budget)
    only_final = set(final) - set(budget) - {None}
    assert only_final and all(found[c]["difference_wan_yuan"] is None for c in only_final)


def test_the_general_budget_takes_the_budget_the_final_account_prints(run):
    [row] = rows(
        run,
        "select * from fct_budget_vs_final where department_key = ? and metric_code = 'general_budget_expenditure'",
        [D_KEY],
    )
    assert (row["budget_wan_yuan"], row["budget_source"], row["final_wan_yuan"]) == (
        printed("D2022F", "final_general_budget_expenditure", "合计", "年初预算数"), "final_account",
        printed("D2022F", "final_general_budget_expenditure", "合计", "合计"))


def test_budget_execution_rows_come_from_a_final_account_with_a_budget_of_either_source(run):
    with_both = set(run.query(
        "select department_key, fiscal_year from intermediate.int_current_documents group by all "
        "having count(distinct report_kind) = 2"))
    printing_a_budget = set(run.query(
        "select distinct department_key, fiscal_year from fct_department_metric "
        "where report_kind = 'final_account' and budget_wan_yuan is not null"))
    assert with_both == {(D_KEY, 2022)}
    assert set(run.query("select distinct department_key, fiscal_year from fct_budget_vs_final")) == (
        with_both | printing_a_budget)


def test_class_shares_are_exact_and_sum_to_100_per_report(run):
    for key, kind, table_kind, measure in [
        ("D2022B", "budget", "budget_expenditure", "支出预算/合计"),
        ("D2022F", "final_account", "final_expenditure", "本年支出合计"),
    ]:
        totals = function_totals(key, table_kind, measure)
        base = sum(v for c, v in totals.items() if c and len(c) == 3)
        found = rows(run, "select * from fct_function_spending where department_key = ? and report_kind = ?", [D_KEY, kind])
        assert {r["function_class_code"] for r in found} == set(totals) - {None}
        for r in found:
            assert r["total_wan_yuan"] == totals[r["function_class_code"]]
            assert r["share_of_total_pct"] == percent(r["total_wan_yuan"], base)
            assert (r["source_table_kind"], r["fund_scope"], r["document_sha256"]) == (table_kind, "all_funds", run.shas[key])
        class_shares = [r["share_of_total_pct"] for r in found if r["class_level"] == "类"]
        assert abs(sum(class_shares) - 100) <= len(class_shares) * Decimal("0.005")


def test_share_of_parent(run):
    found = {r["function_class_code"]: r for r in rows(
        run, "select * from fct_function_spending where department_key = ? and report_kind = 'final_account'", [D_KEY])}
    for code, r in found.items():
        if len(code) == 3:
            assert r["share_of_parent_pct"] is None
        else:
            assert r["parent_code"] == code[:-2]
            assert r["share_of_parent_pct"] == percent(r["total_wan_yuan"], found[code[:-2]]["total_wan_yuan"])


def test_department_year_reads_tables_first_and_attaches_budget_vs_final(run):
    [d] = rows(run, "select * from fct_department_year where department_key = ?", [D_KEY])
    assert (d["fiscal_year"], d["figures_report_kind"], d["document_sha256"]) == (2022, "final_account", run.shas["D2022F"])
    assert d["current_year_income_wan_yuan"] == printed("D2022F", "final_income", "合计", "本年收入合计")
    assert d["fiscal_appropriation_income_wan_yuan"] == printed("D2022F", "final_income", "合计", "财政拨款收入")
    assert d["other_income_wan_yuan"] == printed("D2022F", "final_income", "合计", "其他收入")
    assert d["total_expenditure_wan_yuan"] == printed("D2022F", "final_income_expenditure_summary", "总计", "决算数", panel=1)
    assert d["basic_expenditure_wan_yuan"] == printed("D2022F", "final_expenditure", "合计", "基本支出")
    assert d["personnel_expenses_wan_yuan"] == printed("D2022F", "final_general_budget_basic_expenditure", "人员经费合计", "决算数")
    assert d["three_public_expenses_wan_yuan"] == printed("D2022F", "final_three_public", "合计", "决算数/合计")
    assert d["vehicle_operation_wan_yuan"] == printed("D2022F", "final_three_public", "合计", "决算数/公务用车购置及运行费/运行费")
    assert d["business_income_wan_yuan"] is None  # not printed: stays null, never zero
    assert d["metrics_from_narrative"] == []
    [total] = rows(run, "select * from fct_budget_vs_final where department_key = ? and comparison_level = 'metric' "
                        "and metric_code = 'current_year_expenditure'", [D_KEY])
    assert (d["budget_expenditure_wan_yuan"], d["final_expenditure_wan_yuan"]) == (total["budget_wan_yuan"], total["final_wan_yuan"])
    assert (d["budget_final_difference_wan_yuan"], d["budget_execution_rate_pct"]) == (
        total["difference_wan_yuan"], total["execution_rate_pct"])


def test_department_year_falls_back_to_narrative_figures_and_says_so(run):
    [a] = rows(run, "select * from fct_department_year where department_key = ? and fiscal_year = 2022", [A_KEY])
    narrative = dict(run.query(
        "select metric_code, value_wan_yuan from fct_narrative_figure where department_key = ? and fiscal_year = 2022 "
        "and is_first_for_metric and figure_role = 'value' and value_wan_yuan is not null", [A_KEY]))
    assert narrative
    assert sorted(a["metrics_from_narrative"]) == sorted(m for m in narrative if f"{m}_wan_yuan" in a)
    for metric, value in narrative.items():
        assert a[f"{metric}_wan_yuan"] == value, metric
    assert a["budget_execution_rate_pct"] is None
    [(score,)] = run.query(
        "select total_score from raw.performance_summaries where document_sha256 = ?", [run.shas["A2022"]])
    assert a["performance_total_score"] == score


def test_department_year_grain_covers_every_department_year(run):
    expected = set(run.query(
        "select distinct department_key, report_scope, fiscal_year from intermediate.int_departments_resolved"))
    assert set(run.query("select department_key, report_scope, fiscal_year from fct_department_year")) == expected
    # a budget-only year keeps its budget figures
    assert run.query("select figures_report_kind from fct_department_year where department_key = 'unknown-某市某局'") == [("budget",)]


def test_dimensions_name_classes_from_the_seed_and_flag_a_differing_printed_name(run):
    seed = {r["economic_class_code"]: r["name_zh"] for r in csv.DictReader((SEEDS / "economic_class_names.csv").open(encoding="utf-8"))}
    [office] = rows(run, "select * from dim_economic_class where economic_class_code = '30201'")
    assert (office["name_zh"], office["name_source"], office["seed_name_zh"]) == (seed["30201"], "seed", seed["30201"])
    assert office["printed_name_zh"] == "办公经费" != seed["30201"]
    assert office["is_printed_name_different"] is True
    assert run.query("select count(*) from dim_economic_class where is_printed_name_different") == [(1,)]
    [item] = rows(run, "select * from dim_function_class where function_class_code = '2080505'")
    assert (item["class_level"], item["name_source"], item["parent_code"], item["class_code"]) == ("项", "printed", "20805", "208")
    assert item["name_zh"] == item["printed_name_zh"] == "机关事业单位基本养老保险缴费支出"
    assert item["document_count"] == 2


def test_name_flag_is_a_warning_not_an_error(run):
    statuses = {r["unique_id"]: r["status"] for r in run.build_results()["results"]}
    warned = sorted(uid.split(".")[2] for uid, status in statuses.items() if status == "warn")
    assert warned == ["dim_economic_class_printed_names_agree_with_seed", "fct_yoy_change_stated_vs_computed_within_rounding"]
    assert all(s in ("pass", "success", "warn") for s in statuses.values())


def test_amount_and_percent_columns_are_exact_decimals(run):
    columns = run.query(
        "select table_name, column_name, data_type from information_schema.columns where table_schema = 'main' "
        "and table_name in ('fct_department_year', 'fct_function_spending', 'fct_budget_vs_final') "
        "and (column_name like '%_wan_yuan' or column_name like '%_pct')"
    )
    assert len(columns) > 30
    for table, column, data_type in columns:
        assert data_type == ("DECIMAL(38,2)" if column.endswith("_pct") else "DECIMAL(24,6)"), (table, column)


def _required_tables(report_kind: str) -> dict[str, str]:
    """Each table kind that prints a standard table of ``report_kind``, and that table's name."""
    return {
        kind: table.zh for table in REQUIRED_TABLES if table.report_kind == report_kind for kind in table.table_kinds
    }


@pytest.mark.parametrize("key, report_kind", [("D2022F", "final_account"), ("D2022B", "budget")])
def test_completeness_counts_the_standard_tables_each_report_prints(run, key, report_kind):
    required = _required_tables(report_kind)
    printed = {required[kind] for kind, _, _ in DEPARTMENT_FACTS_TABLES[key] if kind in required}
    missing = set(required.values()) - printed
    [row] = rows(
        run,
        "select * from fct_disclosure_completeness where department_key = ? and fiscal_year = 2022 and report_kind = ?",
        [D_KEY, report_kind],
    )
    assert (row["standard_tables_required"], row["standard_tables_present"]) == (
        len(set(required.values())), len(printed)
    )
    assert set(row["standard_tables_missing"]) == missing and missing


@pytest.mark.parametrize("key, report_kind", [("D2022F", "final_account"), ("D2022B", "budget")])
def test_each_missing_required_table_is_one_critical_finding_of_the_report(run, key, report_kind):
    required = _required_tables(report_kind)
    printed = {required[kind] for kind, _, _ in DEPARTMENT_FACTS_TABLES[key] if kind in required}
    found = rows(
        run,
        "select document_sha256, severity, subject, unit, page, observed_value from fct_finding "
        "where check_name = 'required_table_missing' and department_key = ? and report_kind = ?",
        [D_KEY, report_kind],
    )
    assert sorted(f["subject"] for f in found) == sorted(
        f"缺少必备表格：{name}" for name in set(required.values()) - printed
    )
    assert {(f["document_sha256"], f["severity"], f["unit"], f["page"], f["observed_value"]) for f in found} == {
        (SHA[key], "critical", None, None, None)
    }


def test_a_function_class_named_as_before_its_years_catalogue_is_a_finding_with_its_page(run):
    # The budget prints 20805 under its name until 2020 (seed function_class_former_names); the final account,
    # the same year, under today's: only the budget's is a finding.
    found = rows(
        run,
        "select document_sha256, severity, page, message from fct_finding "
        "where check_name = 'classification_name_differs' and department_key = ?",
        [D_KEY],
    )
    # fixture_warehouse prints table i on page i + 5
    [page] = [
        i + 5 for i, (_, _, cells) in enumerate(DEPARTMENT_FACTS_TABLES["D2022B"]) if any(c[1] == "20805" for c in cells)
    ]
    assert [(f["document_sha256"], f["severity"], f["page"]) for f in found] == [(SHA["D2022B"], "warning", page)]
    assert "行政事业单位离退休" in found[0]["message"] and "行政事业单位养老支出" in found[0]["message"]


def test_a_table_printed_empty_without_a_note_is_a_finding_with_its_page(run):
    # fixture_warehouse prints table i on page i + 5; D's budget prints its fund table empty, with no note
    [(index, title)] = [(i, t) for i, (_, t, c) in enumerate(DEPARTMENT_FACTS_TABLES["D2022B"]) if not c]
    found = rows(
        run,
        "select document_sha256, subject, severity, page from fct_finding "
        "where check_name = 'empty_table_without_note' and department_key = ?",
        [D_KEY],
    )
    assert found == [
        {"document_sha256": SHA["D2022B"], "subject": f"空表无说明：{title}", "severity": "warning", "page": index + 5}
    ]


def test_the_contents_against_the_tables_printed(run):
    required = _required_tables("budget")
    listed = {kind for _, kind in D_BUDGET_CONTENTS}
    printed = {kind for kind, _, _ in DEPARTMENT_FACTS_TABLES["D2022B"]}
    found = rows(
        run,
        "select check_name, subject, severity, page from fct_finding "
        "where check_name in ('contents_entry_missing', 'table_not_in_contents') and document_sha256 = ? "
        "order by check_name, subject",
        [SHA["D2022B"]],
    )
    # a table listed but not printed (and required of no budget), and each required table printed but not listed
    [(unprinted_title, _)] = [(t, k) for t, k in D_BUDGET_CONTENTS if k not in printed and k not in required]
    unlisted = sorted(required[k] for k in printed - listed if k in required)
    assert [(f["check_name"], f["subject"]) for f in found] == [
        ("contents_entry_missing", f"目录所列未印：{unprinted_title}"),
        *[("table_not_in_contents", f"未列入目录：{name}") for name in unlisted],
    ]
    assert unlisted
    assert {(f["check_name"], f["severity"]) for f in found} == {
        ("contents_entry_missing", "error"), ("table_not_in_contents", "warning")
    }
    assert found[0]["page"] == 2


def test_a_three_public_total_without_its_parts_names_the_parts_given_nowhere(run):
    parts = {"因公出国（境）费", "公务接待费", "公务用车购置及运行费"}
    [table] = [cells for kind, _, cells in DEPARTMENT_FACTS_TABLES["D2022B"] if kind == "budget_three_public"]
    given = {measure for _, _, _, _, measure, _ in table} & parts
    found = rows(
        run,
        "select document_sha256, check_name, subject, severity from fct_finding "
        "where check_name = 'three_public_parts_missing' and department_key = ?",
        [D_KEY],
    )
    # the final account splits its 三公 total: only the budget's finding
    assert found == [{
        "document_sha256": SHA["D2022B"], "check_name": "three_public_parts_missing",
        "subject": "“三公”经费未分项：" + "、".join(sorted(parts - given)), "severity": "error",
    }]
