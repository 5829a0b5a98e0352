import pytest

from pipeline.parse.text.document_meta import read_document_meta
from pipeline.parse.text.lines import split_lines
from pipeline.parse.version import PARSER_VERSION
from pipeline.quarantine import UnreadableDocument

from .documents import SHANGHAI, parse_inline, parsed


def meta(text: str, table_names: tuple[str, ...] = ()):
    return read_document_meta(text, split_lines(text), list(table_names))


def test_seed_names_its_department_without_the_province_and_derives_codes_from_the_unit_cell():
    document = parsed()["documents"].row(0, named=True)
    # The 绩效 table prints "349011辽宁省盘锦市兴隆台区工业和信息化局-211103000";
    # the narrative says "盘锦市兴隆台区工业和信息化局局本级".
    assert document["department_name"] == "盘锦市兴隆台区工业和信息化局"
    assert document["unit_code"] == "349011"
    assert document["region_code"] == "211103"
    assert document["fiscal_year"] == 2022
    assert document["report_kind"] == "final_account"
    assert document["text_encoding"] == "utf-8"
    assert document["parser_version"] == PARSER_VERSION
    assert (document["department_name_normalized"], document["report_scope"]) == (
        "盘锦市兴隆台区工业和信息化局", "department"
    )


def test_a_title_names_the_department_and_a_placeholder_does_not():
    text = "纳入某部门2023年部门决算编制范围的单位包括：\n\n上海市普陀区财政局2023年度部门决算\n"
    assert meta(text).department_name == "上海市普陀区财政局"
    assert meta(text).fiscal_year == 2023


def test_a_title_broken_over_lines_names_the_department():
    text = "江苏省高级人民法院\n2019 年度部门预算公开\n目 录\n"
    assert meta(text).department_name == "江苏省高级人民法院"


def test_the_report_year_is_the_one_named_with_部门_not_a_comparison_column():
    text = "上海市普陀区2025年区级部门预算\n预算主管部门：上海市普陀区财政局\n" + "2024年预算数\n" * 5
    found = meta(text)
    assert (found.fiscal_year, found.report_kind) == (2025, "budget")
    assert found.department_name == "上海市普陀区财政局"


def test_budget_scope_sentence_names_the_department():
    text = "一、部门决算单位构成\n纳入天水市幼儿园2017年部门决算编制范围的单位包括本级。\n"
    assert meta(text).department_name == "天水市幼儿园"


def test_a_budget_is_a_budget():
    text = (
        "江苏省委办公厅2019年度部门预算公开\n第三部分 2019年度部门预算情况说明\n一般公共预算拨款收入10万元。"
    )
    found = meta(text)
    assert (found.department_name, found.fiscal_year, found.report_kind) == ("江苏省委办公厅", 2019, "budget")


def test_a_lead_in_before_the_year_is_no_name():
    text = "根据2022年部门决算编制要求\n纳入兴隆台区审计局2022年部门决算编制范围的单位包括本级。\n"
    assert meta(text).department_name == "兴隆台区审计局"


def test_the_sub_unit_list_is_the_last_resort():
    text = "2022年度部门决算情况说明\n纳入本部门2022年部门决算编制范围的单位包括：\n\n某某县审计局局本级\n"
    assert meta(text).department_name == "某某县审计局"


def test_the_year_named_most_with_the_report_wins():
    text = "张三县林业局2024年度部门决算\n2024年度部门决算情况说明\n与2023年度部门决算相比……\n"
    assert meta(text).fiscal_year == 2024


def test_a_news_paragraph_is_not_a_report():
    news = (
        "新华社北京3月5日电 十四届全国人大三次会议5日上午在人民大会堂开幕。国务院总理作政府工作报告，"
        "回顾过去一年工作，提出今年经济社会发展的主要预期目标，强调要坚持稳中求进工作总基调。"
    )
    with pytest.raises(UnreadableDocument) as raised:
        parse_inline(news)
    assert raised.value.reason_code == "not_a_report"


def test_shanghai_report_names_its_department_from_a_part_title():
    document = parsed(SHANGHAI)["documents"].row(0, named=True)
    assert document["department_name"] == "中共上海市普陀区委社会工作部"
    assert (document["fiscal_year"], document["report_kind"]) == (2024, "final_account")
    assert document["unit_code"] is None and document["region_code"] == "310107"  # 上海市普陀区, from the name


def test_a_tables_only_file_names_its_department_in_a_header_and_its_year_in_its_file_name() -> None:
    text = "公开01表\n收支预算总表\n部门：江苏省政协办公厅 单位：万元\n项目名称 金额\n一、财政拨款 10,070.48\n"
    meta = read_document_meta(text, split_lines(text), [], "downloads/江苏省政协办公厅2018度部门预算公开表.pdf")
    assert (meta.department_name, meta.fiscal_year, meta.report_kind) == ("江苏省政协办公厅", 2018, "budget")
    # Without a year in the text or the file name it is no report the warehouse can place.
    with pytest.raises(UnreadableDocument) as raised:
        read_document_meta(text, split_lines(text), [], "downloads/tables.pdf")
    assert raised.value.reason_code == "no_fiscal_year"


@pytest.mark.parametrize("year", [1899, 1999, 2100, 2199, 2202])
def test_a_year_outside_the_accepted_range_is_named_in_the_reason(year: int) -> None:
    text = f"张三县林业局{year}年度部门决算\n纳入张三县林业局{year}年部门决算编制范围的单位包括本级。\n"
    with pytest.raises(UnreadableDocument) as raised:
        meta(text)
    assert raised.value.reason_code == "implausible_fiscal_year"
    assert raised.value.reason == f"the report names the fiscal year {year}, outside the accepted 2000–2099"


def test_a_misprinted_year_beside_the_report_year_does_not_hide_the_report() -> None:
    text = "张三县林业局2024年度部门决算\n2024年度部门决算情况说明\n与2202年度部门决算相比……\n"
    assert meta(text).fiscal_year == 2024


def test_a_year_inside_a_longer_number_is_no_year() -> None:
    text = "张三县林业局年度部门决算\n编号120221年部门决算\n"
    with pytest.raises(UnreadableDocument) as raised:
        meta(text)
    assert raised.value.reason_code == "no_fiscal_year"


@pytest.mark.parametrize(
    ("text", "scope"),
    [
        # the year-named title says which
        ("上海市普陀区社会福利院2024年单位预算\n预算单位：上海市普陀区社会福利院\n", "unit"),
        ("上海市普陀区2025年区级部门预算\n预算主管部门：上海市普陀区财政局\n", "department"),
        ("某县林业局2023年度单位决算\n", "unit"),
        # no year-named title: the tables' compilers and titles say which
        ("收支预算表\n编制单位：上海市普陀区社会福利院 单位：元\n2024年预算单位财务收支预算总表\n上海市普陀区社会福利院2024年预算",
         "unit"),
        ("收支预算表\n编制部门：上海市普陀区财政局 单位：元\n2025年部门财务收支预算总表\n上海市普陀区财政局2025年预算",
         "department"),
        # 单位：万元 is a unit of measure, and a report that says neither is a 部门 report
        ("江苏省高级人民法院\n2019 年度预算公开\n单位：万元\n单位：万元\n", "department"),
    ],
)
def test_the_scope_is_read_from_the_title_else_the_tables(text: str, scope: str) -> None:
    assert meta(text).report_scope == scope


def test_the_normalised_name_and_its_region_see_through_the_party_prefix() -> None:
    text = "中国共产党江苏省委员会办公厅2017年度部门预算\n"
    found = meta(text)
    assert found.department_name == "中国共产党江苏省委员会办公厅"
    assert found.region_code == "320000"


def test_a_name_without_its_divisions_takes_the_region_of_its_longer_form_in_the_text() -> None:
    # 普陀区 alone is Shanghai's and Zhoushan's; the body prints the name with 上海市 before it.
    text = "普陀区财政局2024年度部门决算\n上海市普陀区财政局是上海市普陀区人民政府组成部门。\n"
    found = meta(text)
    assert (found.department_name, found.region_code) == ("普陀区财政局", "310107")
    assert meta("普陀区财政局2024年度部门决算\n").region_code is None


def test_a_printed_unit_code_is_kept() -> None:
    assert meta("某县林业局2023年度部门决算\n单位编码：123456\n").unit_code == "123456"
