"""The marts a researcher sees: the tables of schema ``main``, described by the dbt manifest.

The set is read from the warehouse's catalog, never listed here, so new marts are exported and documented as
soon as dbt builds them.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

MART_SCHEMA = "main"
UNDOCUMENTED = "（dbt 文档中没有说明） / (not documented in dbt)"


@dataclass(frozen=True)
class Column:
    name: str
    data_type: str
    description: str


@dataclass(frozen=True)
class Mart:
    name: str
    description: str
    columns: tuple[Column, ...]


def mart_names(con: duckdb.DuckDBPyConnection) -> list[str]:
    rows = con.execute(
        "SELECT table_name FROM information_schema.tables "
        "WHERE table_catalog = current_database() AND table_schema = ? AND table_type = 'BASE TABLE' "
        "ORDER BY table_name",
        [MART_SCHEMA],
    ).fetchall()
    return [name for (name,) in rows]


def _description(entry: dict) -> str:
    return (entry.get("description") or "").strip() or UNDOCUMENTED


def describe_marts(con: duckdb.DuckDBPyConnection, manifest: dict) -> list[Mart]:
    """Every mart with its columns in table order, their warehouse types and their dbt descriptions."""
    models = {
        node.get("alias") or node["name"]: node
        for node in manifest.get("nodes", {}).values()
        if node.get("resource_type") == "model" and node.get("schema") == MART_SCHEMA
    }
    marts = []
    for name in mart_names(con):
        node = models.get(name, {})
        documented = node.get("columns", {})
        columns = con.execute(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_catalog = current_database() AND table_schema = ? AND table_name = ? "
            "ORDER BY ordinal_position",
            [MART_SCHEMA, name],
        ).fetchall()
        marts.append(Mart(
            name=name,
            description=_description(node),
            columns=tuple(
                Column(column, data_type, _description(documented.get(column, {}))) for column, data_type in columns
            ),
        ))
    return marts
