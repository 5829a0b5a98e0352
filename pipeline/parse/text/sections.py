"""Which narrative section each line belongs to, from the headings above it.

Only level-1 and level-2 headings (一、 / （一）) name sections; level-3 items (1. 财政拨款收入…) are
the content of their section, whose words they share. Parts that state no figures of interest —
部门概况, 主要职能, 机构设置, 名词解释, the tables, the appendix, the table of contents — are left out of
the narrative (section ``None``); an unnumbered narrative title ("2024年部门预算编制说明", "其他相关情况
说明") brings it back.

A narrative without section headings — a budget's 编制说明 is one run of paragraphs: "收入预算…万元，其中：
…" / "支出预算…万元…" / "财政拨款支出主要内容如下：" / "1. …" — is left in section ``OTHER`` here;
``lead_section`` then names each paragraph's section from the subject it opens with (``prose``).
"""

from __future__ import annotations

import re

from pipeline.parse.text.lines import Line, heading_of

OTHER = "其他"

# Most specific first: "一般公共预算财政拨款“三公”经费" is 三公, "一般公共预算财政拨款基本支出" is 基本支出.
_KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("机关运行经费", ("机关运行经费",)),
    ("三公", ("三公",)),
    ("政府采购", ("政府采购",)),
    ("国有资产", ("国有资产", "资产占用", "资产占有")),
    ("绩效", ("绩效",)),
    ("基本支出", ("基本支出",)),
    ("政府性基金", ("政府性基金",)),
    ("国有资本经营", ("国有资本经营",)),
    ("一般公共预算", ("一般公共预算",)),
    ("财政拨款", ("财政拨款",)),
)
# A part heading that starts a stretch without narrative figures.
_EXCLUDED_PART = re.compile(r"概况|名词解释|决算表|预算表|公开表|报表|附件|附表|目\s*录")
# The same as an unnumbered title; anchored so that a short body line such as "详见附件" does not match:
# "目 录", "附件2", "2024年部门收入预算总表", "财政项目支出绩效目标填报表", "…（部门）主要职能", "名词解释".
_EXCLUDED_TITLE = re.compile(
    r"^(?:附件|附表|目\s*录)\s*\d*$|(?:决算|预算|公开|填报|自评)(?:总|明细|汇总)?(?:报)?表$"
    r"|名词解释$|概况$|主要职能$|主要职责$|机构设置$"
)
# The same at level 1, when a report has no parts: 一、主要职能 … 二、部门决算单位构成.
_EXCLUDED_LEVEL1 = re.compile(r"名词解释|主要职能|主要职责|单位构成|机构设置|人员情况|基本情况|部门概况")
# An unnumbered title that opens the narrative: "2022年度部门决算情况说明", "2024年部门预算编制说明",
# "其他相关情况说明".
_NARRATIVE_TITLE = re.compile(r"(?:决算|预算)(?:编制|情况)?说明|(?:决算|预算)公开说明|^(?:其他|其它)\S{0,6}说明$")
_TITLE_MAX_CHARS = 40
# Where a heading's title stops naming its subject: "（一）收入总计423.59万元，包括：".
_TITLE_END = re.compile(r"[\d，,。；;：:]")
# The year a title may open with: "2017 年部门政府采购预算情况说明", "2024年度…".
_LEADING_YEAR = re.compile(r"^\s*(?:19|20)\d{2}\s*年度?\s*")
# 收支 is 收入 and 支出, and a title that names both opens with 收入 ("收入支出决算总体情况说明").
_INCOME_AND_EXPENDITURE = re.compile(r"收支|收、支")


def assign_sections(
    lines: list[Line], skip: frozenset[int] = frozenset(), furniture: frozenset[int] = frozenset()
) -> list[str | None]:
    """The section of every line (index ``line.no - 1``); ``None`` outside the narrative and on ``skip``.

    The lines of ``furniture`` (page numbers, running headers: ``layout.page_furniture``) neither head nor
    end anything; they are ``None``."""
    sections: list[str | None] = []
    section: str = OTHER
    excluded_by: int | None = None  # heading level that started the excluded stretch
    for line in lines:
        if line.no in furniture:
            sections.append(None)
            continue
        heading = heading_of(line)
        if heading and heading.level <= 2:
            if heading.level == 0:
                excluded_by = 0 if _EXCLUDED_PART.search(heading.title) else None
                section = OTHER
            elif heading.level == 1 and excluded_by != 0:
                excluded_by = 1 if _EXCLUDED_LEVEL1.search(heading.title) else None
                section = _section_of_title(heading.title) or OTHER
            elif excluded_by is None:
                section = _section_of_title(heading.title) or section
        elif not heading and _is_title(line):
            if _EXCLUDED_TITLE.search(line.text.strip()):
                excluded_by, section = 0, OTHER
            elif _NARRATIVE_TITLE.search(line.text.strip()):
                excluded_by, section = None, OTHER
        inside = excluded_by is None and not line.is_cell and line.no not in skip
        sections.append(section if inside else None)
    return sections


def lead_section(subject: str) -> str | None:
    """The section a paragraph's opening subject names ("收入预算" → 收入, "财政拨款支出主要内容如下" →
    财政拨款), as a heading with those words would."""
    return _section_of_title(subject)


def is_narrative_title(line: Line) -> bool:
    """An unnumbered title line that opens (a stretch of) the narrative; it is a paragraph of its own."""
    return not heading_of(line) and _is_title(line) and bool(_NARRATIVE_TITLE.search(line.text.strip()))


def _section_of_title(title: str) -> str | None:
    title = _INCOME_AND_EXPENDITURE.sub("收入支出", _LEADING_YEAR.sub("", title))
    subject = _TITLE_END.split(title, maxsplit=1)[0]
    for section, words in _KEYWORDS:
        if any(word in subject for word in words):
            return section
    positions = {name: subject.find(name) for name in ("收入", "支出") if name in subject}
    return min(positions, key=positions.get) if positions else None


def _is_title(line: Line) -> bool:
    text = line.text.strip()
    return 0 < len(text) <= _TITLE_MAX_CHARS and not re.search(r"[，,。；;：:]", text)
