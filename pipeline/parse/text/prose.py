"""The narrative as paragraphs and sentences, with their offsets in the document text.

A paragraph ends at a blank line, at a heading, at a line ending in 。, and before a numbered item; any
other line break is a wrapped line (text extracted from PDFs breaks lines mid-sentence), so a paragraph
may span lines. A heading that states a figure ("（二）公务用车购置及运行费46.56万元，比" / "2023年预算
增加25万元…") is a paragraph that may wrap too; a narrative title ("2024年部门预算编制说明") is one of its
own. Page furniture (``layout.page_furniture``) is skipped: a sentence runs on across the page break.
Sentences split a paragraph on 。；！？ — the line breaks inside a paragraph do not split it.

A paragraph takes the section of its first line (``sections.assign_sections``). Where no heading named
one (section ``OTHER``), an unnumbered paragraph names its own by the subject it opens with ("…收入预算
15621.11万元，其中：…" is 收入), as a heading would; the numbered items after it, and a paragraph whose
subject names no section, stay in that section.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.parse.text.labels import normalize_label, printed_label
from pipeline.parse.text.lines import Line, heading_of
from pipeline.parse.text.quantities import find_quantities, has_quantity
from pipeline.parse.text.sections import OTHER, is_narrative_title, lead_section

_SENTENCE_END = re.compile(r"[。；;！？!?]")
_CLAUSE_END = re.compile(r"[，,：:]")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int  # exclusive, before its closing punctuation


@dataclass(frozen=True)
class Paragraph:
    index: int
    section: str
    start: int
    end: int
    sentences: tuple[Sentence, ...]

    def sentence_at(self, offset: int) -> Sentence:
        return next(s for s in self.sentences if s.start <= offset <= s.end)

    def sentence_after(self, sentence: Sentence) -> Sentence | None:
        later = [s for s in self.sentences if s.start >= sentence.end]
        return later[0] if later else None


def read_paragraphs(
    text: str,
    lines: list[Line],
    sections: list[str | None],
    furniture: frozenset[int] = frozenset(),
    department: str | None = None,
) -> list[Paragraph]:
    """The paragraphs of the lines that have a section (see ``sections.assign_sections``).

    ``text`` is the document's text with the ``furniture`` lines blanked (``layout.blank_lines``);
    ``department`` is dropped from a paragraph's opening subject."""
    spans: list[list] = []  # [section, start, end, kind of its first line, after an excluded stretch]
    open_span: list | None = None  # the paragraph being read
    excluded = True  # whether lines outside the narrative came since the last paragraph

    def close() -> None:
        nonlocal open_span
        if open_span:
            spans.append(open_span)
        open_span = None

    for line, section in zip(lines, sections, strict=True):
        if line.no in furniture:
            continue
        if section is None or line.is_blank:
            close()
            excluded = excluded or section is None
            continue
        heading = heading_of(line)
        continues = (
            open_span and not heading and not text[open_span[1] : open_span[2]].rstrip().endswith("。")
        )
        if continues:
            open_span[2] = line.end
            continue
        close()
        kind = _kind(line, heading)
        open_span = [section, line.start, line.end, kind, excluded]
        excluded = False
        if kind == "title" or (kind == "heading" and not has_quantity(heading.title)):
            close()
    close()
    return [
        Paragraph(i, section, start, end, tuple(_sentences(text, start, end)))
        for i, (section, start, end) in enumerate(_with_lead_sections(text, spans, department))
    ]


def _kind(line: Line, heading) -> str:
    if heading:
        return "item" if heading.level == 3 else "heading"
    return "title" if is_narrative_title(line) else "text"


def _with_lead_sections(text: str, spans: list[list], department: str | None) -> list[tuple[str, int, int]]:
    """Each span's section; in section ``OTHER``, the one its opening subject names (see the module)."""
    found = []
    carried: str | None = None  # the section the paragraph before a run of numbered items named
    for section, start, end, kind, after_excluded in spans:
        if section != OTHER or kind in ("heading", "title") or after_excluded:
            carried = None
        if section == OTHER and kind == "item":
            section = carried or OTHER
        elif section == OTHER and kind == "text":
            # A paragraph whose subject names no section ("2023年当年预算执行数为…", the rest of an item
            # after a line ending in 。) stays in the section of the one before.
            carried = lead_section(_opening_subject(text, start, end, department)) or carried
            section = carried or OTHER
        found.append((section, start, end))
    return found


def _opening_subject(text: str, start: int, end: int, department: str | None) -> str:
    """What a paragraph opens with: the label of its first figure when its first sentence states one,
    else its first clause ("财政拨款支出主要内容如下")."""
    first = _SENTENCE_END.search(text, start, end)
    stop = first.start() if first else end
    quantities = find_quantities(text, start, stop)
    if quantities:
        return normalize_label(printed_label(text[start : quantities[0].num_start]), department)
    clause = _CLAUSE_END.split(text[start:stop].strip(), maxsplit=1)[0]
    return normalize_label(clause, department)


def _sentences(text: str, start: int, end: int) -> list[Sentence]:
    found, begin = [], start
    for match in _SENTENCE_END.finditer(text, start, end):
        found.append((begin, match.start()))
        begin = match.end()
    found.append((begin, end))
    return [Sentence(*_strip(text, a, b)) for a, b in found if text[a:b].strip()]


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
