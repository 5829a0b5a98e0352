"""The 12 real PDFs, the seed and the unreadable kinds in one drop folder, through the whole pipeline."""

from __future__ import annotations

import pytest

from tests import pdf_factory
from tests.conftest import REAL_PDFS, SEED
from tests.integration.pipeline_run import query, run_ingest

pytestmark = pytest.mark.slow

FINAL_KINDS = {
    "final_income_expenditure_summary", "final_income", "final_expenditure", "final_fiscal_summary",
    "final_general_budget_expenditure", "final_general_budget_basic_expenditure", "final_three_public",
    "final_government_fund", "final_state_capital",
}
SHANGHAI_BUDGET_KINDS = {
    "budget_finance_summary", "budget_income", "budget_expenditure", "budget_fiscal_summary",
    "budget_general_budget_expenditure", "budget_government_fund_expenditure", "budget_state_capital_expenditure",
    "budget_general_budget_basic_expenditure", "budget_three_public",
}
JIANGSU_BUDGET_KINDS = {
    "budget_income_expenditure_summary", "budget_income", "budget_expenditure", "budget_fiscal_summary",
    "budget_fiscal_expenditure", "budget_fiscal_basic_expenditure", "budget_general_budget_expenditure",
    "budget_general_budget_basic_expenditure", "budget_three_public", "budget_government_fund_expenditure",
    "budget_operating_expenses", "budget_government_procurement",
}
UNREADABLE = {
    "scanned.pdf": (pdf_factory.image_only_pdf, "image_only"),
    "locked.pdf": (lambda: pdf_factory.text_pdf(pdf_factory.SEED_LIKE_REPORT, encrypt_with="pw"), "encrypted"),
    "truncated.pdf": (lambda: pdf_factory.text_pdf(pdf_factory.SEED_LIKE_REPORT * 3)[:900], "corrupt"),
    "english.pdf": (lambda: pdf_factory.text_pdf(["Annual report", "Total 423.59"]), "no_cjk_text"),
    "news.pdf": (lambda: pdf_factory.text_pdf(pdf_factory.NEWS), "not_a_report"),
}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("real")
    raw = root / "raw"
    raw.mkdir()
    for pdf in REAL_PDFS.glob("*.pdf"):
        (raw / pdf.name).write_bytes(pdf.read_bytes())
    (raw / SEED.name).write_bytes(SEED.read_bytes())
    for name, (make, _) in UNREADABLE.items():
        (raw / name).write_bytes(make())
    [result] = run_ingest(raw, root / "warehouse.duckdb")
    assert result.success
    return root / "warehouse.duckdb"


def test_every_real_report_loads_and_each_unreadable_kind_is_quarantined(warehouse) -> None:
    loaded = {path for (path,) in query(warehouse, "SELECT source_path FROM raw.documents")}
    assert loaded == {pdf.name for pdf in REAL_PDFS.glob("*.pdf")} | {SEED.name}
    quarantined = dict(query(warehouse, "SELECT source_path, reason_code FROM raw.quarantine"))
    assert quarantined == {name: reason for name, (_, reason) in UNREADABLE.items()}


@pytest.mark.parametrize(
    ("stem", "kinds"),
    [
        ("sh-putuo_caizhengju_2024_dept-final", FINAL_KINDS),
        ("sh-putuo_shehuigongzuobu_2024_dept-final", FINAL_KINDS),
        ("sh-putuo_caizhengju_2025_dept-budget", SHANGHAI_BUDGET_KINDS),
        ("sh-putuo_shehuifuliyuan_2024_unit-budget", SHANGHAI_BUDGET_KINDS),
        ("sh-putuo_wanlijiedao_2024_dept-budget", SHANGHAI_BUDGET_KINDS),
        ("js_gaoyuan_2017_dept-budget", JIANGSU_BUDGET_KINDS),
        ("js_gaoyuan_2018_dept-budget", JIANGSU_BUDGET_KINDS),
        ("js_gaoyuan_2019_dept-budget", JIANGSU_BUDGET_KINDS),
        ("js_shengweiban_2019_dept-budget-tables", JIANGSU_BUDGET_KINDS),
        ("js_zhengxie_2018_dept-budget-tables", JIANGSU_BUDGET_KINDS),
    ],
)
def test_every_standard_table_yields_line_items(warehouse, stem: str, kinds: set[str]) -> None:
    tables = query(
        warehouse,
        "SELECT t.table_kind, t.is_empty, count(l.document_sha256) FROM fct_statement_table t "
        "JOIN dim_document d USING (document_sha256) "
        "LEFT JOIN fct_line_item l ON l.document_sha256 = t.document_sha256 AND l.table_index = t.table_index "
        f"WHERE d.first_source_path = '{stem}.pdf' GROUP BY ALL",
    )
    found = {kind for kind, _, _ in tables}
    assert kinds <= found
    for kind, is_empty, cells in tables:
        assert (cells == 0) == is_empty, kind


def test_the_narrative_only_file_has_no_tables_and_its_tables_file_has_no_narrative(warehouse) -> None:
    counts = dict(
        query(
            warehouse,
            "SELECT d.first_source_path, count(t.table_index) FROM dim_document d "
            "LEFT JOIN fct_statement_table t USING (document_sha256) "
            "WHERE d.first_source_path LIKE 'js_shengweiban%' GROUP BY ALL",
        )
    )
    assert counts["js_shengweiban_2019_dept-budget-text.pdf"] == 0
    assert counts["js_shengweiban_2019_dept-budget-tables.pdf"] == 12


def test_amounts_in_yuan_and_wan_yuan_in_one_report(warehouse) -> None:
    rows = query(
        warehouse,
        "SELECT DISTINCT l.table_kind, l.unit_printed FROM fct_line_item l JOIN dim_document d "
        "ON d.document_sha256 = l.document_sha256 WHERE d.first_source_path = 'sh-putuo_caizhengju_2025_dept-budget.pdf' "
        "AND l.table_kind IN ('budget_income', 'budget_three_public')",
    )
    assert sorted(rows) == [("budget_income", "元"), ("budget_three_public", "万元")]
    [(printed, wan)] = query(
        warehouse,
        "SELECT value_printed, value_wan_yuan FROM fct_line_item l JOIN dim_document d ON d.document_sha256 = l.document_sha256 "
        "WHERE d.first_source_path = 'sh-putuo_caizhengju_2025_dept-budget.pdf' AND l.table_kind = 'budget_income' "
        "ORDER BY l.cell_index LIMIT 1",
    )
    assert wan * 10000 == type(wan)(printed.replace(",", ""))


# Every finding on the real files: (file, check, severity, printed value, the value the other printed figures
# imply). Severity by pipeline/checks/rules.py: info where the rounding of the printed terms explains the difference,
# error from 1% of the figure, warning below that or where the report may legitimately differ.
EXPECTED_FINDINGS = {
    # Checked by hand against the printed page:
    # #3 支出决算表 prints 社会保障和就业支出 326.72 where #1 收入支出决算总表 prints 326.71 (a cent: rounding).
    ("sh-putuo_caizhengju_2024_dept-final.pdf", "same_figure_across_tables", "info", "326.72", "326.71"),
    # "一般公共服务支出2106.66万元，占71.73%" of 2940.05 is 71.65% (the amounts may not be the ones meant: warning).
    ("sh-putuo_caizhengju_2024_dept-final.pdf", "stated_share_matches", "warning", "71.73", "71.65"),
    # "提租补贴（项）支出1959.99万元，与上年相比增加865.57万元，增长79.05%": 865.57 / 1094.42 is 79.09% (0.05% off).
    ("js_gaoyuan_2017_dept-budget.pdf", "yoy_pct_consistent", "warning", "79.05", "79.09"),
    # "一般行政事务管理（项）支出6049.97万元，与上年相比减少392.92万元，减少5.95%": 392.92 / 6442.89 is 6.10%.
    ("js_gaoyuan_2018_dept-budget.pdf", "yoy_pct_consistent", "error", "5.95", "6.10"),
    # "住房保障（类）支出3894.09万元 … 增加878.93万元，增长30%": 29.15%, a percent rounded to a whole number.
    ("js_shengweiban_2019_dept-budget-text.pdf", "yoy_pct_consistent", "warning", "30.00", "29.15"),
    # "规划建筑面积约为13459平方米，其中地上建筑面积为8013平方米（其中计容面积7998平方米，不计容面积105平方米），
    # 地下建筑面积为5356平方米": 8013 + 5356 = 13369 (an "约为" total: warning); 7998 + 105 = 8103 ≠ 8013.
    ("sh-putuo_wanlijiedao_2023_dept-budget.pdf", "parts_sum_to_total", "warning", "13459.00", "13369.00"),
    ("sh-putuo_wanlijiedao_2023_dept-budget.pdf", "parts_sum_to_total", "error", "8013.00", "8103.00"),
    ("sh-putuo_wanlijiedao_2024_dept-budget.pdf", "parts_sum_to_total", "warning", "13459.00", "13369.00"),
    ("sh-putuo_wanlijiedao_2024_dept-budget.pdf", "parts_sum_to_total", "error", "8013.00", "8103.00"),
    # "政府性基金拨款支出预算0万元，比2022年预算增加1421.25万元": a rise to 0 implies a prior year of −1421.25 -
    # the report wrote 增加 for a fall (the warehouse's check, int_cross_source_findings).
    ("sh-putuo_wanlijiedao_2023_dept-budget.pdf", "yoy_implied_prior_negative", "error", "-1421.25", "0.00"),
    # #6 p16: 301 工资福利支出 2,082.85; its 款 262.33 + 1,238.58 + 160.75 + 80.38 + 60.99 + 1.61 + 187.19 + 91.03
    # = 2,082.86.
    ("sh-putuo_caizhengju_2024_dept-final.pdf", "class_equals_sum_of_subclasses", "info", "2082.85", "2082.86"),
    # p20: "基本支出105.58万元。其中：人员经费95.36万元 … 公用经费10.23万元" - 105.59.
    ("sh-putuo_shehuigongzuobu_2024_dept-final.pdf", "parts_sum_to_total", "info", "105.58", "105.59"),
    # p20: "单位预留机动经费182.92万元，占0.64%" of 28849.38 is 0.63%.
    ("js_gaoyuan_2017_dept-budget.pdf", "stated_share_matches", "info", "0.64", "0.63"),
    # Differences of a cent or of 0.01 point, as the table reader and the narrative reader read the printed figures
    # (each within the rounding of its printed terms); not each re-read by hand.
    ("sh-putuo_caizhengju_2024_dept-final.pdf", "class_equals_sum_of_subclasses", "info", "171.07", "171.09"),
    ("sh-putuo_caizhengju_2024_dept-final.pdf", "parts_sum_to_total", "info", "2940.05", "2940.06"),
    ("sh-putuo_caizhengju_2024_dept-final.pdf", "total_equals_sum_of_rows", "info", "2336.91", "2336.92"),
    ("sh-putuo_caizhengju_2024_dept-final.pdf", "total_equals_sum_of_rows", "info", "2940.05", "2940.06"),
    ("sh-putuo_caizhengju_2024_dept-final.pdf", "total_equals_sum_of_rows", "info", "2946.25", "2946.26"),
    ("sh-putuo_shehuigongzuobu_2024_dept-final.pdf", "class_equals_sum_of_subclasses", "info", "10.23", "10.22"),
    ("sh-putuo_shehuigongzuobu_2024_dept-final.pdf", "stated_share_matches", "info", "9.55", "9.56"),
    ("js_shengweiban_2019_dept-budget-text.pdf", "yoy_pct_consistent", "info", "5.60", "5.61"),
    ("js_shengweiban_2019_dept-budget-text.pdf", "yoy_pct_consistent", "info", "16.07", "16.08"),
}


def test_reconciliation_findings_of_the_real_reports(warehouse) -> None:
    rows = query(
        warehouse,
        "SELECT d.first_source_path, f.check_name, f.severity, f.observed_value, f.expected_value "
        "FROM fct_finding f JOIN dim_document d USING (document_sha256) "
        f"WHERE d.first_source_path <> '{SEED.name}'",
    )
    found = {(path, check, severity, f"{observed:.2f}", f"{expected:.2f}") for path, check, severity, observed, expected in rows}
    assert found == EXPECTED_FINDINGS
