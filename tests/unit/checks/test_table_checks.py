"""Each reconciliation of the tables on a small inconsistent report: the finding names both numbers."""

from decimal import Decimal

import polars as pl

from pipeline import schemas
from pipeline.checks.tables import table_findings

SHA = "0" * 64


def _tables(*kinds: tuple[int, str, str]) -> pl.DataFrame:
    return schemas.STATEMENT_TABLES.frame(
        [
            {"document_sha256": SHA, "table_index": i, "table_kind": kind, "table_title": title, "page_first": 1,
             "page_last": 1, "unit_printed": "万元", "is_empty": False, "cell_count": 0}
            for i, kind, title in kinds
        ]
    )


def _items(rows: list[tuple]) -> pl.DataFrame:
    """rows: (table_index, panel, row_index, code, item, measure, value, x0)."""
    return schemas.LINE_ITEMS.frame(
        [
            {"document_sha256": SHA, "table_index": t, "cell_index": n, "page": 7, "bbox_x0": float(x0),
             "bbox_top": 100.0 + 10 * r, "bbox_x1": float(x0) + 40, "bbox_bottom": 108.0 + 10 * r, "row_index": r,
             "column_index": 0, "panel": p, "classification_code": code, "code_system": "function" if code else None,
             "item_name": item, "measure": measure, "value_printed": value, "unit_printed": "万元",
             "value_wan_yuan": Decimal(value.replace(",", ""))}
            for n, (t, p, r, code, item, measure, value, x0) in enumerate(rows)
        ]
    )


def _by_check(findings: pl.DataFrame) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for row in findings.iter_rows(named=True):
        out.setdefault(row["check_name"], []).append(row)
    return out


EXPENDITURE = [
    (0, 0, 0, None, "合计", "本年支出合计", "100.00", 200),
    (0, 0, 0, None, "合计", "基本支出", "60.00", 260),
    (0, 0, 0, None, "合计", "项目支出", "40.00", 320),
    (0, 0, 1, "201", "一般公共服务支出", "本年支出合计", "70.00", 200),
    (0, 0, 2, "20106", "财政事务", "本年支出合计", "70.00", 200),
    (0, 0, 3, "2010601", "行政运行", "本年支出合计", "50.00", 200),
    (0, 0, 4, "2010602", "一般行政管理事务", "本年支出合计", "20.00", 200),
    (0, 0, 5, "208", "社会保障和就业支出", "本年支出合计", "30.00", 200),
]


def test_a_consistent_table_raises_nothing() -> None:
    findings = table_findings(SHA, _tables((0, "final_expenditure", "支出决算表")), _items(EXPENDITURE))
    assert findings.is_empty()


def test_class_not_equal_to_its_subclasses_is_an_error() -> None:
    rows = [r if r[3] != "2010602" else (*r[:6], "25.00", r[7]) for r in EXPENDITURE]
    findings = _by_check(table_findings(SHA, _tables((0, "final_expenditure", "支出决算表")), _items(rows)))
    [finding] = findings["class_equals_sum_of_subclasses"]
    assert finding["severity"] == "error"
    assert (finding["observed_value"], finding["expected_value"]) == (Decimal("70.00"), Decimal("75.00"))
    assert finding["observed_location"].startswith("p7:") and finding["expected_location"].count("p7:") == 2


def test_total_not_equal_to_its_classes() -> None:
    rows = [r if r[3] != "208" else (*r[:6], "31.50", r[7]) for r in EXPENDITURE]
    findings = _by_check(table_findings(SHA, _tables((0, "final_expenditure", "支出决算表")), _items(rows)))
    [finding] = findings["total_equals_sum_of_rows"]
    assert (finding["observed_value"], finding["expected_value"]) == (Decimal("100.00"), Decimal("101.50"))


def test_basic_plus_project_not_equal_to_the_row_total() -> None:
    rows = [r if r[5] != "项目支出" else (*r[:6], "45.00", r[7]) for r in EXPENDITURE]
    findings = _by_check(table_findings(SHA, _tables((0, "final_expenditure", "支出决算表")), _items(rows)))
    [finding] = findings["columns_sum_to_row_total"]
    assert (finding["observed_value"], finding["expected_value"]) == (Decimal("100.00"), Decimal("105.00"))


SUMMARY = [
    (1, 0, 0, None, "一、一般公共预算财政拨款收入", "决算数", "95.00", 100),
    (1, 1, 0, None, "一、一般公共服务支出", "决算数", "70.00", 400),
    (1, 0, 1, None, "八、其他收入", "决算数", "5.00", 100),
    (1, 1, 1, None, "八、社会保障和就业支出", "决算数", "30.00", 400),
    (1, 0, 2, None, "本年收入合计", "决算数", "100.00", 100),
    (1, 1, 2, None, "本年支出合计", "决算数", "100.00", 400),
    (1, 0, 3, None, "年初结转和结余", "决算数", "10.00", 100),
    (1, 1, 3, None, "年末结转和结余", "决算数", "10.00", 400),
    (1, 0, 4, None, "总计", "决算数", "110.00", 100),
    (1, 1, 4, None, "总计", "决算数", "110.00", 400),
]


def test_summary_identities_hold_and_break() -> None:
    tables = _tables((1, "final_income_expenditure_summary", "收入支出决算总表"))
    assert table_findings(SHA, tables, _items(SUMMARY)).is_empty()
    # The right 总计 off by 1 (0.9% of 110: a warning) and by 10 (9%: an error), pipeline.checks.rules.severity.
    for printed, severity in (("111.00", "warning"), ("120.00", "error")):
        broken = [r if not (r[4] == "总计" and r[1] == 1) else (*r[:6], printed, r[7]) for r in SUMMARY]
        findings = _by_check(table_findings(SHA, tables, _items(broken)))
        assert findings["summary_total_identity"][0]["observed_value"] == Decimal(printed)
        assert findings["summary_sides_balance"][0]["severity"] == severity


def test_same_figure_in_two_tables_differing_by_a_cent_is_listed_as_rounding() -> None:
    tables = _tables((0, "final_expenditure", "支出决算表"), (1, "final_income_expenditure_summary", "收入支出决算总表"))
    summary = [r if r[4] != "八、社会保障和就业支出" else (*r[:6], "30.01", r[7]) for r in SUMMARY]
    findings = _by_check(table_findings(SHA, tables, _items(EXPENDITURE + summary)))
    [finding] = findings["same_figure_across_tables"]
    assert finding["severity"] == "info"
    assert (finding["observed_value"], finding["expected_value"]) == (Decimal("30.00"), Decimal("30.01"))


def test_nested_column_groups_sum_through_their_own_totals() -> None:
    # A 三公 row: 合计 = 因公出国 + 公务用车(小计) + 公务接待费, and 小计 = 购置费 + 运行费; printed per 预算数/决算数.
    row = [
        ("财政拨款“三公”经费/合计/决算数", "10.00"),
        ("财政拨款“三公”经费/因公出国（境）费/决算数", "2.00"),
        ("财政拨款“三公”经费/公务用车购置及运行费/小计/决算数", "5.00"),
        ("财政拨款“三公”经费/公务用车购置及运行费/公务用车购置费/决算数", "1.00"),
        ("财政拨款“三公”经费/公务用车购置及运行费/公务用车运行费/决算数", "4.00"),
        ("财政拨款“三公”经费/公务接待费/决算数", "3.00"),
        ("财政拨款“三公”经费/合计/预算数", "9.00"),
        ("财政拨款“三公”经费/公务接待费/预算数", "9.00"),
    ]
    tables = _tables((2, "final_three_public", "财政拨款“三公”经费支出决算表"))
    items = _items([(2, 0, 0, None, "", measure, value, 100 + 10 * i) for i, (measure, value) in enumerate(row)])
    assert table_findings(SHA, tables, items).is_empty()
    broken = [(m, "4.50" if m.endswith("运行费/决算数") else v) for m, v in row]
    items = _items([(2, 0, 0, None, "", m, v, 100 + 10 * i) for i, (m, v) in enumerate(broken)])
    [finding] = _by_check(table_findings(SHA, tables, items))["columns_sum_to_row_total"]
    assert finding["subject"].endswith("（财政拨款“三公”经费/公务用车购置及运行费/小计/决算数）")
    assert finding["expected_value"] == Decimal("5.50")


def test_summary_printed_as_one_column_income_then_expenditure() -> None:
    stacked = [(1, 0, row, None, item, "决算数", value, 100) for row, (item, value) in enumerate([
        ("一、一般公共预算财政拨款收入", "95.00"), ("八、其他收入", "5.00"), ("本年收入合计", "100.00"),
        ("年初结转和结余", "10.00"), ("总计", "110.00"),
        ("一、一般公共服务支出", "70.00"), ("八、社会保障和就业支出", "30.00"), ("本年支出合计", "100.00"),
        ("年末结转和结余", "10.00"), ("总计", "110.00"),
    ])]
    tables = _tables((1, "final_income_expenditure_summary", "收入支出决算总表"))
    assert table_findings(SHA, tables, _items(stacked)).is_empty()
    broken = [r if r[4] != "八、社会保障和就业支出" else (*r[:6], "31.00", r[7]) for r in stacked]
    [finding] = _by_check(table_findings(SHA, tables, _items(broken)))["total_equals_sum_of_rows"]
    assert (finding["subject"], finding["expected_value"]) == ("收入支出决算总表：本年支出合计", Decimal("101.00"))


def test_personnel_and_public_totals_sum_their_own_economic_classes() -> None:
    rows = [(5, 0, r, code, item, "决算数", value, 100) for r, (code, item, value) in enumerate([
        ("301", "工资福利支出", "80.00"), ("303", "对个人和家庭的补助", "5.00"), ("302", "商品和服务支出", "14.00"),
        ("310", "资本性支出", "1.00"), (None, "人员经费合计", "85.00"), (None, "公用经费合计", "15.00"),
    ])]
    tables = _tables((5, "final_general_budget_basic_expenditure", "一般公共预算财政拨款基本支出决算表"))
    assert table_findings(SHA, tables, _items(rows)).is_empty()
    broken = [r if r[4] != "公用经费合计" else (*r[:6], "16.00", r[7]) for r in rows]
    [finding] = _by_check(table_findings(SHA, tables, _items(broken)))["total_equals_sum_of_rows"]
    assert (finding["observed_value"], finding["expected_value"]) == (Decimal("16.00"), Decimal("15.00"))
