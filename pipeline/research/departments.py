"""A department as researchers name it (its key, or part of its name) and its year-over-year series."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import duckdb

from pipeline.research import ResearchError

SERIES_MART = "fct_yoy_change"
# Income, expenditure by kind, 三公 and 机关运行经费: codes of the seed metric_codes.
CHART_METRICS = (
    "total_income",
    "total_expenditure",
    "basic_expenditure",
    "project_expenditure",
    "three_public_expenses",
    "operating_expenses",
)
_LISTED = 10


@dataclass(frozen=True)
class Department:
    key: str
    name: str


@dataclass(frozen=True)
class Point:
    fiscal_year: int
    report_kind: str
    metric: str
    label_zh: str
    value_wan_yuan: Decimal | None
    change_pct: Decimal | None


def _departments(con: duckdb.DuckDBPyConnection) -> list[Department]:
    try:
        rows = con.execute(
            f"SELECT DISTINCT department_key, department_name FROM {SERIES_MART} ORDER BY department_key"
        ).fetchall()
    except duckdb.CatalogException as exc:
        raise ResearchError(f"the warehouse has no {SERIES_MART}; run `python -m pipeline ingest` first") from exc
    return [Department(key, name) for key, name in rows]


def _listing(departments: list[Department]) -> str:
    shown = "; ".join(f"{d.key} ({d.name})" for d in departments[:_LISTED])
    more = len(departments) - _LISTED
    return shown + (f"; … and {more} more" if more > 0 else "")


def resolve_department(con: duckdb.DuckDBPyConnection, wanted: str) -> Department:
    """The department whose key is ``wanted``, else whose name is or contains it — if exactly one does."""
    departments = _departments(con)
    needle = wanted.strip()
    for matches in (
        [d for d in departments if d.key == needle],
        [d for d in departments if d.name == needle],
        [d for d in departments if needle.casefold() in f"{d.key}\n{d.name}".casefold()],
    ):
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            raise ResearchError(
                f"'{wanted}' matches {len(matches)} departments: {_listing(matches)}; give a key or more of the name"
            )
    if not departments:
        raise ResearchError(f"{SERIES_MART} has no departments; ingest some reports first")
    raise ResearchError(f"no department matches '{wanted}'; the warehouse has: {_listing(departments)}")


def department_series(con: duckdb.DuckDBPyConnection, department: Department) -> list[Point]:
    rows = con.execute(
        f"SELECT fiscal_year, report_kind, metric, metric_label_zh, value_wan_yuan, change_pct FROM {SERIES_MART} "
        "WHERE department_key = ? AND list_contains(?, metric) "
        "ORDER BY report_kind, list_position(?, metric), fiscal_year",
        [department.key, list(CHART_METRICS), list(CHART_METRICS)],
    ).fetchall()
    return [Point(*row) for row in rows]
