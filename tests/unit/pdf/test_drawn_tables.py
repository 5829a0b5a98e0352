"""Tables no real file prints: column numbers, 行次 columns, dashes, and tables without ruling lines."""

from __future__ import annotations

import pdfplumber
import polars as pl
import pytest

from pipeline.parse.pdf import extract_tables
from pipeline.parse.pdf.tables import read_pages, read_tables
from pipeline.parse.tables.statement import frames
from tests.conftest import REAL_PDFS
from tests.unit.pdf.drawn import open_pdf, table_pdf

SUMMARY_HEADER = [["项目", "行次", "决算数", "项目", "行次", "决算数"], ["栏次", "", "1", "栏次", "", "2"]]
SUMMARY_ROWS = [
    ["一、一般公共预算财政拨款收入", "1", "1,234.50", "一、一般公共服务支出", "30", "1,000.00"],
    ["二、政府性基金预算财政拨款收入", "2", "-", "二、外交支出", "31", "0.00"],
    ["本年收入合计", "3", "1,234.50", "本年支出合计", "32", "1,000.00"],
]
EXPECTED_SUMMARY = [
    (0, "一、一般公共预算财政拨款收入", "决算数", "1,234.50"),
    (1, "一、一般公共服务支出", "决算数", "1,000.00"),
    (1, "二、外交支出", "决算数", "0.00"),
    (0, "本年收入合计", "决算数", "1,234.50"),
    (1, "本年支出合计", "决算数", "1,000.00"),
]


@pytest.mark.parametrize("ruled", [True, False], ids=["ruled", "without rules"])
def test_column_numbers_line_numbers_and_dashes_are_not_amounts(ruled: bool) -> None:
    data = table_pdf(
        "公开01表 收入支出决算总表",
        "单位：万元",
        SUMMARY_HEADER,
        SUMMARY_ROWS,
        [170, 40, 80, 170, 40, 80],
        ruled=ruled,
    )
    with open_pdf(data) as pdf:
        tables, items = extract_tables(pdf, sha256="0" * 64)
    table = tables.row(0, named=True)
    assert (table["table_kind"], table["table_number_printed"], table["unit_printed"]) == (
        "final_income_expenditure_summary",
        "公开01表",
        "万元",
    )
    assert items.select("panel", "item_name", "measure", "value_printed").rows() == EXPECTED_SUMMARY


EXPENDITURE_HEADER = [
    [("项目", 4), "", "", "", ("本年支出", 3), "", ""],
    [("科目编码", 3), "", "", "科目名称", "合计", "基本支出", "项目支出"],
    ["类", "款", "项", "", "", "", ""],
]
EXPENDITURE_ROWS = [
    ["", "", "", "合计", "2,940.05", "2,336.91", "603.14"],
    ["201", "", "", "一般公共服务支出", "2,106.66", "1,503.52", "603.14"],
    ["201", "06", "", "财政事务", "2,106.66", "1,503.52", "603.14"],
    ["201", "06", "01", "行政运行", "1,511.89", "1,503.52", "8.37"],
    ["208", "", "", "社会保障和就业支出", "833.39", "833.39", ""],
]


def test_without_rules_split_codes_and_a_caption_over_the_values() -> None:
    data = table_pdf(
        "一般公共预算财政拨款支出决算表",
        "单位：万元",
        EXPENDITURE_HEADER,
        EXPENDITURE_ROWS,
        [40, 40, 40, 200, 90, 90, 90],
        ruled=False,
        note="注：本表反映部门本年度一般公共预算财政拨款支出情况。",
    )
    with open_pdf(data) as pdf:
        tables, items = extract_tables(pdf, sha256="0" * 64)
    table = tables.row(0, named=True)
    assert table["table_kind"] == "final_general_budget_expenditure"
    assert table["note"] == "注：本表反映部门本年度一般公共预算财政拨款支出情况。"
    run = items.filter(pl.col("classification_code") == "2010601")
    assert run.select("item_name", "measure", "value_printed").rows() == [
        ("行政运行", "本年支出/合计", "1,511.89"),
        ("行政运行", "本年支出/基本支出", "1,503.52"),
        ("行政运行", "本年支出/项目支出", "8.37"),
    ]
    assert set(items["code_system"].drop_nulls()) == {"function"}
    assert items.filter(pl.col("item_name") == "合计")["classification_code"].to_list() == [None] * 3
    assert items.height == 14


def test_real_pages_without_their_rules_read_much_the_same() -> None:
    """The rules of 财政局 2024's #5 (one page) and #6 (two pages, two panels, a header-less continuation)
    taken away: the reader falls back on word positions and finds the same amounts, nearly all with the same
    label, code and measure (a label wrapped beside another panel's row is where it errs)."""
    with pdfplumber.open(REAL_PDFS / "sh-putuo_caizhengju_2024_dept-final.pdf") as pdf:
        pages = [pdf.pages[i] for i in (14, 15, 16)]
        ruled = frames(read_tables(read_pages(pages)), "x")[1]
        bare_pages = [page.filter(lambda obj: obj.get("object_type") == "char") for page in pages]
        bare = frames(read_tables(read_pages(bare_pages)), "x")[1]

    def keys(items: pl.DataFrame) -> set[tuple]:
        return set(
            items.select(
                "page", "panel", "classification_code", "item_name", "measure", "value_printed"
            ).rows()
        )

    assert sorted(bare["value_printed"]) == sorted(ruled["value_printed"])
    assert len(keys(bare) & keys(ruled)) >= 0.9 * ruled.height
