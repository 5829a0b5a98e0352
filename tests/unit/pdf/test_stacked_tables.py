"""Two statement tables printed one under the other on one page, as Jiangsu's 2017 budgets print the 一般公共预算
基本支出预算表 with the small 机关运行经费 table under it: the second title ends the first table, whose rows and
totals stay its own (read as one, class 302 would appear twice and the totals would not add up)."""

from __future__ import annotations

import polars as pl
import pytest

from pipeline import schemas
from pipeline.checks.document import CheckedDocument, check_document
from pipeline.parse.pdf.report import parse_pdf_report
from tests.unit.pdf.drawn import DrawnTable, tables_pdf

SHA = "0" * 64
DEPARTMENT = "江苏省人大常委会办公厅"

BASIC = DrawnTable(
    f"2017年{DEPARTMENT}一般公共预算基本支出预算表",
    "单位：万元",
    [["科目编码", "科目名称", "合计", "人员经费", "公用经费"]],
    [
        ["", "合计", "870.00", "820.00", "50.00"],
        ["301", "工资福利支出", "800.00", "800.00", ""],
        ["30101", "基本工资", "500.00", "500.00", ""],
        ["30102", "津贴补贴", "300.00", "300.00", ""],
        ["302", "商品和服务支出", "50.00", "", "50.00"],
        ["30201", "办公费", "40.00", "", "40.00"],
        ["30205", "水费", "10.00", "", "10.00"],
        ["303", "对个人和家庭的补助", "20.00", "20.00", ""],
        ["30301", "离休费", "20.00", "20.00", ""],
    ],
    [80, 200, 100, 100, 100],
)
EXPECTED_BASIC = [
    (None, "合计", "合计", "870.00"),
    (None, "合计", "人员经费", "820.00"),
    (None, "合计", "公用经费", "50.00"),
    ("301", "工资福利支出", "合计", "800.00"),
    ("301", "工资福利支出", "人员经费", "800.00"),
    ("30101", "基本工资", "合计", "500.00"),
    ("30101", "基本工资", "人员经费", "500.00"),
    ("30102", "津贴补贴", "合计", "300.00"),
    ("30102", "津贴补贴", "人员经费", "300.00"),
    ("302", "商品和服务支出", "合计", "50.00"),
    ("302", "商品和服务支出", "公用经费", "50.00"),
    ("30201", "办公费", "合计", "40.00"),
    ("30201", "办公费", "公用经费", "40.00"),
    ("30205", "水费", "合计", "10.00"),
    ("30205", "水费", "公用经费", "10.00"),
    ("303", "对个人和家庭的补助", "合计", "20.00"),
    ("303", "对个人和家庭的补助", "人员经费", "20.00"),
    ("30301", "离休费", "合计", "20.00"),
    ("30301", "离休费", "人员经费", "20.00"),
]

OPERATING_ROWS = [
    ["", "合计", "35.00"],
    ["302", "商品和服务支出", "35.00"],
    ["30201", "办公费", "25.00"],
    ["30215", "会议费", "10.00"],
]


def _operating(title: str) -> DrawnTable:
    header = [["科目编码", "科目名称", "机关运行经费支出"]]
    return DrawnTable(title, "单位：万元", header, OPERATING_ROWS, [80, 200, 100])


# Each table in a frame of its own under its title; one frame holding both, titles and units in its rows (a sheet
# printed with every cell bordered); no rules at all.
LAYOUTS = {"ruled": (True, False), "one frame": (True, True), "without rules": (False, False)}


def _read(second_title: str, layout: str) -> CheckedDocument:
    ruled, titles_framed = LAYOUTS[layout]
    data = tables_pdf(
        [BASIC, _operating(second_title)],
        ruled=ruled,
        titles_framed=titles_framed,
        cover=f"{DEPARTMENT}2017年部门预算",
    )
    return check_document(parse_pdf_report(data, sha256=SHA, source_path="js_rendachangweihui_2017_dept-budget.pdf"))


def _assert_basic_table_read_alone(document: CheckedDocument) -> None:
    """The first table: its kind, its own rows and amounts, and totals that add up."""
    first = document[schemas.STATEMENT_TABLES.name].row(0, named=True)
    assert (first["table_kind"], first["page_first"], first["page_last"]) == (
        "budget_general_budget_basic_expenditure",
        2,
        2,
    )
    basic = document[schemas.LINE_ITEMS.name].filter(pl.col("table_index") == 0)
    assert basic.select("classification_code", "item_name", "measure", "value_printed").rows() == EXPECTED_BASIC
    assert set(basic["code_system"].drop_nulls()) == {"economic"}
    rules = {"total_equals_sum_of_rows", "class_equals_sum_of_subclasses"}
    findings = document[schemas.FINDINGS.name].filter(pl.col("check_name").is_in(rules))
    assert findings.is_empty(), findings.to_dicts()


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize(
    "second_title", [f"2017年{DEPARTMENT}机关运行经费预算表", "机关运行经费支出预算表"], ids=["named", "bare"]
)
def test_a_title_under_a_table_on_the_same_page_starts_a_table_of_its_own(second_title: str, layout: str) -> None:
    document = _read(second_title, layout)
    _assert_basic_table_read_alone(document)
    tables = document[schemas.STATEMENT_TABLES.name]
    assert tables.select("table_index", "table_kind", "page_first").rows()[1:] == [
        (1, "budget_operating_expenses", 2)
    ]
    operating = document[schemas.LINE_ITEMS.name].filter(pl.col("table_index") == 1)
    assert operating.select("classification_code", "item_name", "measure", "value_printed").rows() == [
        (None, "合计", "机关运行经费支出", "35.00"),
        ("302", "商品和服务支出", "机关运行经费支出", "35.00"),
        ("30201", "办公费", "机关运行经费支出", "25.00"),
        ("30215", "会议费", "机关运行经费支出", "10.00"),
    ]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_title_no_standard_kind_names_still_ends_the_table_above(layout: str) -> None:
    """Whether the table under it is read (a ruled one is, of kind unknown; one without rules is read only under
    a standard title) matters less than that none of its rows join the table above."""
    _assert_basic_table_read_alone(_read(f"2017年{DEPARTMENT}机关运行经费明细表", layout))
