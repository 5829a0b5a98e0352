"""Every figure the narrative states, with its label, its share and where it is printed.

Two passes, because the year-over-year reader needs the figures' labels and the figures must leave out
the numbers a year-over-year statement consumes: ``find_candidates`` reads every quantity with its
label, ``build_figures`` keeps those that state a level and attaches the shares (占…%) printed beside
them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from pipeline.parse.provenance import PrintedValue, Provenance
from pipeline.parse.text.labels import normalize_label, printed_label
from pipeline.parse.text.lines import LineIndex, location, unwrap
from pipeline.parse.text.prose import Paragraph, Sentence
from pipeline.parse.text.quantities import GAP, NUMBER, Quantity, find_quantities, to_decimal
from pipeline.schemas import NARRATIVE_FIGURES

CHANGE_WORDS = "增加|减少|增长|降低|下降|上升"
# "比上年减少（增加）0万元" / "增加了5万元": the amount of a change, never a level.
_CHANGE_AMOUNT = re.compile(rf"(?:{CHANGE_WORDS})(?:[（(](?:{CHANGE_WORDS})[）)])?了?$")
# "占收入总计的100%", "占 3.66%", "占“三公”经费支出的0%", "占比 5%".
_SHARE = re.compile(r"占(?:比(?:为|重)?)?(?P<base>[^，,。；;、%％\d]{0,40}?)的?" + GAP + NUMBER + r"\s*[%％]")
# Between a figure and its share only a delimiter may stand: "169.49万元，占支出总计的40.01%".
_JOINER = re.compile(r"[\s，,、]*")


@dataclass(frozen=True)
class Candidate:
    quantity: Quantity
    paragraph: Paragraph
    sentence: Sentence
    label_printed: str
    label: str


@dataclass(eq=False)  # a figure is itself: two zeros of the same label are still two figures
class Figure:
    index: int
    candidate: Candidate
    share_pct: Decimal | None = None
    share_printed: str | None = None
    share_base_label: str | None = None
    share_span: tuple[int, int] | None = None

    @property
    def quantity(self) -> Quantity:
        return self.candidate.quantity

    @property
    def label(self) -> str:
        return self.candidate.label

    @property
    def section(self) -> str:
        return self.candidate.paragraph.section


def find_candidates(text: str, paragraphs: list[Paragraph], department: str | None = None) -> list[Candidate]:
    """Every quantity of the narrative with its label; an unnamed one ("累计0人次") takes the label before it.

    ``department`` is the reporting department's name, dropped where a label starts with it."""
    found = []
    for paragraph in paragraphs:
        previous: Candidate | None = None
        for quantity in find_quantities(text, paragraph.start, paragraph.end):
            sentence = paragraph.sentence_at(quantity.start)
            printed = printed_label(text[sentence.start : quantity.num_start])
            label = normalize_label(printed, department) or (previous.label if previous else "")
            previous = Candidate(quantity, paragraph, sentence, printed, label)
            found.append(previous)
    return found


def build_figures(text: str, candidates: list[Candidate], consumed: set[int]) -> list[Figure]:
    """The candidates that state a level, in document order, with their shares attached.

    ``consumed`` holds the start offsets of the numbers a year-over-year statement owns.
    """
    kept = [
        c
        for c in candidates
        if c.quantity.start not in consumed and not _CHANGE_AMOUNT.search(c.label_printed)
    ]
    figures = [Figure(i, c) for i, c in enumerate(kept)]
    _attach_shares(text, figures, consumed)
    return figures


def _attach_shares(text: str, figures: list[Figure], consumed: set[int]) -> None:
    by_paragraph: dict[int, list[Figure]] = {}
    for figure in figures:
        by_paragraph.setdefault(figure.candidate.paragraph.index, []).append(figure)
    for paragraph_figures in by_paragraph.values():
        paragraph = paragraph_figures[0].candidate.paragraph
        for match in _SHARE.finditer(text, paragraph.start, paragraph.end):
            if match.start("num") in consumed:
                continue
            target = _share_target(text, paragraph, paragraph_figures, match.start())
            if target is None or target.share_pct is not None:
                continue
            base = normalize_label(match.group("base"))
            target.share_printed = match.group("num")
            target.share_pct = to_decimal(target.share_printed)
            target.share_base_label = base or None
            target.share_span = (match.start("num"), match.end())


def _share_target(text: str, paragraph: Paragraph, figures: list[Figure], at: int) -> Figure | None:
    """The figure a share qualifies: the one printed right before it, or — when the share opens its
    sentence, as in "…121.66万元。占支出总计的59.99%" — the head figure of the paragraph (the numbered
    item it closes)."""
    sentence = paragraph.sentence_at(at)
    before = [f for f in figures if sentence.start <= f.quantity.start and f.quantity.end <= at]
    if before and _JOINER.fullmatch(text, before[-1].quantity.end, at):
        return before[-1]
    if not text[sentence.start : at].strip():
        return figures[0] if figures[0].quantity.end <= at else None
    return None


def figure_rows(figures: list[Figure], text: str, line_index: LineIndex, document_sha256: str) -> list[dict]:
    """One NARRATIVE_FIGURES row per figure. A number beyond what the warehouse holds keeps its printed text
    and has no value, in its unit nor in 万元 (``value`` null says so; amount_out_of_range names it)."""
    rows = []
    for figure in figures:
        quantity, candidate = figure.quantity, figure.candidate
        sentence = candidate.sentence
        value = NARRATIVE_FIGURES.held("value", quantity.value)
        wan_yuan = NARRATIVE_FIGURES.held("value_wan_yuan", quantity.wan_yuan)
        held = value is not None and (wan_yuan is not None or quantity.wan_yuan is None)
        rows.append(
            {
                "document_sha256": document_sha256,
                "figure_index": figure.index,
                "section": figure.section,
                "label": figure.label,
                "label_printed": candidate.label_printed,
                "value_printed": quantity.value_printed,
                "unit_printed": quantity.unit,
                "value": value if held else None,
                "value_wan_yuan": wan_yuan if held else None,
                "share_pct": NARRATIVE_FIGURES.held("share_pct", figure.share_pct),
                "share_base_label": figure.share_base_label,
                "line_no": line_index.line_no(quantity.start),
                "page": None,
                "char_start": quantity.start,
                "char_end": quantity.end,
                "sentence": unwrap(text[sentence.start : sentence.end]),
            }
        )
    return rows


def share_provenance(figures: list[Figure], line_index: LineIndex) -> Provenance:
    """Each stated share as printed: its decimals set the tolerance the findings allow."""
    return {
        ("narrative_figures", (f.index,), "share_pct"): PrintedValue(
            f.share_printed, location(line_index.line_no(f.share_span[0]), *f.share_span)
        )
        for f in figures
        if f.share_span
    }
