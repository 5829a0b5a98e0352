from decimal import Decimal

import pytest

from pipeline import schemas
from pipeline.checks.document import check_document
from pipeline.parse.text.figure_lists import find_figure_lists
from pipeline.parse.text.lines import split_lines
from pipeline.parse.text.narrative import build_figures, find_candidates
from pipeline.parse.text.prose import read_paragraphs
from pipeline.parse.text.report import parse_text_report
from pipeline.parse.text.sections import assign_sections

from .documents import SEED, parsed, seed_text


def test_every_parsed_frame_is_returned_and_conforms():
    document = parsed()
    for schema in schemas.DOCUMENT_FRAMES:
        assert schema.problems(document[schema.name]) == [], schema.name
        assert set(document[schema.name]["document_sha256"].unique()) <= {"sha-of-" + SEED.stem}
    assert document["documents"]["source_path"][0] == SEED.name


def test_a_gb18030_copy_reads_the_same():
    utf8 = parsed()
    gb = check_document(
        parse_text_report(seed_text().encode("gb18030"), sha256="sha-of-" + SEED.stem, source_path=SEED.name)
    )
    assert gb["documents"]["text_encoding"][0] == "gb18030"
    for name in (
        "narrative_figures",
        "yoy_statements",
        "performance_lines",
        "performance_indicators",
        "report_outline",
        "findings",
    ):
        assert gb[name].equals(utf8[name]), name


def test_crlf_line_ends_keep_offsets_on_the_normalised_text():
    crlf = parse_text_report(seed_text().replace("\n", "\r\n").encode("utf-8"), sha256="s", source_path="p")
    assert (
        crlf["narrative_figures"]["char_start"].to_list()
        == parsed()["narrative_figures"]["char_start"].to_list()
    )


@pytest.mark.parametrize(
    ("total", "parts"),
    [
        ("财政拨款收入", ["一般公共预算财政拨款收入", "政府性基金收入", "国有资本经营预算财政拨款收入"]),
        (
            "基本支出",
            ["行政运行支出", "基本养老支出", "行政单位医疗支出", "公务员医疗补助", "住房公积金支出"],
        ),
        ("项目支出", ["资源勘探工业信息等支出", "城乡社区支出"]),
        ("财政拨款支出", ["基本支出", "项目支出"]),
        (
            "一般公共预算财政拨款支出",
            ["社会保障和就业支出", "卫生健康支出", "住房保障支出", "城乡社区支出", "资源勘探工业信息等支出"],
        ),
        (
            "一般公共预算财政拨款安排的三公经费支出",
            ["因公出国（境）费", "公务接待费", "公务用车购置及运行维护费"],
        ),
        ("一般公共预算财政拨款基本支出", ["人员经费", "日常公用经费"]),
        ("政府采购支出总额", ["政府采购货物支出", "政府采购工程支出", "政府采购服务支出"]),
        (
            "车辆",
            [
                "副省级以上领导干部用车",
                "主要领导干部用车",
                "机要通讯用车",
                "应急保障用车",
                "执法执勤用车",
                "特种专业技术用车",
                "离退休干部用车",
                "其他用车",
            ],
        ),
    ],
)
def test_seed_lists_after_其中_and_包括(total, parts):
    text = seed_text()
    lines = split_lines(text)
    paragraphs = read_paragraphs(text, lines, assign_sections(lines))
    figures = build_figures(text, find_candidates(text, paragraphs), set())
    lists = {
        figures[found.total].label: [figures[i].label for i in found.parts]
        for found in find_figure_lists(text, paragraphs, figures)
    }
    assert lists[total] == parts
    assert len(lists) == 9


def test_a_list_inside_a_list_is_not_part_of_the_outer_one():
    text = (
        "某县林业局2023年度部门决算\n2023年度部门决算情况说明\n"
        "四、一般公共预算财政拨款基本支出决算情况说明\n"
        "基本支出100万元，其中：人员经费80万元，主要包括：基本工资50万元、津贴补贴30万元；公用经费20万元。\n"
    )
    lines = split_lines(text)
    paragraphs = read_paragraphs(text, lines, assign_sections(lines))
    figures = build_figures(text, find_candidates(text, paragraphs), set())
    lists = [
        (figures[f.total].label, [figures[i].label for i in f.parts])
        for f in find_figure_lists(text, paragraphs, figures)
    ]
    assert lists == [("基本支出", ["人员经费", "公用经费"]), ("人员经费", ["基本工资", "津贴补贴"])]
    assert sum(f.quantity.value for f in figures if f.label in ("人员经费", "公用经费")) == Decimal(100)
