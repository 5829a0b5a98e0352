"""Generated reports of consecutive years through the whole pipeline: the YoY mart pairs them by department."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.corpus.generate import generate
from tests.integration.pipeline_run import query, run_ingest

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("generated")
    raw = root / "raw"
    raw.mkdir()
    for doc in generate(departments=3, years=(2022, 2023), seed=11, include_seed=True):
        (raw / doc.pdf_name).write_bytes(doc.rendered.pdf)
    [result] = run_ingest(raw, root / "warehouse.duckdb")
    assert result.success
    return root / "warehouse.duckdb"


def test_every_department_year_pair_takes_its_prior_from_the_report(warehouse) -> None:
    pairs = query(
        warehouse,
        "SELECT department_key, fiscal_year, count(*), count(*) FILTER (WHERE prior_source = 'report') "
        "FROM fct_yoy_change WHERE metric = 'total_income' GROUP BY ALL ORDER BY ALL",
    )
    # 3 departments × 2022-2023 plus the seed's department × 2021-2022: every later year has its report prior.
    assert len(pairs) == 8
    departments = {key for key, _, _, _ in pairs}
    assert len(departments) == 4
    for key in departments:
        years = sorted((year, from_report) for k, year, _, from_report in pairs if k == key)
        assert [from_report for _, from_report in years] == [0, 1], key


def test_the_seed_change_follows_from_two_reports(warehouse) -> None:
    rows = query(
        warehouse,
        "SELECT metric, value_wan_yuan, prior_value_wan_yuan, prior_source, change_pct, is_stated_consistent "
        "FROM fct_yoy_change WHERE department_name = '盘锦市兴隆台区工业和信息化局' AND fiscal_year = 2022 "
        "AND metric IN ('total_income', 'operating_expenses') ORDER BY metric",
    )
    assert rows == [
        ("operating_expenses", Decimal("16.07"), Decimal("11.43"), "report", Decimal("40.59"), True),
        ("total_income", Decimal("423.59"), Decimal("718.15"), "report", Decimal("-41.02"), True),
    ]


def test_the_tables_reconcile_in_consistent_reports(warehouse) -> None:
    # The generator derives every total from its parts: no table check may fire on its reports.
    table_checks = query(
        warehouse,
        "SELECT check_name, subject FROM fct_finding WHERE check_name IN ('total_equals_sum_of_rows', "
        "'class_equals_sum_of_subclasses', 'columns_sum_to_row_total', 'summary_total_identity', "
        "'summary_sides_balance', 'same_figure_across_tables')",
    )
    assert table_checks == []
