"""Template placeholders left in a report's text, and the one finding each gives."""

from __future__ import annotations

import pytest

from pipeline.checks.document import check_document
from pipeline.parse.text.lines import split_lines
from pipeline.parse.text.placeholders import find_placeholders
from pipeline.parse.text.report import read_report_text


@pytest.mark.parametrize(
    "line, printed",
    [
        ("XX局2023年度部门决算", ["XX"]),
        ("中共××县委××部2023年度部门预算", ["××", "××"]),
        ("XXXX年度收入总计100万元", ["XXXX"]),
        ("比上年增加ＸＸ万元", ["ＸＸ"]),
        # a product or an address is no placeholder
        ("购置XX-2000型设备一台", []),
        ("详见网站www.xx.gov.cn", []),
        ("采购Xbox游戏机", []),
        ("收入总计100万元", []),
        # the template's two directions, left unchosen (the seed report, 三公 parts)
        ("比上年减少（增加）0万元，下降（增长）0%", ["减少（增加）", "下降（增长）"]),
        ("决算数小于（大于）年初预算数的主要原因是0", ["小于（大于）"]),
        # a bracket that says something is no choice left open
        ("比上年增加（含追加）10万元", []),
    ],
)
def test_a_run_of_x_beside_chinese_is_a_placeholder(line, printed) -> None:
    assert [p.printed for p in find_placeholders(split_lines(line))] == printed


def test_a_placeholder_is_one_error_at_its_page_and_span() -> None:
    # (a cover naming no department at all is no report: it is quarantined, not_a_report)
    text = (
        "某县林业局2023年度部门决算\n2023年度部门决算情况说明\n一、收入支出决算总体情况说明\n"
        "XX局本年收入合计200.00万元。\n"
    )
    read = read_report_text(
        text, sha256="x", source_path="x.pdf", media_type="application/pdf", text_encoding=None,
        line_pages=[1, 2, 2, 2],
    )
    [finding] = [f for f in check_document(read)["findings"].to_dicts() if f["check_name"] == "template_placeholder"]
    start = text.index("XX局")
    assert (finding["severity"], finding["page"], finding["observed_location"]) == (
        "error", 2, f"p2:L4:{start}-{start + 2}"
    )
    assert finding["observed_value"] is None and finding["expected_value"] is None


def _findings(label_line: str) -> list[tuple[str, str]]:
    text = (
        "某县林业局2023年度部门预算\n2023年度部门预算编制说明\n一、收支预算总体情况\n收入预算总计200.00万元。\n"
        f"{label_line}\n"
    )
    read = read_report_text(text, sha256="x", source_path="x.txt", media_type="text/plain", text_encoding="utf-8")
    return [(f["check_name"], f["severity"]) for f in check_document(read)["findings"].to_dicts()]


@pytest.mark.parametrize(
    "label_line, expected",
    [
        # another department's label, copied with its template
        ("编制部门：某县水利局          单位：万元", [("department_name_differs", "error")]),
        # the report's own name, whole or shortened
        ("编制部门：某县林业局          单位：万元", []),
        ("编制单位：县林业局", []),
        # a placeholder is the placeholder's finding alone
        ("编制部门：XX局", [("template_placeholder", "error")]),
    ],
)
def test_a_table_labelled_with_another_department(label_line, expected) -> None:
    assert _findings(label_line) == expected
