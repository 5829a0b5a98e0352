"""What a report's template asked it to fill in, held against the report: a placeholder left in ("XX局", "××部门":
the name, year or amount was never filled in), and a table's label naming another department than the one the
report names itself after ("编制部门：…" copied from another department's report). One finding each, at its place;
there is no number to weigh, so the rules' own severities."""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.checks.facts import Finding
from pipeline.checks.rules import RULES_BY_NAME
from pipeline.parse.result import NamedDepartment, Placeholder
from pipeline.parse.text.placeholders import holds_placeholder

CHECK = "template_placeholder"
NAME_CHECK = "department_name_differs"


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


def department_names_differ(named: Sequence[NamedDepartment], department_name: str | None) -> list[Finding]:
    """A label whose department is not the report's: neither name holds the other (a label may shorten the
    report's name, "区财政局", or break it off at a line's end, "江苏省高级人民法")."""
    if not department_name:
        return []
    own = _plain(department_name)
    return [
        Finding(
            check_name=NAME_CHECK,
            severity=RULES_BY_NAME[NAME_CHECK].severity,
            subject=f"表格所列部门：{label.printed}（L{label.line_no}）",
            observed=None,
            expected=None,
            tolerance=None,
            observed_location=_location(label),
            expected_location=None,
            message=(
                f"表格标注的部门“{label.printed}”不是报告所称的“{department_name}”。"
                f" A table's label names \"{label.printed}\", not \"{department_name}\", the department the report is"
                " of."
            ),
        )
        for label in named
        if own not in _plain(label.printed)
        and _plain(label.printed) not in own
        # a label still holding the template's placeholder is template_placeholder's finding, not this one's
        and not holds_placeholder(label.printed)
    ]


def _plain(name: str) -> str:
    return re.sub(r"\s+", "", name)


def _location(placeholder: Placeholder | NamedDepartment) -> str:
    place = f"L{placeholder.line_no}:{placeholder.char_start}-{placeholder.char_end}"
    return place if placeholder.page is None else f"p{placeholder.page}:{place}"
