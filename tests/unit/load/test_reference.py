from pathlib import Path

import duckdb
import polars as pl

from pipeline import schemas
from pipeline.load.ddl import ensure_raw_tables
from pipeline.load.reference import replace_reference
from pipeline.reference.divisions import load_regions


def test_reference_load_replaces_the_whole_table_and_a_rerun_writes_nothing(tmp_path: Path) -> None:
    regions = load_regions()
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        stale = regions.head(3).with_columns(pl.lit("旧名").alias("region_name"))
        assert replace_reference(con, schemas.REGIONS, stale) is True
        assert con.execute("SELECT count(*) FROM raw.regions").fetchone() == (3,)
        assert replace_reference(con, schemas.REGIONS, regions) is True
        first = con.execute("SELECT * FROM raw.regions ORDER BY ALL").fetchall()
        assert len(first) == regions.height
        assert replace_reference(con, schemas.REGIONS, regions) is False
        assert con.execute("SELECT * FROM raw.regions ORDER BY ALL").fetchall() == first
        assert con.execute("SELECT count(*) FROM raw.regions WHERE region_name = '旧名'").fetchone() == (0,)


def test_a_warehouse_made_before_a_nullable_column_was_declared_gets_it(tmp_path: Path) -> None:
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        con.execute("CREATE SCHEMA raw")
        con.execute(
            "CREATE TABLE raw.document_files (document_sha256 VARCHAR NOT NULL, source_path VARCHAR NOT NULL, "
            "file_size_bytes BIGINT NOT NULL, PRIMARY KEY (source_path))"
        )
        con.execute("INSERT INTO raw.document_files VALUES ('a', 'a.txt', 1)")
        ensure_raw_tables(con)
        columns = [row[0] for row in con.execute("DESCRIBE raw.document_files").fetchall()]
        assert columns == schemas.DOCUMENT_FILES.column_names
        assert con.execute("SELECT * FROM raw.document_files").fetchall() == [("a", "a.txt", 1, None, None)]
