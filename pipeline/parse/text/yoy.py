"""Year-over-year statements: "与上年相比，X减少294.56万元，降低41.02%，主要原因：…".

A statement starts at a comparison with the prior year (与上年相比 / 比上年 / 较2023年度 / 同比), names
a direction (增加、减少 …) and states an amount, a percentage or both. What changed is named between the
comparison and the direction; failing that, in the clause before the comparison, by the figure printed
before it in the sentence, or by the head figure of the paragraph (a numbered item such as
"3.公务用车购置及运行费0万元 … 比上年减少…") or, when the paragraph opens with the comparison, of the
paragraph before. Template placeholders stay visible: "减少（增加）" has no
direction, "主要是0等原因" no reason.

A budget compares with the prior year's budget or with its execution ("比2023年预算减少876.75万元",
"比2023年预算执行数减少57.14%"): the statement keeps what is printed, and the basis (预算, 预算执行数,
上年数) is part of the comparison, not of the metric's name. A word that only names the basis
("2024年预算安排25.77万元，比2023年预算执行数…": 预算安排) names no metric either: the item's head
figure does.

No change is a statement too: "比2023年预算持平", "与上年一致", "与2024年预算一致0万元" — direction the word
printed (持平/一致/相同/不变), change_sign 0, change amount 0 (as printed when it is, else stated by the word).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from pipeline.parse.provenance import PrintedValue, Provenance
from pipeline.parse.text.labels import normalize_label, printed_label
from pipeline.parse.text.lines import LineIndex, location, unwrap
from pipeline.parse.text.narrative import CHANGE_WORDS, Candidate
from pipeline.parse.text.prose import Paragraph, Sentence
from pipeline.parse.text.quantities import Percent, Quantity, match_percent, match_quantity
from pipeline.schemas import YOY_STATEMENTS


def _wrapped(words: str) -> str:
    """The alternatives ``a|b|c`` with blanks allowed between their characters: a PDF's text breaks lines inside
    words ("比上年预算减\n少", "与2023年\n度相比")."""
    return "|".join(r"\s*".join(word) for word in words.split("|"))


_PRIOR_YEAR = rf"(?:{_wrapped('上年同期|上一年度|上一年|上年度|上年|去年')}|(?:19|20)\d{{2}}\s*年\s*度?)"
# "2022年（上一年度，下同）": a note on the year.
_YEAR_NOTE = r"(?:\s*[（(][^（()）]{0,24}[）)])?"
# What of the prior year: "预算", "预算执行数", "当年预算执行数", "年初预算数", "决算数", "数".
_BASIS = (
    rf"(?:\s*(?:{_wrapped('同期')})?\s*(?:{_wrapped('当年')})?\s*(?:{_wrapped('年初')})?\s*"
    rf"(?:{_wrapped('预算|决算')})?\s*(?:{_wrapped('执行数|执行|数')})?)"
)
_PRIOR = _PRIOR_YEAR + _YEAR_NOTE + _BASIS
_NO_CHANGE_WORDS = "基本持平|持平|一致|相同|无变化|没有变化|不变"
_COMPARISON = re.compile(
    rf"(?:与|和|同)\s*{_PRIOR}\s*(?:同期)?\s*(?:{_wrapped('相比|比较|对比')})|(?:比|较)\s*{_PRIOR}(?:\s*相\s*比)?"
    rf"|同比|(?:与|和|同)\s*{_PRIOR}(?=\s*(?:{_wrapped(_NO_CHANGE_WORDS)}))"
)
_DIRECTION = re.compile(
    rf"(?P<word>{_wrapped(CHANGE_WORDS)})(?P<placeholder>[（(](?:{CHANGE_WORDS})[）)])?了?[ \t\u3000\n]*"
    # "与上年不一致" says the opposite of 一致
    rf"|(?<!不)(?P<same>{_wrapped(_NO_CHANGE_WORDS)})[ \t\u3000\n]*"
)
# Before a no-change word only the metric's name may stand, in the comparison's own clause.
_SAME_CLAUSE = re.compile(r"^[\s，,]*[^，,：:、]*$")
# A label that names only the basis of a budget figure, not what it is of: 预算安排, 预算执行数, 预算数.
_BASIS_ONLY = re.compile(r"^(?:当年|本年|今年|上年)?(?:年初)?(?:预算|决算)?(?:执行数|执行|安排|数|金额)?$")
# What may stand between a change's amount and its percent: "，降低", "，下降（增长）", "，增幅为".
_SECOND_PERCENT = re.compile(
    rf"[\s，,、]*(?:(?:{CHANGE_WORDS})(?:[（(](?:{CHANGE_WORDS})[）)])?了?|(?:增幅|降幅|减幅)(?:为|达)?)?"
    r"[ \t\u3000\n]*"
)
# A PDF line may break inside the words ("主要\n原因是", "主\n要原因是").
_REASON = re.compile(
    r"主\s*要\s*原\s*因\s*(?:是|为)?|原\s*因\s*(?:是|为)|主\s*要\s*是|主\s*要\s*由\s*于|主\s*要\s*因\s*为"
)
# A sentence that opens with the reason, after the line break or indent it may start with.
_REASON_OPENING = re.compile(rf"\s*(?:{_REASON.pattern})")
_REASON_TAIL = re.compile(r"(?:等原因|等|的原因|所致)$")
_PLACEHOLDER_REASON = re.compile(r"^(?:[0０]+|无|-|—|/)?$")
_DELIMITER = re.compile(r"[，,；;：:]")
_LIST_OPENING = re.compile(r"\s*(?:其中|分别是|分别为|具体是)?\s*[：:，,]?\s*")
# What the prior year's figure is: its budget's execution, its budget, its 决算, or just "the prior year".
_BASES = (
    (re.compile(r"执行"), "prior_budget_execution"),
    (re.compile(r"预算"), "prior_budget"),
    (re.compile(r"决算"), "prior_final_account"),
)
_SIGN = {"增加": 1, "增长": 1, "上升": 1, "减少": -1, "降低": -1, "下降": -1} | {
    word: 0 for word in _NO_CHANGE_WORDS.split("|")
}


@dataclass(frozen=True)
class _Span:
    start: int
    end: int


@dataclass(frozen=True)
class YoyStatement:
    paragraph: Paragraph
    sentence: Sentence
    metric_label: str
    direction: str | None
    amount: Quantity | None
    percent: Percent | None
    reason: str | None
    reason_printed: str | None
    word_span: tuple[int, int]  # the direction word as printed
    comparison: str  # the comparison as printed: 与上年相比, 比2023年预算执行数, 同比

    @property
    def basis(self) -> str:
        """What the change is measured against (``comparison_basis``)."""
        return next((basis for pattern, basis in _BASES if pattern.search(self.comparison)), "prior_year")

    @property
    def consumed(self) -> set[int]:
        """Start offsets of the numbers this statement owns (they are no figures of their own)."""
        return {part.start for part in (self.amount, self.percent) if part}

    @property
    def states_no_change(self) -> bool:
        return self.direction is not None and _SIGN[self.direction] == 0

    def row(self, index: int, text: str, line_index: LineIndex, document_sha256: str) -> dict:
        span = self.amount or self.percent or _Span(*self.word_span)
        amount = self.amount.wan_yuan if self.amount else None
        if amount is None and self.states_no_change:
            amount = Decimal(0)
        return {
            "document_sha256": document_sha256,
            "statement_index": index,
            "section": self.paragraph.section,
            "metric_label": self.metric_label,
            "direction": self.direction,
            "change_sign": _SIGN[self.direction] if self.direction else None,
            "amount_printed": self.amount.value_printed if self.amount else None,
            "change_amount_wan_yuan": YOY_STATEMENTS.held("change_amount_wan_yuan", amount),
            "pct_printed": self.percent.value_printed if self.percent else None,
            "change_pct": YOY_STATEMENTS.held("change_pct", self.percent.value) if self.percent else None,
            "reason": self.reason,
            "reason_printed": self.reason_printed,
            "comparison_printed": self.comparison,
            "comparison_basis": self.basis,
            "line_no": line_index.line_no(span.start),
            "page": None,
            "char_start": span.start,
            "char_end": span.end,
            "sentence": unwrap(text[self.sentence.start : self.sentence.end]),
        }


def yoy_provenance(statements: list[YoyStatement], line_index: LineIndex) -> Provenance:
    """Each stated change's amount of money and percent as printed, and where: a column left null beside a
    printed number is one beyond what the warehouse holds (``normalize.ranges``), not one the report left out."""
    provenance: Provenance = {}
    for index, statement in enumerate(statements):
        amount = statement.amount if statement.amount and statement.amount.kind == "money" else None
        for part, column in ((amount, "change_amount_wan_yuan"), (statement.percent, "change_pct")):
            if part is not None:
                where = location(line_index.line_no(part.start), part.start, part.end)
                provenance[("yoy_statements", (index,), column)] = PrintedValue(part.value_printed, where)
    return provenance


def extract_yoy(
    text: str, paragraphs: list[Paragraph], candidates: list[Candidate], department: str | None = None
) -> list[YoyStatement]:
    """Every statement, in document order; ``department`` is dropped where a metric's name starts with it."""
    statements = []
    for index, paragraph in enumerate(paragraphs):
        following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
        carried: str | None = None  # the comparison a run of "其中：X持平；Y持平" sentences takes over
        for sentence in paragraph.sentences:
            found = _in_sentence(text, paragraph, sentence, candidates, department, following)
            if found:
                carried = found[-1].comparison
            elif carried:
                found = _listed_parts(text, paragraph, sentence, carried, department, following)
                carried = carried if found else None
            statements += found
    return statements


def _in_sentence(
    text: str,
    paragraph: Paragraph,
    sentence: Sentence,
    candidates: list[Candidate],
    department: str | None,
    following: Paragraph | None,
) -> list[YoyStatement]:
    found = []
    comparisons = list(_COMPARISON.finditer(text, sentence.start, sentence.end))
    for i, comparison in enumerate(comparisons):
        stop = comparisons[i + 1].start() if i + 1 < len(comparisons) else sentence.end
        reason_at = _REASON.search(text, comparison.end(), stop)
        stop = reason_at.start() if reason_at else stop
        position = comparison.end()
        while position < stop:
            parsed = _statement_at(text, position, stop)
            if parsed is None:
                break
            direction, amount, percent, subject_text, word_span = parsed
            metric = _metric_label(
                text, paragraph, sentence, comparison, subject_text, candidates, department
            )
            end = (percent or amount).end if (percent or amount) else word_span[1]
            reason, reason_printed = _reason(text, paragraph, sentence, end, following)
            found.append(
                YoyStatement(
                    paragraph,
                    sentence,
                    metric,
                    direction,
                    amount,
                    percent,
                    reason,
                    reason_printed,
                    word_span,
                    re.sub(r"\s+", "", comparison.group()),
                )
            )
            position = end
    return found


def _listed_parts(
    text: str,
    paragraph: Paragraph,
    sentence: Sentence,
    comparison: str,
    department: str | None,
    following: Paragraph | None,
) -> list[YoyStatement]:
    """The parts a statement goes on to list in sentences of their own, under its comparison: "…与2023年度持平。
    其中：因公出国（境）费支出决算持平；公务接待费支出决算持平" - each names what changed before its direction."""
    start = sentence.start + (m.end() if (m := _LIST_OPENING.match(text[sentence.start : sentence.end])) else 0)
    parsed = _statement_at(text, start, sentence.end)
    if parsed is None:
        return []
    direction, amount, percent, subject_text, word_span = parsed
    metric = normalize_label(printed_label(subject_text), department)
    if not _names_metric(metric):
        return []
    end = (percent or amount).end if (percent or amount) else word_span[1]
    reason, reason_printed = _reason(text, paragraph, sentence, end, following)
    return [
        YoyStatement(
            paragraph, sentence, metric, direction, amount, percent, reason, reason_printed, word_span, comparison
        )
    ]


def _statement_at(text: str, start: int, stop: int) -> tuple | None:
    """The next direction with its amount and/or percent in ``[start, stop)``, the text before it and the
    span of its word; a no-change word (持平) needs neither amount nor percent, but must stand in the
    comparison's clause."""
    for direction in _DIRECTION.finditer(text, start, stop):
        same = _unspaced(direction.group("same"))
        if same and not _SAME_CLAUSE.match(text[start : direction.start()]):
            continue
        amount = match_quantity(text, direction.end(), stop)
        if amount and amount.kind != "money":
            amount = None
        percent_at = _SECOND_PERCENT.match(text, amount.end, stop).end() if amount else direction.end()
        percent = match_percent(text, percent_at, stop)
        if amount or percent or same:
            word = same or (None if direction.group("placeholder") else _unspaced(direction.group("word")))
            name = "same" if same else "word"
            return word, amount, percent, text[start : direction.start()], direction.span(name)
    return None


def _metric_label(
    text: str,
    paragraph: Paragraph,
    sentence: Sentence,
    comparison: re.Match,
    subject_text: str,
    candidates: list[Candidate],
    department: str | None,
) -> str:
    named = normalize_label(printed_label(subject_text), department)
    if _names_metric(named):
        return named
    clause_start = max(
        (m.end() for m in _DELIMITER.finditer(text, sentence.start, comparison.start())),
        default=sentence.start,
    )
    before = [
        c
        for c in candidates
        if sentence.start <= c.quantity.start
        and c.quantity.end <= comparison.start()
        and _names_metric(c.label)
    ]
    in_clause = [c for c in before if c.quantity.start >= clause_start]
    if in_clause:
        return in_clause[-1].label
    clause = normalize_label(printed_label(text[clause_start : comparison.start()]), department)
    if _names_metric(clause):
        return clause
    if before:
        return before[-1].label
    return _head_label(paragraph, comparison.start(), candidates)


def _names_metric(label: str) -> bool:
    return bool(label) and not _BASIS_ONLY.match(label)


def _head_label(paragraph: Paragraph, comparison_at: int, candidates: list[Candidate]) -> str:
    """The label of the paragraph's head figure; a paragraph that opens with the comparison (a PDF line
    ending in 。 before "与上年相比增加…"), or whose figures name only their basis ("2023年当年预算执行数为
    20.30万元，2024年预算安排24.31万元，比…"), continues the previous one of its section."""
    for index in (paragraph.index, paragraph.index - 1):
        head = next(
            (
                c
                for c in candidates
                if c.paragraph.index == index
                and c.paragraph.section == paragraph.section
                and c.quantity.end <= comparison_at
                and _names_metric(c.label)
            ),
            None,
        )
        if head:
            return head.label
    return ""


def _reason(
    text: str, paragraph: Paragraph, sentence: Sentence, after: int, following_paragraph: Paragraph | None = None
) -> tuple[str | None, str | None]:
    """The reason stated after the change in its sentence, or in the next one if that opens with it — the next
    paragraph's first after a paragraph's last sentence (a PDF line ending in 。 may end a paragraph: "…增长16.07%。"
    / "主要原因：一是…")."""
    marker = _REASON.search(text, after, sentence.end)
    if marker is None:
        following = paragraph.sentence_after(sentence) or (
            following_paragraph.sentences[0] if following_paragraph and following_paragraph.sentences else None
        )
        opening = following and _REASON_OPENING.match(text, following.start, following.end)
        if not opening:
            return None, None
        marker, sentence = opening, following
    printed = unwrap(text[marker.end() : sentence.end]).lstrip("：:，, ").rstrip("。")
    reason = _REASON_TAIL.sub("", printed)
    return (None if _PLACEHOLDER_REASON.match(reason) else reason), printed


def _unspaced(word: str | None) -> str | None:
    return None if word is None else re.sub(r"\s+", "", word)
