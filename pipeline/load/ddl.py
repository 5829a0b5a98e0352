"""The warehouse's ``raw`` schema, derived from the frame schemas so the two cannot drift."""

from __future__ import annotations

import duckdb
import polars as pl

from pipeline.load import changed_documents
from pipeline.schemas import DOCUMENT_FRAMES, QUARANTINE, WAREHOUSE_FRAMES, FrameSchema

RAW_SCHEMA = "raw"
# What a document's reading writes: its frames, or its quarantine row.
DOCUMENT_TABLES = (*DOCUMENT_FRAMES, QUARANTINE)


def duckdb_type(dtype: pl.DataType) -> str:
    if isinstance(dtype, pl.Decimal):
        return f"DECIMAL({dtype.precision}, {dtype.scale})"
    if isinstance(dtype, pl.Datetime):
        return "TIMESTAMP"
    if isinstance(dtype, pl.List):
        return f"{duckdb_type(dtype.inner)}[]"
    simple = {
        pl.Utf8: "VARCHAR", pl.Int8: "TINYINT", pl.Int32: "INTEGER", pl.Int64: "BIGINT", pl.Boolean: "BOOLEAN",
        pl.Float64: "DOUBLE",
    }
    for polars_type, sql_type in simple.items():
        if dtype == polars_type:
            return sql_type
    raise TypeError(f"no DuckDB type declared for {dtype}")


def create_table_sql(schema: FrameSchema, name: str | None = None) -> str:
    """The table of ``schema`` (under ``name`` if given). No PRIMARY KEY: DuckDB keeps a key's index in memory once
    touched, ~100 bytes a row, GBs at a province's 30 million line items. A key is unique by construction instead:
    each frame is checked for duplicate keys where it is made, every key starts with its document's sha256 (or its
    file's path), and a load replaces all rows of the documents (files) it writes."""
    columns = ",\n  ".join(
        f"{c.name} {duckdb_type(c.dtype)}{'' if c.nullable else ' NOT NULL'}" for c in schema.columns
    )
    return f"CREATE TABLE IF NOT EXISTS {RAW_SCHEMA}.{name or schema.name} (\n  {columns}\n)"


def ensure_raw_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Makes the raw tables as declared, changing only what differs: on a lake every statement is a snapshot."""
    con.execute(f"CREATE SCHEMA IF NOT EXISTS {RAW_SCHEMA}")
    changed_documents.ensure_table(con)
    _drop_parsed_tables_of_an_older_shape(con)
    columns = _columns(con)
    for schema in WAREHOUSE_FRAMES:
        if schema.name not in columns:
            con.execute(create_table_sql(schema))
            continue
        # A warehouse made before a nullable column was declared gets it, so its next load can insert by name;
        # one made while a column was required lets it be null now.
        for column in schema.columns:
            if column.nullable and column.name not in schema.key:
                if column.name not in columns[schema.name]:
                    con.execute(
                        f"ALTER TABLE {RAW_SCHEMA}.{schema.name} "
                        f"ADD COLUMN {column.name} {duckdb_type(column.dtype)}"
                    )
                elif columns[schema.name][column.name]:
                    con.execute(
                        f"ALTER TABLE {RAW_SCHEMA}.{schema.name} ALTER COLUMN {column.name} DROP NOT NULL"
                    )
    _drop_primary_keys(con)
    comments = dict(
        con.execute(
            "SELECT table_name, comment FROM duckdb_tables() WHERE database_name = current_database() "
            "AND schema_name = ?",
            [RAW_SCHEMA],
        ).fetchall()
    )
    for schema in WAREHOUSE_FRAMES:
        comment = f"{schema.zh} / {schema.en}"
        if comments.get(schema.name) != comment:
            con.execute(f"COMMENT ON TABLE {RAW_SCHEMA}.{schema.name} IS '{comment.replace(chr(39), chr(39) * 2)}'")


def _columns(con: duckdb.DuckDBPyConnection) -> dict[str, dict[str, bool]]:
    """Each raw table's columns, and whether each is required (NOT NULL)."""
    tables: dict[str, dict[str, bool]] = {}
    for table, column, required in con.execute(
        "SELECT table_name, column_name, is_nullable = 'NO' FROM information_schema.columns "
        "WHERE table_catalog = current_database() AND table_schema = ?",
        [RAW_SCHEMA],
    ).fetchall():
        tables.setdefault(table, {})[column] = required
    return tables


def _drop_parsed_tables_of_an_older_shape(con: duckdb.DuckDBPyConnection) -> None:
    """A parser that reads a frame with a new required column has a new PARSER_VERSION, so every document will be
    read again; rows of the older shape cannot hold a value for that column. The parsed tables are then dropped
    and made anew, all of them: every document's result comes back from one reading, so no table keeps rows of
    the older parser beside another's of the newer. The files' list and the reference data stay."""
    existing = {
        table: set(columns)
        for table, columns in con.execute(
            "SELECT table_name, list(column_name) FROM information_schema.columns "
            "WHERE table_catalog = current_database() AND table_schema = ? "
            "GROUP BY table_name",
            [RAW_SCHEMA],
        ).fetchall()
    }
    older = [
        schema.name
        for schema in DOCUMENT_TABLES
        if schema.name in existing
        and any(
            (not c.nullable or c.name in schema.key) and c.name not in existing[schema.name] for c in schema.columns
        )
    ]
    if older:
        for schema in DOCUMENT_TABLES:
            con.execute(f"DROP TABLE IF EXISTS {RAW_SCHEMA}.{schema.name}")


def _drop_primary_keys(con: duckdb.DuckDBPyConnection) -> None:
    """A warehouse made when the raw tables had primary keys gets them made anew without (DuckDB cannot drop a
    key in place), each in one transaction, its rows as they were."""
    keyed = [
        table for (table,) in con.execute(
            "SELECT DISTINCT table_name FROM duckdb_constraints() "
            "WHERE database_name = current_database() AND schema_name = ? AND constraint_type = 'PRIMARY KEY'",
            [RAW_SCHEMA],
        ).fetchall()
    ]
    for schema in WAREHOUSE_FRAMES:
        if schema.name not in keyed:
            continue
        columns = ", ".join(schema.column_names)
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(create_table_sql(schema, f"{schema.name}__unkeyed"))
            con.execute(
                f"INSERT INTO {RAW_SCHEMA}.{schema.name}__unkeyed ({columns}) "
                f"SELECT {columns} FROM {RAW_SCHEMA}.{schema.name}"
            )
            con.execute(f"DROP TABLE {RAW_SCHEMA}.{schema.name}")
            con.execute(f"ALTER TABLE {RAW_SCHEMA}.{schema.name}__unkeyed RENAME TO {schema.name}")
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
