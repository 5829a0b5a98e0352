"""A table's 行次 column numbers its rows; it is no classification code, however a table without rules splits it.

The two reports are those of the benchmark's 1,000 that showed it (``benchmarks/run.py``): in one the header word
行次 stands over a column of its own beside the numbers, in the other it is printed a character per line (行 over
次) on a row of its own. Both read the row numbers as 功能分类 codes, which the marts then refused (a code of one
or two digits has no 类/款/项 level).
"""

from __future__ import annotations

import hashlib

import pytest

from benchmarks import accuracy
from benchmarks.corpus_cache import _plan
from pipeline import schemas
from pipeline.parse.pdf.report import parse_pdf_report
from tests.corpus.generate import render_year

SUMMARY = "final_income_expenditure_summary"


@pytest.mark.parametrize("job", [37, 927], ids=["header-split-over-lines", "header-beside-numbers"])
def test_row_numbers_are_not_codes(job: int) -> None:
    dept, year, layout = _plan(1000, 0)[job]
    doc = render_year(dept, year, layout, table_kinds=[SUMMARY])
    data = doc.rendered.pdf
    parsed = parse_pdf_report(data, sha256=hashlib.sha256(data).hexdigest(), source_path=doc.pdf_name)

    items = parsed[schemas.LINE_ITEMS.name]
    assert items.height > 0
    assert items["classification_code"].drop_nulls().to_list() == []
    score = accuracy.score(doc.truth, parsed).kind(SUMMARY)
    assert score.matched == score.truth > 0 and score.extracted == score.matched
