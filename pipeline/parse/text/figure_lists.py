"""Figures that the narrative lists as the parts of another: "基本支出169.49万元，其中：
行政运行支出139.08万元；…".

A list word (其中、包括、主要用于 …) opens a list of parts when the clause right after it states a
figure; the list's total is the last figure printed before the word in the same paragraph. The parts are
the figures of the total's unit that follow, up to the end of the sentence (。) or a figure of another
unit. A list opened after one of the parts ("…；人员经费80万元，其中：工资50万元；…") is that part's
own, ends at the next ；, and its figures are not parts of the outer list; a list opened in brackets ends
at the closing bracket. A single part ("其中：
授予小微企业合同金额…") is a subset, not a breakdown, and is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.parse.result import FigureList
from pipeline.parse.text.narrative import Figure
from pipeline.parse.text.prose import Paragraph

_LIST_WORD = re.compile(
    r"(?:其中|主要包括|具体包括|包括|主要用于(?:以下方面)?|分别为|分别是|具体为)\s*[：:]?"
)
_CLAUSE_END = re.compile(r"[，,；;。]")
_SENTENCE_END = re.compile(r"。")
_PART_END = re.compile(r"[；;。]")
# A list opened in brackets ends with them: "地上建筑面积8013平方米（其中计容面积7998平方米，不计容面积105
# 平方米），地下建筑面积5356平方米".
_OPENING_BRACKET = re.compile(r"[（(]\s*$")
_CLOSING_BRACKET = re.compile(r"[）)]")


@dataclass
class _Open:
    total: Figure
    word: str
    end: int
    parts: list[Figure] = field(default_factory=list)


def find_figure_lists(text: str, paragraphs: list[Paragraph], figures: list[Figure]) -> list[FigureList]:
    lists: list[_Open] = []
    for paragraph in paragraphs:
        in_paragraph = [f for f in figures if f.candidate.paragraph.index == paragraph.index]
        for word in _LIST_WORD.finditer(text, paragraph.start, paragraph.end):
            opened = _open_list(text, paragraph, in_paragraph, word, lists)
            if opened:
                lists.append(opened)
    return [
        FigureList(found.total.index, tuple(p.index for p in found.parts), found.word.rstrip("：: "))
        for found in lists
        if len(found.parts) >= 2
    ]


def _open_list(
    text: str, paragraph: Paragraph, figures: list[Figure], word: re.Match, lists: list[_Open]
) -> _Open | None:
    before = [f for f in figures if f.quantity.end <= word.start()]
    after = [f for f in figures if f.quantity.start >= word.end()]
    if not before or not after:
        return None
    clause_end = _end_of(_CLAUSE_END, text, word.end(), paragraph.end)
    if after[0].quantity.start >= clause_end:
        return None  # "主要包括基本工资、津贴补贴…": a list of words, not of figures
    total = before[-1]
    outer = next((o for o in lists if total in o.parts and word.start() < o.end), None)
    end = _end_of(
        _PART_END if outer else _SENTENCE_END, text, word.end(), outer.end if outer else paragraph.end
    )
    if _OPENING_BRACKET.search(text, max(0, word.start() - 4), word.start()):
        end = _end_of(_CLOSING_BRACKET, text, word.end(), end)
    opened = _Open(total, word.group(), end)
    for figure in after:
        if figure.quantity.start >= end or figure.quantity.unit != total.quantity.unit:
            break
        opened.parts.append(figure)
    if outer:
        outer.parts = [p for p in outer.parts if p not in opened.parts]
    return opened


def _end_of(pattern: re.Pattern[str], text: str, start: int, stop: int) -> int:
    found = pattern.search(text, start, stop)
    return found.start() if found else stop
