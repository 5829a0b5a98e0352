"""How and where a parsed value was printed, for the values whose frame column keeps only the number.

The findings need both: the printed decimals set the rounding tolerance (``100.00%`` is not ``100%``)
and the location points a reader at the text. Keys mirror the frames' natural keys without the document:
``(frame name, row key, column)``, e.g. ``("performance_lines", (table_index, line_index),
"execution_rate_pct")``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PrintedValue:
    text: str  # as printed, e.g. "100.00%"
    location: str  # "L<line>:<start>-<end>", see layout.location


ProvenanceKey = tuple[str, tuple[int, ...], str]
Provenance = dict[ProvenanceKey, PrintedValue]
