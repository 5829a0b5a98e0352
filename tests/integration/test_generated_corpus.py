"""Generated reports of consecutive years through the whole pipeline: the YoY mart pairs them by department."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pipeline.parse.tables.titles import ECONOMIC_KINDS
from tests.corpus import catalog
from tests.corpus.generate import generate
from tests.integration.pipeline_run import query, run_ingest

pytestmark = pytest.mark.slow

GENERATED = {"departments": 3, "years": (2022, 2023), "seed": 11, "include_seed": True}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("generated")
    raw = root / "raw"
    raw.mkdir()
    for doc in generate(**GENERATED):
        (raw / doc.pdf_name).write_bytes(doc.rendered.pdf)
    [result] = run_ingest(raw, root / "warehouse.duckdb")
    assert result.success
    return root / "warehouse.duckdb"


def test_every_department_year_pair_takes_its_prior_from_the_report(warehouse) -> None:
    pairs = query(
        warehouse,
        "SELECT department_key, fiscal_year, count(*), count(*) FILTER (WHERE prior_source = 'report') "
        "FROM fct_yoy_change WHERE metric_code = 'total_income' GROUP BY ALL ORDER BY ALL",
    )
    # 3 departments × 2022-2023 plus the seed's department × 2021-2022: every later year has its report prior.
    assert len(pairs) == 8
    departments = {key for key, _, _, _ in pairs}
    assert len(departments) == 4
    for key in departments:
        years = sorted((year, from_report) for k, year, _, from_report in pairs if k == key)
        assert [from_report for _, from_report in years] == [0, 1], key


def test_the_seed_change_follows_from_two_reports(warehouse) -> None:
    rows = query(
        warehouse,
        "SELECT metric_code, value_wan_yuan, prior_value_wan_yuan, prior_source, change_pct, is_stated_consistent "
        "FROM fct_yoy_change WHERE department_name = '盘锦市兴隆台区工业和信息化局' AND fiscal_year = 2022 "
        "AND metric_code IN ('total_income', 'operating_expenses') ORDER BY metric_code",
    )
    assert rows == [
        ("operating_expenses", Decimal("16.07"), Decimal("11.43"), "report", Decimal("40.59"), True),
        ("total_income", Decimal("423.59"), Decimal("718.15"), "report", Decimal("-41.02"), True),
    ]


def test_the_tables_reconcile_in_consistent_reports(warehouse) -> None:
    # The generator derives every total from its parts: no table check may fire on its reports.
    table_checks = query(
        warehouse,
        "SELECT check_name, subject FROM fct_finding WHERE check_name IN ('total_equals_sum_of_rows', "
        "'class_equals_sum_of_subclasses', 'columns_sum_to_row_total', 'summary_total_identity', "
        "'summary_sides_balance', 'same_figure_across_tables')",
    )
    assert table_checks == []


# --- department fact marts: what the generator printed (its truth) against the marts ----------------------------
@pytest.fixture(scope="module")
def truths() -> list[dict]:
    return [doc.truth for doc in generate(**GENERATED)]


def _amount(table: dict, cell: dict) -> Decimal:
    value = Decimal(cell["value"].replace(",", ""))
    return value / 10000 if table["unit"] == "元" else value


def _table(truth: dict, kind: str) -> dict:
    return next(t for t in truth["tables"] if t["table_kind"] == kind)


def test_function_spending_is_the_printed_expenditure_table(warehouse, truths) -> None:
    for truth in truths:
        table = _table(truth, "final_expenditure")
        expected = {c["code"]: _amount(table, c) for c in table["cells"] if c["code"] and c["measure"] == "本年支出合计"}
        found = query(
            warehouse,
            "SELECT function_class_code, total_wan_yuan, class_level, share_of_total_pct, source_table_kind "
            f"FROM fct_function_spending WHERE department_name = '{truth['department_name']}' "
            f"AND fiscal_year = {truth['fiscal_year']} AND report_kind = 'final_account'",
        )
        assert {code: total for code, total, *_ in found} == expected, truth["file"]
        assert {kind for *_, kind in found} == {"final_expenditure"}
        class_shares = [share for _, _, level, share, _ in found if level == "类"]
        assert abs(sum(class_shares) - 100) <= len(class_shares) * Decimal("0.005"), truth["file"]


def test_department_year_takes_the_table_totals(warehouse, truths) -> None:
    for truth in truths:
        summary, expenditure = _table(truth, "final_income_expenditure_summary"), _table(truth, "final_expenditure")
        of_year = {c["item"]: _amount(summary, c) for c in summary["cells"] if c["item"] in ("本年收入合计", "本年支出合计")}
        totals = {c["measure"]: _amount(expenditure, c) for c in expenditure["cells"] if c["item"] == "合计"}
        [row] = query(
            warehouse,
            "SELECT figures_report_kind, current_year_income_wan_yuan, current_year_expenditure_wan_yuan, "
            "basic_expenditure_wan_yuan, project_expenditure_wan_yuan, metrics_from_narrative, "
            f"budget_execution_rate_pct FROM fct_department_year WHERE department_name = '{truth['department_name']}' "
            f"AND fiscal_year = {truth['fiscal_year']}",
        )
        kind, income, spending, basic, project, from_narrative, execution = row
        assert kind == "final_account"
        assert (income, spending) == (of_year["本年收入合计"], of_year["本年支出合计"]), truth["file"]
        assert (basic, project) == (totals["基本支出"], totals["项目支出"]), truth["file"]
        assert not {"current_year_income", "current_year_expenditure", "basic_expenditure"} & set(from_narrative)
        assert execution is None  # the generator renders 决算 only: no budget to compare with


def test_class_dimensions_name_every_printed_code_by_the_national_list(warehouse, truths) -> None:
    function = {code: (name, source, differs) for code, name, source, differs in query(
        warehouse, "SELECT function_class_code, name_zh, name_source, is_printed_name_different FROM dim_function_class")}
    economic = {code: (name, source, differs) for code, name, source, differs in query(
        warehouse, "SELECT economic_class_code, name_zh, name_source, is_printed_name_different FROM dim_economic_class")}
    standard = {**catalog.CLASSES, **catalog.KUAN, **catalog.ECONOMIC_CLASSES, **catalog.ECONOMIC}
    printed = {(c["code"], t["table_kind"]) for truth in truths for t in truth["tables"] for c in t["cells"] if c["code"]}
    assert printed
    for code, kind in printed:
        dimension = economic if kind in ECONOMIC_KINDS else function
        name, source, differs = dimension[code]
        if code in standard:
            assert (name, source, differs) == (standard[code], "seed", False), code
        else:
            assert source == "printed" and name, code


def test_budget_execution_rows_are_the_budgets_the_final_accounts_print(warehouse, truths) -> None:
    """The generator renders 决算 only: a budget comes from the 预算数 its 三公 table prints, nowhere else."""
    expected = sorted(
        (truth["department_name"], truth["fiscal_year"], budget["metric"], Decimal(budget["value"].replace(",", "")))
        for truth in truths for budget in truth["panel"]["budgets"]
    )
    assert expected
    found = query(
        warehouse,
        "SELECT department_name, fiscal_year, metric_code, budget_wan_yuan FROM fct_budget_vs_final "
        "WHERE budget_source = 'final_account' ORDER BY ALL",
    )
    assert found == expected
    assert query(warehouse, "SELECT count(*) FROM fct_budget_vs_final WHERE budget_source <> 'final_account'") == [(0,)]


def test_the_panel_is_the_generated_truth(warehouse, truths) -> None:
    """Every panel figure of every generated report - value, status, page - and its stated priors and printed
    budgets, as the generator knows them (tests/corpus/panel.py), scored as benchmarks/accuracy.py scores them."""
    import duckdb

    from benchmarks.panel import score_panel

    with duckdb.connect(str(warehouse), read_only=True) as con:
        names = dict(con.execute("SELECT document_sha256, first_source_path FROM dim_document").fetchall())
        outcomes = [o for truth in truths for o in score_panel(truth, con, names)]
    assert len(outcomes) > 17 * len(truths)
    assert [o for o in outcomes if o.outcome != "agree"] == []
