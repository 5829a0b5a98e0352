"""The benchmark's matcher, on hand-built frames."""

from __future__ import annotations

import json
from decimal import Decimal

import polars as pl
import pytest

from benchmarks import accuracy
from pipeline import schemas

SHA = "a" * 64

TRUTH = {
    "file": "x_2022_dept-final.pdf",
    "sha256": SHA,
    "department_name": "某局",
    "fiscal_year": 2022,
    "report_kind": "final_account",
    "tables": [
        {
            "table_kind": "final_income_expenditure_summary", "title": "收入支出决算总表", "unit": "万元",
            "page_first": 5, "page_last": 5, "is_empty": False,
            "cells": [
                {"page": 5, "panel": 0, "code": None, "item": "一、一般公共预算财政拨款收入", "measure": "决算数", "value": "2,940.05"},
                {"page": 5, "panel": 1, "code": None, "item": "总计", "measure": "决算数", "value": "2,995.39"},
                {"page": 5, "panel": 0, "code": None, "item": "总计", "measure": "决算数", "value": "2,995.39"},
            ],
        },
        {
            "table_kind": "final_expenditure", "title": "支出决算表", "unit": "元", "page_first": 6, "page_last": 7,
            "is_empty": False,
            "cells": [
                {"page": 6, "panel": 0, "code": "2010601", "item": "行政运行", "measure": "本年支出合计", "value": "1,234,567.89"},
                {"page": 7, "panel": 0, "code": "2010601", "item": "行政运行", "measure": "基本支出", "value": "0.00"},
            ],
        },
        {
            "table_kind": "final_three_public", "title": "财政拨款“三公”经费支出决算表", "unit": "万元",
            "page_first": 8, "page_last": 8, "is_empty": False,
            "cells": [{"page": 8, "panel": 0, "code": None, "item": None,
                       "measure": "财政拨款“三公”经费/合计/预算数", "value": "0.95"}],
        },
    ],
    "narrative": [
        {"section": "收入", "label": "收入总计", "value": "2,995.39", "unit": "万元"},
        {"section": "三公", "label": "一般公共预算财政拨款安排的三公经费支出", "value": "0", "unit": "万元"},
    ],
}


def _frames(cells: list[dict], figures: list[dict]) -> dict[str, pl.DataFrame]:
    """A parser's output as the frames of pipeline.schemas: one statement table per kind."""
    kinds = list(dict.fromkeys(c["table_kind"] for c in cells))
    tables = schemas.STATEMENT_TABLES.frame([
        {"document_sha256": SHA, "table_index": i, "table_kind": k, "table_title": k, "page_first": 1,
         "page_last": 1, "is_empty": False, "cell_count": 0}
        for i, k in enumerate(kinds)
    ])
    items = schemas.LINE_ITEMS.frame([
        {"document_sha256": SHA, "table_index": kinds.index(c["table_kind"]), "cell_index": n, "page": c["page"],
         "row_index": n, "column_index": 0, "panel": c.get("panel", 0), "classification_code": c["code"],
         "item_name": c["item"] if c["item"] is not None else "", "measure": c["measure"],
         "value_printed": c["value"], "unit_printed": "万元", "value_wan_yuan": Decimal(0)}
        for n, c in enumerate(cells)
    ])
    narrative = schemas.NARRATIVE_FIGURES.frame([
        {"document_sha256": SHA, "figure_index": n, "section": f["section"], "label": f["label"],
         "label_printed": f["label"], "value_printed": f["value"], "unit_printed": "万元",
         "value": Decimal(f["value"].replace(",", ""))}
        for n, f in enumerate(figures)
    ])
    return {"statement_tables": tables, "line_items": items, "narrative_figures": narrative}


def _perfect() -> tuple[list[dict], list[dict]]:
    cells = [{**c, "table_kind": t["table_kind"]} for t in TRUTH["tables"] for c in t["cells"]]
    return cells, [dict(f) for f in TRUTH["narrative"]]


def test_a_perfect_extraction_scores_100_percent():
    cells, figures = _perfect()
    # what a parser prints may differ from the truth in separators, blanks, quotes and full-width forms
    cells[3] = {**cells[3], "value": "1234567.89", "item": "行 政 运 行"}
    cells[5] = {**cells[5], "measure": '财政拨款"三公"经费/合计/预算数'}
    figures.append({"section": "收入", "label": "上级补助收入", "value": "0"})  # not in the truth: out of scope
    result = accuracy.score(TRUTH, _frames(cells, figures))
    assert set(result.kinds) == {"final_income_expenditure_summary", "final_expenditure", "final_three_public",
                                 "narrative"}
    for name, kind in result.kinds.items():
        assert (kind.precision, kind.recall) == (1.0, 1.0), name
    assert result.misses == [] and result.false_extractions == []
    assert (result.total.truth, result.total.extracted, result.total.matched) == (8, 8, 8)


def test_a_wrong_value_is_one_miss_and_one_false_extraction():
    cells, figures = _perfect()
    cells[0] = {**cells[0], "value": "2,940.06"}
    result = accuracy.score(TRUTH, _frames(cells, figures))
    summary = result.kinds["final_income_expenditure_summary"]
    assert (summary.truth, summary.extracted, summary.matched) == (3, 3, 2)
    assert summary.precision == summary.recall == pytest.approx(2 / 3)
    assert len(result.misses) == 1 and len(result.false_extractions) == 1
    miss, false = result.misses[0], result.false_extractions[0]
    assert (miss["file"], miss["page"], miss["table_kind"], miss["item"], miss["measure"], miss["value"]) == (
        "x_2022_dept-final.pdf", 5, "final_income_expenditure_summary", "一、一般公共预算财政拨款收入", "决算数", "2,940.05")
    assert false["value"] == "2,940.06"
    assert result.kinds["final_expenditure"].recall == 1.0


def test_multiset_matching_needs_two_extractions_for_two_equal_cells():
    cells, figures = _perfect()
    del cells[2]  # only one of the two 总计 2,995.39
    result = accuracy.score(TRUTH, _frames(cells, figures))
    assert result.kinds["final_income_expenditure_summary"].matched == 2
    assert [m["item"] for m in result.misses] == ["总计"]


def test_a_wrong_narrative_value_and_a_wrong_kind():
    cells, figures = _perfect()
    figures[0] = {**figures[0], "value": "2995.40"}
    cells[1] = {**cells[1], "table_kind": "unknown"}
    result = accuracy.score(TRUTH, _frames(cells, figures))
    assert (result.kinds["narrative"].matched, len(result.misses), len(result.false_extractions)) == (1, 2, 2)
    assert result.kinds["unknown"].extracted == 1 and result.kinds["unknown"].truth == 0


def test_nothing_extracted_misses_everything():
    result = accuracy.score(TRUTH, None)
    assert result.total.truth == 8 and result.total.matched == 0 and result.total.extracted == 0
    assert len(result.misses) == 8 and result.total.precision is None and result.total.recall == 0.0


@pytest.mark.slow
def test_the_script_reports_a_generated_corpus(tmp_path, corpus, capsys):
    from tests.corpus.generate import write

    write(corpus[:2], tmp_path)
    out = tmp_path / "scores.json"
    assert accuracy.main(["--generated", str(tmp_path), "--json", str(out), "--max-list", "3"]) == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    truth_cells = sum(len(t["cells"]) for d in corpus[:2] for t in d.truth["tables"])
    truth_figures = sum(len(d.truth["narrative"]) for d in corpus[:2])
    assert report["total"]["truth"] == truth_cells + truth_figures
    assert len(report["misses"]) == report["total"]["truth"] - report["total"]["matched"]
    printed = capsys.readouterr().out
    assert "table_kind" in printed and "TOTAL" in printed and "narrative" in printed
