"""Budget narratives and PDF page furniture, on small texts written for the purpose.

The texts follow the wording of the real reports in data/raw (Shanghai 区级部门预算 and Jiangsu
省级部门预算); ``test_budget_narrative`` reads the reports themselves.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from pipeline import schemas
from pipeline.checks.document import check_document
from pipeline.parse.text.lines import blank_lines, page_furniture, split_lines
from pipeline.parse.text.report import read_report_text
from pipeline.parse.text.sections import assign_sections

from .documents import parse_inline

# A Shanghai budget's first pages: cover, table of contents, overview and glossary (excluded), 编制说明.
SHANGHAI_HEAD = (
    "上海市普陀区2024年区级部门预算\n"
    "预算主管部门：上海市普陀区某某街道办事处\n"
    "目 录\n"
    "一、部门主要职能\n"
    "四、部门预算编制说明\n"
    "上海市普陀区某某街道办事处（部门）主要职能\n"
    "一、加强党的建设。落实基层党建责任制，共建10个党组织。\n"
    "名词解释\n"
    "（一）财政拨款收入：是本年度从本级财政部门取得的财政拨款。\n"
)
BUDGET = (
    SHANGHAI_HEAD
    + "2024年部门预算编制说明\n"
    "2024年，上海市普陀区某某街道办事处收入预算200.00万元，其中：财政拨款收入180.00万元，比2023年预算减少\n"
    "20.00万元；事业收入20.00万元；其他收入0.00万元。\n"
    "支出预算200.00万元，其中：财政拨款支出预算180.00万元，比2023年预算减少20.00万元。财政拨款支出预算中，一般公共预\n"
    "算拨款支出预算180.00万元，比2023年预算减少20.00万元；政府性基金拨款支出预算0.00万元，比2023年预算持平。\n"
    "财政拨款支出主要内容如下：\n"
    "1. “一般公共服务支出（类）统计信息事务（款）专项普查活动（项）”30.00万元，主要用于专项普查活动。\n"
    "2023年当年预算执行数为60.00万元，2024年预算安排30.00万元，比2023年预算执行数减少50.00%。主要原因是：项目调整。\n"
    "2. “城乡社区支出（类）城乡社区管理事务（款）行政运行（项）”150.00万元，主要用于行政运行。2023年当年预算执\n"
    "行数为150.00万元，2024年预算安排150.00万元，比2023年预算执行数持平。主要原因是：经费保持不变。\n"
    "2024年部门收入预算总表\n"
    "编制部门：上海市普陀区某某街道办事处 单位：元\n"
    "合计 2,000,000 1,800,000 200,000\n"
    "其他相关情况说明\n"
    "一、2024年“三公”经费预算情况说明\n"
    "2024年“三公”经费预算数为1.35万元，与2023年预算持平。其中：\n"
    "（一）、因公出国（境）费0万元，比2023年预算持平。\n"
    "（二）公务用车购置及运行费0万元，其中：公务用车购置费0万元，与2023年预算一致0万元；公务用车运行费0万元，比\n"
    "2023年预算持平。\n"
    "（三）公务接待费1.35万元。比2023年预算持平，主要原因是公务接待费保持不变。\n"
    "二、机关运行经费预算\n"
    "2024年上海市普陀区某某街道办事处（部门）下属1家机关和1家参公事业单位财政拨款的机关运行经费预算为40.00万元\n"
    "。\n"
)


def figures(document) -> list[dict]:
    return document["narrative_figures"].to_dicts()


def statements(document) -> list[dict]:
    return document["yoy_statements"].to_dicts()


def one(rows: list[dict], **where) -> dict:
    found = [r for r in rows if all(r[k] == v for k, v in where.items())]
    assert len(found) == 1, (where, found)
    return found[0]


# --- sections of a budget -----------------------------------------------------------------------------------


def test_a_budget_narrative_is_read_between_its_titles():
    document = parse_inline(BUDGET)
    rows = figures(document)
    assert not [f for f in rows if f["unit_printed"] == "个"]  # 主要职能 is no narrative
    assert not [f for f in rows if f["value_printed"] in ("2,000,000", "1,800,000")]  # the table
    assert one(rows, label="收入预算")["section"] == "收入"
    assert one(rows, label="三公经费预算数")["value_printed"] == "1.35"  # after 其他相关情况说明


def test_headless_paragraphs_take_the_section_their_subject_names():
    rows = figures(parse_inline(BUDGET))
    assert {f["label"]: f["section"] for f in rows if f["label"] in (
        "收入预算",
        "财政拨款收入",
        "事业收入",
        "支出预算",
        "财政拨款支出预算",
        "一般公共预算拨款支出预算",
        "一般公共服务支出（类）统计信息事务（款）专项普查活动（项）",
        "城乡社区支出（类）城乡社区管理事务（款）行政运行（项）",
    )} == {
        "收入预算": "收入",
        "财政拨款收入": "收入",
        "事业收入": "收入",
        "支出预算": "支出",
        "财政拨款支出预算": "支出",
        "一般公共预算拨款支出预算": "支出",
        # numbered items stay in the section of "财政拨款支出主要内容如下："
        "一般公共服务支出（类）统计信息事务（款）专项普查活动（项）": "财政拨款",
        "城乡社区支出（类）城乡社区管理事务（款）行政运行（项）": "财政拨款",
    }


@pytest.mark.parametrize(
    ("heading", "section"),
    [
        ("一、收支预算总体情况说明", "收入"),  # 收支 = 收入 and 支出, as in 收入支出决算总体情况说明
        ("十二、2017 年部门政府采购预算情况说明", "政府采购"),  # a title opening with its year
        ("（一）2024年“三公”经费预算情况说明", "三公"),
    ],
)
def test_budget_headings_name_their_section(heading, section):
    lines = split_lines(f"2024年部门预算编制说明\n{heading}\n正文10万元。\n")
    assert assign_sections(lines)[1:3] == [section, section]


def test_a_wrapped_heading_ending_in_情况说明_does_not_restart_the_narrative():
    lines = split_lines(
        "2019年度部门预算情况说明\n"
        "十一、一般公共预算“三公”经费、会议费、培训费支出预算\n"
        "表情况说明\n"
        "因公出国（境）费支出70万元。\n"
    )
    assert assign_sections(lines)[1:] == ["三公", "三公", "三公", "三公"]


# --- year-over-year statements of a budget ------------------------------------------------------------------


def test_a_budget_compares_with_the_prior_budget_and_names_its_subject():
    rows = statements(parse_inline(BUDGET))
    for section, metric in (("收入", "财政拨款收入"), ("支出", "财政拨款支出预算"), ("支出", "一般公共预算拨款支出预算")):
        statement = one(rows, section=section, metric_label=metric)
        assert (statement["direction"], statement["change_sign"]) == ("减少", -1)
        assert statement["amount_printed"] == "20.00"
    assert not [s for s in rows if s["metric_label"] in ("预算", "预算执行数", "预算安排")]


def test_an_item_compared_with_the_prior_execution_is_named_by_the_item():
    rows = statements(parse_inline(BUDGET))
    statement = one(rows, metric_label="一般公共服务支出（类）统计信息事务（款）专项普查活动（项）")
    assert (statement["direction"], statement["pct_printed"]) == ("减少", "50.00")
    assert statement["amount_printed"] is None
    assert statement["reason"] == "项目调整"


@pytest.mark.parametrize(
    ("section", "metric", "word", "amount_printed"),
    [
        ("支出", "政府性基金拨款支出预算", "持平", None),  # "比2023年预算持平"
        ("财政拨款", "城乡社区支出（类）城乡社区管理事务（款）行政运行（项）", "持平", None),
        ("三公", "三公经费预算数", "持平", None),  # "与2023年预算持平"
        ("三公", "因公出国（境）费", "持平", None),  # "（一）、" numbering
        ("三公", "公务用车购置费", "一致", "0"),  # "与2023年预算一致0万元"
        ("三公", "公务用车运行费", "持平", None),  # "比" / "2023年预算持平" across a line break
        ("三公", "公务接待费", "持平", None),  # the comparison opens its sentence
    ],
)
def test_no_change_is_a_statement_with_sign_zero(section, metric, word, amount_printed):
    document = parse_inline(BUDGET)
    statement = one(statements(document), section=section, metric_label=metric)
    assert (statement["direction"], statement["change_sign"]) == (word, 0)
    assert (statement["amount_printed"], statement["change_amount_wan_yuan"]) == (amount_printed, Decimal(0))
    assert statement["pct_printed"] is None
    assert schemas.YOY_STATEMENTS.problems(document["yoy_statements"]) == []


def test_与上年持平_and_与上年一致():
    document = parse_inline(
        "某县林业局2023年度部门决算\n2023年度部门决算情况说明\n一、收入支出决算总体情况说明\n"
        "收入总计100万元，与上年持平。\n"
        "（一）支出总计90万元，与上年一致。\n"
    )
    rows = statements(document)
    assert [(s["metric_label"], s["direction"], s["change_sign"]) for s in rows] == [
        ("收入总计", "持平", 0),
        ("支出总计", "一致", 0),
    ]
    text = document["yoy_statements"]["sentence"].to_list()
    assert text == ["收入总计100万元，与上年持平", "（一）支出总计90万元，与上年一致"]


def test_a_same_word_outside_the_comparison_is_no_statement():
    document = parse_inline(
        "某县林业局2023年度部门决算\n2023年度部门决算情况说明\n（一）机关运行经费支出情况\n"
        "按与上年统计口径一致相比，机关运行经费支出10万元，比上年减少2万元，主要原因是人员保持不变。\n"
    )
    rows = statements(document)
    assert [(s["metric_label"], s["direction"], s["amount_printed"]) for s in rows] == [
        ("机关运行经费支出", "减少", "2")
    ]


# --- labels -------------------------------------------------------------------------------------------------


def test_labels_drop_the_department_after_the_year_and_the_counts_before_them():
    rows = figures(parse_inline(BUDGET))
    assert one(rows, section="机关运行经费", unit_printed="万元")["label"] == "机关运行经费预算"
    assert one(rows, value_printed="200.00", section="收入")["label"] == "收入预算"


def test_a_list_in_brackets_ends_with_them_and_an_approximate_total_is_a_warning():
    document = parse_inline(
        "某县林业局2023年度部门预算\n项目经费情况说明\n一、项目概况\n"
        "本工程规划建筑面积约为100平方米，其中地上建筑面积为60平方米（其中计容面积50平方米，不计容面积5平方米），"
        "地下建筑面积为30平方米。\n"
    )
    rows = figures(document)
    assert one(rows, value_printed="100")["label"] == "本工程规划建筑面积"
    assert one(rows, value_printed="50")["label"] == "计容面积"
    findings = sorted(
        (f["severity"], f["subject"], f["observed_value"], f["expected_value"])
        for f in document["findings"].to_dicts()
    )
    assert findings == [
        ("error", "其他：地上建筑面积 = 计容面积 + 不计容面积", Decimal(60), Decimal(55)),
        ("warning", "其他：本工程规划建筑面积 = 地上建筑面积 + 地下建筑面积", Decimal(100), Decimal(90)),
    ]


# --- page furniture -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("footer", ["- 4 -", "— 4 —", "第 4 页", "第4页 共20页", "共20页 第4页", "4", "4/20", "·4·"])
def test_a_page_footer_inside_a_wrapped_sentence_is_skipped(footer):
    head = "某县林业局2023年度部门决算\n2023年度部门决算情况说明\n一、收入支出决算总体情况说明\n"
    text = head + f"本年收入合计100.50万元，与上年相比增加\n{footer}\n12.30万元，增长13.94%。\n"
    pages = [1, 1, 1, 1, 1, 2, 2]  # the footer closes page 1 (line 5): the sentence runs on over the break
    document = read_report_text(
        text, sha256="x", source_path="x.pdf", media_type="application/pdf", text_encoding=None,
        line_pages=pages,
    )
    statement = one(statements(document), metric_label="本年收入合计")
    assert (statement["amount_printed"], statement["pct_printed"]) == ("12.30", "13.94")
    assert statement["sentence"] == "本年收入合计100.50万元，与上年相比增加12.30万元，增长13.94%"
    assert text[statement["char_start"] : statement["char_end"]] == "12.30万元"
    assert statement["page"] == 2
    assert not [f for f in figures(document) if f["value_printed"] in ("4", "20")]


def test_a_footer_between_a_number_and_its_unit_and_in_a_label():
    text = (
        "某县林业局2023年度部门决算\n2023年度部门决算情况说明\n（一）基本支出情况\n"
        "财政拨款基本支出11700.63\n- 9 -\n万元，其中：人员经费9000.00万元；公用经\n第 9 页\n费2700.63万元。\n"
    )
    for pages in ([1, 1, 1, 1, 1, 2, 2, 2, 2], None):  # a PDF's pages, or plain text without them
        document = check_document(read_report_text(
            text, sha256="x", source_path="x", media_type="text/plain", text_encoding="utf-8",
            line_pages=pages,
        ))
        rows = figures(document)
        assert [(f["label"], f["value_printed"], f["unit_printed"]) for f in rows] == [
            ("财政拨款基本支出", "11700.63", "万元"),
            ("人员经费", "9000.00", "万元"),
            ("公用经费", "2700.63", "万元"),
        ]
        for f in rows:
            assert text[f["char_start"] : f["char_end"]].startswith(f["value_printed"])
        assert document["findings"].is_empty()  # 9000.00 + 2700.63 = 11700.63


def test_page_furniture_needs_the_page_edge_or_a_broken_sentence():
    text = "第一行正文，\n12\n第二行正文。\n7\n第三行正文。\n- 3 -\n"
    lines = split_lines(text)
    # In a text without pages a bare number is furniture only where it breaks a sentence (line 2, not 4);
    # "- 3 -" says what it is.
    assert page_furniture(lines) == frozenset({2, 6})
    # With pages, a bare number is furniture at the top or bottom of its page, wherever the sentence is.
    pages = [1] * 8
    many = split_lines("a\nb\nc\n7\nd\ne\nf\n")
    assert page_furniture(many, pages) == frozenset()  # line 4 is mid-page
    assert page_furniture(split_lines("7\nb\nc\nd\ne\nf\ng\n"), pages) == frozenset({1})
    blanked = blank_lines(text, lines, frozenset({2}))
    assert len(blanked) == len(text) and blanked.split("\n")[1] == "  "


def test_a_running_header_repeated_on_most_pages_is_furniture():
    header = "江苏省某某厅2019年度部门预算公开"
    body = "\n".join(f"{header}\n第{n}段正文，支出{n}万元，\n费用增加。" for n in range(1, 5))
    lines = split_lines(body)
    pages = [n for n in range(1, 5) for _ in range(3)]
    # the header, not the sentence end that repeats on every page too
    assert page_furniture(lines, pages) == frozenset({1, 4, 7, 10})
