"""How a generated report is printed: one choice per layout axis, assigned per document.

Each axis is assigned independently with a balanced schedule: for n documents the options of an axis are
repeated to length n and shuffled with the corpus seed (a per-axis stream), so every option is used about n /
len(options) times and the combinations vary from document to document.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, fields

AXES: dict[str, tuple] = {
    # Lines of the table grid: every cell border / none at all / top, header and bottom rules only.
    "ruling": ("grid", "unruled", "three_line"),
    # The unit of every table: 万元 with 2 decimals, or 元 with 2 decimals (1,234,567.89).
    "unit": ("万元", "万元", "元"),
    # Thousands separators in the tables' numbers and the narrative's amounts.
    "separators": (True, False),
    # A table continued on the next page repeats its header, or starts straight with the next data row.
    "continuation": ("repeat_header", "no_header"),
    # Function codes printed over three columns 类|款|项 (and economic 类|款), or as one code column.
    "codes": ("split", "joined"),
    # #1 收入支出决算总表 and #6 基本支出表 as two side-by-side panels, or stacked in one column pair.
    "panels": ("side_by_side", "side_by_side", "stacked"),
    # Wide tables (#2 #3 #4 #7 #8 #9) on landscape pages, or everything portrait (smaller type).
    "orientation": ("landscape", "portrait"),
    # A column-number row (栏次 1 2 3 …) under the header; with_line_numbers adds a 行次 column to #1.
    "column_numbers": ("none", "column_row", "column_row_and_line_numbers"),
    # How a zero prints: blank cell / 0.00 / a dash.
    "zeros": ("blank", "0.00", "-"),
    # The 合计 row of #2 #3 #5 #8 #9 above the first class or after the last row.
    "total_row": ("first", "last"),
    # Canonical titles (收入决算表, 一般公共预算财政拨款"三公"经费支出决算表 …) or the variants seen in real files
    # (收入决算总表, 财政拨款"三公"经费支出决算表, 国有资本经营预算财政拨款收入支出决算表 …).
    "titles": ("canonical", "variant"),
    # A 公开01表 … 公开09表 number above each table.
    "table_numbers": (True, False),
    # Page numbers in the footer (- 7 -).
    "page_footer": (True, False),
    # A 目录 page after the cover that lists the tables' titles.
    "toc": (True, False),
    # Type size and row height of the tables: compact tables fit more rows on a page than roomy ones.
    "density": ("compact", "normal", "roomy"),
}


@dataclass(frozen=True)
class Layout:
    ruling: str = "grid"
    unit: str = "万元"
    separators: bool = True
    continuation: str = "repeat_header"
    codes: str = "split"
    panels: str = "side_by_side"
    orientation: str = "landscape"
    column_numbers: str = "none"
    zeros: str = "blank"
    total_row: str = "first"
    titles: str = "canonical"
    table_numbers: bool = False
    page_footer: bool = True
    toc: bool = False
    density: str = "normal"

    def describe(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def assign_layouts(n: int, seed: int) -> list[Layout]:
    """``n`` layouts, each axis balanced over its options and shuffled with ``seed``."""
    columns: dict[str, list] = {}
    for axis, options in AXES.items():
        values = [options[i % len(options)] for i in range(n)]
        random.Random(f"layout:{seed}:{axis}").shuffle(values)
        columns[axis] = values
    return [Layout(**{axis: columns[axis][i] for axis in AXES}) for i in range(n)]


# The seed's own pair: the seed prints 万元 without separators; the tables are given the Liaoning look.
SEED_LAYOUTS = {
    2021: Layout(ruling="grid", unit="万元", separators=False, continuation="no_header", codes="joined",
                 panels="stacked", orientation="portrait", column_numbers="column_row", zeros="0.00",
                 total_row="last", titles="variant", table_numbers=True, page_footer=True, toc=False,
                 density="roomy"),
    2022: Layout(ruling="grid", unit="万元", separators=False, continuation="repeat_header", codes="split",
                 panels="side_by_side", orientation="landscape", column_numbers="none", zeros="blank",
                 total_row="first", titles="canonical", table_numbers=True, page_footer=True, toc=True,
                 density="normal"),
}
