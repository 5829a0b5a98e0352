"""The table reader on the 12 real PDFs: which tables each yields, and amounts read off the rendered pages."""

from __future__ import annotations

import re
from decimal import Decimal

import polars as pl
import pytest

from pipeline.parse.tables.amounts import amount_value
from pipeline.schemas import LINE_ITEMS, STATEMENT_TABLES
from tests.unit.pdf.real import FILES, RealPdfs

FINAL_2024 = [
    "final_income_expenditure_summary",
    "final_income",
    "final_expenditure",
    "final_fiscal_summary",
    "final_general_budget_expenditure",
    "final_general_budget_basic_expenditure",
    "final_three_public",
    "final_government_fund",
    "final_state_capital",
]
SHANGHAI_BUDGET = [
    "budget_finance_summary",
    "budget_income",
    "budget_expenditure",
    "budget_fiscal_summary",
    "budget_general_budget_expenditure",
    "budget_government_fund_expenditure",
    "budget_state_capital_expenditure",
    "budget_general_budget_basic_expenditure",
    "budget_three_public",
]
JIANGSU_2018_2019 = [
    "budget_income_expenditure_summary",
    "budget_income",
    "budget_expenditure",
    "budget_fiscal_summary",
    "budget_fiscal_expenditure",
    "budget_fiscal_basic_expenditure",
    "budget_general_budget_expenditure",
    "budget_general_budget_basic_expenditure",
    "budget_three_public",
    "budget_government_fund_expenditure",
    "budget_operating_expenses",
    "budget_government_procurement",
]
# 2017 prints its 12 tables in another order (七 政府性基金 before 八 一般公共预算, 十 机关运行经费 before 十一 三公).
JIANGSU_2017 = [
    "budget_income_expenditure_summary",
    "budget_income",
    "budget_expenditure",
    "budget_fiscal_summary",
    "budget_fiscal_expenditure",
    "budget_fiscal_basic_expenditure",
    "budget_government_fund_expenditure",
    "budget_general_budget_expenditure",
    "budget_general_budget_basic_expenditure",
    "budget_operating_expenses",
    "budget_three_public",
    "budget_government_procurement",
]
EXPECTED_KINDS = {
    "js_gaoyuan_2017_dept-budget.pdf": JIANGSU_2017,
    "js_gaoyuan_2018_dept-budget.pdf": JIANGSU_2018_2019,
    "js_gaoyuan_2019_dept-budget.pdf": JIANGSU_2018_2019,
    "js_shengweiban_2019_dept-budget-tables.pdf": JIANGSU_2018_2019,
    "js_shengweiban_2019_dept-budget-text.pdf": [],
    "js_zhengxie_2018_dept-budget-tables.pdf": JIANGSU_2018_2019,
    "sh-putuo_caizhengju_2024_dept-final.pdf": FINAL_2024,
    "sh-putuo_caizhengju_2025_dept-budget.pdf": SHANGHAI_BUDGET,
    "sh-putuo_shehuifuliyuan_2024_unit-budget.pdf": SHANGHAI_BUDGET,
    "sh-putuo_shehuigongzuobu_2024_dept-final.pdf": FINAL_2024,
    # Five 财政项目支出绩效目标填报表 forms follow the 9 tables: kept as tables of unknown kind.
    "sh-putuo_wanlijiedao_2023_dept-budget.pdf": SHANGHAI_BUDGET + ["unknown"] * 5,
    "sh-putuo_wanlijiedao_2024_dept-budget.pdf": SHANGHAI_BUDGET,
}
# Tables printed empty, with the note that says so.
NO_FUNDS = {"budget_government_fund_expenditure", "budget_state_capital_expenditure"}
EMPTY = {
    "js_gaoyuan_2017_dept-budget.pdf": {"budget_government_fund_expenditure"},
    "js_gaoyuan_2018_dept-budget.pdf": {"budget_government_fund_expenditure"},
    # js_gaoyuan_2019 prints 0 in its 政府性基金 table's 合计: a number, so not empty.
    "js_shengweiban_2019_dept-budget-tables.pdf": {"budget_government_fund_expenditure"},
    "js_zhengxie_2018_dept-budget-tables.pdf": {"budget_government_fund_expenditure"},
    "sh-putuo_caizhengju_2024_dept-final.pdf": {"final_government_fund", "final_state_capital"},
    "sh-putuo_shehuigongzuobu_2024_dept-final.pdf": {
        "final_three_public",
        "final_government_fund",
        "final_state_capital",
    },
    "sh-putuo_caizhengju_2025_dept-budget.pdf": NO_FUNDS,
    "sh-putuo_shehuifuliyuan_2024_unit-budget.pdf": NO_FUNDS,
    "sh-putuo_wanlijiedao_2023_dept-budget.pdf": NO_FUNDS,
    "sh-putuo_wanlijiedao_2024_dept-budget.pdf": NO_FUNDS,
}


def test_every_real_pdf_is_a_fixture() -> None:
    assert sorted(EXPECTED_KINDS) == FILES


@pytest.mark.parametrize("name", sorted(EXPECTED_KINDS))
def test_tables_by_kind_and_their_frames(real: RealPdfs, name: str) -> None:
    read = real(name)
    assert read.tables["table_kind"].to_list() == EXPECTED_KINDS[name]
    assert STATEMENT_TABLES.problems(read.tables) == []
    assert LINE_ITEMS.problems(read.items) == []
    # Every table that is not printed empty yields line items of its own; cell_count says how many.
    counts = read.items.group_by("table_index").len()
    by_table = dict(zip(counts["table_index"], counts["len"]))
    for row in read.tables.iter_rows(named=True):
        assert row["cell_count"] == by_table.get(row["table_index"], 0)
        assert row["is_empty"] == (row["cell_count"] == 0)
        assert row["unit_printed"] in ("元", "万元")
    empty = set(read.tables.filter(pl.col("is_empty"))["table_kind"])
    assert empty == EMPTY.get(name, set())


def test_narrative_only_file_has_no_tables(real: RealPdfs) -> None:
    read = real("js_shengweiban_2019_dept-budget-text.pdf")
    assert read.tables.height == 0 and read.items.height == 0


def test_caizhengju_2024_summary_both_sides_and_continuation(real: RealPdfs) -> None:
    read = real("sh-putuo_caizhengju_2024_dept-final.pdf")
    table = read.table("final_income_expenditure_summary")
    assert (table["page_first"], table["page_last"], table["unit_printed"]) == (6, 7, "万元")
    kind = "final_income_expenditure_summary"
    first = read.cell(kind, item_name="一、一般公共预算财政拨款收入", measure="决算数")
    assert (first["value_printed"], first["page"], first["panel"]) == ("2,940.05", 6, 0)
    assert first["value_wan_yuan"] == Decimal("2940.05")
    assert read.cell(kind, item_name="本年收入合计")["value_printed"] == "2,946.25"
    assert read.cell(kind, item_name="本年支出合计")["value_printed"] == "2,940.05"
    # 总计 on both sides, on the page the table runs over to.
    totals = read.cells(kind).filter(pl.col("item_name") == "总计").sort("panel")
    assert totals["value_printed"].to_list() == ["2,995.39", "2,995.39"]
    assert totals["page"].to_list() == [7, 7] and totals["panel"].to_list() == [0, 1]
    assert read.cell(kind, item_name="八、社会保障和就业支出")["panel"] == 1


def test_caizhengju_2024_basic_expenditure_panels_and_continuation(real: RealPdfs) -> None:
    read = real("sh-putuo_caizhengju_2024_dept-final.pdf")
    kind = "final_general_budget_basic_expenditure"
    table = read.table(kind)
    assert (table["page_first"], table["page_last"]) == (16, 17)
    wage = read.cell(kind, classification_code="30101")
    assert (wage["item_name"], wage["value_printed"], wage["panel"], wage["code_system"]) == (
        "基本工资",
        "262.33",
        0,
        "economic",
    )
    assert read.cell(kind, item_name="人员经费合计")["value_printed"] == "2,152.26"
    assert read.cell(kind, item_name="公用经费合计")["value_printed"] == "184.65"
    assert read.cell(kind, item_name="公用经费合计")["panel"] == 1
    # The page without a header of its own belongs to the table (its first row is 303 05 生活补助, blank).
    reward = read.cell(kind, classification_code="30309")
    assert (reward["item_name"], reward["value_printed"], reward["page"]) == ("奖励金", "0.31", 17)
    # A justified label (其 他 商 品 和 服 务 支 出) loses its inner blanks.
    other = read.cell(kind, classification_code="30299")
    assert (other["item_name"], other["value_printed"], other["panel"]) == ("其他商品和服务支出", "11.53", 1)
    # Both panels' classes add up to their totals.
    staff = read.cells(kind).filter(pl.col("classification_code").is_in(["301", "303"]))
    assert sum(amount_value(v) for v in staff["value_printed"]) == Decimal("2152.26")


def test_codes_split_over_columns_and_in_one_column(real: RealPdfs) -> None:
    split = real("sh-putuo_caizhengju_2024_dept-final.pdf")
    cell = split.cell("final_general_budget_expenditure", classification_code="2010601", measure="合计")
    assert (cell["item_name"], cell["value_printed"], cell["code_system"]) == (
        "行政运行",
        "1,511.89",
        "function",
    )
    joined = real("sh-putuo_shehuigongzuobu_2024_dept-final.pdf")
    cell = joined.cell("final_general_budget_expenditure", classification_code="2013901", measure="合计")
    assert (cell["item_name"], cell["value_printed"]) == ("行政运行", "51.32")


def test_a_code_part_printed_without_its_leading_zero(real: RealPdfs) -> None:
    # 万里街道 2024 prints 301 | 2 津贴补贴 and 301 | 7 绩效工资 (the spreadsheet dropped the zero).
    read = real("sh-putuo_wanlijiedao_2024_dept-budget.pdf")
    kind = "budget_general_budget_basic_expenditure"
    cell = read.cell(kind, item_name="津贴补贴", measure="一般公共预算基本支出/合计")
    assert (cell["classification_code"], cell["value_printed"]) == ("30102", "16,623,810")
    assert (
        read.cell(kind, item_name="绩效工资", measure="一般公共预算基本支出/合计")["classification_code"]
        == "30107"
    )


def test_wrapped_labels_are_joined(real: RealPdfs) -> None:
    read = real("sh-putuo_shehuigongzuobu_2024_dept-final.pdf")
    # Printed over three lines beside 6.18: 机关事业单位 / 基本养老保险 / 缴费支出.
    cell = read.cell("final_general_budget_expenditure", classification_code="2080505", measure="合计")
    assert (cell["item_name"], cell["value_printed"]) == ("机关事业单位基本养老保险缴费支出", "6.18")


def test_empty_tables_keep_their_note(real: RealPdfs) -> None:
    read = real("sh-putuo_caizhengju_2024_dept-final.pdf")
    for kind in ("final_government_fund", "final_state_capital"):
        table = read.table(kind)
        assert table["is_empty"] and table["cell_count"] == 0
        assert table["note"].startswith("注：上海市普陀区财政局无") and "故本表无数据" in table["note"]
    # 社会工作部 says it with 说明：, under the 注 that describes the table.
    three_public = real("sh-putuo_shehuigongzuobu_2024_dept-final.pdf").table("final_three_public")
    assert three_public["is_empty"] and "故本表无数据" in three_public["note"]


def test_shanghai_budget_units_in_one_document(real: RealPdfs) -> None:
    read = real("sh-putuo_caizhengju_2025_dept-budget.pdf")
    assert read.table("budget_finance_summary")["unit_printed"] == "元"
    assert read.table("budget_three_public")["unit_printed"] == "万元"
    total = read.cell("budget_finance_summary", item_name="收入总计")
    assert total["value_printed"] == "31,214,205.80" and total["unit_printed"] == "元"
    assert total["value_wan_yuan"] == Decimal("3121.420580")  # 元 / 10,000, exactly
    wage = read.cell(
        "budget_general_budget_basic_expenditure",
        classification_code="30101",
        measure="一般公共预算基本支出/合计",
    )
    assert wage["value_printed"] == "2,642,448.00" and wage["value_wan_yuan"] == Decimal("264.2448")
    running = read.cell("budget_three_public", measure="机关运行经费预算数")
    assert running["value_printed"] == "229.43" and running["value_wan_yuan"] == Decimal("229.43")
    # Whole 元 without decimals (社会福利院).
    unit = real("sh-putuo_shehuifuliyuan_2024_unit-budget.pdf")
    income = unit.cell("budget_finance_summary", item_name="收入总计")
    assert income["value_printed"] == "12,121,164" and income["value_wan_yuan"] == Decimal("1212.1164")


def test_three_public_measures_are_header_paths(real: RealPdfs) -> None:
    read = real("sh-putuo_caizhengju_2024_dept-final.pdf")
    cells = read.cells("final_three_public")
    assert cells.select("measure", "value_printed", "item_name").rows() == [
        ("财政拨款“三公”经费/合计/预算数", "0.95", ""),
        ("财政拨款“三公”经费/公务接待费/预算数", "0.95", ""),
    ]
    budget = real("sh-putuo_shehuifuliyuan_2024_unit-budget.pdf").cells("budget_three_public")
    # 0 is a printed number; the blank 购置费 is not.
    assert budget["value_printed"].to_list() == ["6.4", "0", "0", "6.4", "6.4", "0"]
    assert "2024年“三公”经费预算数/公务用车购置及运行费/运行费" in budget["measure"].to_list()


def test_jiangsu_unit_split_over_two_lines_and_spaced_table_numbers(real: RealPdfs) -> None:
    read = real("js_gaoyuan_2019_dept-budget.pdf")
    three_public = read.table("budget_three_public")  # 单位：万 … 元, with 部门名称 between
    assert three_public["unit_printed"] == "万元" and three_public["table_number_printed"] == "公开09表"
    assert read.table("budget_government_fund_expenditure")["table_number_printed"] == "公开10表"
    assert read.table("budget_income_expenditure_summary")["table_number_printed"] == "公开01表"
    meeting = read.cell("budget_three_public", measure="会议费")
    assert meeting["value_printed"] == "271.02"
    vehicles = read.cell(
        "budget_three_public", measure="“三公”经费/公务用车购置及运行维护费/公务用车运行维护费"
    )
    assert vehicles["value_printed"] == "266.80"
    # Three side-by-side panels: 收入, 支出 by 功能分类, 支出 by 支出用途.
    summary = read.cells("budget_income_expenditure_summary")
    assert sorted(set(summary["panel"])) == [0, 1, 2]
    assert read.cell("budget_income_expenditure_summary", item_name="当年支出小计")["panel"] == 2


def test_word_tables_broken_over_pages(real: RealPdfs) -> None:
    read = real("js_gaoyuan_2017_dept-budget.pdf")
    # The row atop page 12 lost its top border at the page break; it is still the table's.
    cell = read.cell("budget_income_expenditure_summary", item_name="四、公共安全支出")
    assert (cell["value_printed"], cell["page"], cell["panel"]) == ("23,513.11", 12, 1)
    # A label cut by the page break (信息网络及软件购 | 置更新) is put back together.
    cell = read.cell("budget_government_procurement", value_printed="606.00", page=17)
    assert cell["item_name"] == "应用软件购建费/信息网络及软件购置更新"
    # A header row cut by the page break (收入|支出 on page 10, the rest on page 11).
    read = real("js_gaoyuan_2018_dept-budget.pdf")
    table = read.table("budget_fiscal_summary")
    assert (table["page_first"], table["page_last"]) == (10, 11)
    assert set(read.cells("budget_fiscal_summary")["measure"]) == {"金额"}


def test_grouped_labels_are_joined_with_a_slash(real: RealPdfs) -> None:
    read = real("js_zhengxie_2018_dept-budget-tables.pdf")
    items = read.cells("budget_income")["item_name"].to_list()
    assert "一般公共预算资金/小计" in items and "其他资金/其他收入" in items


def test_unknown_tables_are_kept(real: RealPdfs) -> None:
    read = real("sh-putuo_wanlijiedao_2023_dept-budget.pdf")
    forms = read.tables.filter(pl.col("table_kind") == "unknown")
    assert forms["page_first"].to_list() == [31, 32, 33, 34, 35]
    assert set(forms["unit_printed"]) == {"元"}  # 项目资金（元）
    assert set(forms["table_title"]) == {"财政项目支出绩效目标填报表"}
    cells = read.items.filter(pl.col("table_index") == forms["table_index"][0])
    assert cells.filter(pl.col("item_name") == "项目资金（元）/项目资金总额")["value_printed"].to_list() == [
        "4,100,000.00"
    ]


@pytest.mark.parametrize("name", [f for f in sorted(EXPECTED_KINDS) if EXPECTED_KINDS[f]])
def test_order_of_cells_and_rows(real: RealPdfs, name: str) -> None:
    items = real(name).items
    for _, cells in items.group_by("table_index"):
        cells = cells.sort("cell_index")
        assert cells["cell_index"].to_list() == list(range(cells.height))
        keys = list(zip(cells["page"], cells["row_index"], cells["column_index"]))
        assert keys == sorted(keys)
        rows = cells["row_index"].to_list()
        assert rows == sorted(rows)  # row_index keeps counting over page breaks


@pytest.mark.parametrize(
    "name",
    [
        "sh-putuo_caizhengju_2024_dept-final.pdf",
        "js_gaoyuan_2017_dept-budget.pdf",
        "sh-putuo_wanlijiedao_2024_dept-budget.pdf",
    ],
)
def test_cell_bbox_holds_the_printed_number(real: RealPdfs, name: str) -> None:
    read = real(name)
    sample = read.items.gather_every(7)
    for cell in sample.iter_rows(named=True):
        page = read.pdf.pages[cell["page"] - 1]
        bbox = (cell["bbox_x0"], cell["bbox_top"], cell["bbox_x1"], cell["bbox_bottom"])
        text = re.sub(r"\s", "", page.crop(bbox).extract_text())
        assert cell["value_printed"] in text, (cell, text)


@pytest.mark.parametrize("name", [f for f in sorted(EXPECTED_KINDS) if EXPECTED_KINDS[f]])
def test_classes_add_up_to_the_total(real: RealPdfs, name: str) -> None:
    """A check of the reading, not of the reports: in each table with a 合计 row, its 类 rows add up to it
    (within 0.01 per term). Every table of the 12 files does; a report may well print one that does not."""
    items = real(name).items
    checked = failed = 0
    for _, cells in items.group_by("table_index", "panel", "measure"):
        total = cells.filter((pl.col("item_name") == "合计") & pl.col("classification_code").is_null())
        classes = cells.filter(pl.col("classification_code").str.len_chars() == 3)
        if total.height != 1 or classes.height == 0:
            continue
        checked += 1
        difference = abs(
            sum(amount_value(v) for v in classes["value_printed"]) - amount_value(total["value_printed"][0])
        )
        failed += difference > Decimal("0.01") * classes.height
    assert checked > 0 and failed == 0
