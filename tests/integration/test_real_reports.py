"""The 12 real PDFs, the seed and the unreadable kinds in one drop folder, through the whole pipeline."""

from __future__ import annotations

import json

import pytest

from benchmarks.panel import finding_key
from pipeline.settings import PROJECT_ROOT
from tests import pdf_factory
from tests.conftest import REAL_PDFS, SEED
from tests.integration.pipeline_run import query, run_ingest

TRUTH = PROJECT_ROOT / "tests" / "fixtures" / "truth"

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


# Every finding on the real files and the seed text, from their truth files (tests/fixtures/truth/README.md,
# "Findings"): (file, check, severity, printed value, the value the other printed figures imply). A file whose truth
# lists none has none.
EXPECTED_FINDINGS = {
    (truth["file"], f["severity"], *finding_key(f))
    for path in sorted(TRUTH.glob("*.truth.json"))
    for truth in [json.loads(path.read_text(encoding="utf-8"))]
    for f in truth.get("findings", [])
}


def _cents(value) -> str | None:
    # A finding of something missing or misnamed has no values to compare.
    return None if value is None else f"{value:.2f}"


def test_reconciliation_findings_of_the_real_reports(warehouse) -> None:
    rows = query(
        warehouse,
        "SELECT d.first_source_path, f.check_name, f.severity, f.observed_value, f.expected_value, f.subject "
        "FROM fct_finding f JOIN dim_document d USING (document_sha256)",
    )
    found = {
        (path, severity, *finding_key(
            {"check_name": check, "observed": _cents(observed), "expected": _cents(expected), "subject": subject}
        ))
        for path, check, severity, observed, expected, subject in rows
    }
    assert found == EXPECTED_FINDINGS
