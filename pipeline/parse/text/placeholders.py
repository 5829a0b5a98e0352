"""What a report's template asks it to fill in, as printed: a placeholder left in (a run of X where the template
asks for a name, a year or an amount: "XX局", "××部门", "XXXX年度", "XX万元"; the template's two directions left
unchosen: "减少（增加）", "下降（增长）", "小于（大于）"), and the department a table's label
names ("编制部门：…", "编制单位：…", "部门名称：…"). The checks hold them against the report (``template_placeholder``,
``department_name_differs``); this module only finds them.

A run of X counts when it stands next to a Chinese character and apart from Latin letters and digits, so that a
code, an address or a product name ("XX-2000", "www.xx.gov.cn") is none.
"""

from __future__ import annotations

import re

from pipeline.parse.result import NamedDepartment, Placeholder
from pipeline.parse.text.lines import Line

_RUN = r"[XxＸｘ×]{2,}"
_HAN = r"[\u4e00-\u9fff]"
_RUN_OF_X = rf"(?<![A-Za-z0-9.\-]){_RUN}(?={_HAN})|(?<={_HAN}){_RUN}(?![A-Za-z0-9.\-])"
# The template's two directions, one in brackets, left for the report to choose: "减少（增加）", "小于（大于）".
_WORD = r"(?:增加|减少|增长|下降|降低|小于|大于|高于|低于)"
_UNCHOSEN = rf"{_WORD}\s*[（(]\s*{_WORD}\s*[）)]"
_PLACEHOLDER = re.compile(f"{_RUN_OF_X}|{_UNCHOSEN}")


def holds_placeholder(text: str) -> bool:
    return _PLACEHOLDER.search(text) is not None


def find_placeholders(lines: list[Line], line_pages: list[int] | None = None) -> list[Placeholder]:
    """Each placeholder of ``lines``, with its line, its span in the text and (for a PDF) its page."""
    return [
        Placeholder(
            printed=line.text[match.start() : match.end()],
            line_no=line.no,
            char_start=line.start + match.start(),
            char_end=line.start + match.end(),
            page=line_pages[line.no - 1] if line_pages else None,
        )
        for line in lines
        for match in _PLACEHOLDER.finditer(line.text)
    ]


# "编制部门：上海市普陀区财政局    单位：万元": the name runs to the first blank or colon.
_LABEL = re.compile(r"(?:编制部门|编制单位|部门名称|单位名称|填报单位)\s*[：:]\s*(?P<name>[^\s：:]+)")


def find_named_departments(lines: list[Line], line_pages: list[int] | None = None) -> list[NamedDepartment]:
    """Each department a label names, with its line, its span in the text and (for a PDF) its page."""
    return [
        NamedDepartment(
            printed=match["name"],
            line_no=line.no,
            char_start=line.start + match.start("name"),
            char_end=line.start + match.end("name"),
            page=line_pages[line.no - 1] if line_pages else None,
        )
        for line in lines
        for match in _LABEL.finditer(line.text)
    ]
