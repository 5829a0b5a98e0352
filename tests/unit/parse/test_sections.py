from pipeline.parse.text.lines import split_lines
from pipeline.parse.text.sections import assign_sections

from .documents import seed_text


def section_of(lines, sections, starts_with: str) -> str | None:
    index = next(i for i, line in enumerate(lines) if line.text.strip().startswith(starts_with))
    return sections[index]


def test_seed_lines_fall_in_the_sections_their_headings_name():
    lines = split_lines(seed_text())
    sections = assign_sections(lines)
    expected = {
        "（一）收入总计": "收入",
        "1.财政拨款收入": "收入",
        "与上年相比，今年收入": "收入",
        "（二）支出总计": "支出",
        "1.基本支出169.49": "支出",  # a numbered item does not open the section its words name
        "（三）年末结转和结余": "支出",  # a sub-heading without a section word stays where it is
        "2022年度财政拨款支出": "财政拨款",
        "2022年度一般公共预算财政拨款支出": "一般公共预算",
        "2022年度政府性基金": "政府性基金",
        "2022年度国有资本经营": "国有资本经营",
        "2022年度一般公共预算财政拨款安排的“三公”": "三公",
        "1.因公出国（境）费0万元": "三公",
        "2022年度一般公共预算财政拨款基本支出": "基本支出",
        "2022年机关运行经费支出": "机关运行经费",
        "2022年政府采购支出总额": "政府采购",
        "截至2022年12月31日，共有车辆": "国有资产",
        "根据预算绩效管理要求": "绩效",
    }
    assert {start: section_of(lines, sections, start) for start in expected} == expected


def test_overview_glossary_tables_and_appendix_are_outside_the_narrative():
    lines = split_lines(seed_text())
    sections = assign_sections(lines)
    for start in (
        "（一）组织贯彻国家新型工业化",
        "纳入某部门2022年",
        "1.财政拨款收入：指",
        "15.机关运行经费：指",
        "附件",
    ):
        assert section_of(lines, sections, start) is None, start
    assert all(section is None for line, section in zip(lines, sections, strict=True) if line.is_cell)


def test_a_report_without_parts_skips_a_level_one_overview():
    text = "一、主要职能\n负责全县审计工作，编制10人。\n二、收入支出决算总体情况说明\n收入总计5万元。\n"
    lines = split_lines(text)
    assert assign_sections(lines)[:4] == [None, None, "收入", "收入"]
