"""What the checks read and what they report: one document's rows, and a finding."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from pipeline.parse.provenance import PrintedValue, Provenance
from pipeline.parse.result import FigureList


@dataclass(frozen=True)
class Finding:
    check_name: str
    severity: str  # error | warning
    subject: str
    observed: Decimal | None
    expected: Decimal | None
    tolerance: Decimal | None
    observed_location: str | None
    expected_location: str | None
    message: str
    unit: str | None = None  # the figures' own unit, for a rule whose unit is theirs (``rules.Rule.unit``)


@dataclass(frozen=True)
class ReportFacts:
    """One document's frames as rows, with what the frames do not keep (lists, printed forms)."""

    figures: list[dict]
    yoy: list[dict]
    summaries: list[dict]
    lines: list[dict]
    indicators: list[dict]
    figure_lists: Sequence[FigureList]
    provenance: Provenance

    def printed(self, frame: str, key: tuple[int, ...], column: str) -> PrintedValue | None:
        return self.provenance.get((frame, key, column))

    def beyond_range(self, frame: str, key: tuple[int, ...], column: str, value: object) -> bool:
        """Whether a number was printed where the frame holds none: one beyond what the warehouse holds."""
        return value is None and self.printed(frame, key, column) is not None


def figure_location(figure: dict) -> str:
    return f"L{figure['line_no']}:{figure['char_start']}-{figure['char_end']}"


def figure_amount(figure: dict) -> Decimal | None:
    """A figure's value comparable with its siblings: 万元 for money, the printed unit otherwise; None for a
    number beyond what the warehouse holds, which no check uses (amount_out_of_range flags it)."""
    return figure["value_wan_yuan"] if figure["value_wan_yuan"] is not None else figure["value"]
