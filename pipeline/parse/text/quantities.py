"""Printed numbers with their units, and their exact values.

A figure is a number followed by a unit: money (万元/元/亿元/千元), a count (辆/个/人次/批次/台（套）…)
or a score (分). A bare number (a year, a list number, a code) is no figure; a percentage is read
separately because it is a share or a change, never a level. Values are ``Decimal`` so that no printed
digit is lost.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

MONEY_TO_WAN_YUAN = {
    "亿元": Decimal(10000),
    "万元": Decimal(1),
    "千元": Decimal("0.1"),
    "元": Decimal("0.0001"),
}
SCORE_UNITS = ("分",)

# Thousands separators are ASCII commas only: a full-width comma between numbers is a list delimiter.
_DIGITS = "[0-9０-９]"
NUMBER = (
    rf"(?<![0-9０-９.．,第])(?P<num>{_DIGITS}{{1,3}}(?:,{_DIGITS}{{3}})+(?:[.．]{_DIGITS}+)?"
    rf"|{_DIGITS}+(?:[.．]{_DIGITS}+)?)"
)
# Between a number and its unit: spaces, or a line break where a PDF wrapped the line — with, at a page
# break, the blanked lines of the page furniture in between (``layout.blank_lines``).
GAP = r"[ \t\u3000]*(?:\n[ \t\u3000]*){0,4}"

# Longest first; each lookahead keeps a unit character that starts a word (人员, 项目, 分析 …) from counting.
_UNITS = (
    rf"[亿万千]{GAP}元|元(?![/／])"
    r"|人次|批次|台[（(]套[）)]|平方米"
    r"|辆|个|人(?![民员均才事大])|次|台(?![账])|套|户|家(?![庭])|项(?![目])|场(?![所地])"
    r"|期(?![间末初])|件|名(?![称义单])|所(?![属有在得])|处(?![理置])|架|艘"
    r"|分(?![钟之别析配类布项解])"
)
# "单价100万元以上设备" states a threshold, not an amount.
_NOT_A_THRESHOLD = r"(?![ \t\u3000]*(?:[（(]含[）)])?[ \t\u3000]*(?:及)?以[上下内])"

_QUANTITY = re.compile(NUMBER + GAP + rf"(?P<unit>{_UNITS}){_NOT_A_THRESHOLD}")
_PERCENT = re.compile(NUMBER + r"\s*[%％]")


@dataclass(frozen=True)
class Quantity:
    start: int  # span of number and unit
    end: int
    num_start: int
    value_printed: str
    unit: str

    @property
    def kind(self) -> str:
        if self.unit in MONEY_TO_WAN_YUAN:
            return "money"
        return "score" if self.unit in SCORE_UNITS else "count"

    @property
    def value(self) -> Decimal:
        return to_decimal(self.value_printed)

    @property
    def wan_yuan(self) -> Decimal | None:
        factor = MONEY_TO_WAN_YUAN.get(self.unit)
        return None if factor is None else self.value * factor


@dataclass(frozen=True)
class Percent:
    start: int
    end: int
    value_printed: str

    @property
    def value(self) -> Decimal:
        return to_decimal(self.value_printed)


def find_quantities(text: str, start: int, end: int) -> list[Quantity]:
    return [
        _quantity(m) for m in _QUANTITY.finditer(text, start, end)
    ]


def has_quantity(text: str) -> bool:
    return _QUANTITY.search(text) is not None


def match_quantity(text: str, at: int, end: int) -> Quantity | None:
    """The quantity printed exactly at ``at``, if any."""
    m = _QUANTITY.match(text, at, end)
    return _quantity(m) if m else None


def match_percent(text: str, at: int, end: int) -> Percent | None:
    m = _PERCENT.match(text, at, end)
    return Percent(m.start(), m.end(), m.group("num")) if m else None


def _quantity(match: re.Match) -> Quantity:
    # A PDF may wrap a line inside the unit ("3139.76 万\n元"): the unit is kept without the break.
    unit = re.sub(r"\s", "", match.group("unit"))
    return Quantity(match.start(), match.end(), match.start("num"), match.group("num"), unit)


def to_decimal(printed: str) -> Decimal:
    """The exact value of a printed number: full-width digits read, thousands separators dropped."""
    return Decimal(unicodedata.normalize("NFKC", printed).replace(",", ""))
