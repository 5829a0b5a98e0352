"""A department named by key, by name or by an unambiguous part of either; its charted series."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from pipeline.research import ResearchError
from pipeline.research.departments import Department, department_series, resolve_department

METRIC_CODES = Path(__file__).resolve().parents[3] / "dbt_project" / "seeds" / "metric_codes.csv"
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
        connection.execute("CREATE TABLE dim_department (department_key VARCHAR, department_name VARCHAR)")
        connection.executemany("INSERT INTO dim_department VALUES (?, ?)", DEPARTMENTS)
        connection.execute(
            "CREATE TABLE fct_yoy_change (department_key VARCHAR, report_scope VARCHAR, fiscal_year INTEGER, "
            "report_kind VARCHAR, metric_code VARCHAR, function_class_code VARCHAR, metric_label_zh VARCHAR, "
            "value_wan_yuan DECIMAL(24,6), change_pct DECIMAL(38,2), is_comparable BOOLEAN)"
        )
        connection.execute("CREATE SCHEMA seeds")
        connection.execute(
            "CREATE TABLE seeds.metric_codes AS SELECT * FROM read_csv(?, header = true)",
            [str(METRIC_CODES)],
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
        "INSERT INTO dim_department VALUES (?, ?)", [(f"2101{i:02d}-卫生健康委员会", "卫生健康委员会") for i in range(12)]
    )
    with pytest.raises(ResearchError, match=r"matches 12 departments: .*… and 2 more") as error:
        resolve_department(con, "卫生健康")
    assert "210111-" not in str(error.value)


def test_a_warehouse_without_the_mart_says_to_ingest(tmp_path: Path) -> None:
    with duckdb.connect(str(tmp_path / "empty.duckdb")) as empty, pytest.raises(ResearchError, match="ingest"):
        resolve_department(empty, "财政局")


def test_the_series_holds_every_metric_of_each_scope_in_the_panels_order(con) -> None:
    con.executemany(
        "INSERT INTO fct_yoy_change VALUES ('211103-教育局', ?, ?, 'final_account', ?, ?, ?, ?, ?, ?)",
        [
            ("department", 2023, "operating_expenses", None, "机关运行经费", Decimal("12.5"), Decimal("25.00"), False),
            ("department", 2022, "operating_expenses", None, "机关运行经费", Decimal("10"), None, True),
            ("department", 2023, "personnel_expenses", None, "人员经费", Decimal("80"), None, True),
            ("unit", 2023, "total_income", None, "收入总计", Decimal("2"), Decimal("100.00"), True),
            # a function class is no series of the chart
            ("department", 2023, "function_class_expenditure", "201", "一般公共服务支出", Decimal("9"), None, True),
        ],
    )
    series = department_series(con, Department(*DEPARTMENTS[3]))
    assert [(p.report_scope, p.metric_code, p.fiscal_year) for p in series] == [
        ("department", "personnel_expenses", 2023),
        ("department", "operating_expenses", 2022),
        ("department", "operating_expenses", 2023),
        ("unit", "total_income", 2023),
    ]
    assert [p.section for p in series] == ["基本支出", "机关运行经费", "机关运行经费", "收入"]
    assert (series[2].value_wan_yuan, series[2].change_pct, series[2].is_comparable) == (
        Decimal("12.5"), Decimal("25.00"), False)
