"""Amounts printed in table cells, and what is not one.

A cell holds an amount when its text, blanks removed, is one number: thousands separators present or absent,
decimals or none, a leading minus sign or an accounting bracket. ``-``, ``—``, blanks, percentages, dates,
counts with their unit and column numbers are not amounts. Values stay ``Decimal`` so no printed digit is lost.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from decimal import Decimal

_AMOUNT = re.compile(
    r"""^(?P<sign>[-−])?
        (?P<body>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)$""",
    re.VERBOSE,
)
_BRACKETED = re.compile(r"^[(（](?P<body>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)[)）]$")
_BLANKS = re.compile(r"\s+")
_DIGITS_ONLY = re.compile(r"^\d+$")

# Multipliers that turn a printed amount into 万元.
TO_WAN_YUAN = {
    "元": Decimal(1).scaleb(-4),
    "千元": Decimal("0.1"),
    "万元": Decimal(1),
    "百万元": Decimal(100),
    "亿元": Decimal(10000),
}


def compact(text: str | None) -> str:
    """The text with every blank (spaces, tabs, line breaks, ideographic spaces) removed."""
    return _BLANKS.sub("", text) if text else ""


def amount_printed(text: str | None) -> str | None:
    """The amount a cell prints, as printed but without blanks; None when the cell holds no amount."""
    raw = _BLANKS.sub("", text or "")
    if not raw:
        return None
    normal = unicodedata.normalize("NFKC", raw).replace("−", "-")
    if _AMOUNT.match(normal) or _BRACKETED.match(normal):
        return raw
    return None


def amount_value(printed: str) -> Decimal:
    """The exact value of a printed amount (separators dropped, brackets read as a minus)."""
    normal = unicodedata.normalize("NFKC", printed).replace("−", "-").replace(",", "")
    bracketed = _BRACKETED.match(normal)
    if bracketed:
        return -Decimal(bracketed.group("body"))
    return Decimal(normal)


def to_wan_yuan(printed: str, unit: str) -> Decimal:
    """The amount in 万元, exact: 元 are divided by 10,000 by moving the decimal point."""
    value = amount_value(printed)
    if unit == "元":
        return value.scaleb(-4)
    return value * TO_WAN_YUAN.get(unit, Decimal(1))


_PLACEHOLDER = re.compile(r"^[-—－–―/／…]+$")


def is_placeholder(text: str | None) -> bool:
    """A dash (or slash) printed where there is no amount: a blank cell, not a label."""
    return bool(_PLACEHOLDER.match(compact(text)))


def is_code_text(text: str | None) -> bool:
    """A classification code (or one of its split parts): digits only, no separators or decimals."""
    return bool(text) and bool(_DIGITS_ONLY.match(compact(text)))


def is_column_number_row(texts: list[str]) -> bool:
    """A row that numbers the columns (``1 2 3 …``, ``栏次 | 1 | 2``): not money.

    Its non-blank cells are small integers counting up by one, beside at most the words 栏次/行次 and the
    letters 甲乙丙丁 that some templates print over the label columns.
    """
    cells = [compact(t) for t in texts if compact(t)]
    numbers = [c for c in cells if _DIGITS_ONLY.match(c)]
    others = [c for c in cells if not _DIGITS_ONLY.match(c)]
    if any(o not in _COLUMN_NUMBER_WORDS for o in others):
        return False
    if others and not numbers:
        # 行次 alone is the header of the row-number column printed a line lower (or a character per line).
        return "行次" not in others
    if len(numbers) < (1 if others else 2):
        return False
    values = [int(n) for n in numbers]
    return values[0] <= 2 and all(b == a + 1 for a, b in itertools.pairwise(values))


_COLUMN_NUMBER_WORDS = {"栏次", "行次", "甲", "乙", "丙", "丁"}
