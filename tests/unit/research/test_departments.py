"""A department named by key, by name or by an unambiguous part of either; its charted series."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from pipeline.research import ResearchError
from pipeline.research.departments import CHART_METRICS, Department, department_series, resolve_department

DEPARTMENTS = [
    ("210100-财政局", "财政局"),
    ("510104-成都市锦江区财政局", "成都市锦江区财政局"),
    ("440305-深圳市南山区财政局", "深圳市南山区财政局"),
    ("211103-教育局", "教育局"),
    ("211104-教育局", "教育局"),
]


@pytest.fixture
def con(tmp_path: Path):
    with duckdb.connect(str(tmp_path / "w.duckdb")) as connection:
        connection.execute(
            "CREATE TABLE fct_yoy_change (department_key VARCHAR, department_name VARCHAR, fiscal_year INTEGER, "
            "report_kind VARCHAR, metric VARCHAR, metric_label_zh VARCHAR, value_wan_yuan DECIMAL(24,6), "
            "change_pct DECIMAL(38,2))"
        )
        connection.executemany(
            "INSERT INTO fct_yoy_change VALUES (?, ?, 2022, 'final_account', 'total_income', '收入总计', 1, NULL)",
            DEPARTMENTS,
        )
        yield connection


def test_a_key_a_whole_name_or_a_unique_part(con) -> None:
    assert resolve_department(con, "510104-成都市锦江区财政局") == Department(*DEPARTMENTS[1])
    # the whole name wins over the names that contain it
    assert resolve_department(con, "财政局") == Department(*DEPARTMENTS[0])
    assert resolve_department(con, " 锦江 ") == Department(*DEPARTMENTS[1])
    assert resolve_department(con, "440305") == Department(*DEPARTMENTS[2])


@pytest.mark.parametrize("wanted", ["教育局", "区财政局"])
def test_ambiguous_names_list_the_candidates(con, wanted: str) -> None:
    with pytest.raises(ResearchError, match="matches 2 departments") as error:
        resolve_department(con, wanted)
    candidates = [key for key, name in DEPARTMENTS if wanted in name]
    assert all(key in str(error.value) for key in candidates)


def test_an_unknown_name_lists_what_there_is(con) -> None:
    with pytest.raises(ResearchError, match="no department matches") as error:
        resolve_department(con, "公安局")
    assert all(key in str(error.value) for key, _ in DEPARTMENTS)


def test_long_candidate_lists_are_cut(con) -> None:
    con.executemany(
        "INSERT INTO fct_yoy_change VALUES (?, ?, 2022, 'final_account', 'total_income', '收入总计', 1, NULL)",
        [(f"2101{i:02d}-卫生健康委员会", "卫生健康委员会") for i in range(12)],
    )
    with pytest.raises(ResearchError, match=r"matches 12 departments: .*… and 2 more") as error:
        resolve_department(con, "卫生健康")
    assert "210111-" not in str(error.value)


def test_a_warehouse_without_the_mart_says_to_ingest(tmp_path: Path) -> None:
    with duckdb.connect(str(tmp_path / "empty.duckdb")) as empty, pytest.raises(ResearchError, match="ingest"):
        resolve_department(empty, "财政局")


def test_the_series_holds_the_charted_metrics_in_order(con) -> None:
    con.executemany(
        "INSERT INTO fct_yoy_change VALUES ('211103-教育局', '教育局', ?, 'final_account', ?, ?, ?, ?)",
        [
            (2023, "operating_expenses", "机关运行经费", Decimal("12.5"), Decimal("25.00")),
            (2022, "operating_expenses", "机关运行经费", Decimal("10"), None),
            (2023, "personnel_expenses", "人员经费", Decimal("80"), None),
            (2023, "total_income", "收入总计", Decimal("2"), Decimal("100.00")),
        ],
    )
    series = department_series(con, Department(*DEPARTMENTS[3]))
    assert [(p.metric, p.fiscal_year) for p in series] == [
        ("total_income", 2022), ("total_income", 2023), ("operating_expenses", 2022), ("operating_expenses", 2023),
    ]
    assert {p.metric for p in series} <= set(CHART_METRICS)
    assert series[-1].value_wan_yuan == Decimal("12.5") and series[-1].change_pct == Decimal("25.00")
