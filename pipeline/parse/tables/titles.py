"""A table's title and its kind, read from the lines printed above (or in the first rows of) its grid.

Titles vary: a table number before them (``公开03表：``, ``公开 10 表``, ``表7：``), a list number (``七、``, ``1.``),
the department and year (``2017年度江苏省高级人民法院部门收入预算总表``), quotes around 三公 present, absent or
detached by the text layer, a variant wording (``收支决算总表``), a trailing ``（功能科目）``. The kind is the
standard name the title ends with, the longest one winning (``财政拨款收支预算总表`` before ``收支预算总表``).
Table-of-contents lines (leader dots, a trailing page number) are never titles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.parse.tables.amounts import compact

# (kind, pattern of the standard name, matched at the end of the normalised title).
KIND_PATTERNS: tuple[tuple[str, str], ...] = (
    # 部门决算
    ("final_income_expenditure_summary", r"收(?:入)?支(?:出)?决算总表"),
    ("final_income", r"收入决算(?:总)?表"),
    ("final_expenditure", r"支出决算(?:总)?表"),
    ("final_fiscal_summary", r"财政拨款收(?:入)?支(?:出)?决算总表"),
    ("final_fiscal_expenditure_detail", r"财政拨款支出决算明细表"),
    ("final_general_budget_expenditure", r"一般公共预算财政拨款支出决算表"),
    ("final_general_budget_basic_expenditure", r"一般公共预算财政拨款基本支出决算(?:明细)?表"),
    ("final_three_public", r"(?:一般公共预算)?(?:财政拨款)?三公经费(?:及会议费、?培训费)?支出决算表"),
    ("final_government_fund", r"政府性基金预算财政拨款(?:收入)?支出决算表"),
    ("final_state_capital", r"国有资本经营预算财政拨款(?:收入)?支出决算表"),
    # 部门预算
    ("budget_finance_summary", r"财务收支预算总表"),
    ("budget_income_expenditure_summary", r"收支预算总表"),
    ("budget_income", r"收入预算总表"),
    ("budget_expenditure", r"支出预算总表"),
    ("budget_fiscal_summary", r"财政拨款收支预算总表"),
    ("budget_fiscal_expenditure", r"财政拨款支出预算表"),
    ("budget_fiscal_basic_expenditure", r"财政拨款基本支出预算表"),
    ("budget_general_budget_expenditure", r"一般公共预算(?:财政拨款)?支出(?:功能分类)?预算表"),
    (
        "budget_general_budget_basic_expenditure",
        r"一般公共预算(?:财政拨款)?基本支出(?:部门预算)?(?:经济分类)?预算表",
    ),
    (
        "budget_government_fund_expenditure",
        r"政府性基金预算支出功能分类预算表|(?:财政拨款)?政府性基金(?:预算)?(?:财政拨款)?支出预算表",
    ),
    (
        "budget_state_capital_expenditure",
        r"国有资本经营预算支出功能分类预算表|(?:财政拨款)?国有资本经营(?:预算)?(?:财政拨款)?支出预算表",
    ),
    ("budget_three_public", r"三公经费(?:和机关运行经费|、?会议费、?培训费)?(?:支出)?预算表"),
    ("budget_operating_expenses", r"机关运行经费(?:支出)?预算表"),
    ("budget_government_procurement", r"政府采购(?:支出)?预算(?:明细)?表"),
)

# A table whose title names no standard table: read, its cells kept, mapped to no metric.
UNKNOWN_KIND = "unknown"

# Kinds whose classification codes are 经济分类 (the others print 支出功能分类 codes).
ECONOMIC_KINDS = frozenset(
    {
        "final_general_budget_basic_expenditure",
        "budget_fiscal_basic_expenditure",
        "budget_general_budget_basic_expenditure",
        "budget_operating_expenses",
    }
)

# Titles of tables read elsewhere (performance self-evaluations): never emitted as line items.
SKIPPED_TITLE = re.compile(r"绩效自评")

_COMPILED = tuple((kind, re.compile(f"(?:{pattern})$")) for kind, pattern in KIND_PATTERNS)
_QUOTES = re.compile(r"[“”\"'‘’「」『』〝〞]")
_TABLE_NUMBER = re.compile(r"(?:公开|附|部门公开)?表\d+(?:-\d+)?|公开\d+表|附表\d+|表\d+")
_NUMBER_PREFIX = re.compile(
    r"^(?:(?:部门)?公开\d+表|附表\d+|表\d+(?:-\d+)?|第[一二三四五六七八九十]+部分)[:：、.．]?"
    r"|^[一二三四五六七八九十]+[、.．]|^[(（][一二三四五六七八九十\d]+[)）]|^\d+[、.．]"
)
_TRAILER = re.compile(
    r"(?:[(（](?:功能科目|经济科目|功能分类|经济分类|按功能分类|按经济分类|续表?|续)[)）]|续表|续)$"
)
_CONTINUED = re.compile(r"(?:[(（]续表?[)）]|续表|续)$")
_TOC_LINE = re.compile(r"(?:…|\.{4,}|·{4,}|-{4,})|\d+$")
_MAX_TITLE_CHARS = 70


@dataclass(frozen=True)
class Title:
    kind: str  # one of KIND_PATTERNS' kinds, or "skipped" for a table read elsewhere
    text: str  # the title as printed, blanks removed, table number and list number taken off
    number: str | None  # the table number as printed (公开01表), blanks removed
    continued: bool  # the title says the table continues (…（续）)


def normalise(text: str) -> str:
    """Blanks and quotes removed, full-width brackets and colons made ASCII-like for matching."""
    flat = _QUOTES.sub("", compact(text))
    return flat.replace("（", "(").replace("）", ")").replace("：", ":")


def table_number(text: str) -> str | None:
    """The printed table number (``公开01表``, ``表7``) in a line, blanks removed."""
    match = _TABLE_NUMBER.search(compact(text))
    return match.group(0) if match else None


def is_toc_line(text: str) -> bool:
    """A table-of-contents line: leader dots or dashes, or a page number after the title."""
    flat = compact(text)
    return bool(_TOC_LINE.search(flat)) and not flat.endswith("表")


def match_title(text: str) -> Title | None:
    """The standard table a line (or a few joined lines) names, or None.

    The line must end with the standard name; a longer name beats a shorter one it ends with.
    """
    flat = compact(text)
    if not flat or len(flat) > _MAX_TITLE_CHARS or is_toc_line(flat):
        return None
    number = table_number(flat)
    core = flat
    while True:
        shorter = _NUMBER_PREFIX.sub("", core, count=1)
        if shorter == core:
            break
        core = shorter
    core = core.lstrip(":：")
    continued = bool(_CONTINUED.search(normalise(core)))
    key = normalise(core)
    while True:
        trimmed = _TRAILER.sub("", key)
        if trimmed == key:
            break
        key = trimmed
    if SKIPPED_TITLE.search(key) and key.endswith("表"):
        return Title("skipped", core, number, continued)
    best: tuple[int, str] | None = None
    for kind, pattern in _COMPILED:
        match = pattern.search(key)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), kind)
    if best is None:
        return None
    return Title(best[1], core, number, continued)


def looks_like_title(text: str) -> bool:
    """A line that names some table (…表) without being a standard one: the title of an unknown table.

    A continuation mark (续表) and the report's running head (…年度部门决算表) name none."""
    flat = compact(text)
    return (
        bool(flat)
        and len(flat) <= _MAX_TITLE_CHARS
        and flat.endswith("表")
        and not is_toc_line(flat)
        and not _CONTINUATION_MARK.match(normalise(flat))
        and not _RUNNING_HEAD.search(flat)
    )


_CONTINUATION_MARK = re.compile(r"^(?:\(?续表?\)?)$")
_RUNNING_HEAD = re.compile(r"(?:部门|单位)(?:决算|预算)(?:公开)?表$")
