"""The narratives of real published budgets (部门预算), read from their PDFs' text.

Every expected value below was read off the rendered page (page numbers are the PDF's, 1-based) or the text
PDFium gives for it; none was copied from the parser's output. Each PDF is read once for the module.
"""

from __future__ import annotations

import functools
import re
from decimal import Decimal

import pytest

from pipeline import schemas
from pipeline.checks.document import CheckedDocument, check_document
from pipeline.parse.pdf.text import read_pdf_text
from pipeline.parse.text.report import read_report_text
from tests.conftest import REAL_PDFS

ALL_PDFS = sorted(path.name for path in REAL_PDFS.glob("*.pdf"))

WANLI_2024 = "sh-putuo_wanlijiedao_2024_dept-budget.pdf"
WANLI_2023 = "sh-putuo_wanlijiedao_2023_dept-budget.pdf"
CAIZHENG_2025 = "sh-putuo_caizhengju_2025_dept-budget.pdf"
FULIYUAN_2024 = "sh-putuo_shehuifuliyuan_2024_unit-budget.pdf"
GAOYUAN_2017 = "js_gaoyuan_2017_dept-budget.pdf"
GAOYUAN_2019 = "js_gaoyuan_2019_dept-budget.pdf"
SHENGWEIBAN_TEXT = "js_shengweiban_2019_dept-budget-text.pdf"

# What a page number looks like when it ends up in a label (the task's own definition of page furniture).
_FOOTER_FRAGMENT = re.compile(r"-\s*\d+\s*-|第\s*\d+\s*页")


@functools.cache
def read(name: str) -> tuple[str, CheckedDocument]:
    """The PDF's text and the narrative frames read and checked from it, as the PDF reader reads them."""
    pdf = read_pdf_text((REAL_PDFS / name).read_bytes())
    document = read_report_text(
        pdf.text,
        sha256=name,
        source_path=name,
        media_type="application/pdf",
        text_encoding=None,
        line_pages=pdf.line_pages,
    )
    return pdf.text, check_document(document)


def figures(name: str) -> list[dict]:
    return read(name)[1]["narrative_figures"].to_dicts()


def statements(name: str) -> list[dict]:
    return read(name)[1]["yoy_statements"].to_dicts()


def the_figure(name: str, section: str, label: str, page: int | None = None) -> dict:
    found = [
        f
        for f in figures(name)
        if f["section"] == section and f["label"] == label and (page is None or f["page"] == page)
    ]
    assert len(found) == 1, (section, label, page, found)
    return found[0]


def the_statement(name: str, section: str, metric: str, page: int | None = None) -> dict:
    found = [
        s
        for s in statements(name)
        if s["section"] == section and s["metric_label"] == metric and (page is None or s["page"] == page)
    ]
    assert len(found) == 1, (section, metric, page, found)
    return found[0]


# --- 上海市普陀区人民政府万里街道办事处 2024年部门预算 -------------------------------------------------------


def test_wanli_2024_income_and_expenditure_overview_p6():
    # p.6: "2024年，…收入预算15621.11万元，其中：财政拨款收入15621.11万元，比2023年预算减少876.75万元；
    # 事业收入0.00万元；事业单位经营收入0.00万元；其他收入0.00万元。支出预算15621.11万元，其中：…"
    expected = {
        ("收入", "收入预算"): "15621.11",
        ("收入", "财政拨款收入"): "15621.11",
        ("收入", "事业收入"): "0.00",
        ("收入", "事业单位经营收入"): "0.00",
        ("收入", "其他收入"): "0.00",
        ("支出", "支出预算"): "15621.11",
        ("支出", "财政拨款支出预算"): "15621.11",
        ("支出", "一般公共预算拨款支出预算"): "15621.11",
        ("支出", "政府性基金拨款支出预算"): "0.00",
        ("支出", "国有资本经营预算拨款支出预算"): "0.00",
    }
    for (section, label), printed in expected.items():
        figure = the_figure(WANLI_2024, section, label)
        assert (figure["value_printed"], figure["unit_printed"], figure["page"]) == (printed, "万元", 6), label
        assert figure["value_wan_yuan"] == Decimal(printed)


def test_wanli_2024_appropriations_fell_by_876_75_against_the_2023_budget():
    text, _ = read(WANLI_2024)
    for section, metric in (
        ("收入", "财政拨款收入"),
        ("支出", "财政拨款支出预算"),
        ("支出", "一般公共预算拨款支出预算"),
    ):
        statement = the_statement(WANLI_2024, section, metric)
        assert (statement["direction"], statement["change_sign"]) == ("减少", -1)
        assert statement["amount_printed"] == "876.75"
        assert statement["change_amount_wan_yuan"] == Decimal("876.75")
        assert statement["pct_printed"] is None and statement["page"] == 6
        assert text[statement["char_start"] : statement["char_end"]].startswith("876.75")
        assert "比2023年预算减少876.75万元" in statement["sentence"]


def test_wanli_2024_funds_without_money_are_level_with_2023():
    # "政府性基金拨款支出预算0.00万元，比2023年预算持平；国有资本经营预算拨款支出预算0.00万元，比2023年预算持平。"
    text, _ = read(WANLI_2024)
    for metric in ("政府性基金拨款支出预算", "国有资本经营预算拨款支出预算"):
        statement = the_statement(WANLI_2024, "支出", metric)
        assert (statement["direction"], statement["change_sign"]) == ("持平", 0)
        assert statement["amount_printed"] is None and statement["change_amount_wan_yuan"] == 0
        assert text[statement["char_start"] : statement["char_end"]] == "持平"


@pytest.mark.parametrize(
    ("item", "amount", "direction", "pct", "page"),
    [
        ("一般公共服务支出（类）统计信息事务（款）专项普查活动（项）", "25.77", "减少", "57.14", 6),
        ("一般公共服务支出（类）组织事务（款）一般行政管理事务（项）", "88.87", "增加", "46.19", 6),
        ("公共安全支出（类）司法（款）公共法律服务（项）", "30.00", "增加", "100.00", 7),
        # item 12 wraps after "主要用于行政单位离退休。" — the comparison stands in a paragraph of its own
        ("社会保障和就业支出（类）行政事业单位养老支出（款）行政单位离退休（项）", "24.31", "增加", "19.75", 7),
        ("城乡社区支出（类）城乡社区管理事务（款）行政运行（项）", "1660.32", "减少", "12.60", 8),
        ("住房保障支出（类）住房改革支出（款）购房补贴（项）", "320.17", "增加", "0.64", 9),
    ],
)
def test_wanli_2024_items_state_their_change_against_2023_execution(item, amount, direction, pct, page):
    figure = the_figure(WANLI_2024, "财政拨款", item)
    assert (figure["value_printed"], figure["page"]) == (amount, page)
    statement = the_statement(WANLI_2024, "财政拨款", item)
    assert (statement["direction"], statement["pct_printed"]) == (direction, pct)
    assert statement["amount_printed"] is None
    assert "比2023年预算执行数" in statement["sentence"]


def test_wanli_2024_items_level_with_2023_execution():
    # p.7 "10. “科学技术支出（类）科学技术普及（款）科普活动（项）”10.00万元，…比2023年预算执行数持平。"
    for item in (
        "科学技术支出（类）科学技术普及（款）科普活动（项）",
        "文化旅游体育与传媒支出（类）体育（款）群众体育（项）",
        "住房保障支出（类）城乡社区住宅（款）其他城乡社区住宅支出（项）",
    ):
        statement = the_statement(WANLI_2024, "财政拨款", item)
        assert (statement["direction"], statement["change_sign"], statement["change_amount_wan_yuan"]) == (
            "持平",
            0,
            0,
        )


def test_wanli_2024_every_item_has_its_statement_and_none_is_named_by_its_basis():
    rows = statements(WANLI_2024)
    items = [s for s in rows if s["metric_label"].endswith("（项）")]
    assert len(items) == 33  # items 1–33 on pp.6–9, each "比2023年预算执行数…"
    assert not [s for s in rows if s["metric_label"] in ("预算", "预算执行数", "预算安排", "")]


def test_wanli_2024_other_information_p32():
    expected = {
        ("三公", "三公经费预算数"): "47.91",
        ("三公", "因公出国（境）费"): "0",
        ("三公", "公务用车购置及运行费"): "46.56",
        ("三公", "公务用车购置费"): "25",
        ("三公", "公务用车运行费"): "21.56",
        ("三公", "公务接待费"): "1.35",
        ("机关运行经费", "机关运行经费预算"): "443.18",
        ("政府采购", "政府采购预算"): "1662.44",
        ("政府采购", "政府采购货物预算"): "93.98",
    }
    for (section, label), printed in expected.items():
        figure = the_figure(WANLI_2024, section, label)
        assert (figure["value_printed"], figure["page"]) == (printed, 32), label
    three_public = the_statement(WANLI_2024, "三公", "三公经费预算数")
    assert (three_public["direction"], three_public["amount_printed"]) == ("增加", "25")
    for metric in ("因公出国（境）费", "公务用车运行费", "公务接待费"):
        assert the_statement(WANLI_2024, "三公", metric)["direction"] == "持平"


def test_wanli_2024_tables_and_glossary_yield_no_narrative_figures():
    # pp.3–5: 主要职能, 机构设置, 名词解释; pp.10–31: the nine tables
    pages = {f["page"] for f in figures(WANLI_2024)}
    assert pages <= {6, 7, 8, 9, 32, 33}


# --- 上海市普陀区财政局 2025年部门预算 -----------------------------------------------------------------------


def test_caizhengju_2025_headline_figures():
    # pp.7 and 8 print the same 编制说明 twice; both are read.
    for page in (7, 8):
        for (section, label), printed in {
            ("收入", "收入预算"): "3,121.42",
            ("收入", "财政拨款收入"): "3,121.42",
            ("支出", "支出预算"): "3,121.42",
            ("支出", "财政拨款支出预算"): "3,121.42",
            ("支出", "一般公共预算拨款支出预算"): "3,121.42",
            ("支出", "政府性基金拨款支出预算"): "0",
        }.items():
            figure = the_figure(CAIZHENG_2025, section, label, page)
            assert figure["value_printed"] == printed, (label, page)
            assert figure["value_wan_yuan"] == Decimal(printed.replace(",", ""))
        for section, metric in (("收入", "财政拨款收入"), ("支出", "一般公共预算拨款支出预算")):
            statement = the_statement(CAIZHENG_2025, section, metric, page)
            assert (statement["direction"], statement["amount_printed"]) == ("增加", "107.62")
        assert the_statement(CAIZHENG_2025, "支出", "政府性基金拨款支出预算", page)["direction"] == "持平"
    # p.22
    for (section, label), printed in {
        ("三公", "三公经费预算数"): "0.95",
        ("三公", "公务接待费"): "0.95",
        ("机关运行经费", "财政拨款的机关运行经费预算"): "229.43",
        ("政府采购", "政府采购预算"): "117.00",
        ("绩效", "涉及项目预算资金"): "598.46",
    }.items():
        assert the_figure(CAIZHENG_2025, section, label)["value_printed"] == printed, label


def test_caizhengju_2025_three_public_level_with_2024():
    # p.22 "2025年“三公”经费预算数为0.95万元，与2024年预算持平。" and
    # "公务用车购置费0万元，与2024年预算一致0万元，主要原因是本部门无公务用车"
    level = the_statement(CAIZHENG_2025, "三公", "三公经费预算数")
    assert (level["direction"], level["change_sign"], level["change_amount_wan_yuan"]) == ("持平", 0, 0)
    same = the_statement(CAIZHENG_2025, "三公", "公务用车购置费")
    assert (same["direction"], same["change_sign"], same["amount_printed"]) == ("一致", 0, "0")
    assert same["reason"] == "本部门无公务用车"


# --- other Shanghai budgets ---------------------------------------------------------------------------------


def test_fuliyuan_2024_income_by_source():
    # p.6 "收入预算1,212.12万元，其中：财政拨款收入950.12万元，比2023年预算增加0.46万元；事业收入262.00万元；…"
    assert the_figure(FULIYUAN_2024, "收入", "收入预算")["value_wan_yuan"] == Decimal("1212.12")
    assert the_figure(FULIYUAN_2024, "收入", "财政拨款收入")["value_printed"] == "950.12"
    assert the_figure(FULIYUAN_2024, "收入", "事业收入")["value_printed"] == "262.00"
    statement = the_statement(FULIYUAN_2024, "收入", "财政拨款收入")
    assert (statement["direction"], statement["amount_printed"]) == ("增加", "0.46")
    assert read(FULIYUAN_2024)[1]["findings"].is_empty()  # 950.12 + 262.00 = 1,212.12


def test_wanli_2023_a_note_after_the_year_is_part_of_the_comparison():
    # p.6 "财政拨款收入16497.86万元，比2022年（上一年度，下同）预算增加1421.25万元"
    statement = the_statement(WANLI_2023, "收入", "财政拨款收入")
    assert (statement["direction"], statement["amount_printed"]) == ("增加", "1421.25")
    # p.29 "（一）、因公出国（境）费0万元，比2022年预算持平。"
    assert the_figure(WANLI_2023, "三公", "因公出国（境）费")["value_printed"] == "0"
    assert the_statement(WANLI_2023, "三公", "因公出国（境）费")["direction"] == "持平"


# --- Jiangsu budgets ----------------------------------------------------------------------------------------


def test_gaoyuan_2019_a_page_number_inside_a_sentence_is_skipped():
    # pp.17–18: "一般公共预算收入预算37188.34万元，与上年相比增加4016.19" / [page number 18] /
    # "万元，增长 12.11%。"
    statement = the_statement(GAOYUAN_2019, "收入", "一般公共预算收入预算")
    assert (statement["amount_printed"], statement["pct_printed"]) == ("4016.19", "12.11")
    assert not [f for f in figures(GAOYUAN_2019) if f["value_printed"] == "18"]
    # p.25 "拟采购货物 1637.72 万元" after the page number 25
    assert the_figure(GAOYUAN_2019, "政府采购", "拟采购货物支出")["value_printed"] == "1637.72"
    # pp.19–20 a reason broken by the page number 20: "…单位" / "20" / "预留机动经费增加 1753.34 万元。"
    reason = the_statement(GAOYUAN_2019, "财政拨款", "财政拨款收、支总计")["reason"]
    assert "单位预留机动经费增加1753.34万元" in reason.replace(" ", "")


def test_shengweiban_2019_a_page_number_between_a_figure_and_its_unit():
    # pp.10–11 "财政拨款基本支出预算11700.63" / [page number 9] / "万元，其中："
    figure = the_figure(SHENGWEIBAN_TEXT, "基本支出", "财政拨款基本支出预算")
    assert (figure["value_printed"], figure["unit_printed"], figure["page"]) == ("11700.63", "万元", 10)


def test_gaoyuan_2017_a_title_that_opens_with_the_year_names_its_section():
    # p.25 "十二、2017 年部门政府采购预算情况说明" / p.26 "…政府采购预算总金额为 3742.4 万元。其中拟购买货物 525.4 万元；…"
    assert the_figure(GAOYUAN_2017, "政府采购", "政府采购预算总金额")["value_printed"] == "3742.4"
    # p.25 "1．因公出国（境）费预算支出 180 万元，本年数与上年数持平，零增长。"
    statement = the_statement(GAOYUAN_2017, "三公", "因公出国（境）费预算支出")
    assert (statement["direction"], statement["change_sign"]) == ("持平", 0)


# --- all twelve ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ALL_PDFS)
def test_no_label_holds_page_furniture(name):
    for figure in figures(name):
        assert not _FOOTER_FRAGMENT.search(figure["label"]), figure
        assert not _FOOTER_FRAGMENT.search(figure["label_printed"]), figure
    for statement in statements(name):
        assert not _FOOTER_FRAGMENT.search(statement["metric_label"]), statement


@pytest.mark.parametrize("name", ALL_PDFS)
def test_offsets_point_at_the_printed_text_and_frames_keep_their_schema(name):
    text, document = read(name)
    for figure in figures(name):
        assert text[figure["char_start"] : figure["char_end"]].startswith(figure["value_printed"]), figure
    for statement in statements(name):
        printed = statement["amount_printed"] or statement["pct_printed"] or statement["direction"]
        # a direction word may be broken over two lines ("无\n变化"): its span holds the break
        spanned = re.sub(r"\s+", "", text[statement["char_start"] : statement["char_end"]])
        assert spanned.startswith(printed), statement
    assert schemas.NARRATIVE_FIGURES.problems(document["narrative_figures"]) == []
    assert schemas.YOY_STATEMENTS.problems(document["yoy_statements"]) == []


@pytest.mark.parametrize("name", ALL_PDFS)
def test_no_change_statements_have_sign_zero(name):
    for statement in statements(name):
        no_change = statement["direction"] in ("持平", "基本持平", "一致", "相同", "无变化", "没有变化", "不变")
        assert (statement["change_sign"] == 0) == no_change, statement
        if no_change:
            assert statement["change_amount_wan_yuan"] == 0, statement


def test_the_shanghai_budgets_now_yield_their_narrative():
    for name in (WANLI_2024, WANLI_2023, CAIZHENG_2025, FULIYUAN_2024):
        assert len(figures(name)) >= 50 and len(statements(name)) >= 15, name
