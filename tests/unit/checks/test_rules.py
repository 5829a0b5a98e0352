"""The rules a finding may name are declared once (pipeline/checks/rules.py); each finding says its page and unit."""

from __future__ import annotations

import re
from decimal import Decimal

from pipeline.checks.document import check_document
from pipeline.checks.rules import RULES, RULES_BY_NAME
from pipeline.parse.text.report import read_report_text
from pipeline.settings import DBT_PROJECT_DIR, PROJECT_ROOT

# Where a rule's name is written: a check's Finding (check_name=…, CHECK = …, or the first argument of the table
# checks' _finding), and the warehouse's findings (across sources, and of what a report lacks).
_PYTHON_NAME = re.compile(r'(?:check_name=|CHECK = |_finding\(\s*)"([a-z_]+)"')
_SQL_NAME = re.compile(r"'([a-z_]+)' as check_name")
# A check_name chosen between two rules: case … then 'a' else 'b' end as check_name.
_SQL_CHOICE = re.compile(r"then '([a-z_]+)'\s+else '([a-z_]+)'\s+end as check_name")


def _names_in_code() -> set[str]:
    names = {
        name for path in (PROJECT_ROOT / "pipeline" / "checks").glob("*.py")
        for name in _PYTHON_NAME.findall(path.read_text(encoding="utf-8"))
    }
    for model in ("int_cross_source_findings", "int_completeness_findings"):
        sql = (DBT_PROJECT_DIR / "models" / "intermediate" / f"{model}.sql").read_text(encoding="utf-8")
        names |= set(_SQL_NAME.findall(sql)) | {name for pair in _SQL_CHOICE.findall(sql) for name in pair}
    return names


def test_every_rule_the_code_raises_is_declared_and_every_declared_rule_is_raised() -> None:
    assert _names_in_code() == set(RULES_BY_NAME)
    assert len(RULES) == len(RULES_BY_NAME)


def test_a_finding_names_its_pages_and_the_unit_its_figures_are_in() -> None:
    text = (
        "某县林业局2023年度部门预算\n项目经费情况说明\n一、项目概况\n"
        "本工程规划建筑面积约为100平方米，其中地上建筑面积为60平方米（其中计容面积50平方米，不计容面积5平方米），\n"
        "地下建筑面积为30平方米。\n"
        "二、财政拨款支出\n财政拨款支出10万元，其中：基本支出5万元，项目支出6万元。\n"
    )
    # A PDF's text: the lines of the area on page 3, the appropriation on page 4.
    read = read_report_text(
        text, sha256="x", source_path="x.pdf", media_type="application/pdf", text_encoding=None,
        line_pages=[1, 1, 2, 3, 3, 4, 4],
    )
    findings = {row["subject"]: row for row in check_document(read)["findings"].to_dicts()}
    area = findings["其他：地上建筑面积 = 计容面积 + 不计容面积"]
    assert (area["unit"], area["page"], area["pages"]) == ("平方米", 3, [3])
    money = next(row for subject, row in findings.items() if "财政拨款支出" in subject)
    assert (money["unit"], money["page"], money["pages"]) == ("万元", 4, [4])
    assert money["observed_value"] == Decimal(10) and money["expected_value"] == Decimal(11)


def test_plain_text_has_no_page_and_a_rate_is_in_percent() -> None:
    text = (
        "某县林业局2023年度部门决算\n一、收入支出决算总体情况说明\n"
        "本年收入合计200.00万元，与上年相比增加100.00万元，增长60.00%。主要原因是人员增加。\n"
    )
    read = read_report_text(text, sha256="x", source_path="x.txt", media_type="text/plain", text_encoding="utf-8")
    [finding] = check_document(read)["findings"].to_dicts()
    assert (finding["check_name"], finding["unit"], finding["page"], finding["pages"]) == (
        "yoy_pct_consistent", "%", None, None
    )
