"""The reader against the hand-written truth files (tests/fixtures/truth), matched as the benchmark matches:
item, measure and title after NFKC with blanks and quote marks removed; values as decimals."""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

import polars as pl
import pytest

from tests.unit.pdf.real import RealPdfs

TRUTH = Path(__file__).resolve().parents[2] / "fixtures" / "truth"
# A truth file written for the panel only lists no tables (tests/fixtures/truth/README.md).
TRUTH_FILES = sorted(p for p in TRUTH.glob("*.truth.json") if "tables" in json.loads(p.read_text(encoding="utf-8")))


def _text(value: str | None) -> str:
    return re.sub(r"[\s“”‘’\"']", "", unicodedata.normalize("NFKC", value or ""))


def _value(printed: str) -> str:
    return printed.replace(",", "")


@pytest.mark.parametrize("path", TRUTH_FILES, ids=lambda p: p.name.removesuffix(".truth.json"))
def test_tables_and_cells_match_the_truth(real: RealPdfs, path: Path) -> None:
    truth = json.loads(path.read_text(encoding="utf-8"))
    read = real(truth["file"])
    assert read.tables.height == len(truth["tables"])
    for expected, got in zip(truth["tables"], read.tables.iter_rows(named=True)):
        where = f"{truth['file']} {expected['table_kind']}"
        assert got["table_kind"] == expected["table_kind"], where
        assert _text(got["table_title"]) == _text(expected["title"]), where
        assert got["unit_printed"] == expected["unit"], where
        assert (got["page_first"], got["page_last"]) == (expected["page_first"], expected["page_last"]), where
        assert got["is_empty"] == expected["is_empty"], where
        cells = read.items.filter(pl.col("table_index") == got["table_index"])
        ours = Counter(
            (
                c["page"],
                c["panel"],
                c["classification_code"],
                _text(c["item_name"]),
                _text(c["measure"]),
                _value(c["value_printed"]),
            )
            for c in cells.iter_rows(named=True)
        )
        theirs = Counter(
            (c["page"], c["panel"], c["code"], _text(c["item"]), _text(c["measure"]), _value(c["value"]))
            for c in expected["cells"]
        )
        assert ours == theirs, (where, ours - theirs, theirs - ours)
