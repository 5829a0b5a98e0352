from decimal import Decimal
from pathlib import Path

import duckdb
import polars as pl
import pytest

from pipeline import schemas
from pipeline.load import build_state, changed_documents
from pipeline.load.pending import PendingWork, pending_work
from pipeline.load.warehouse import load_batch, load_files
from pipeline.read.batches import ReadBatch


def _files(*rows: tuple[str, str]) -> pl.DataFrame:
    """A scan of the drop folder holding these (sha256, path) files."""
    return schemas.DOCUMENT_FILES.frame(
        [{"document_sha256": sha, "source_path": path, "file_size_bytes": 1, "is_present": True} for sha, path in rows]
    )


def _batch(documents: list[str], quarantined: list[str] = (), figure_value: str = "423.59") -> ReadBatch:
    frames = {schema.name: schema.empty() for schema in schemas.DOCUMENT_FRAMES}
    frames["documents"] = schemas.DOCUMENTS.frame(
        [
            {"document_sha256": sha, "source_path": f"{sha}.txt", "media_type": "text/plain",
             "department_name": "某局", "department_name_normalized": "某局", "fiscal_year": 2022,
             "report_kind": "final_account", "report_scope": "department", "parser_version": "test"}
            for sha in documents
        ]
    )
    frames["narrative_figures"] = schemas.NARRATIVE_FIGURES.frame(
        [
            {"document_sha256": sha, "figure_index": 0, "label": "收入总计", "label_printed": "收入总计",
             "value_printed": figure_value, "unit_printed": "万元", "value": Decimal(figure_value),
             "value_wan_yuan": Decimal(figure_value)}
            for sha in documents
        ]
    )
    quarantine = schemas.QUARANTINE.frame(
        [
            {"document_sha256": sha, "source_path": f"{sha}.bin", "reason_code": "undecodable",
             "reason": "neither UTF-8 nor GB18030", "parser_version": "test"}
            for sha in quarantined
        ]
    )
    return ReadBatch(frames=frames, quarantine=quarantine)


def _snapshot(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple]]:
    return {
        schema.name: con.execute(f"SELECT * FROM raw.{schema.name} ORDER BY ALL").fetchall()
        for schema in schemas.ALL_FRAMES
    }


def test_loading_twice_leaves_every_table_identical(tmp_path: Path) -> None:
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        files = _files(("a", "a.txt"), ("b", "b.bin"))
        load_files(con, files)
        assert load_batch(con, _batch(["a"], ["b"])) is True
        first = _snapshot(con)
        load_files(con, files)
        # The same documents read to the same rows: nothing changed, and the caller may skip the rebuild.
        assert load_batch(con, _batch(["a"], ["b"])) is False
        assert _snapshot(con) == first
        assert load_batch(con, _batch(["a"], ["b"], figure_value="423.60")) is True
        assert len(first["narrative_figures"]) == 1 and len(first["quarantine"]) == 1


def test_a_document_ends_in_one_state(tmp_path: Path) -> None:
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        load_files(con, _files(("a", "a.txt")))
        load_batch(con, _batch([], ["a"]))
        assert con.execute("SELECT count(*) FROM raw.quarantine").fetchone() == (1,)
        # After a parser fix the same bytes load: the quarantine row goes, the document arrives.
        load_files(con, _files(("a", "a.txt")))
        load_batch(con, _batch(["a"]))
        assert con.execute("SELECT count(*) FROM raw.quarantine").fetchone() == (0,)
        assert con.execute("SELECT document_sha256 FROM raw.documents").fetchall() == [("a",)]


def test_other_documents_are_kept_and_amounts_stay_exact(tmp_path: Path) -> None:
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        load_files(con, _files(("a", "a.txt")))
        load_batch(con, _batch(["a"], figure_value="294.561"))
        load_files(con, _files(("b", "b.txt")))
        load_batch(con, _batch(["b"]))
        rows = con.execute(
            "SELECT document_sha256, value_wan_yuan, typeof(value_wan_yuan) FROM raw.narrative_figures ORDER BY 1"
        ).fetchall()
        assert rows == [("a", Decimal("294.561"), "DECIMAL(24,6)"), ("b", Decimal("423.59"), "DECIMAL(24,6)")]


def test_a_failed_load_leaves_the_warehouse_as_it_was(tmp_path: Path) -> None:
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        load_files(con, _files(("a", "a.txt")))
        load_batch(con, _batch(["a"]))
        before = _snapshot(con)
        broken = _batch(["a", "c"])
        # A figure DuckDB cannot store as a decimal fails the load after the earlier tables were rewritten.
        broken.frames["narrative_figures"] = broken.frames["narrative_figures"].with_columns(
            pl.lit("four hundred").alias("value")
        )
        with pytest.raises(duckdb.ConversionException):
            load_batch(con, broken)
        assert _snapshot(con) == before


def test_only_documents_without_a_result_of_this_parser_version_are_parsed(tmp_path: Path) -> None:
    files = _files(("a", "a.txt"), ("b", "b.bin"))

    def pending(shas: list[str], version: str = "test", again: tuple[str, ...] = ()) -> PendingWork:
        return pending_work(con, files, shas, parser_version=version, dbt_fingerprint="dbt-1", again=again)

    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        assert pending(["a", "b"]) == PendingWork(to_parse=["a", "b"], files_changed=True, dbt_stale=True)
        load_files(con, files)
        load_batch(con, _batch(["a"], ["b"]))
        build_state.record(con, build_state.DBT_PROJECT_KEY, "dbt-1")
        # Documents loaded and not yet built (a lake's run died before its build) leave the build to do …
        assert pending(["a", "b"]) == PendingWork(to_parse=[], files_changed=False, dbt_stale=True)
        changed_documents.clear(con)
        # … and once built, loaded and quarantined documents alike are done for this parser version: nothing is left …
        assert not pending(["a", "b"]).any
        assert pending(["a", "b", "c"]).to_parse == ["c"]
        # … a new parser version reads them all again, and a retry asks for one explicitly.
        assert pending(["a", "b", "c"], "next").to_parse == ["a", "b", "c"]
        assert pending(["a", "b", "c"], again=("b",)).to_parse == ["b", "c"]
        # `b` is the quarantined one: asked for as every quarantined document, it alone is read again.
        again_quarantined = pending_work(
            con, files, ["a", "b"], parser_version="test", dbt_fingerprint="dbt-1", again_quarantined=True
        )
        assert again_quarantined.to_parse == ["b"]
        # A file renamed or touched is new to document_files; a changed dbt project needs a rebuild.
        renamed = _files(("a", "a2.txt"), ("b", "b.bin"))
        assert pending_work(con, renamed, [], parser_version="test", dbt_fingerprint="dbt-1").files_changed
        assert pending_work(con, files, [], parser_version="test", dbt_fingerprint="dbt-2").dbt_stale


def test_a_file_gone_from_the_folder_is_a_change_marked_not_present_and_its_document_kept(tmp_path: Path) -> None:
    def files_changed(scan: pl.DataFrame) -> bool:
        return pending_work(con, scan, [], parser_version="test", dbt_fingerprint="dbt-1").files_changed

    def presence() -> list[tuple]:
        return con.execute("SELECT source_path, document_sha256, is_present FROM raw.document_files ORDER BY 1").fetchall()

    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        load_files(con, _files(("a", "a.txt"), ("b", "b.txt")))
        load_batch(con, _batch(["a", "b"]))
        assert not files_changed(_files(("a", "a.txt"), ("b", "b.txt")))
        # b.txt deleted: the next scan lacks it, which is a change to record.
        left = _files(("a", "a.txt"))
        assert files_changed(left)
        load_files(con, left)
        assert presence() == [("a.txt", "a", True), ("b.txt", "b", False)]
        assert con.execute("SELECT document_sha256 FROM raw.documents ORDER BY 1").fetchall() == [("a",), ("b",)]
        # Recorded, it is no change any more; the file copied back is one again, and present.
        assert not files_changed(left)
        back = _files(("a", "a.txt"), ("b", "b.txt"))
        assert files_changed(back)
        load_files(con, back)
        assert presence() == [("a.txt", "a", True), ("b.txt", "b", True)]


def test_a_column_that_was_required_may_be_null_in_a_warehouse_made_before(tmp_path: Path) -> None:
    """narrative_figures.value was NOT NULL until a number beyond range could be printed (issue 17)."""
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        load_files(con, _files(("a", "a.txt")))
        con.execute("ALTER TABLE raw.narrative_figures ALTER COLUMN value SET NOT NULL")
        batch = _batch(["a"])
        batch.frames["narrative_figures"] = batch.frames["narrative_figures"].with_columns(
            value=None, value_wan_yuan=None
        )
        load_batch(con, batch)
        assert con.execute("SELECT value_printed, value FROM raw.narrative_figures").fetchall() == [("423.59", None)]


def test_parsed_tables_of_an_older_shape_are_made_anew_and_the_files_kept(tmp_path: Path) -> None:
    """A warehouse whose raw.documents predates a required column (an older parser's): every parsed table is
    dropped and made anew, so the documents are read again into one shape; the files' list stays."""
    path = tmp_path / "w.duckdb"
    with duckdb.connect(str(path)) as con:
        load_files(con, _files(("a", "a.txt")))
        load_batch(con, _batch(["a"]))
        con.execute("ALTER TABLE raw.documents DROP COLUMN report_scope")
        con.execute("ALTER TABLE raw.yoy_statements DROP COLUMN comparison_basis")
        load_batch(con, _batch(["b"]))
        documents = con.execute("SELECT document_sha256, report_scope FROM raw.documents").fetchall()
        figures = con.execute("SELECT document_sha256 FROM raw.narrative_figures").fetchall()
        files = con.execute("SELECT document_sha256 FROM raw.document_files").fetchall()
        required = con.execute(
            "SELECT is_nullable FROM information_schema.columns WHERE table_schema = 'raw' "
            "AND table_name = 'yoy_statements' AND column_name = 'comparison_basis'"
        ).fetchall()
    assert documents == [("b", "department")]
    assert figures == [("b",)]  # a's rows of the older shape are gone from every parsed table
    assert files == [("a",)]
    assert required == [("NO",)]


def _changed(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [sha for (sha,) in con.execute("SELECT document_sha256 FROM pipeline.changed_documents ORDER BY 1").fetchall()]


def test_the_documents_whose_rows_changed_are_listed_for_the_next_build_and_only_they(tmp_path: Path) -> None:
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        load_files(con, _files(("a", "a.txt"), ("b", "b.bin")))
        load_batch(con, _batch(["a"], quarantined=["b"]))
        assert _changed(con) == ["a", "b"]
        changed_documents.clear(con)
        # The same files and the same reading change no row: nothing for the next build.
        load_files(con, _files(("a", "a.txt"), ("b", "b.bin")))
        assert load_batch(con, _batch(["a"], quarantined=["b"])) is False
        assert _changed(con) == []
        # A document read to another figure, a file gone: those documents, once each.
        load_batch(con, _batch(["a"], figure_value="1.00"))
        load_files(con, _files(("a", "a.txt")))
        assert _changed(con) == ["a", "b"]


def test_a_load_rolled_back_lists_nothing(tmp_path: Path) -> None:
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        load_files(con, _files(("a", "a.txt")))
        changed_documents.clear(con)
        broken = _batch(["a"], figure_value="1.00")
        broken.frames["statement_tables"] = pl.DataFrame({"document_sha256": ["a"]})
        with pytest.raises(duckdb.BinderException):
            load_batch(con, broken)
        assert _changed(con) == []


def test_raw_tables_made_with_primary_keys_lose_them_and_keep_their_rows(tmp_path: Path) -> None:
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        load_files(con, _files(("a", "a.txt")))
        load_batch(con, _batch(["a"]))
        before = _snapshot(con)
        con.execute("CREATE TABLE raw.keyed AS SELECT * FROM raw.narrative_figures")
        con.execute("DROP TABLE raw.narrative_figures")
        con.execute(
            "CREATE TABLE raw.narrative_figures AS SELECT * FROM raw.keyed WITH NO DATA"
        )
        con.execute(f"ALTER TABLE raw.narrative_figures ADD PRIMARY KEY ({', '.join(schemas.NARRATIVE_FIGURES.key)})")
        con.execute("INSERT INTO raw.narrative_figures SELECT * FROM raw.keyed")
        con.execute("DROP TABLE raw.keyed")
        load_batch(con, _batch(["a"]))
        assert _snapshot(con) == before
        assert not con.execute("SELECT * FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY'").fetchall()
