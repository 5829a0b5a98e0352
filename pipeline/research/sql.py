"""Quoting for the names and paths that DuckDB statements such as COPY take as literals, not parameters."""

from __future__ import annotations

from pathlib import Path


def identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def path_literal(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"
