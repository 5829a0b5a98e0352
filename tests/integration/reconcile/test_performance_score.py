"""The 绩效 score check on a generated report whose 绩效自评表 prints 总评价得分 off the sum of its 得分.

The reader reads 绩效自评表 from the flattened text format only (``pipeline.parse.text.performance_table``), so the
report is the generated narrative with the table as a text report, as the seed is published
(``tests.corpus.performance``); it goes through the same ``parse_document``.
"""

from __future__ import annotations

import hashlib
from decimal import Decimal

import polars as pl

from pipeline.checks.document import CheckedDocument, check_document
from pipeline.parse.dispatch import parse_document
from tests.corpus import spec
from tests.corpus.defects import PerformanceDefect
from tests.corpus.narrative import build_narrative
from tests.corpus.performance import build_performance, text_report
from tests.integration.reconcile.cases import RULED, YEAR


def _text_report(defect: PerformanceDefect | None) -> tuple[str, CheckedDocument]:
    dept = spec.seed_department()
    data = text_report(build_narrative(dept, YEAR, RULED), build_performance(dept, YEAR, defect), YEAR)
    parsed = check_document(parse_document(data, sha256=hashlib.sha256(data).hexdigest(), source_path="report.txt"))
    return data.decode("utf-8"), parsed


def _spans(text: str, location: str) -> list[str]:
    """The printed text at each ``L<line>:<start>-<end>`` of a location (offsets into the whole text)."""
    out = []
    for part in location.split("; "):
        start, end = part.split(":")[1].split("-")
        out.append(text[int(start):int(end)])
    return out


def test_a_total_score_off_its_scores_is_flagged_with_both_numbers() -> None:
    delta = Decimal("2.5")
    text, parsed = _text_report(PerformanceDefect(delta))
    table = build_performance(spec.seed_department(), YEAR)
    findings = parsed["findings"]
    assert set(findings.select("check_name", "subject").iter_rows()) == {
        ("performance_total_score", "部门（单位）整体绩效自评表（表0）：总评价得分 = Σ得分")
    }
    [finding] = findings.to_dicts()
    assert finding["observed_value"] == table.scores_sum + delta
    assert finding["expected_value"] == table.scores_sum
    assert _spans(text, finding["observed_location"]) == [f"{table.scores_sum + delta}"]
    assert _spans(text, finding["expected_location"]) == [f"{line.score}" for line in table.lines]
    [summary] = parsed["performance_summaries"].to_dicts()
    assert summary["total_score"] == table.scores_sum + delta  # as printed, not corrected
    assert parsed["performance_lines"].height == len(table.lines)

    _, clean = _text_report(None)
    assert clean["findings"].filter(pl.col("check_name") == "performance_total_score").is_empty()
