"""HTML detail pages: the report in the page's body, without the site around it, in whatever charset it declares."""

from __future__ import annotations

import html
from decimal import Decimal

import pytest

from pipeline import schemas
from pipeline.parse.dispatch import parse_document
from pipeline.parse.html.report import MEDIA_TYPE, decode_html, is_html
from tests.unit.parse.documents import SEED
from tests.unit.parse.formats import NARRATIVE_FRAMES, SEED_HTML, assert_same_frame, parsed

THREE_PUBLIC_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>预算公开</title></head><body>
<div class="nav"><a href="/">首页</a> &gt; <a href="/czyjs/">财政预决算</a></div>
<div class="article"><h1>上海市普陀区财政局2024年度部门预算</h1>
<div id="zoom">
<p>上海市普陀区财政局2024年度部门预算</p>
<p>财政拨款“三公”经费支出预算表</p>
<p>单位：元</p>
<table border="1">
  <tr><td rowspan="2">合计</td><td rowspan="2">因公出国（境）费</td>
      <td colspan="3">公务用车购置及运行费</td><td rowspan="2">公务接待费</td></tr>
  <tr><td>小计</td><td>公务用车购置费</td><td>公务用车运行费</td></tr>
  <tr><td>95,000.00</td><td>0.00</td><td>80,000.00</td><td>0.00</td>
      <td>80,000.00</td><td>15,000.00</td></tr>
</table>
<p>注：公务用车运行费用于1辆车。</p>
</div></div>
<div class="footer">主办单位：上海市普陀区人民政府</div>
</body></html>
"""


@pytest.mark.parametrize("frame", NARRATIVE_FRAMES)
def test_the_seed_as_a_gbk_page_yields_the_seed_texts_frames(frame):
    assert_same_frame(SEED_HTML, frame)


def test_the_page_is_read_in_its_declared_charset():
    document = parsed(SEED_HTML)[schemas.DOCUMENTS.name].row(0, named=True)
    assert (document["media_type"], document["text_encoding"]) == (MEDIA_TYPE, "gb18030")
    assert document["department_name"] == parsed(SEED)[schemas.DOCUMENTS.name]["department_name"][0]


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"<!DOCTYPE html>\n<html>", True),
        (b"\xef\xbb\xbf<!doctype HTML><html lang=zh>", True),
        (b"\n\n  <html xmlns='http://www.w3.org/1999/xhtml'>", True),
        ("部门决算".encode() * 200 + b"<html>", False),
        ("一、收入支出决算总体情况。".encode(), False),
        (b"%PDF-1.7", False),
    ],
)
def test_html_is_told_by_its_first_kib(head, expected):
    assert is_html(head) is expected


def test_a_page_without_a_declared_charset_is_utf8_or_else_gb18030():
    body = "<html><body><p>部门决算</p></body></html>"
    assert decode_html(body.encode("utf-8")) == (body, "utf-8")
    assert decode_html(body.encode("gbk")) == (body, "gb18030")


def test_an_html_table_with_merged_cells_reads_as_a_statement_table():
    document = parse_document(THREE_PUBLIC_PAGE.encode("utf-8"), sha256="page", source_path="sanggong.html")
    tables = document[schemas.STATEMENT_TABLES.name].row(0, named=True)
    assert (tables["table_kind"], tables["unit_printed"]) == ("budget_three_public", "元")
    assert tables["note"] == "注：公务用车运行费用于1辆车。"
    items = {
        measure: (value, ref)
        for measure, value, ref in document[schemas.LINE_ITEMS.name]
        .select("measure", "value_wan_yuan", "cell_ref")
        .iter_rows()
    }
    assert items == {
        "合计": (Decimal("9.5"), "表1!A3"),
        "因公出国（境）费": (Decimal(0), "表1!B3"),
        "公务用车购置及运行费/小计": (Decimal(8), "表1!C3"),
        "公务用车购置及运行费/公务用车购置费": (Decimal(0), "表1!D3"),
        "公务用车购置及运行费/公务用车运行费": (Decimal(8), "表1!E3"),
        "公务接待费": (Decimal("1.5"), "表1!F3"),
    }


def test_a_body_written_as_one_div_a_paragraph_beside_comments_and_links_is_found():
    lines = SEED.read_text(encoding="utf-8").split("\n")
    narrative = [html.escape(line) for line in lines[: lines.index("  附件")] if line.strip()]
    page = (
        "<html><head><meta charset='utf-8'></head><body>"
        "<div class='top'><div>网站首页</div><div>政务公开</div><!-- 统计代码 收入总计999万元 --></div>"
        "<div class='main'><div class='crumb'>首页 &gt; 财政预决算</div>"
        "<div class='TRS_Editor'>" + "".join(f"<div>{line}</div>" for line in narrative) + "</div></div>"
        "<div class='bottom'><div>版权所有：盘锦市兴隆台区人民政府</div></div></body></html>"
    )
    document = parse_document(page.encode("utf-8"), sha256="divs", source_path="divs.html")
    what = ["section", "label", "value_printed", "value_wan_yuan", "sentence"]
    figures = document[schemas.NARRATIVE_FIGURES.name].select(what)
    assert figures.height > 0
    assert figures.equals(parsed(SEED)[schemas.NARRATIVE_FIGURES.name].select(what))
