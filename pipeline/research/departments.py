"""A department as researchers name it (its key, or part of its name) and its year-over-year series."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import duckdb

from pipeline.research import ResearchError

SERIES_MART = "fct_yoy_change"
DEPARTMENTS_MART = "dim_department"
# The metrics' names, sections and order: the seed the marts are built from.
METRICS_SEED = "seeds.metric_codes"
_LISTED = 10


@dataclass(frozen=True)
class Department:
    key: str
    name: str


@dataclass(frozen=True)
class Point:
    fiscal_year: int
    report_scope: str
    report_kind: str
    metric_code: str
    section: str
    label_zh: str
    value_wan_yuan: Decimal | None
    change_pct: Decimal | None
    is_comparable: bool = True


def _departments(con: duckdb.DuckDBPyConnection) -> list[Department]:
    try:
        rows = con.execute(
            f"SELECT department_key, department_name FROM {DEPARTMENTS_MART} ORDER BY department_key"
        ).fetchall()
    except duckdb.CatalogException as exc:
        raise ResearchError(
            f"the warehouse has no {DEPARTMENTS_MART}; run `python -m pipeline ingest` first"
        ) from exc
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
        raise ResearchError(f"{DEPARTMENTS_MART} has no departments; ingest some reports first")
    raise ResearchError(f"no department matches '{wanted}'; the warehouse has: {_listing(departments)}")


def department_series(con: duckdb.DuckDBPyConnection, department: Department) -> list[Point]:
    """Every metric of the department's panel, year by year, for each scope and report kind (function classes
    aside), in the panel's order of metrics."""
    rows = con.execute(
        f"SELECT changes.fiscal_year, changes.report_scope, changes.report_kind, changes.metric_code, "
        f"metric_codes.section, changes.metric_label_zh, changes.value_wan_yuan, changes.change_pct, "
        f"changes.is_comparable FROM {SERIES_MART} AS changes JOIN {METRICS_SEED} AS metric_codes USING (metric_code) "
        "WHERE changes.department_key = ? AND changes.function_class_code IS NULL "
        "ORDER BY changes.report_scope, changes.report_kind, metric_codes.display_order, changes.fiscal_year",
        [department.key],
    ).fetchall()
    return [Point(*row) for row in rows]
