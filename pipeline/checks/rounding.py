"""What rounding allows: printed numbers stand for an interval of half a unit of their last printed
decimal."""

from __future__ import annotations

import unicodedata
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

from pipeline.checks.rules import severity
from pipeline.schemas import AMOUNT, fits

# ±0.01 万元 per summed term: the amounts are printed to the 0.01 and the parts are rounded one by one.
MONEY_TERM_TOLERANCE = Decimal("0.01")
# Shares and rates may be computed from unrounded amounts; 0.01 point on top of the printed rounding.
PCT_POINT_TOLERANCE = Decimal("0.01")
_FRAME_SCALE = Decimal("0.000001")  # the 6 decimals of schemas.AMOUNT


def decimals_of(printed: str) -> int:
    """How many decimals a number was printed with: ``"294.561"`` → 3, ``"100.00%"`` → 2."""
    number = unicodedata.normalize("NFKC", printed).strip().rstrip("%")
    return len(number.split(".", 1)[1]) if "." in number else 0


def half_unit(printed: str) -> Decimal:
    """Half a unit of the last printed decimal: ``"41.02"`` → 0.005, ``"100"`` → 0.5."""
    return Decimal(5).scaleb(-decimals_of(printed) - 1)


def printed_form(value: Decimal, decimals: int = 2) -> str:
    """How a value read from a frame (which keeps no printed decimals) is assumed to have been printed."""
    return f"{value:.{max(decimals, _scale(value))}f}"


def percent_interval(
    numerator: Decimal, numerator_half: Decimal, denominator: Decimal, denominator_half: Decimal
) -> tuple[Decimal, Decimal] | None:
    """The range of numerator/denominator×100 over the unrounded values the printed ones may stand for."""
    low_den, high_den = denominator - denominator_half, denominator + denominator_half
    if low_den <= 0:
        return None
    low = max(numerator - numerator_half, Decimal(0)) / high_den * 100
    return low, (numerator + numerator_half) / low_den * 100


def compare_percent(
    *,
    stated: Decimal,
    stated_printed: str,
    numerator: Decimal,
    numerator_half: Decimal,
    denominator: Decimal,
    denominator_half: Decimal,
    certain: bool,
) -> tuple[str, Decimal, Decimal] | None:
    """(severity, expected, tolerance) when a stated percent is not the printed amounts' percent rounded as printed,
    else None.

    Rounding explains it (``info``) within 0.01 point plus the percent's own rounding, or where some unrounded
    amounts the printed ones may stand for give it; beyond that ``rules.severity`` weighs it, at most a warning
    when the amounts are not surely the right ones (``certain``), since rates are often computed before rounding.
    """
    expected = numerator / denominator * 100
    if stated == expected.quantize(Decimal(1).scaleb(-decimals_of(stated_printed)), rounding=ROUND_HALF_UP):
        return None
    tolerance = PCT_POINT_TOLERANCE + half_unit(stated_printed)
    interval = percent_interval(numerator, numerator_half, denominator, denominator_half)
    possible = bool(interval) and interval[0] - half_unit(stated_printed) <= stated <= interval[1] + half_unit(
        stated_printed
    )
    weight = severity(
        stated - expected, expected, explained_by_rounding=abs(stated - expected) <= tolerance or possible,
        may_be_legitimate=not certain,
    )
    return weight, expected, tolerance


def plain(value: Decimal) -> str:
    """A value for a message, without the zeros a frame's fixed scale adds (``861.060000`` → ``861.06``)."""
    return format(value.normalize(), "f")


def to_frame(value: Decimal | None) -> Decimal | None:
    """A finding's number as its column holds it; None past what the column holds (the message states it)."""
    if value is None or not fits(value, AMOUNT):
        return None
    return value.quantize(_FRAME_SCALE, rounding=ROUND_HALF_EVEN)


def _scale(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0
