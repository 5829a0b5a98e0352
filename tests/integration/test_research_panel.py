"""The research layer over one warehouse of reports that try it: a 部门 report and its 单位 report of one year, the
same department the year before, one body under three name forms, a report published as tables only, a report
that states its zeros, a report that declares a break with the year before, a 决算 that prints its budget.

Generated reports are checked against what their generator knows (tests/corpus/panel.py); real reports against
figures read off their pages (page numbers are the PDF's).
"""

from __future__ import annotations

import shutil
from decimal import Decimal

import duckdb
import pytest

from benchmarks.panel import score_panel
from tests.conftest import REAL_PDFS
from tests.corpus import spec
from tests.corpus.generate import render_scope_pair, render_year
from tests.corpus.layout import Layout
from tests.integration.pipeline_run import query, run_ingest
from tests.integration.reconcile.cases import NARRATIVE_VS_TABLE, RULED, TABLES, YEAR, amount

pytestmark = pytest.mark.slow

# Zeros printed as 0.00 and a 三公 table with its 预算数 columns: printed zeros and a 决算's own budget.
LAYOUT = Layout(ruling="grid", unit="万元", separators=True, continuation="repeat_header", codes="split",
                panels="side_by_side", orientation="landscape", column_numbers="none", zeros="0.00",
                total_row="first", titles="canonical", table_numbers=False, page_footer=False, toc=False,
                density="compact")
# One body, three forms of its name, a report a year (budgets stated in the narrative only).
NAME_FORMS = {
    2017: "中国共产党江苏省委员会办公厅",
    2018: "中共江苏省委办公厅",
    2019: "江苏省委办公厅",
}
REAL_FILES = (
    "js_zhengxie_2018_dept-budget-tables.pdf",  # tables only
    "sh-putuo_shehuigongzuobu_2024_dept-final.pdf",  # 本表无数据, 无“三公”经费支出; set up in 2024
    "js_gaoyuan_2017_dept-budget.pdf",  # with 2018: 机关运行经费 口径 changed, 上下年数据无可比性
    "js_gaoyuan_2018_dept-budget.pdf",
)


def _budget_text(name: str, year: int, total: str) -> str:
    return (
        f"{name}{year}年度部门预算公开\n\n"
        f"第二部分 {year}年度部门预算情况说明\n\n"
        f"一、收支预算总体情况\n\n{name}{year}年度收入、支出预算总计{total}万元。\n"
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("panel")
    raw = root / "raw"
    raw.mkdir()
    dept = spec.random_department(5, 0, [2022, 2023], {2022: "万元", 2023: "万元"}, set())
    department, unit = render_scope_pair(dept, 2023, LAYOUT)
    before = render_year(dept, 2022, LAYOUT)
    # the seed department's report whose narrative prints 人员经费 off the table's 人员经费合计
    off = render_year(spec.seed_department(), YEAR, RULED, defect=NARRATIVE_VS_TABLE.defect, table_kinds=TABLES)
    generated = [department, unit, before, off]
    for doc in generated:
        (raw / doc.pdf_name).write_bytes(doc.rendered.pdf)
    for year, name in NAME_FORMS.items():
        (raw / f"js_office_{year}_budget.txt").write_text(_budget_text(name, year, f"{1000 + year}.00"), "utf-8")
    for name in REAL_FILES:
        shutil.copy(REAL_PDFS / name, raw / name)
    warehouse = root / "warehouse.duckdb"
    [result] = run_ingest(raw, warehouse)
    assert result.success
    return warehouse, {"department": department, "unit": unit, "before": before, "off": off}


def test_a_department_report_and_its_unit_report_are_two_rows_of_the_panel(built) -> None:
    warehouse, docs = built
    department, unit = docs["department"], docs["unit"]
    states = dict(query(warehouse, "SELECT document_sha256, state FROM dim_document"))
    assert states[department.truth["sha256"]] == states[unit.truth["sha256"]] == "loaded"
    rows = query(
        warehouse,
        "SELECT report_scope, department_key, current_year_expenditure_wan_yuan FROM fct_department_year "
        f"WHERE department_name = '{dept_name(docs)}' AND fiscal_year = 2023 ORDER BY report_scope",
    )
    assert [scope for scope, _, _ in rows] == ["department", "unit"]
    assert len({key for _, key, _ in rows}) == 1  # one body, two scopes
    expected = {
        doc.truth["report_scope"]: _figure(doc.truth, "current_year_expenditure") for doc in (department, unit)
    }
    assert {scope: value for scope, _, value in rows} == expected
    assert expected["department"] != expected["unit"]
    assert query(warehouse, "SELECT count(*) FROM fct_document_revision_change") == [(0,)]


def test_every_generated_figure_status_and_page_is_the_panels(built) -> None:
    warehouse, docs = built
    with duckdb.connect(str(warehouse), read_only=True) as con:
        names = dict(con.execute("SELECT document_sha256, first_source_path FROM dim_document").fetchall())
        outcomes = [o for doc in docs.values() for o in score_panel(doc.truth, con, names)]
    # the report whose narrative is off keeps its table's figure: the panel still agrees
    assert {o.file for o in outcomes} == {doc.pdf_name for doc in docs.values()}
    assert [o for o in outcomes if o.outcome != "agree"] == []
    statuses = {o.metric for o in outcomes if o.part == "figure"}
    assert len(statuses) == 17


def test_a_printed_zero_is_zero_and_says_it_was_printed(built) -> None:
    warehouse, docs = built
    zeros = [f["metric"] for f in docs["department"].truth["panel"]["figures"] if f["status"] == "printed_zero"]
    assert zeros
    rows = query(
        warehouse,
        "SELECT metric_code, value_wan_yuan, disclosure_status FROM fct_department_metric "
        f"WHERE document_sha256 = '{docs['department'].truth['sha256']}' AND metric_code IN "
        f"({', '.join(repr(m) for m in zeros)})",
    )
    assert sorted(rows) == sorted((m, Decimal(0), "printed_zero") for m in zeros)


def test_a_stated_zero_is_zero_and_nothing_said_is_null(built) -> None:
    warehouse, _ = built
    rows = dict(
        (metric, (value, status, page))
        for metric, value, status, page in query(
            warehouse,
            "SELECT metric_code, value_wan_yuan, disclosure_status, page FROM fct_department_metric "
            "WHERE department_name = '中共上海市普陀区委社会工作部' AND fiscal_year = 2024",
        )
    )
    # p14: 说明：…本年度没有财政拨款“三公”经费支出，故本表无数据; p15: …没有政府性基金预算财政拨款收入和支出
    assert rows["three_public_expenses"] == (Decimal(0), "stated_zero", 14)
    assert rows["vehicle_purchase"] == (Decimal(0), "stated_zero", 14)
    assert rows["government_fund_expenditure"] == (Decimal(0), "stated_zero", 15)
    # a 决算 of Shanghai prints no 政府采购 total in a table: the narrative's (p22, 21.07) counts
    assert rows["government_procurement"] == (Decimal("21.07"), "printed", 22)
    nothing = [m for m, (value, status, _) in rows.items() if status == "not_disclosed"]
    assert nothing and all(rows[m][0] is None for m in nothing)


def test_a_report_of_tables_only_fills_the_panel_from_its_tables(built) -> None:
    warehouse, _ = built
    [row] = query(
        warehouse,
        "SELECT basic_expenditure_wan_yuan, project_expenditure_wan_yuan, fiscal_appropriation_income_wan_yuan, "
        "general_budget_expenditure_wan_yuan, three_public_expenses_wan_yuan, operating_expenses_wan_yuan, "
        "government_procurement_wan_yuan, metrics_from_narrative FROM fct_department_year "
        "WHERE department_name = '江苏省政协办公厅' AND fiscal_year = 2018",
    )
    # 公开03表 p3, 公开01表 p1, 公开07表 p7, 公开09表 p9, 公开11表 p11, 公开12表 p12
    assert row[:7] == (
        Decimal("5678.17"), Decimal("3314.68"), Decimal("10070.48"), Decimal("10070.48"), Decimal("675.10"),
        Decimal("1115.85"), Decimal("1281.76"),
    )
    assert row[7] == []


def test_three_forms_of_a_name_are_one_department_with_its_region(built) -> None:
    warehouse, _ = built
    rows = query(
        warehouse,
        "SELECT department_key, region_code, name_variants, first_fiscal_year, last_fiscal_year FROM dim_department "
        "WHERE department_key LIKE '%省委办公厅'",
    )
    assert rows == [("320000-江苏省委办公厅", "320000", sorted(NAME_FORMS.values()), 2017, 2019)]
    # every mart names it as dim_department does: by the name of its newest report
    names = query(warehouse, "SELECT DISTINCT department_name FROM fct_department_metric WHERE department_key = '320000-江苏省委办公厅'")
    assert names == [("江苏省委办公厅",)]
    changes = query(
        warehouse,
        "SELECT fiscal_year, prior_source, change_amount_wan_yuan FROM fct_yoy_change "
        "WHERE department_key = '320000-江苏省委办公厅' AND metric_code = 'total_income' ORDER BY fiscal_year",
    )
    assert changes == [(2017, None, None), (2018, "report", Decimal(1)), (2019, "report", Decimal(1))]


def test_two_loaded_years_give_a_change_for_every_metric_both_hold(built) -> None:
    warehouse, docs = built
    both = query(
        warehouse,
        "SELECT this_year.metric_code FROM fct_department_metric AS this_year JOIN fct_department_metric AS prior "
        "ON prior.department_key = this_year.department_key AND prior.report_scope = this_year.report_scope "
        "AND prior.report_kind = this_year.report_kind AND prior.metric_code = this_year.metric_code "
        "AND prior.fiscal_year = this_year.fiscal_year - 1 "
        f"WHERE this_year.document_sha256 = '{docs['department'].truth['sha256']}' "
        "AND this_year.value_wan_yuan IS NOT NULL AND prior.value_wan_yuan IS NOT NULL",
    )
    assert len(both) >= 10
    changes = dict(
        query(
            warehouse,
            "SELECT metric_code, prior_source FROM fct_yoy_change "
            f"WHERE department_name = '{dept_name(docs)}' AND fiscal_year = 2023 AND report_scope = 'department' "
            "AND function_class_code IS NULL",
        )
    )
    assert {metric: changes.get(metric) for (metric,) in both} == {metric: "report" for (metric,) in both}
    # and every 类 the two years print
    classes = query(
        warehouse,
        "SELECT count(*) FILTER (WHERE prior_source = 'report'), count(*) FROM fct_yoy_change "
        f"WHERE department_name = '{dept_name(docs)}' AND fiscal_year = 2023 AND report_scope = 'department' "
        "AND class_level = '类'",
    )
    assert classes[0][0] == classes[0][1] > 0


def test_a_declared_break_makes_a_change_not_comparable(built) -> None:
    warehouse, _ = built
    rows = query(
        warehouse,
        "SELECT fiscal_year, metric_code, prior_source, change_amount_wan_yuan, is_comparable, break_reason_code "
        "FROM fct_yoy_change WHERE department_name = '江苏省高级人民法院' AND fiscal_year = 2018 "
        "AND metric_code IN ('operating_expenses', 'total_income') ORDER BY metric_code",
    )
    # p24: "…本年机关运行经费统计口径与上年不一致…故上下年数据无可比性": 3,407.38 against 2017's 9,193.40
    assert rows == [
        (2018, "operating_expenses", "report", Decimal("-5786.02"), False, "not_comparable"),
        (2018, "total_income", "report", Decimal("4322.77"), True, None),
    ]
    # 社会工作部 was set up in 2024 ("单位于 2024 年成立"): its changes from nothing are no changes
    comparable = query(
        warehouse,
        "SELECT DISTINCT is_comparable, break_reason_code FROM fct_yoy_change "
        "WHERE department_name = '中共上海市普陀区委社会工作部' AND stated_change_amount_wan_yuan IS NOT NULL",
    )
    assert comparable == [(False, "newly_established")]


def test_a_final_account_gives_an_execution_rate_against_the_budget_it_prints(built) -> None:
    warehouse, docs = built
    budgets = {b["metric"]: Decimal(b["value"].replace(",", "")) for b in docs["department"].truth["panel"]["budgets"]}
    figures = {f["metric"]: f for f in docs["department"].truth["panel"]["figures"]}
    assert budgets
    rows = query(
        warehouse,
        "SELECT metric_code, budget_wan_yuan, final_wan_yuan, execution_rate_pct, budget_source "
        f"FROM fct_budget_vs_final WHERE final_document_sha256 = '{docs['department'].truth['sha256']}' "
        "AND comparison_level = 'metric'",
    )
    assert {metric for metric, *_ in rows} == set(budgets)
    for metric, budget, final, rate, source in rows:
        assert (budget, source) == (budgets[metric], "final_account"), metric
        assert final == _figure(docs["department"].truth, metric), metric
        expected = None if budget == 0 else (100 * final / budget).quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")
        assert rate == expected, metric


def test_a_narrative_figure_off_its_table_is_a_finding_and_never_the_value(built) -> None:
    warehouse, docs = built
    off = docs["off"]
    record = off.truth["defect"]
    [(observed, expected, observed_location, expected_location, severity)] = query(
        warehouse,
        "SELECT observed_value, expected_value, observed_location, expected_location, severity FROM fct_finding "
        f"WHERE document_sha256 = '{off.truth['sha256']}' AND check_name = '{NARRATIVE_VS_TABLE.check}' "
        f"AND subject = '{NARRATIVE_VS_TABLE.subject}'",
    )
    # 1.00 off a figure of ~150: under 1% of it, a warning (pipeline/checks/rules.py).
    assert abs(observed - expected) < expected / 100
    assert (observed, expected, severity) == (amount(record["printed"]), amount(record["consistent"]), "warning")
    [(line_no, char_start, char_end, page)] = query(
        warehouse,
        "SELECT line_no, char_start, char_end, page FROM fct_narrative_figure "
        f"WHERE document_sha256 = '{off.truth['sha256']}' AND section = '基本支出' AND label = '人员经费'",
    )
    assert observed_location == f"p{page}:L{line_no}:{char_start}-{char_end}"
    [(box,)] = query(
        warehouse,
        "SELECT 'p' || page || ':' || bbox[1] || ',' || bbox[2] || ',' || bbox[3] || ',' || bbox[4] "
        f"FROM fct_line_item WHERE document_sha256 = '{off.truth['sha256']}' AND item_name = '人员经费合计'",
    )
    assert expected_location == box
    # the panel's value is the table's
    assert query(
        warehouse,
        "SELECT value_wan_yuan, value_source FROM fct_department_metric "
        f"WHERE document_sha256 = '{off.truth['sha256']}' AND metric_code = 'personnel_expenses'",
    ) == [(amount(record["consistent"]), "table")]


def dept_name(docs: dict) -> str:
    return docs["department"].truth["department_name"]


def _figure(truth: dict, metric: str) -> Decimal:
    [figure] = [f for f in truth["panel"]["figures"] if f["metric"] == metric]
    return Decimal(figure["value"].replace(",", "")) if figure["value"] is not None else Decimal(0)
