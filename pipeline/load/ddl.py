"""The warehouse's ``raw`` schema, derived from the frame schemas so the two cannot drift."""

from __future__ import annotations

import duckdb
import polars as pl

from pipeline.schemas import PARSED_FRAMES, QUARANTINE, WAREHOUSE_FRAMES, FrameSchema

RAW_SCHEMA = "raw"
# What a document's reading writes: its frames, or its quarantine row.
PARSED_TABLES = (*PARSED_FRAMES, QUARANTINE)


def duckdb_type(dtype: pl.DataType) -> str:
    if isinstance(dtype, pl.Decimal):
        return f"DECIMAL({dtype.precision}, {dtype.scale})"
    if isinstance(dtype, pl.Datetime):
        return "TIMESTAMP"
    simple = {
        pl.Utf8: "VARCHAR", pl.Int8: "TINYINT", pl.Int32: "INTEGER", pl.Int64: "BIGINT", pl.Boolean: "BOOLEAN",
        pl.Float64: "DOUBLE",
    }
    for polars_type, sql_type in simple.items():
        if dtype == polars_type:
            return sql_type
    raise TypeError(f"no DuckDB type declared for {dtype}")


def create_table_sql(schema: FrameSchema) -> str:
    columns = ",\n  ".join(
        f"{c.name} {duckdb_type(c.dtype)}{'' if c.nullable else ' NOT NULL'}" for c in schema.columns
    )
    return (
        f"CREATE TABLE IF NOT EXISTS {RAW_SCHEMA}.{schema.name} (\n  {columns},\n"
        f"  PRIMARY KEY ({', '.join(schema.key)})\n)"
    )


def ensure_raw_tables(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(f"CREATE SCHEMA IF NOT EXISTS {RAW_SCHEMA}")
    _drop_parsed_tables_of_an_older_shape(con)
    for schema in WAREHOUSE_FRAMES:
        con.execute(create_table_sql(schema))
        required = _required_columns(con, schema.name)
        # A warehouse made before a nullable column was declared gets it, so its next load can insert by name;
        # one made while a column was required lets it be null now.
        for column in schema.columns:
            if column.nullable and column.name not in schema.key:
                con.execute(
                    f"ALTER TABLE {RAW_SCHEMA}.{schema.name} "
                    f"ADD COLUMN IF NOT EXISTS {column.name} {duckdb_type(column.dtype)}"
                )
                if column.name in required:
                    con.execute(
                        f"ALTER TABLE {RAW_SCHEMA}.{schema.name} ALTER COLUMN {column.name} DROP NOT NULL"
                    )
        comment = f"{schema.zh} / {schema.en}".replace("'", "''")
        con.execute(f"COMMENT ON TABLE {RAW_SCHEMA}.{schema.name} IS '{comment}'")


def _required_columns(con: duckdb.DuckDBPyConnection, table: str) -> set[str]:
    return {
        name for (name,) in con.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_schema = ? AND table_name = ? AND is_nullable = 'NO'",
            [RAW_SCHEMA, table],
        ).fetchall()
    }


def _drop_parsed_tables_of_an_older_shape(con: duckdb.DuckDBPyConnection) -> None:
    """A parser that reads a frame with a new required column has a new PARSER_VERSION, so every document will be
    read again; rows of the older shape cannot hold a value for that column. The parsed tables are then dropped
    and made anew, all of them: every document's result comes back from one reading, so no table keeps rows of
    the older parser beside another's of the newer. The files' list and the reference data stay."""
    existing = {
        table: set(columns)
        for table, columns in con.execute(
            "SELECT table_name, list(column_name) FROM information_schema.columns WHERE table_schema = ? "
            "GROUP BY table_name",
            [RAW_SCHEMA],
        ).fetchall()
    }
    older = [
        schema.name
        for schema in PARSED_TABLES
        if schema.name in existing
        and any(
            (not c.nullable or c.name in schema.key) and c.name not in existing[schema.name] for c in schema.columns
        )
    ]
    if older:
        for schema in PARSED_TABLES:
            con.execute(f"DROP TABLE IF EXISTS {RAW_SCHEMA}.{schema.name}")
