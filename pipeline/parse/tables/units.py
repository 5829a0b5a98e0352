"""The amount unit printed above a table: ``单位：万元``, ``金额单位：元``, ``单位:万元`` …

A PDF may split the unit over two lines or put another field between its parts (``单位：万`` … ``元``), and a
header cell may carry it instead (``金额（万元）``, ``项目资金（元）``).
"""

from __future__ import annotations

import re

from pipeline.parse.tables.amounts import compact

# 单位 followed by its multiplier; the 元 may come after other text when the line was split.
_UNIT_LABEL = re.compile(r"单位[:：]?(?P<mult>百万|亿|千|万)?(?P<yuan>元)?")
_UNIT_IN_BRACKETS = re.compile(r"[(（](?:单位[:：]?)?(?P<unit>百万元|亿元|千元|万元|元)[)）]")


def unit_in_text(text: str) -> str | None:
    """The unit a ``单位：…`` statement in ``text`` names ('元', '万元', …), or None."""
    flat = compact(text)
    for match in _UNIT_LABEL.finditer(flat):
        mult, yuan = match.group("mult"), match.group("yuan")
        if yuan:
            return (mult or "") + "元"
        if mult and "元" in flat[match.end() : match.end() + 40]:
            return mult + "元"
    return None


def unit_in_header(text: str) -> str | None:
    """The unit a header or label cell names in brackets (``金额（万元）``), or None."""
    match = _UNIT_IN_BRACKETS.search(compact(text))
    return match.group("unit") if match else None
