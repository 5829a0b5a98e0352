"""A template's placeholder left in a report ("XX局", "××部门"): the name, year or amount the template asks for was
never filled in. One finding per placeholder, at its place; there is no number to weigh, so the rule's own
severity."""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.checks.facts import Finding
from pipeline.checks.rules import RULES_BY_NAME
from pipeline.parse.result import Placeholder

CHECK = "template_placeholder"


def template_placeholders(placeholders: Sequence[Placeholder]) -> list[Finding]:
    return [
        Finding(
            check_name=CHECK,
            severity=RULES_BY_NAME[CHECK].severity,
            subject=f"模板占位：{placeholder.printed}（L{placeholder.line_no}）",
            observed=None,
            expected=None,
            tolerance=None,
            observed_location=_location(placeholder),
            expected_location=None,
            message=(
                f"报告印有模板占位“{placeholder.printed}”：模板要求填写的名称、年度或金额未填。"
                f" The report prints the template's placeholder \"{placeholder.printed}\": the name, year or amount"
                " the template asks for was never filled in."
            ),
        )
        for placeholder in placeholders
    ]


def _location(placeholder: Placeholder) -> str:
    place = f"L{placeholder.line_no}:{placeholder.char_start}-{placeholder.char_end}"
    return place if placeholder.page is None else f"p{placeholder.page}:{place}"
