"""Who published the report, for which year, and whether it is a 决算 or a 预算.

The department's name is taken, in this order, from a title ("XXX2022年度部门决算"), from the
budget-scope sentence ("纳入XXX2022年部门决算编制范围"), from the name cell of a 绩效自评表 (shortened
to the form the narrative uses, so "辽宁省盘锦市…局" becomes "盘锦市…局" when the narrative says so),
from a "单位名称：" line, and last from the sub-unit list ("…局本级"). Template placeholders such as
某部门 or 本部门 are no name. The region is the area code a 绩效 table prints after the unit's name, else the
one the name itself starts with (``pipeline.reference.region_names``), else the one a longer form of the name
printed in the text starts with ("普陀区财政局" in a title, "上海市普陀区财政局" in the body).

The scope tells a 部门 report (the department consolidated with the units it lists) from a 单位 report (one unit
alone): the report names it with its year ("2024年单位预算", "2025年区级部门预算"), its tables name the one who
compiled them ("预算单位：", "编制单位：" against "预算主管部门：", "编制部门："), and their titles say whose they
are ("预算单位财务收支预算总表" against "部门财务收支预算总表"). A report that says neither is a 部门 report, the
kind departments publish.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from pipeline.parse.text.lines import Line, heading_of
from pipeline.quarantine import UnreadableDocument
from pipeline.reference.department_names import department_name_normalized
from pipeline.reference.region_names import region_of

# Any four digits, so that a misprinted "2202年度部门决算" is caught below rather than read as no year at all.
_YEAR = r"(?<!\d)(?P<year>\d{4})"
# Department budgets as they are disclosed began with the 2000 部门预算 reform; 21xx is a misprint.
FISCAL_YEARS = range(2000, 2100)
_KIND = r"(?:[省市区县]级)?(?P<scope>部门|单位)?\s*(?P<kind>决算|预算)"
# "2022年度部门决算", "2024 年度部门决算", "2025年区级部门预算", "2023年度单位决算".
_REPORT_YEAR = re.compile(_YEAR + r"\s*年度?\s*" + _KIND)
# What makes a text a disclosure report rather than a text that mentions budgets.
_REPORT_MARKER = re.compile(
    r"(?:部门|单位)(?:决算|预算)|(?:决算|预算)(?:情况)?说明|(?:决算|预算)公开|(?:决算|预算)(?:明细)?总?表"
)
# A year in a file name: "…2019年度部门预算公开表格.pdf", "js_2019_dept-budget.pdf" — not inside a longer number.
_FILE_YEAR = re.compile(r"(?<!\d)(?P<year>20\d{2})(?!\d)")
_TITLE = re.compile(r"^(?P<name>[^，。；：:、\d]{2,60}?)\s*" + _YEAR + r"\s*年度?\s*" + _KIND)
_SCOPE = re.compile(
    r"纳入(?P<name>[^，。；：:、\d]{2,60}?)\s*" + _YEAR + r"\s*年度?\s*" + _KIND + r"[^。]{0,6}?(?:编制)?范围"
)
# "部门：江苏省政协办公厅 单位：万元" — a table header line names the department before the unit.
_LABELLED = re.compile(
    r"^(?:部门|单位|预算单位|编制部门|预算主管部门)(?:名称)?\s*[:：]\s*(?P<name>[^\s:：]{2,60})(?:\s|$)"
)
_SUB_UNIT = re.compile(r"^(?P<name>\S{2,60}?)\s*[（(]?本级[）)]?$")
_PLACEHOLDER = re.compile(r"^(?:某|本|该|我)(?:部门|单位)$|^[X×*＊]+")
# How the name of a government body ends; a title's lead-in such as "根据" never does.
_ORGANISATION = re.compile(
    r"(?:局|委|办|厅|部|院|署|室|会|所|站|中心|处|队|馆|校|园|社|团|台|场|府|镇|乡|街道|办事处|委员会)$"
)
# "349011辽宁省盘锦市兴隆台区工业和信息化局-211103000": the unit's code, its name, a 9-digit area code.
_CODED_NAME = re.compile(r"^(?P<unit>\d{3,})?\s*(?P<name>\D+?)\s*(?:[-－—–]\s*(?P<area>\d{6,12}))?$")
_ADMIN_DIVISION = re.compile(r"(?:省|自治区|市|州|盟|地区|县|区|旗)")
_TITLE_MAX_CHARS = 60
DEPARTMENT_SCOPE, UNIT_SCOPE = "department", "unit"
_SCOPE_WORDS = {"部门": DEPARTMENT_SCOPE, "单位": UNIT_SCOPE}
# Who compiled a table, printed above it; "单位：万元" is a unit of measure and never matches.
_COMPILER = re.compile(
    r"^\s*(?P<who>预算主管部门|编制部门|主管部门|预算单位|编制单位)\s*[:：]\s*[\u4e00-\u9fff]", re.MULTILINE
)
_COMPILER_SCOPE = {"预算主管部门": DEPARTMENT_SCOPE, "编制部门": DEPARTMENT_SCOPE, "主管部门": DEPARTMENT_SCOPE}
# "2024年预算单位财务收支预算总表" / "2025年部门收入预算总表": whose table it is.
_TABLE_OWNER = re.compile(r"(?:19|20)\d{2}\s*年度?\s*(?P<who>预算单位|部门)[\u4e00-\u9fff]{0,16}?(?:预算|决算)(?:总)?表")
# "单位编码：349011", "单位代码：…".
_UNIT_CODE = re.compile(r"(?:单位|部门)(?:编码|代码)\s*[:：]\s*(?P<code>\d{3,12})(?!\d)")
# How far before a name printed in the body a longer form's divisions may start ("上海市普陀区" + "财政局").
_REGION_LOOKBACK = 16
_PUNCTUATION = re.compile(r"[，,。；;：:]")


@dataclass(frozen=True)
class DocumentMeta:
    department_name: str
    unit_code: str | None
    region_code: str | None
    fiscal_year: int
    report_kind: str  # final_account | budget
    report_scope: str  # department | unit


def read_document_meta(
    text: str, lines: list[Line], table_unit_names: list[str], source_path: str | None = None
) -> DocumentMeta:
    """Raises ``UnreadableDocument`` with ``not_a_report`` when the text names no report kind,
    ``no_fiscal_year`` when it names no year, ``implausible_fiscal_year`` when no year it names is in
    ``FISCAL_YEARS``.

    A tables-only file (the tables of a report published apart from its narrative) often prints no year at
    all; its file name then gives the year, as the publishing site named the attachment.
    """
    year, kind = _year_and_kind(text, source_path)
    coded = [m for m in (_CODED_NAME.match(name.strip()) for name in table_unit_names) if m]
    name = _department_name(text, lines, [m.group("name") for m in coded])
    if name is None:
        raise UnreadableDocument(
            "not_a_report", "the report names no department: no title, no budget scope, no unit name"
        )
    unit_code = next((m.group("unit") for m in coded if m.group("unit")), None)
    if unit_code is None and (printed_code := _UNIT_CODE.search(text)):
        unit_code = printed_code.group("code")
    area = next((m.group("area") for m in coded if m.group("area")), None)
    # The printed area code where a table gives one, else the divisions the department's name starts with.
    region = area[:6] if area and 11 <= int(area[:2]) <= 82 else region_of(name) or _region_in_text(name, text)
    return DocumentMeta(name, unit_code, region, year, kind, _scope(text, year))


def _scope(text: str, year: int) -> str:
    """部门 or 单位: the scope the report names with its year, else the one its tables' compilers and titles
    name most, else 部门."""
    named = Counter(
        _SCOPE_WORDS[m.group("scope")]
        for m in _REPORT_YEAR.finditer(text)
        if m.group("scope") and int(m.group("year")) == year
    )
    if named:
        return named.most_common(1)[0][0]
    tables = Counter(_COMPILER_SCOPE.get(m.group("who"), UNIT_SCOPE) for m in _COMPILER.finditer(text))
    tables.update(
        DEPARTMENT_SCOPE if m.group("who") == "部门" else UNIT_SCOPE for m in _TABLE_OWNER.finditer(text)
    )
    if tables[UNIT_SCOPE] > tables[DEPARTMENT_SCOPE]:
        return UNIT_SCOPE
    return DEPARTMENT_SCOPE


def _region_in_text(name: str, text: str) -> str | None:
    """The region of the longest form of ``name`` the text prints with divisions before it, the one printed
    most where several forms disagree: "普陀区财政局" is 310107 where the body says "上海市普陀区财政局"."""
    normalized = department_name_normalized(name)
    found: Counter[str] = Counter()
    for match in re.finditer(re.escape(name), text):
        before = text[max(0, match.start() - _REGION_LOOKBACK) : match.start()]
        for start in range(len(before)):
            region = region_of(before[start:] + normalized)
            if region:
                found[region] += 1
                break
    return found.most_common(1)[0][0] if found else None


def _year_and_kind(text: str, source_path: str | None) -> tuple[int, str]:
    markers = _REPORT_MARKER.findall(text)
    found = list(_REPORT_YEAR.finditer(text))
    # "2025年部门预算" names the report; "2024年预算" is often a comparison column of its tables.
    scoped = [m for m in found if m.group("scope")] or found
    stated = [(int(m.group("year")), m.group("kind")) for m in scoped]
    if markers and not stated and source_path:
        file_years = {int(m.group("year")) for m in _FILE_YEAR.finditer(source_path.rsplit("/", 1)[-1])}
        if len(file_years) == 1:
            # Counted outside flattened table cells, whose rows of 一般公共预算… outnumber the titles' 决算.
            titles = "\n".join(line for line in text.split("\n") if not line.startswith("\t"))
            stated = [(file_years.pop(), "决算" if titles.count("决算") >= titles.count("预算") else "预算")]
    if not markers:
        raise UnreadableDocument(
            "not_a_report",
            "the text names no 部门决算/部门预算 (such as 2022年度部门决算); it is not a disclosure report",
        )
    if not stated:
        raise UnreadableDocument(
            "no_fiscal_year",
            "the report names no fiscal year (such as 2022年度部门决算) in its text, nor its file name one",
        )
    plausible = [(y, k) for y, k in stated if y in FISCAL_YEARS]
    if not plausible:
        years = "、".join(sorted({str(y) for y, _ in stated}))
        raise UnreadableDocument(
            "implausible_fiscal_year",
            f"the report names the fiscal year {years}, outside the accepted {FISCAL_YEARS.start}–"
            f"{FISCAL_YEARS.stop - 1}",
        )
    year = Counter(y for y, _ in plausible).most_common(1)[0][0]
    kinds = Counter(k for y, k in plausible if y == year)
    # A 决算 also speaks of its 预算 (年初预算, 一般公共预算): the kind named most with the report's year
    # wins, ties to 决算.
    kind = "final_account" if kinds["决算"] >= kinds["预算"] else "budget"
    return year, kind


def _department_name(text: str, lines: list[Line], table_names: list[str]) -> str | None:
    titles = [_TITLE.match(candidate) for candidate in _title_candidates(lines)]
    scopes = list(_SCOPE.finditer(text))
    labelled = [_LABELLED.match(line.text.strip()) for line in lines if not line.is_cell]
    for match in (*titles, *scopes):
        if match and _is_name(match.group("name")):
            return _clean(match.group("name"))
    if table_names:
        narrative = "\n".join(line.text for line in lines if not line.is_cell)
        return _as_in_narrative(_clean(table_names[0]), narrative)
    for match in labelled:
        if match and _is_name(match.group("name")):
            return _clean(match.group("name"))
    return _sub_unit(lines)


def _title_candidates(lines: list[Line]):
    """Each short line, alone and joined with the one or two short lines after it: a cover title may be
    broken over lines ("江苏省高级人民法院" / "2019 年度部门预算公开")."""
    for i, line in enumerate(lines):
        if not _is_title_line(line):
            continue
        joined = _without_numbering(line)
        yield joined
        for following in lines[i + 1 : i + 3]:
            if not _is_title_line(following) or _PUNCTUATION.search(joined + following.text):
                break
            joined += following.text.strip()
            yield joined


def _is_title_line(line: Line) -> bool:
    return not line.is_cell and not line.is_blank and len(line.text.strip()) <= _TITLE_MAX_CHARS


def _without_numbering(line: Line) -> str:
    heading = heading_of(line)
    return heading.title if heading and heading.level == 0 else line.text.strip()


def _as_in_narrative(name: str, narrative: str) -> str:
    """The longest tail of ``name`` (cut after a province or city) that the narrative prints and that still
    names a place: "辽宁省盘锦市兴隆台区工业和信息化局" may become "盘锦市兴隆台区工业和信息化局",
    never "工业和信息化局"."""
    cuts = [0] + [m.end() for m in _ADMIN_DIVISION.finditer(name) if _ADMIN_DIVISION.search(name[m.end() :])]
    for cut in cuts:
        if name[cut:] in narrative:
            return name[cut:]
    return name


def _sub_unit(lines: list[Line]) -> str | None:
    """The department from its own entry in the sub-unit list, "…局本级" or "…局（本级）"."""
    for line in lines:
        match = _SUB_UNIT.match(line.text.strip())
        if match and _ORGANISATION.search(match.group("name")):
            name = match.group("name")
            # "…信息化局局本级" repeats the organisation's last character before 本级.
            return name[:-1] if len(name) > 2 and name[-1] == name[-2] else name
    return None


def _is_name(name: str) -> bool:
    name = _clean(name)
    return (
        bool(_ORGANISATION.search(name))
        and not _PLACEHOLDER.search(name)
        and not name.startswith(("纳入", "关于"))
    )


def _clean(name: str) -> str:
    return re.sub(r"\s+", "", name)
