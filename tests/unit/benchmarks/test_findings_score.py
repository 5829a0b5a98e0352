"""The findings part of the accuracy benchmark: a truth file's findings against a warehouse's fct_finding."""

from __future__ import annotations

import duckdb

from benchmarks.panel import score_findings

SHA = "a" * 64


def test_listed_findings_are_found_missed_or_differ_and_unlisted_ones_are_false(tmp_path) -> None:
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        con.execute(
            "CREATE TABLE fct_finding (document_sha256 VARCHAR, check_name VARCHAR, severity VARCHAR, "
            "observed_value DECIMAL(24, 6), expected_value DECIMAL(24, 6), page INTEGER)"
        )
        con.execute(
            "INSERT INTO fct_finding VALUES "
            f"('{SHA}', 'parts_sum_to_total', 'error', 8013, 8103, 30), "
            f"('{SHA}', 'yoy_pct_consistent', 'warning', 5.95, 6.098505, 19), "
            f"('{SHA}', 'same_figure_across_tables', 'info', 326.72, 326.71, 10), "
            f"('{'b' * 64}', 'amount_precision', 'warning', 294.561, 294.56, NULL)"
        )
        truth = {
            "file": "x.pdf",
            "sha256": SHA,
            "findings": [
                {"check_name": "parts_sum_to_total", "severity": "error", "observed": "8013.00",
                 "expected": "8103.00", "page": 30},
                {"check_name": "yoy_pct_consistent", "severity": "error", "observed": "5.95", "expected": "6.10",
                 "page": 19},
                {"check_name": "stated_share_matches", "severity": "warning", "observed": "71.73",
                 "expected": "71.65", "page": 21},
            ],
        }
        outcomes = {(o.metric, o.outcome, o.reason) for o in score_findings(truth, con)}
    assert outcomes == {
        ("parts_sum_to_total", "agree", ""),
        ("yoy_pct_consistent", "wrong", "severity warning ≠ error"),
        ("stated_share_matches", "missing", "71.73 vs 71.65"),
        ("same_figure_across_tables", "extra", "326.72 vs 326.71 (info, p10)"),
    }
