"""A report's outline (``pipeline.parse.text.outline``): its table of contents and its section headings.

The small texts are written for each case; the real reports of data/raw are read once for the module, and what
each lists and heads was written down from its text (PDFium's, as the reader gets it), not from the reader's output.
"""

from __future__ import annotations

import functools
from dataclasses import asdict

import pytest

from pipeline import schemas
from pipeline.parse.dispatch import parse_document
from pipeline.parse.text.lines import page_furniture, split_lines
from pipeline.parse.text.outline import BODY, CONTENTS, SECTIONS, read_outline, section_of
from pipeline.parse.text.report import read_report_text
from pipeline.parse.text.sections import assign_sections
from tests.conftest import REAL_PDFS
from tests.unit.pdf.test_real_tables import SHANGHAI_BUDGET


def outline(text: str, line_pages: list[int] | None = None) -> list[dict]:
    lines = split_lines(text)
    furniture = page_furniture(lines, line_pages)
    entries = read_outline(lines, assign_sections(lines, furniture=furniture), furniture, line_pages)
    return [asdict(entry) for entry in entries]


def named(entry: dict) -> str | None:
    return entry["table_kind"] or entry["section_code"]


def listing(entries: list[dict], place: str) -> list[tuple]:
    return [(e["title"], named(e)) for e in entries if e["place"] == place]


# ----------------------------------------------------------------------------------------------- written cases


NUMBERED = """某某县审计局2023年度部门决算
目  录

第一部分 部门概况……………………………… 1
一、收入支出决算总体情况说明 ………… 3
二、一般公共预算财政拨款“三公”经费支出决算表 12
三、一般公共预算财政拨款“三公”经费支出决算情况
说明……………… 5
四、名词解释
7

第一部分 部门概况
一、主要职能
负责全县审计工作。
第二部分 部门决算情况说明
一、收入支出决算总体情况说明
本年收入总计423.59万元。
二、一般公共预算财政拨款“三公”经费支出决算情况说明
“三公”经费支出0万元。
三、其他重要事项的情况说明
（一）机关运行经费支出情况：2022年机关运行经费支出16.07万元，比上年增加4.64万元。
1.政府采购支出情况说明
第三部分 名词解释
1.“三公”经费：指用一般公共预算财政拨款安排的支出。
九、机关运行经费：指行政单位的日常公用经费支出。
"""


def test_contents_entries_their_page_numbers_and_what_they_name():
    entries = outline(NUMBERED)
    assert [(e["title"], e["page_printed"], named(e)) for e in entries if e["place"] == "contents"] == [
        ("第一部分 部门概况", 1, "overview"),
        ("一、收入支出决算总体情况说明", 3, "income_expenditure"),
        ("二、一般公共预算财政拨款“三公”经费支出决算表", 12, "final_three_public"),  # a table, after a blank
        ("三、一般公共预算财政拨款“三公”经费支出决算情况说明", 5, "three_public"),  # wrapped, leaders on the 2nd line
        ("四、名词解释", 7, "glossary"),  # the page number alone on the next line
    ]
    table = next(e for e in entries if e["table_kind"])
    assert table["section_code"] is None


def test_a_contents_entry_spans_what_it_prints_page_number_included():
    entries = outline(NUMBERED)
    wrapped = next(e for e in entries if e["title"].startswith("三、"))
    printed = NUMBERED[wrapped["char_start"] : wrapped["char_end"]]
    assert printed == "三、一般公共预算财政拨款“三公”经费支出决算情况\n说明……………… 5"
    assert wrapped["line_no"] == 7


def test_body_headings_name_their_sections_and_the_contents_lines_are_no_body():
    assert listing(outline(NUMBERED), "body") == [
        ("第一部分 部门概况", "overview"),
        ("一、主要职能", "overview"),
        ("一、收入支出决算总体情况说明", "income_expenditure"),
        ("二、一般公共预算财政拨款“三公”经费支出决算情况说明", "three_public"),
        # A heading that states figures still heads its section; a level-3 item heads none.
        ("（一）机关运行经费支出情况：2022年机关运行经费支出16.07万元，比上年增加4.64万元。", "operating_expenses"),
        # The glossary's definitions of 三公 and 机关运行经费 are no sections.
        ("第三部分 名词解释", "glossary"),
    ]


def test_a_body_heading_wrapped_over_two_lines_is_read_whole():
    text = (
        "第三部分 预算情况说明\n"
        "十一、一般公共预算“三公”经费、会议费、培训费支出预算\n"
        "表情况说明\n"
        "反映本部门一般公共预算资金安排的“三公”经费情况。\n"
    )
    [entry] = outline(text)
    assert entry["title"] == "十一、一般公共预算“三公”经费、会议费、培训费支出预算表情况说明"
    assert text[entry["char_start"] : entry["char_end"]] == entry["title"].replace("预算表", "预算\n表")


# A Shanghai budget: unnumbered titles in the body, a contents without page numbers ending where the body begins.
UNNUMBERED = """上海市普陀区2025年区级部门预算
目 录
一、部门主要职能 ………………………………………
二、部门机构设置 ………………………………………
三、名词解释 ……………………………………………
四、部门预算编制说明 …………………………………
五、部门预算表 …………………………………………
1. 2025年部门财务收支预算总表 ………………………
9．2025年部门“三公”经费和机关运行经费预算表 ……
六、其他相关情况说明 …………………………………
上海市普陀区某局主要职能
上海市普陀区某局是区政府组成部门。
上海市普陀区某局机构设置
本部门中，行政单位1家。
名词解释
（一）“三公”经费：是部门使用区级财政拨款安排的因公出国（境）费、公务用车购置及运行费、公务接待费。
2025年部门预算编制说明
2025年，上海市普陀区某局收入预算3,121.42万元。
2025年部门财务收支预算总表
其他相关情况说明
一、2025年“三公”经费预算情况说明
二、机关运行经费预算
三、政府采购预算情况
四、绩效目标设置情况
五、国有资产占有使用情况
"""


def test_an_unnumbered_title_ends_a_numbered_contents_and_heads_its_section_in_the_body():
    entries = outline(UNNUMBERED)
    assert listing(entries, "contents") == [
        ("一、部门主要职能", "overview"),
        ("二、部门机构设置", "overview"),
        ("三、名词解释", "glossary"),
        ("四、部门预算编制说明", "income_expenditure"),
        ("五、部门预算表", None),  # the part that holds the tables is none of them
        ("1. 2025年部门财务收支预算总表", "budget_finance_summary"),
        ("9．2025年部门“三公”经费和机关运行经费预算表", "budget_three_public"),
        ("六、其他相关情况说明", None),
    ]
    assert {e["page_printed"] for e in entries} == {None}
    assert listing(entries, "body") == [
        ("上海市普陀区某局主要职能", "overview"),
        ("上海市普陀区某局机构设置", "overview"),
        ("名词解释", "glossary"),
        ("2025年部门预算编制说明", "income_expenditure"),
        ("一、2025年“三公”经费预算情况说明", "three_public"),
        ("二、机关运行经费预算", "operating_expenses"),
        ("三、政府采购预算情况", "government_procurement"),
        ("四、绩效目标设置情况", "performance"),
        ("五、国有资产占有使用情况", "state_assets"),
    ]


def test_on_pages_a_page_number_on_the_next_page_is_furniture_not_the_last_entrys():
    text = (
        "目 录\n第一部分 部门概况\n3\n第二部分 部门预算表\n8\n第三部分 部门预算情况说明\n第四部分 名词解释\n"
        "5\n第一部分 部门概况\n负责全省审判工作。\n"
    )
    entries = outline(text, line_pages=[1] * 7 + [2] * 4)
    assert [(e["title"], e["page_printed"]) for e in entries if e["place"] == "contents"] == [
        ("第一部分 部门概况", 3),
        ("第二部分 部门预算表", 8),
        ("第三部分 部门预算情况说明", None),
        ("第四部分 名词解释", None),
    ]


def test_a_report_without_contents_or_headings_has_no_outline():
    tables_only = "收支预算总表\n一、财政拨款 27,664.22 一、一般公共服务支出 22,395.50\n“三公”经费\n机关运行经费支出\n"
    assert outline(tables_only) == []


@pytest.mark.parametrize(
    ("title", "section"),
    [
        ("部门概况", "overview"),
        ("上海市普陀区财政局概况", "overview"),
        ("部门机构设置及预算单位构成情况", "overview"),
        ("项目概况", None),  # a project's, not the department's
        ("收入支出决算总体情况说明", "income_expenditure"),
        ("收支预算总表情况说明", "income_expenditure"),
        ("2022年度财务收支预算总体情况", "income_expenditure"),
        ("2024年单位预算编制说明", "income_expenditure"),
        ("财政拨款收入支出决算总体情况说明", None),  # one fund's
        ("一般公共预算财政拨款支出决算情况说明", None),
        ("收入总计423.59万元，包括：", None),
        ("2025年“三公”经费预算情况说明", "three_public"),
        ("部门“三公”经费和机关运行经费预算情况", "three_public"),
        ("机关运行经费支出情况：2022年机关运行经费支出16.07万元", "operating_expenses"),
        ("政府采购支出情况", "government_procurement"),
        ("国有资产占有使用情况说明", "state_assets"),
        ("国有资产占用情况", "state_assets"),
        ("预算绩效管理情况", "performance"),
        ("名词解释", "glossary"),
        ("其他重要事项的情况说明", None),
    ],
)
def test_section_of_a_title(title: str, section: str | None):
    assert section_of(title) == section


def test_the_frames_values_are_the_readers():
    values = {c.name: c.values for c in schemas.REPORT_OUTLINE.columns}
    assert values["section_code"] == tuple(section.code for section in SECTIONS) == schemas.OUTLINE_SECTIONS
    assert values["place"] == (CONTENTS, BODY)


def test_the_frame_numbers_the_entries_and_pages_them():
    document = read_report_text(
        NUMBERED,
        sha256="s",
        source_path="p.txt",
        media_type="application/pdf",
        text_encoding=None,
        line_pages=[1] * 11 + [2] * (len(split_lines(NUMBERED)) - 11),
    )
    frame = document[schemas.REPORT_OUTLINE.name]
    assert schemas.REPORT_OUTLINE.problems(frame) == []
    assert frame["entry_index"].to_list() == list(range(frame.height))
    assert frame.filter(frame["place"] == "contents")["page"].unique().to_list() == [1]
    assert frame.filter(frame["place"] == "body")["page"].unique().to_list() == [2]


# ------------------------------------------------------------------------------------------------ real reports


@functools.cache
def real(name: str) -> list[dict]:
    data = (REAL_PDFS / name).read_bytes()
    return parse_document(data, sha256=name, source_path=name)[schemas.REPORT_OUTLINE.name].to_dicts()


def real_listing(name: str, place: str) -> list[tuple]:
    return [(e["title_printed"], named(e)) for e in real(name) if e["place"] == place]


_JIANGSU_2019_TABLES = [
    ("一、收支预算总表", "budget_income_expenditure_summary"),
    ("二、收入预算总表", "budget_income"),
    ("三、支出预算总表", "budget_expenditure"),
    ("四、财政拨款收支预算总表", "budget_fiscal_summary"),
    ("五、财政拨款支出预算表", "budget_fiscal_expenditure"),
    ("六、财政拨款基本支出预算表", "budget_fiscal_basic_expenditure"),
    ("七、一般公共预算支出预算表", "budget_general_budget_expenditure"),
    ("八、一般公共预算基本支出预算表", "budget_general_budget_basic_expenditure"),
    ("九、一般公共预算“三公”经费、会议费、培训费支出预算表", "budget_three_public"),
    ("十、政府性基金财政拨款支出预算表", "budget_government_fund_expenditure"),
    ("十一、一般公共预算机关运行经费支出预算表", "budget_operating_expenses"),
    ("十二、政府采购支出预算表", "budget_government_procurement"),
]
_JIANGSU_2019_BODY = [
    ("一、收支预算总体情况说明", "income_expenditure"),
    ("二、收入预算情况说明", "income_expenditure"),
    ("三、支出预算情况说明", "income_expenditure"),
    ("九、一般公共预算“三公”经费、会议费、培训费支出预算情况说明", "three_public"),
    ("十一、一般公共预算机关运行经费支出预算情况说明", "operating_expenses"),
    ("十二、政府采购支出预算情况说明", "government_procurement"),
    ("十三、国有资产占用情况", "state_assets"),
    ("十四、预算绩效目标设置情况说明", "performance"),
    ("第四部分 名词解释", "glossary"),
]


def _shanghai_final_contents(unit: str, tables_part: str, narrative_part: str) -> list[tuple]:
    return [
        (f"第一部分 {unit}概况", "overview"),
        ("一、主要职能", "overview"),
        ("二、部门决算单位构成", "overview"),
        (tables_part, None),
        ("一、收入支出决算总表", "final_income_expenditure_summary"),
        ("二、收入决算表", "final_income"),
        ("三、支出决算表", "final_expenditure"),
        ("四、财政拨款收入支出决算总表", "final_fiscal_summary"),
        ("五、一般公共预算财政拨款支出决算表", "final_general_budget_expenditure"),
        ("六、一般公共预算财政拨款基本支出决算表", "final_general_budget_basic_expenditure"),
        ("七、财政拨款“三公”经费支出决算表", "final_three_public"),
        ("八、政府性基金预算财政拨款收入支出决算表", "final_government_fund"),
        ("九、国有资本经营预算财政拨款收入支出决算表", "final_state_capital"),
        (narrative_part, None),
        ("一、收入支出决算总体情况说明", "income_expenditure"),
        ("二、收入决算情况说明", "income_expenditure"),
        ("三、支出决算情况说明", "income_expenditure"),
        ("四、财政拨款收入支出决算总体情况说明", None),
        ("五、一般公共预算财政拨款支出决算情况说明", None),
        ("六、一般公共预算财政拨款基本支出决算情况说明", None),
        ("七、财政拨款“三公”经费支出决算情况说明", "three_public"),
        ("八、政府性基金预算财政拨款收入支出决算情况说明", None),
        ("九、国有资本经营预算财政拨款收入支出决算情况说明", None),
        ("十、预算绩效管理情况", "performance"),
        ("十一、其他重要事项说明", None),
        ("第四部分 名词解释", "glossary"),
    ]


def _shanghai_budget_contents(unit: str, tables: list[str]) -> list[tuple]:
    return [
        (f"一、{unit}主要职能", "overview"),
        (f"二、{unit}机构设置", "overview"),
        ("三、名词解释", "glossary"),
        (f"四、{unit}预算编制说明", "income_expenditure"),
        (f"五、{unit}预算表", None),
        *zip(tables, SHANGHAI_BUDGET, strict=True),
        ("六、其他相关情况说明", None),
    ]


def _shanghai_budget_body(overview: list[str], explained: str, year: str, procurement: str, assets: str):
    return [
        *((title, "overview") for title in overview),
        ("名词解释", "glossary"),
        (explained, "income_expenditure"),
        (f"一、{year}年“三公”经费预算情况说明", "three_public"),
        ("二、机关运行经费预算", "operating_expenses"),
        (procurement, "government_procurement"),
        ("四、绩效目标设置情况", "performance"),
        (assets, "state_assets"),
    ]


# report → (its contents as listed, its body's section headings); each title as printed, its spaces kept.
REAL: dict[str, tuple[list[tuple], list[tuple]]] = {
    "js_gaoyuan_2017_dept-budget.pdf": (
        [
            ("第一部分 部门概况", "overview"),
            ("一、主要职能。", "overview"),
            ("二、2017 年度部门主要工作任务及目标。", None),
            ("三、部门机构设置和所属单位情况。", "overview"),
            ("四、部门收支预算编制的相关依据及测算分析情况。", None),
            ("第二部分 江苏省高级人民法院 2017 年度部门预算表", None),
            ("一、收支预算总表", "budget_income_expenditure_summary"),
            ("二、收入预算总表", "budget_income"),
            ("三、支出预算总表", "budget_expenditure"),
            ("四、财政拨款收支预算总表", "budget_fiscal_summary"),
            ("五、财政拨款支出预算表", "budget_fiscal_expenditure"),
            ("六、财政拨款基本支出预算表", "budget_fiscal_basic_expenditure"),
            ("七、政府性基金支出预算表", "budget_government_fund_expenditure"),
            ("八、一般公共预算支出预算表", "budget_general_budget_expenditure"),
            ("九、一般公共预算基本支出预算表", "budget_general_budget_basic_expenditure"),
            ("十、一般公共预算机关运行经费支出预算表", "budget_operating_expenses"),
            ("十一、一般公共预算“三公”经费、会议费、培训费支出预算表", "budget_three_public"),
            ("十二、政府采购支出预算表", "budget_government_procurement"),
            ("第三部分 江苏省高级人民法院 2017 年度部门预算情况说明", None),
            ("第四部分 名词解释", "glossary"),
        ],
        [
            ("第一部分 部门概况", "overview"),
            ("一、主要职能", "overview"),
            ("三、部门机构设置和所属单位情况", "overview"),
            ("一、收支预算总表情况说明", "income_expenditure"),
            ("二、收入预算情况说明", "income_expenditure"),
            ("三、支出预算情况说明", "income_expenditure"),
            ("十、一般公共预算机关运行经费支出预算表情况说明", "operating_expenses"),
            ("十一、一般公共预算“三公”经费、会议费、培训费支出预算表情况说明", "three_public"),  # wrapped
            ("十二、2017 年部门政府采购预算情况说明", "government_procurement"),
            ("第四部分 名词解释", "glossary"),
        ],
    ),
    "js_gaoyuan_2018_dept-budget.pdf": (
        [
            ("第一部分 部门概况", "overview"),
            ("一、主要职能。", "overview"),
            ("二、2018 年度部门主要工作任务及目标。", None),
            ("三、部门机构设置和所属单位情况。", "overview"),
            ("四、部门收支预算编制的相关依据及测算分析情况。", None),
            ("第二部分 江苏省高级人民法院 2018 年度预算表", None),
            ("一、2018 年度江苏省高级人民法院收支预算总表", "budget_income_expenditure_summary"),
            ("二、2018 年度江苏省高级人民法院收入预算总表", "budget_income"),
            ("三、2018 年度江苏省高级人民法院支出预算总表", "budget_expenditure"),
            ("四、2018 年度江苏省高级人民法院财政拨款收支预算总表", "budget_fiscal_summary"),
            ("五、2018 年度江苏省高级人民法院财政拨款支出预算表", "budget_fiscal_expenditure"),
            ("六、2018 年度江苏省高级人民法院财政拨款基本支出预算表", "budget_fiscal_basic_expenditure"),
            ("七、2018 年度江苏省高级人民法院一般公共预算支出预算表", "budget_general_budget_expenditure"),
            ("八、2018 年度江苏省高级人民法院一般公共预算基本支出预算表", "budget_general_budget_basic_expenditure"),
            # The next three are wrapped over two lines.
            ("九、2018 年度江苏省高级人民法院“三公”经费、会议费、培训费支出预算表", "budget_three_public"),
            ("十、2018 年度江苏省高级人民法院政府性基金预算财政拨款支出预算表", "budget_government_fund_expenditure"),
            ("十一、2018 年度江苏省高级人民法院一般公共预算机关运行经费支出预算表", "budget_operating_expenses"),
            ("十二、2018 年度江苏省高级人民法院政府采购支出预算表", "budget_government_procurement"),
            ("第三部分 江苏省高级人民法院 2018 年度预算安排情况说明", None),
            ("第四部分 名词解释", "glossary"),
        ],
        [
            ("第一部分 部门概况", "overview"),
            ("一、主要职能", "overview"),
            ("三、部门机构设置和所属单位情况", "overview"),
            ("一、收支预算总体情况说明", "income_expenditure"),
            ("二、收入预算情况说明", "income_expenditure"),
            ("三、支出预算情况说明", "income_expenditure"),
            ("九、一般公共预算“三公”经费、会议费、培训费支出预算情况说明", "three_public"),
            ("十一、一般公共预算机关运行经费支出预算情况说明", "operating_expenses"),
            ("十二、政府采购支出预算情况说明", "government_procurement"),
            ("（一）预算绩效目标设置情况说明", "performance"),
            ("第四部分 名词解释", "glossary"),
        ],
    ),
    "js_gaoyuan_2019_dept-budget.pdf": (
        [
            ("第一部分 部门概况", "overview"),
            ("一、主要职能", "overview"),
            ("二、部门机构设置及预算单位构成情况", "overview"),
            ("三、2019 年度部门主要工作任务及目标", None),
            ("第二部分 2019 年度部门预算表", None),
            *_JIANGSU_2019_TABLES,
            ("第三部分 2019 年度部门预算情况说明", None),
            ("第四部分 名词解释", "glossary"),
        ],
        [
            ("第一部分 部门概况", "overview"),
            ("一、主要职能", "overview"),
            ("二、部门机构设置和预算单位构成情况", "overview"),  # 和, where the contents print 及
            *_JIANGSU_2019_BODY,
        ],
    ),
    "js_shengweiban_2019_dept-budget-text.pdf": (
        [
            ("第一部分 部门概况", "overview"),
            ("一、主要职能", "overview"),
            ("二、部门机构设置及预算单位构成情况", "overview"),
            ("三、2019年度部门主要工作任务及目标", None),
            ("第二部分 2019年度部门预算表", None),
            *_JIANGSU_2019_TABLES,
            ("第三部分 2019年度部门预算情况说明", None),
            ("第四部分 名词解释", "glossary"),
        ],
        [
            ("第一部分 部门概况", "overview"),
            ("一、主要职能", "overview"),
            ("二、部门机构设置及预算单位构成情况", "overview"),
            *_JIANGSU_2019_BODY,
        ],
    ),
    # The tables of 2019's 省委办公厅 budget and of 2018's 政协 budget, published apart from any narrative.
    "js_shengweiban_2019_dept-budget-tables.pdf": ([], []),
    "js_zhengxie_2018_dept-budget-tables.pdf": ([], []),
    "liaoning-panjin-xinglongtai_gongxinju_2022_dept-final.txt": (
        [],  # no 目录
        [
            ("第一部分 部门概况", "overview"),
            ("一、主要职责", "overview"),
            ("二、部门决算单位构成", "overview"),
            ("一、收入支出决算总体情况说明", "income_expenditure"),
            ("三、一般公共预算财政拨款“三公”经费支出决算情况说明", "three_public"),
            ("（一）机关运行经费支出情况。", "operating_expenses"),
            ("（二）政府采购支出情况。", "government_procurement"),
            ("（三）国有资产占用情况。", "state_assets"),
            ("（四）预算绩效情况。", "performance"),
            ("第三部分 名词解释", "glossary"),
        ],
    ),
    "sh-putuo_caizhengju_2024_dept-final.pdf": (
        _shanghai_final_contents(
            "上海市普陀区财政局",
            "第二部分 上海市普陀区财政局2024年度部门决算表",
            "第三部分 上海市普陀区财政局2024年度部门决算情况说明",
        ),
        [
            ("第一部分 上海市普陀区财政局概况", "overview"),
            ("一、主要职能", "overview"),
            ("二、部门决算单位构成", "overview"),
            ("一、收入支出决算总体情况说明", "income_expenditure"),
            ("二、收入决算情况说明", "income_expenditure"),
            ("三、支出决算情况说明", "income_expenditure"),
            ("七、财政拨款“三公”经费支出决算情况说明", "three_public"),
            ("（一）“三公”经费财政拨款支出决算总体情况说明。", "three_public"),
            ("（二）“三公”经费财政拨款支出决算具体情况说明。", "three_public"),
            ("十、预算绩效管理情况", "performance"),
            ("（一）机关运行经费支出情况", "operating_expenses"),
            ("（二）政府采购支出情况", "government_procurement"),
            ("（三）国有资产占有使用情况说明", "state_assets"),
            ("第四部分 名词解释", "glossary"),
        ],
    ),
    "sh-putuo_shehuigongzuobu_2024_dept-final.pdf": (
        _shanghai_final_contents(
            "中共上海市普陀区委社会工作部",
            "第二部分 中共上海市普陀区委社会工作部 2024 年度部门决算表",
            "第三部分 中共上海市普陀区委社会工作部 2024 年度部门决算情况说明",  # wrapped before 说明
        ),
        [
            ("第一部分 中共上海市普陀区委社会工作部概况", "overview"),
            ("一、主要职能", "overview"),
            ("二、部门决算单位构成", "overview"),
            ("一、收入支出决算总体情况说明", "income_expenditure"),
            ("二、收入决算情况说明", "income_expenditure"),
            ("三、支出决算情况说明", "income_expenditure"),
            ("七、财政拨款“三公”经费支出决算情况说明", "three_public"),
            ("十、预算绩效管理情况", "performance"),
            ("（一）机关运行经费支出情况", "operating_expenses"),
            ("（二）政府采购支出情况", "government_procurement"),
            ("（三）国有资产占有使用情况说明", "state_assets"),
            ("第四部分 名词解释", "glossary"),
        ],
    ),
    "sh-putuo_caizhengju_2025_dept-budget.pdf": (
        [
            *_shanghai_budget_contents(
                "部门",
                [
                    "1. 2025年部门财务收支预算总表",
                    "2. 2025年部门收入预算总表",
                    "3. 2025年部门支出预算总表",
                    "4．2025年部门财政拨款收支预算总表",
                    "5．2025年部门一般公共预算支出功能分类预算表",
                    "6．2025年部门政府性基金预算支出功能分类预算表",
                    "7．2025年部门国有资本经营预算支出功能分类预算表",
                    "8．2025年部门一般公共预算基本支出部门预算经济分类预算表",
                    "9．2025年部门“三公”经费和机关运行经费预算表",
                ],
            ),
            ("七、项目经费情况说明", None),
        ],
        [
            *_shanghai_budget_body(
                ["上海市普陀区财政局主要职能", "上海市普陀区财政局机构设置"],
                "2025年部门预算编制说明",
                "2025",
                "三、政府采购预算情况",
                "五、国有资产占有使用情况",
            ),
            ("七、绩效目标", "performance"),  # of the project described in 项目经费情况说明
        ],
    ),
    "sh-putuo_shehuifuliyuan_2024_unit-budget.pdf": (
        _shanghai_budget_contents(
            "单位",
            [
                "1. 2024年预算单位财务收支预算总表",
                "2. 2024年预算单位收入预算总表",
                "3. 2024年预算单位支出预算总表",
                "4．2024年预算单位财政拨款收支预算总表",
                "5．2024年预算单位一般公共预算支出功能分类预算表",
                "6．2024年预算单位政府性基金预算支出功能分类预算表",
                "7．2024年预算单位国有资本经营预算支出功能分类预算表",
                "8．2024年预算单位一般公共预算基本支出部门预算经济分类预算表",
                "9.单位“三公”经费和机关运行经费预算表",
            ],
        ),
        _shanghai_budget_body(
            ["上海市普陀区社会福利院主要职能", "上海市普陀区社会福利院机构设置"],
            "2024年单位预算编制说明",
            "2024",
            "三、政府采购预算情况",
            "五、国有资产占有使用情况（增加内容）",
        ),
    ),
    "sh-putuo_wanlijiedao_2023_dept-budget.pdf": (
        [
            *_shanghai_budget_contents(
                "部门",
                [
                    "1. 2023年部门财务收支预算总表",
                    "2. 2023年部门收入预算总表",
                    "3. 2023年部门支出预算总表",
                    "4．2023年部门财政拨款收支预算总表",
                    "5．2023年部门一般公共预算支出功能分类预算表",
                    "6．2023年部门政府性基金预算支出功能分类预算表",
                    "7．2023年部门国有资本经营预算支出功能分类预算表",
                    "8．2023年部门一般公共预算基本支出部门预算经济分类预算表",
                    "9. 2023年部门“三公”经费和机关运行经费预算表",
                ],
            ),
            ("七、项目经费情况说明", None),
            ("八、绩效目标", "performance"),
        ],
        [
            *_shanghai_budget_body(
                ["部门主要职能", "部门机构设置"], "部门预算编制说明", "2023", "三、政府采购情况", "五、国有资产占有情况"
            ),
            ("七、绩效目标", "performance"),
        ],
    ),
    "sh-putuo_wanlijiedao_2024_dept-budget.pdf": (
        [
            *_shanghai_budget_contents(
                "部门",
                [
                    "1. 2024年部门财务收支预算总表",
                    "2. 2024年部门收入预算总表",
                    "3. 2024年部门支出预算总表",
                    "4. 2024年部门财政拨款收支预算总表",
                    "5．2024年部门一般公共预算支出功能分类预算表",
                    "6．2024年部门政府性基金预算支出功能分类预算表",
                    "7．2024年部门国有资本经营预算支出功能分类预算表",
                    "8．2024年部门一般公共预算基本支出部门预算经济分类预算表",
                    "9.部门“三公”经费和机关运行经费预算表",
                ],
            ),
            ("七、项目经费情况说明", None),
        ],
        [
            *_shanghai_budget_body(
                [
                    "上海市普陀区人民政府万里街道办事处（部门）主要职能",
                    "上海市普陀区人民政府万里街道办事处（部门）机构设置",
                ],
                "2024年部门预算编制说明",
                "2024",
                "三、政府采购预算情况",
                "五、国有资产占有使用情况",
            ),
            ("七、绩效目标", "performance"),
        ],
    ),
}

ALL_SECTIONS = {section.code for section in SECTIONS}
# What a report's body lacks of the required sections: the facts the warehouse will flag.
ABSENT = {
    "js_gaoyuan_2017_dept-budget.pdf": {"state_assets", "performance"},
    "js_gaoyuan_2018_dept-budget.pdf": {"state_assets"},
    "js_shengweiban_2019_dept-budget-tables.pdf": ALL_SECTIONS,
    "js_zhengxie_2018_dept-budget-tables.pdf": ALL_SECTIONS,
}


def test_every_real_report_is_expected():
    assert sorted(REAL) == sorted(path.name for path in REAL_PDFS.iterdir() if path.suffix in {".pdf", ".txt"})


@pytest.mark.parametrize("name", sorted(REAL))
def test_a_real_reports_contents_as_listed(name: str):
    assert real_listing(name, "contents") == REAL[name][0]


@pytest.mark.parametrize("name", sorted(REAL))
def test_a_real_reports_section_headings(name: str):
    assert real_listing(name, "body") == REAL[name][1]


@pytest.mark.parametrize("name", sorted(REAL))
def test_the_sections_a_real_report_lacks(name: str):
    present = {e["section_code"] for e in real(name) if e["place"] == "body"}
    assert ALL_SECTIONS - present == ABSENT.get(name, set())


def test_real_outlines_are_paged_and_print_no_page_numbers():
    gaoyuan = real("js_gaoyuan_2019_dept-budget.pdf")
    assert {e["page"] for e in gaoyuan if e["place"] == "contents"} == {2}
    assert [(e["title_printed"], e["page"]) for e in gaoyuan if e["section_code"] == "state_assets"] == [
        ("十三、国有资产占用情况", 25)
    ]
    # None of these contents prints a page number (the Shanghai ones print leader dots and nothing after them).
    assert {e["page_printed"] for name in REAL for e in real(name)} == {None}
    assert {e["page"] for e in real("liaoning-panjin-xinglongtai_gongxinju_2022_dept-final.txt")} == {None}
