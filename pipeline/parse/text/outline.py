"""A report's outline: its table of contents (目录) and the headings of the narrative sections a report must have.

The warehouse tells from these facts a required section the report lacks, a part its contents list but its body
does not print, and one printed but not listed; this module only reads them.

The contents are the lines after a 目录 title, up to the end of the listing: the first line of prose, the line
that repeats the first entry (the body starting with the part the listing started with), or an unnumbered line
without a page reference after a listing whose every entry had a number or one (the body's first title). Each
entry keeps its title as printed — a title wrapped over two lines joined, the leader dots and page number taken
off —, its printed page number (after leader dots "……5", after a blank, or alone on the next line), and what it
names: a standard table (``tables.titles``), a section (``SECTIONS``) or neither.

The body's headings are the parts, the level-1 and level-2 headings and the unnumbered titles outside the
contents that name a section, wherever the heading states figures after its title ("（三）机关运行经费支出情况：
2022年…"). Outside the narrative (``sections.assign_sections``: the tables, the overview's and the glossary's own
items) only the overview and the glossary are named, by the headings that open them: there a glossary entry
"八、“三公”经费：指…" defines a term and heads no section. Table titles are no section headings; the table
reader reads the tables.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.parse.tables.amounts import compact
from pipeline.parse.tables.titles import KIND_PATTERNS, UNKNOWN_KIND, looks_like_title, match_title, normalise
from pipeline.parse.text.lines import Heading, Line, heading_of


@dataclass(frozen=True)
class Section:
    """A narrative section a report must have: its code (``schemas.REPORT_OUTLINE.section_code``), its names and
    how a heading names it."""

    code: str
    zh: str
    en: str
    pattern: re.Pattern[str]  # searched in a heading's subject (``section_of``); the first section matching wins


# "“三公”经费和机关运行经费预算情况" is 三公 (as the table it explains), hence three_public before operating_expenses.
SECTIONS: tuple[Section, ...] = (
    Section(
        "overview",
        "部门概况（主要职能、机构设置、单位构成）",
        "the department's overview: its functions, its structure, the units its report covers",
        re.compile(r"(?<!项目)概况$|主要职能|主要职责|机构设置|单位构成"),
    ),
    Section(
        "income_expenditure",
        "收支总体情况（收入、支出情况说明；上海部门预算的编制说明）",
        "income and expenditure overall (the income and the expenditure explained; a Shanghai budget's 编制说明)",
        # Only the department's own totals: "财政拨款收支总体情况" and "一般公共预算…支出情况" explain one fund.
        re.compile(
            r"^(?:部门|单位)?(?:财务)?(?:预算|决算)?(?:收支|收、支|收入支出|收入、支出|收入|支出)(?:预算|决算)?"
            r"(?:总表|总体)?(?:情况说明|情况|说明)$"
            r"|(?:预算|决算)编制说明$"
        ),
    ),
    Section(
        "three_public",
        "“三公”经费",
        "the three public expenses: trips abroad, official cars, official receptions",
        re.compile(r"三公"),
    ),
    Section("operating_expenses", "机关运行经费", "the offices' operating expenses", re.compile(r"机关运行经费")),
    Section("government_procurement", "政府采购", "government procurement", re.compile(r"政府采购")),
    Section(
        "state_assets",
        "国有资产占用（占有）情况",
        "the state-owned assets the department holds",
        re.compile(r"国有资产|资产占[用有]"),
    ),
    Section(
        "performance",
        "预算绩效（绩效目标、绩效自评）",
        "budget performance: its targets and self-evaluations",
        re.compile(r"绩效"),
    ),
    Section("glossary", "名词解释", "the glossary of terms", re.compile(r"名词解释")),
)
# The sections ``sections.assign_sections`` leaves out of the narrative: named by the headings that open them.
_OUTSIDE_THE_NARRATIVE = frozenset({"overview", "glossary"})

CONTENTS = "contents"
BODY = "body"

_CONTENTS_TITLE = "目录"
_KINDS = frozenset(kind for kind, _ in KIND_PATTERNS)
# Where a heading's subject ends and its figures begin: "（一）收入总计423.59万元，包括：", "一、主要职能。".
_SUBJECT_END = re.compile(r"[:，,。；;]")
_LEADING_YEAR = re.compile(r"^(?:19|20)\d{2}年度?")
# Leader dots (or dashes, underscores) and the page number after them, or a page number after a blank or a tab.
_LEADER = "…⋯·.．_—–-"
_TRAILING_PAGE = re.compile(rf"(?:^|(?<=\s)|(?<=[{_LEADER}]))(\d{{1,4}})\s*$")
_TRAILING_LEADERS = re.compile(rf"[\s{_LEADER}]*[{_LEADER}]{{2}}[\s{_LEADER}]*$")
# A line of prose, not an entry: a clause inside it, a colon that opens a list.
_PROSE = re.compile(r"[，,；;！？!?]|。(?!$)|[:：]$")
_ENTRY_MAX_CHARS = 60
# A wrapped title: its first line is long, the rest a short fragment ("…培训费支" / "出预算表").
_WRAPPED_MIN_CHARS = 20
_FRAGMENT_MAX_CHARS = 10
# An unnumbered line is a title when it is short, states nothing and ends as a title does.
_TITLE_MAX_CHARS = 40
_TITLE_ENDING = re.compile(r"(?:情况|说明|概况|职能|职责|设置|构成|解释|目标)$")


@dataclass(frozen=True)
class OutlineEntry:
    place: str  # CONTENTS or BODY
    title: str  # as printed, a wrapped title joined; in the contents without leader dots and page number
    page_printed: int | None  # the page the contents give; None in the body
    section_code: str | None  # one of SECTIONS' codes
    table_kind: str | None  # a contents entry naming a table: its kind, or UNKNOWN_KIND
    line_no: int  # the first line
    char_start: int
    char_end: int  # exclusive: the end of what the entry prints, its page number included


def section_of(title: str) -> str | None:
    """The section a heading's title (its numbering taken off) names, or None."""
    subject = _LEADING_YEAR.sub("", _SUBJECT_END.split(normalise(title), maxsplit=1)[0])
    return next((section.code for section in SECTIONS if section.pattern.search(subject)), None)


def read_outline(
    lines: list[Line], sections: list[str | None], furniture: frozenset[int], line_pages: list[int] | None = None
) -> list[OutlineEntry]:
    """The contents' entries and the body's section headings, in the order they are printed.

    ``sections`` is ``sections.assign_sections``' reading of ``lines`` (None outside the narrative); ``furniture``
    the page furniture (``lines.page_furniture``); ``line_pages[i]`` the page of line ``i + 1`` in a paginated
    format.
    """
    contents, contents_lines = _read_contents(lines, furniture, line_pages)
    headings = _body_headings(lines, sections, furniture, line_pages, contents_lines)
    return sorted(contents + headings, key=lambda entry: entry.line_no)


def outline_rows(entries: list[OutlineEntry], sha256: str) -> list[dict]:
    """The rows of ``schemas.REPORT_OUTLINE``."""
    return [
        {
            "document_sha256": sha256,
            "entry_index": index,
            "place": entry.place,
            "section_code": entry.section_code,
            "table_kind": entry.table_kind,
            "title_printed": entry.title,
            "page_printed": entry.page_printed,
            "line_no": entry.line_no,
            "char_start": entry.char_start,
            "char_end": entry.char_end,
        }
        for index, entry in enumerate(entries)
    ]


@dataclass
class _Listed:
    """A contents entry while it is read: its lines, its title parts, its page reference."""

    lines: list[Line]
    titles: list[str]
    page: int | None
    referenced: bool  # leader dots or a page number follow the title
    end: int

    @property
    def title(self) -> str:
        return "".join(self.titles)

    @property
    def numbered(self) -> bool:
        return heading_of(self.lines[0]) is not None


def _read_contents(
    lines: list[Line], furniture: frozenset[int], line_pages: list[int] | None
) -> tuple[list[OutlineEntry], range]:
    """The contents' entries and the lines they take (an empty range without a 目录)."""
    start = next(
        (i for i, line in enumerate(lines) if not line.is_cell and compact(line.text) == _CONTENTS_TITLE), None
    )
    if start is None:
        return [], range(0)
    listed: list[_Listed] = []
    for line in lines[start + 1 :]:
        if line.is_blank:
            continue
        title, page, referenced = _split_page_reference(line.text)
        if not title:
            if page is not None and _is_page_of(listed, line, furniture, line_pages):
                listed[-1].page, listed[-1].end = page, _text_end(line)
            continue
        if line.no in furniture:
            continue
        if listed and _continues(listed[-1], line, title, line_pages):
            entry = listed[-1]
            entry.lines.append(line)
            entry.titles.append(title)
            entry.page, entry.referenced, entry.end = page, entry.referenced or referenced, _text_end(line)
            continue
        if line.is_cell or _ends_listing(listed, line, title, referenced):
            break
        listed.append(_Listed([line], [title], page, referenced, _text_end(line)))
    entries = [_contents_entry(entry) for entry in listed]
    last = listed[-1].lines[-1].no if listed else lines[start].no
    return entries, range(lines[start].no, last + 1)


def _split_page_reference(text: str) -> tuple[str, int | None, bool]:
    """A contents line's title, its page number and whether leader dots or a page number follow the title."""
    page = None
    if match := _TRAILING_PAGE.search(text):
        page, text = int(match.group(1)), text[: match.start()]
    leaders = _TRAILING_LEADERS.search(text)
    if leaders:
        text = text[: leaders.start()]
    return text.strip(), page, page is not None or leaders is not None


def _is_page_of(listed: list[_Listed], line: Line, furniture: frozenset[int], line_pages: list[int] | None) -> bool:
    """A page number alone on its line is the last entry's when that entry has none and, in a paginated
    format, it stands on the entry's page and is no page furniture (the contents page's own number)."""
    if not listed or listed[-1].page is not None:
        return False
    if line_pages is None:
        return True
    return line.no not in furniture and _same_page(listed[-1].lines[-1], line, line_pages)


def _continues(entry: _Listed, line: Line, title: str, line_pages: list[int] | None) -> bool:
    previous = entry.lines[-1]
    return (
        entry.page is None
        and previous.no == line.no - 1
        and (line_pages is None or _same_page(previous, line, line_pages))
        and _wraps_into(entry.titles[-1], line, title)
    )


def _wraps_into(previous_title: str, line: Line, title: str) -> bool:
    """Whether ``line`` (whose title is ``title``) is the end of a title wrapped from the line before."""
    return (
        len(compact(previous_title)) >= _WRAPPED_MIN_CHARS
        and not _PROSE.search(previous_title)
        and heading_of(line) is None
        and not line.is_cell
        and 0 < len(compact(title)) <= _FRAGMENT_MAX_CHARS
        and not _PROSE.search(title)
    )


def _ends_listing(listed: list[_Listed], line: Line, title: str, referenced: bool) -> bool:
    if _PROSE.search(title) or len(compact(title)) > _ENTRY_MAX_CHARS:
        return True
    if not listed:
        return False
    if _key(title) == _key(listed[0].titles[0]):
        return True
    unreferenced_title = not referenced and heading_of(line) is None
    return unreferenced_title and all(entry.numbered or entry.referenced for entry in listed)


def _key(title: str) -> str:
    """A title without its numbering, blanks and final full stop: what the body repeats of a contents entry."""
    heading = _heading(title)
    return compact(heading.title if heading else title).rstrip("。")


def _heading(title: str) -> Heading | None:
    """The numbering of a title joined from its lines (``lines.heading_of`` reads it off a line)."""
    return heading_of(Line(0, 0, len(title), title))


def _contents_entry(entry: _Listed) -> OutlineEntry:
    first = entry.lines[0]
    table_kind, section_code = _named(entry.title)
    return OutlineEntry(
        place=CONTENTS,
        title=entry.title,
        page_printed=entry.page,
        section_code=section_code,
        table_kind=table_kind,
        line_no=first.no,
        char_start=_text_start(first),
        char_end=entry.end,
    )


def _named(title: str) -> tuple[str | None, str | None]:
    """What a contents entry names: (a table kind, None) for a table, (None, a section code or None) otherwise.

    A part is no table, though it may be titled like one ("第二部分 …2018年度预算表"): it holds the tables."""
    heading = _heading(title)
    if heading is None or heading.level > 0:
        table = match_title(title)
        if table is not None:
            return (table.kind if table.kind in _KINDS else UNKNOWN_KIND), None
        if looks_like_title(title):
            return UNKNOWN_KIND, None
    return None, section_of(heading.title if heading else title)


def _body_headings(
    lines: list[Line],
    sections: list[str | None],
    furniture: frozenset[int],
    line_pages: list[int] | None,
    contents_lines: range,
) -> list[OutlineEntry]:
    found: list[OutlineEntry] = []
    skip_to = 0  # the line after a wrapped heading's last
    for index, line in enumerate(lines):
        if index < skip_to or line.no in contents_lines or line.no in furniture or line.is_cell or line.is_blank:
            continue
        printed = _heading_lines(lines, index, furniture, line_pages)
        title = "".join(part.text.strip() for part in printed)
        section_code = _section_heading(title)
        if section_code is None:
            continue
        if sections[index] is None and section_code not in _OUTSIDE_THE_NARRATIVE:
            continue
        skip_to = index + len(printed)
        found.append(
            OutlineEntry(
                place=BODY,
                title=title,
                page_printed=None,
                section_code=section_code,
                table_kind=None,
                line_no=line.no,
                char_start=_text_start(line),
                char_end=_text_end(printed[-1]),
            )
        )
    return found


def _heading_lines(
    lines: list[Line], index: int, furniture: frozenset[int], line_pages: list[int] | None
) -> list[Line]:
    """The line at ``index`` and, when a title wraps onto it, the next."""
    line = lines[index]
    if index + 1 == len(lines):
        return [line]
    following = lines[index + 1]
    wraps = (
        following.no not in furniture
        and (line_pages is None or _same_page(line, following, line_pages))
        and _wraps_into(line.text, following, following.text)
    )
    return [line, following] if wraps else [line]


def _section_heading(title: str) -> str | None:
    """The section a body line heads: a part, a level-1 or level-2 heading, or an unnumbered title; no table."""
    if match_title(title) is not None or looks_like_title(title):
        return None
    heading = _heading(title)
    if heading is not None:
        return section_of(heading.title) if heading.level <= 2 else None
    flat = compact(title)
    if len(flat) > _TITLE_MAX_CHARS or _PROSE.search(flat) or not _TITLE_ENDING.search(_LEADING_YEAR.sub("", flat)):
        return None
    return section_of(title)


def _same_page(a: Line, b: Line, line_pages: list[int]) -> bool:
    # A PDF's text ends with a line break: the empty line after it is on no page.
    return a.no <= len(line_pages) and b.no <= len(line_pages) and line_pages[a.no - 1] == line_pages[b.no - 1]


def _text_start(line: Line) -> int:
    return line.start + len(line.text) - len(line.text.lstrip())


def _text_end(line: Line) -> int:
    return line.start + len(line.text.rstrip())
