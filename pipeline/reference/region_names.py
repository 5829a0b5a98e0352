"""The GB/T 2260 region a department's name places it in: 上海市普陀区财政局 → 310107.

The name is read from its start as a chain of division names, each one inside the one before
(province → prefecture → county): 辽宁省盘锦市兴隆台区… → 210000, 211100, 211103. A link names one division
or, for a municipality printed as 上海市 (both the province 310000 and its prefecture 310100), a division and
its ancestors; a bare name shared by divisions of different places (普陀区: Shanghai and Zhoushan) needs its
parent printed before it and otherwise ends the chain. The deepest division reached is the region.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

import polars as pl

from pipeline.reference.department_names import department_name_normalized
from pipeline.reference.divisions import load_regions


@dataclass(frozen=True)
class _Division:
    code: str
    name: str
    level: str

    def contains(self, other: _Division) -> bool:
        prefix = {"province": 2, "city": 4}.get(self.level)
        return prefix is not None and other.code != self.code and other.code[:prefix] == self.code[:prefix]


class RegionIndex:
    def __init__(self, regions: pl.DataFrame) -> None:
        self._by_name: dict[str, list[_Division]] = defaultdict(list)
        for row in regions.iter_rows(named=True):
            division = _Division(row["region_code"], row["region_name"], row["level"])
            self._by_name[division.name].append(division)
        self._lengths = sorted({len(name) for name in self._by_name}, reverse=True)

    def resolve(self, department_name: str) -> str | None:
        """The code of the deepest division the name starts with; None when its start names none unambiguously.

        The name is read in its normalised form: a party organ's 中共 or 中国共产党 does not hide its region."""
        rest = department_name_normalized(department_name)
        within: _Division | None = None
        while (step := self._next(rest, within)) is not None:
            within, rest = step
        return within.code if within else None

    def _next(self, rest: str, within: _Division | None) -> tuple[_Division, str] | None:
        # The longest division name the rest starts with: 南京市 before a shorter name it begins with.
        for length in self._lengths:
            candidates = [
                d for d in self._by_name.get(rest[:length], ())
                if length < len(rest) and (within is None or within.contains(d))
            ]
            if not candidates:
                continue
            # 北京市 is the province and its prefecture: the outermost stands for both, the next link narrows it.
            outer = [d for d in candidates if not any(o.contains(d) for o in candidates)]
            if len(outer) != 1:
                return None
            return outer[0], rest[length:]
        return None


@lru_cache(maxsize=1)
def _index() -> RegionIndex:
    return RegionIndex(load_regions())


def region_of(department_name: str) -> str | None:
    """The GB/T 2260 code of the region ``department_name`` starts with, where it is unambiguous."""
    return _index().resolve(department_name)
