"""What the narrative declares about its figures without printing them: that an amount is nil, and that a year
cannot be compared with the year before.

A **nil statement** names what the report did not spend or receive: "2024年度无“三公”经费财政拨款支出",
"本单位没有政府性基金预算财政拨款收入和支出", "公务用车购置费：无此项支出", "三公经费支出为零". Its subject is kept
as printed and normalised like a figure's label, so the marts map it to a metric as they map figures; "收入和支出"
yields one subject for each ("…收入", "…支出"); "此项支出" is the item the clause is about.

A **comparability break** is a sentence where the report itself says its figures and last year's are not alike:
无可比性 / 不可比 (``not_comparable``), a change of 口径 (``scope_change``), a 机构改革 or a transfer of functions
(``institutional_reform``), a body newly set up (``newly_established``). The break is kept with its section, so
that the year-over-year mart marks the changes of that section's metrics not comparable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.parse.text.labels import normalize_label, printed_label
from pipeline.parse.text.lines import LineIndex, unwrap
from pipeline.parse.text.prose import Paragraph, Sentence

# A PDF's text breaks lines inside words ("无\n可比性"): each phrase below allows blanks between its characters.
_GAP = r"\s*"


def _spaced(*phrases: str) -> str:
    return "|".join(_GAP.join(phrase) for phrase in phrases)


_NEGATION = re.compile(
    rf"(?:{_spaced('没有', '未发生', '未安排', '未产生', '未列支', '不涉及', '无')})"
    rf"(?!{_GAP}(?:{_spaced('偿', '需', '误', '论', '法', '关', '形', '变化', '可比', '此类情况')}))"
)
# The subject runs to the next delimiter or to the 故/因此 that gives the consequence.
_SUBJECT_END = re.compile(r"[，,。；;：:]|故|因此|所以|的情况")
_ZERO = re.compile(r"(?:均|都)?为(?:零|0(?![.\d]))(?![万元亿])")
_THIS_ITEM = re.compile(r"^(?:此项|该项|相关|上述)?(?:支出|费用|经费|项目)?$")
# "政府性基金预算财政拨款收入和支出" is a statement about each of the two.
_BOTH_SIDES = re.compile(r"收入(?:和|与|及|、)支出|收支")
_MIN_SUBJECT = 2

_BREAKS = (
    ("not_comparable", _spaced("无可比性", "不具有可比性", "不具备可比性", "不具可比性", "不可比", "无法比较", "无法对比")),
    ("scope_change", rf"口{_GAP}径[^，,。；;]{{0,10}}?(?:{_spaced('调整', '变化', '变动', '改变', '不一致', '不同')})"),
    ("institutional_reform", _spaced("机构改革", "职能划转", "职能调整", "职能整合", "机构调整", "机构合并", "机构整合")),
    ("newly_established", _spaced("新成立", "新组建", "新设立", "首次编制", "首次公开")),
)
# "单位于2024年成立": set up in the report's own year.
_SET_UP = rf"于?{_GAP}{{year}}{_GAP}年{_GAP}(?:新{_GAP})?(?:{_spaced('成立', '组建', '设立')})"


@dataclass(frozen=True)
class NilStatement:
    paragraph: Paragraph
    sentence: Sentence
    subject_printed: str
    subject: str
    start: int
    end: int


@dataclass(frozen=True)
class ComparabilityBreak:
    paragraph: Paragraph
    sentence: Sentence
    reason_code: str
    phrase_start: int
    phrase_end: int


def find_nil_statements(text: str, paragraphs: list[Paragraph], department: str | None) -> list[NilStatement]:
    """Every subject the narrative declares nil, in document order."""
    found = []
    for paragraph in paragraphs:
        for sentence in paragraph.sentences:
            found += _nil_in_sentence(text, paragraph, sentence, department)
    return found


def _nil_in_sentence(
    text: str, paragraph: Paragraph, sentence: Sentence, department: str | None
) -> list[NilStatement]:
    found = []
    for negation in _NEGATION.finditer(text, sentence.start, sentence.end):
        stop = _SUBJECT_END.search(text, negation.end(), sentence.end)
        end = stop.start() if stop else sentence.end
        subject_printed = unwrap(text[negation.end() : end])
        if _THIS_ITEM.match(normalize_label(subject_printed)):
            subject_printed = printed_label(text[sentence.start : negation.start()]).rstrip("：: ")
        found += _subjects(paragraph, sentence, subject_printed, negation.start(), end, department)
    for zero in _ZERO.finditer(text, sentence.start, sentence.end):
        subject_printed = printed_label(text[sentence.start : zero.start()])
        found += _subjects(paragraph, sentence, subject_printed, zero.start(), zero.end(), department)
    return found


def _subjects(
    paragraph: Paragraph, sentence: Sentence, printed: str, start: int, end: int, department: str | None
) -> list[NilStatement]:
    label = normalize_label(printed, department)
    if len(label) < _MIN_SUBJECT:
        return []
    labels = [_BOTH_SIDES.sub(side, label) for side in ("收入", "支出")] if _BOTH_SIDES.search(label) else [label]
    return [NilStatement(paragraph, sentence, printed, subject, start, end) for subject in labels]


def nil_rows(statements: list[NilStatement], text: str, line_index: LineIndex, document_sha256: str) -> list[dict]:
    return [
        {
            "document_sha256": document_sha256,
            "statement_index": index,
            "section": s.paragraph.section,
            "subject": s.subject,
            "subject_printed": s.subject_printed,
            "line_no": line_index.line_no(s.start),
            "page": None,
            "char_start": s.start,
            "char_end": s.end,
            "sentence": unwrap(text[s.sentence.start : s.sentence.end]),
        }
        for index, s in enumerate(statements)
    ]


def find_comparability_breaks(text: str, paragraphs: list[Paragraph], year: int) -> list[ComparabilityBreak]:
    """Every sentence declaring a break, once per reason it gives, in document order; a body set up in
    ``year``, the report's own, is newly established."""
    patterns = [(code, re.compile(pattern)) for code, pattern in _BREAKS]
    patterns.append(("newly_established", re.compile(_SET_UP.format(year=_GAP.join(str(year))))))
    found = []
    for paragraph in paragraphs:
        for sentence in paragraph.sentences:
            reasons = set()
            for reason_code, pattern in patterns:
                phrase = pattern.search(text, sentence.start, sentence.end)
                if phrase and reason_code not in reasons:
                    reasons.add(reason_code)
                    found.append(ComparabilityBreak(paragraph, sentence, reason_code, *phrase.span()))
    return found


def break_rows(
    breaks: list[ComparabilityBreak], text: str, line_index: LineIndex, document_sha256: str
) -> list[dict]:
    return [
        {
            "document_sha256": document_sha256,
            "break_index": index,
            "section": b.paragraph.section,
            "reason_code": b.reason_code,
            "phrase_printed": unwrap(text[b.phrase_start : b.phrase_end]),
            "line_no": line_index.line_no(b.phrase_start),
            "page": None,
            "char_start": b.phrase_start,
            "char_end": b.phrase_end,
            "sentence": unwrap(text[b.sentence.start : b.sentence.end]),
        }
        for index, b in enumerate(breaks)
    ]
