"""A folder with a rendered inconsistent report through the whole pipeline (Dagster, DuckDB, dbt): the finding is
in ``fct_finding`` with both numbers, and every line item of the report is in ``fct_line_item``."""

from __future__ import annotations

import pytest

from pipeline.checks.rules import REQUIRED_TABLES
from tests.corpus import spec
from tests.corpus.generate import render_year
from tests.integration.pipeline_run import ingest_rendered, query
from tests.integration.reconcile.cases import BASIC, CASES, DELTA, RULED, YEAR, amount

pytestmark = pytest.mark.slow


def test_a_finding_reaches_the_mart_and_every_line_item_is_loaded(tmp_path) -> None:
    case = CASES["class_equals_sum_of_kuan"]
    doc = render_year(spec.seed_department(), YEAR, RULED, defect=case.defect)
    warehouse = ingest_rendered(tmp_path, [doc])

    sha = doc.truth["sha256"]
    [basic] = [t for t in doc.truth["tables"] if t["table_kind"] == BASIC]
    [printed_301] = [c["value"] for c in basic["cells"] if c["code"] == "301"]
    rows = query(
        warehouse,
        f"SELECT check_name, subject, severity, observed_value, expected_value, observed_location IS NOT NULL, "
        f"expected_location IS NOT NULL FROM fct_finding WHERE document_sha256 = '{sha}' "
        "AND check_name <> 'required_table_missing'",
    )
    stated = amount(printed_301)
    # 1.00 off a 301 of ~130: under 1% of the figure, a warning (pipeline/checks/rules.py).
    assert abs(DELTA) < stated / 100
    assert rows == [(case.check, case.subject, "warning", stated, stated + DELTA, True, True)]

    # The report prints only some of a 决算's standard tables: each other one is missing, critically.
    printed = {t["table_kind"] for t in doc.truth["tables"]}
    missing = {t.zh for t in REQUIRED_TABLES if t.report_kind == "final_account" and not printed & set(t.table_kinds)}
    assert query(
        warehouse,
        f"SELECT DISTINCT severity FROM fct_finding WHERE document_sha256 = '{sha}' AND check_name = 'required_table_missing'",
    ) == ([("critical",)] if missing else [])
    assert {subject for (subject,) in query(
        warehouse,
        f"SELECT subject FROM fct_finding WHERE document_sha256 = '{sha}' AND check_name = 'required_table_missing'",
    )} == {f"缺少必备表格：{name}" for name in missing}

    cells = [c for t in doc.truth["tables"] for c in t["cells"]]
    assert query(warehouse, f"SELECT count(*) FROM fct_line_item WHERE document_sha256 = '{sha}'") == [(len(cells),)]
    record = doc.truth["defect"]
    assert query(
        warehouse,
        f"SELECT value_printed, value_wan_yuan FROM fct_line_item WHERE document_sha256 = '{sha}' AND table_kind = '{BASIC}' "
        f"AND classification_code = '{record['code']}'",
    ) == [(record["printed"], amount(record["printed"]))]
