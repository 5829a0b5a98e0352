"""The reader on reports made by the corpus generator (tests/corpus): fully ruled, three-line (top, under-header and
bottom rules only) and unruled tables, with split or joined codes, side-by-side or stacked panels, continued pages.
Cells match as the benchmark matches them (kind, code, item, measure, value)."""

from __future__ import annotations

import io
import re
import unicodedata
from collections import Counter

import pdfplumber
import pytest

from pipeline.parse.pdf import extract_tables
from tests.corpus.generate import generate

# Share of the truth's cells read exactly, by how the tables are ruled: all of them, whatever the ruling.
FLOOR = {"grid": 1.0, "three_line": 1.0, "unruled": 1.0}


def _text(value: str | None) -> str:
    return re.sub(r"[\s“”‘’\"']", "", unicodedata.normalize("NFKC", value or ""))


def _key(kind: str, code: str | None, item: str | None, measure: str, value: str) -> tuple:
    return (kind, code or "", _text(item), _text(measure), value.replace(",", ""))


@pytest.fixture(scope="module")
def generated() -> list:
    return generate(3, (2022, 2023), seed=0)


def test_every_ruling_is_generated(generated: list) -> None:
    assert {doc.layout.ruling for doc in generated} == set(FLOOR)


@pytest.mark.parametrize("ruling", sorted(FLOOR))
def test_cells_of_generated_reports(generated: list, ruling: str) -> None:
    truth_total = extracted_total = matched_total = 0
    for doc in (d for d in generated if d.layout.ruling == ruling):
        with pdfplumber.open(io.BytesIO(doc.rendered.pdf)) as pdf:
            tables, items = extract_tables(pdf, sha256=doc.truth["sha256"])
        # Every table, empty or not, is found with its pages and unit.
        found = [
            (r["table_kind"], r["page_first"], r["page_last"], r["unit_printed"])
            for r in tables.iter_rows(named=True)
        ]
        expected = [
            (t["table_kind"], t["page_first"], t["page_last"], t["unit"]) for t in doc.truth["tables"]
        ]
        assert found == expected, doc.pdf_name
        kinds = dict(zip(tables["table_index"], tables["table_kind"]))
        ours = Counter(
            _key(
                kinds[c["table_index"]],
                c["classification_code"],
                c["item_name"],
                c["measure"],
                c["value_printed"],
            )
            for c in items.iter_rows(named=True)
        )
        theirs = Counter(
            _key(t["table_kind"], c["code"], c["item"], c["measure"], c["value"])
            for t in doc.truth["tables"]
            for c in t["cells"]
        )
        truth_total += sum(theirs.values())
        extracted_total += sum(ours.values())
        matched_total += sum((ours & theirs).values())
    assert truth_total > 0
    assert matched_total / truth_total >= FLOOR[ruling]
    assert matched_total / extracted_total >= FLOOR[ruling]
