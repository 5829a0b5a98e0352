"""The small parts of the reader: amounts, units, titles and the text around a table."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pipeline.parse.tables.amounts import amount_printed, is_column_number_row, to_wan_yuan
from pipeline.parse.tables.rows import _join_code
from pipeline.parse.tables.titles import is_toc_line, looks_like_title, match_title, table_number
from pipeline.parse.tables.units import unit_in_header, unit_in_text


@pytest.mark.parametrize(
    ("text", "printed"),
    [
        ("2,940.05", "2,940.05"),
        ("9746.50", "9746.50"),
        ("0.00", "0.00"),
        ("0", "0"),
        (" 1,212.12 ", "1,212.12"),
        ("37, 188. 34", "37,188.34"),
        ("-12.50", "-12.50"),
        ("(12.50)", "(12.50)"),
        ("-", None),
        ("—", None),
        ("", None),
        ("12.5%", None),
        ("2023-01-01", None),
        ("合计", None),
        ("≥13459.00(平方米)", None),
        ("1,23.4", None),
    ],
)
def test_amount_printed(text: str, printed: str | None) -> None:
    assert amount_printed(text) == printed


def test_amounts_in_wan_yuan_are_exact() -> None:
    assert to_wan_yuan("91,016,775.35", "元") == Decimal("9101.677535")
    assert to_wan_yuan("758,448", "元") == Decimal("75.8448")
    assert to_wan_yuan("2,940.05", "万元") == Decimal("2940.05")
    assert to_wan_yuan("(1.00)", "万元") == Decimal("-1.00")


@pytest.mark.parametrize(
    ("cells", "numbering"),
    [
        (["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"], True),
        (["栏次", "", "1", "栏次", "", "2"], True),
        (["甲", "乙", "1", "2", "3"], True),
        (["栏次"], True),
        (["行次"], False),  # the row-number column's header, a line lower than the others (行 over 次)
        (["栏次", "1"], True),  # a one-column table
        (["3"], False),
        (["合计", "1", "2", "3"], False),
        (["201", "一般公共服务支出", "2,106.66"], False),
        (["5", "7", "9"], False),
    ],
)
def test_column_number_rows(cells: list[str], numbering: bool) -> None:
    assert is_column_number_row(cells) is numbering


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("单位：万元", "万元"),
        ("单位:元", "元"),
        ("金额单位：万元", "万元"),
        ("编制单位：上海市普陀区社会福利院 单位：元", "元"),
        ("单位：万\n部门名称：江苏省高级人民法院 元", "万元"),  # split over two lines, a field between
        ("单 位 ： 万 元", "万元"),
        ("2024年预算单位财务收支预算总表", None),
        ("编制部门：上海市普陀区财政局", None),
    ],
)
def test_unit_in_text(text: str, unit: str | None) -> None:
    assert unit_in_text(text) == unit


def test_unit_in_header() -> None:
    assert unit_in_header("项目资金\n（元）") == "元"
    assert unit_in_header("金额（万元）") == "万元"
    assert unit_in_header("金额") is None


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("收入支出决算总表", "final_income_expenditure_summary"),
        ("部门收支决算总表", "final_income_expenditure_summary"),
        ("收入决算表", "final_income"),
        ("支出决算总表", "final_expenditure"),
        ("财政拨款收入支出决算总表", "final_fiscal_summary"),
        ("一般公共预算财政拨款支出决算表", "final_general_budget_expenditure"),
        ("财政拨款支出决算明细表", "final_fiscal_expenditure_detail"),
        ("一般公共预算财政拨款基本支出决算明细表", "final_general_budget_basic_expenditure"),
        ("财政拨款“三公”经费支出决算表", "final_three_public"),
        ("财政拨款 三公 经费支出决算表", "final_three_public"),  # quotes detached by the text layer
        ('一般公共预算财政拨款"三公"经费及会议费、培训费支出决算表', "final_three_public"),
        ("政府性基金预算财政拨款收入支出决算表", "final_government_fund"),
        ("国有资本经营预算财政拨款支出决算表", "final_state_capital"),
        ("公开03表：支出决算表", "final_expenditure"),
        ("七、财政拨款“三公”经费支出决算表", "final_three_public"),
        ("表7：一般公共预算财政拨款基本支出决算表", "final_general_budget_basic_expenditure"),
        ("2025年部门财务收支预算总表", "budget_finance_summary"),
        ("2024年预算单位财务收支预算总表", "budget_finance_summary"),
        ("收支预算总表", "budget_income_expenditure_summary"),
        ("2017年度江苏省高级人民法院部门收入预算总表", "budget_income"),
        ("公 开 03 表 支出预算总表", "budget_expenditure"),
        ("2023年部门财政拨款收支预算总表", "budget_fiscal_summary"),
        ("财政拨款支出预算表（功能科目）", "budget_fiscal_expenditure"),
        ("财政拨款基本支出预算表（经济科目）", "budget_fiscal_basic_expenditure"),
        ("一般公共预算支出预算表", "budget_general_budget_expenditure"),
        ("2024年部门一般公共预算支出功能分类预算表", "budget_general_budget_expenditure"),
        ("一般公共预算基本支出预算表（经济科目）", "budget_general_budget_basic_expenditure"),
        ("2023年部门一般公共预算基本支出部门预算经济分类预算表", "budget_general_budget_basic_expenditure"),
        ("2025年部门政府性基金预算支出功能分类预算表", "budget_government_fund_expenditure"),
        ("财政拨款政府性基金支出预算表", "budget_government_fund_expenditure"),
        ("政府性基金预算财政拨款支出预算表", "budget_government_fund_expenditure"),
        ("2024年部门国有资本经营预算支出功能分类预算表", "budget_state_capital_expenditure"),
        ("部门“三公”经费和机关运行经费预算表", "budget_three_public"),
        ("“三公”经费、会议费、培训费支出预算表", "budget_three_public"),
        ("一般公共预算机关运行经费支出预算表", "budget_operating_expenses"),
        ("2019年政府采购预算表", "budget_government_procurement"),
        ("政府采购支出预算表", "budget_government_procurement"),
        ("项目支出绩效自评表", "skipped"),
        ("部门（单位）整体绩效自评表", "skipped"),
    ],
)
def test_titles_and_their_kind(line: str, kind: str) -> None:
    title = match_title(line)
    assert title is not None and title.kind == kind


@pytest.mark.parametrize(
    "line",
    [
        "中共上海市普陀区委社会工作部 2024 年度部门决算表",  # the department header line above a table
        "第二部分 2019 年度部门预算表",
        "一、收入支出决算总体情况说明",
        "1. 2024年部门财务收支预算总表 ……………………………………",  # a table-of-contents line
        "收入支出决算总表 ........ 6",
        "本表反映部门本年度的总收支和年末结转结余情况。",
        "单位：万元",
    ],
)
def test_lines_that_are_no_title(line: str) -> None:
    assert match_title(line) is None


def test_table_numbers_and_toc_lines() -> None:
    assert table_number("公开 10 表") == "公开10表"
    assert table_number("表7：一般公共预算财政拨款基本支出决算表") == "表7"
    assert table_number("收入支出决算总表") is None
    assert is_toc_line("三、收入支出决算总表 ……………… 6")
    assert not is_toc_line("收入支出决算总表")
    title = match_title("公开03表：支出决算表（续）")
    assert (
        title is not None
        and title.continued
        and title.number == "公开03表"
        and title.text == "支出决算表（续）"
    )


def test_titles_of_other_tables() -> None:
    assert looks_like_title("财政项目支出绩效目标填报表")
    assert not looks_like_title("续表")  # a continuation mark: the table above goes on
    assert not looks_like_title("（续表）")
    assert not looks_like_title(
        "中共上海市普陀区委社会工作部 2024 年度部门决算表"
    )  # the report's running head
    assert not looks_like_title("一、收入支出决算总体情况说明")


def test_codes_from_their_columns() -> None:
    assert _join_code(["201", "06", "01"], [0, 1, 2], {}) == "2010601"
    assert _join_code(["201", "", ""], [0, 1, 2], {}) == "201"
    assert _join_code(["301", "2"], [0, 1], {}) == "30102"  # a dropped leading zero
    assert _join_code(["", "06", "01"], [0, 1, 2], {0: "201"}) == "2010601"  # 类 printed once above
    assert _join_code(["", "2013901"], [0, 1], {}) == "2013901"  # whole codes in their own column
    assert _join_code(["", "", ""], [0, 1, 2], {}) is None
