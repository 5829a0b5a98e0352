"""The findings part of the accuracy benchmark: a truth file's findings against a warehouse's fct_finding."""

from __future__ import annotations

import duckdb

from benchmarks.panel import score_findings

SHA = "a" * 64


def test_listed_findings_are_found_missed_or_differ_and_unlisted_ones_are_false(tmp_path) -> None:
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        con.execute(
            "CREATE TABLE fct_finding (document_sha256 VARCHAR, check_name VARCHAR, severity VARCHAR, "
            "observed_value DECIMAL(24, 6), expected_value DECIMAL(24, 6), page INTEGER, subject VARCHAR)"
        )
        con.execute(
            "INSERT INTO fct_finding VALUES "
            f"('{SHA}', 'parts_sum_to_total', 'error', 8013, 8103, 30, 's1'), "
            f"('{SHA}', 'yoy_pct_consistent', 'warning', 5.95, 6.098505, 19, 's2'), "
            f"('{SHA}', 'same_figure_across_tables', 'info', 326.72, 326.71, 10, 's3'), "
            # Two findings without values: told apart by what they name.
            f"('{SHA}', 'required_table_missing', 'critical', NULL, NULL, NULL, '缺少必备表格：收入决算表'), "
            f"('{SHA}', 'required_table_missing', 'critical', NULL, NULL, NULL, '缺少必备表格：支出决算表'), "
            f"('{'b' * 64}', 'amount_precision', 'warning', 294.561, 294.56, NULL, 's4')"
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
                {"check_name": "required_table_missing", "severity": "critical", "page": None,
                 "subject": "缺少必备表格：支出决算表"},
            ],
        }
        outcomes = {(o.metric, o.outcome, o.reason) for o in score_findings(truth, con)}
    assert outcomes == {
        ("parts_sum_to_total", "agree", ""),
        ("yoy_pct_consistent", "wrong", "severity warning ≠ error"),
        ("stated_share_matches", "missing", "71.73 vs 71.65"),
        ("same_figure_across_tables", "extra", "326.72 vs 326.71 (info, p10)"),
        ("required_table_missing", "agree", ""),
        ("required_table_missing", "extra", "缺少必备表格：收入决算表 (critical, pNone)"),
    }
