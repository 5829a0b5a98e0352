"""Bad inputs in one drop folder, through the whole pipeline once, into a real DuckDB file: each file ends
loaded, quarantined with its reason, or (not here) superseded, and the folder's bytes are left as they were.

Covered elsewhere, through the pipeline too: an empty file and undecodable bytes (test_end_to_end.py); a
truncated, an encrypted and an image-only PDF (test_real_reports.py); a revision superseding the older version
(test_versions_and_departments.py).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import duckdb
import pytest

from pipeline.settings import DEFAULT_MAX_FILE_BYTES
from pipeline.sources.drop_folder import sha256_of
from tests.conftest import SEED
from tests.integration.pipeline_run import run_ingest

pytestmark = pytest.mark.slow

_REPORT_YEAR = re.compile(r"20\d{2}(?=\s*年)")
# Each hostile name, the source_path stored for it, and the department its report is made out for.
HOSTILE = [
    (b"a b  c.txt", "a b  c.txt", "审计局"),
    ("-rf 报告.txt".encode(), "-rf 报告.txt", "财政局"),
    ("报告..2022.txt".encode(), "报告..2022.txt", "统计局"),
    (b"line\nbreak.txt", "line\\u000abreak.txt", "民政局"),
    (b"\xff\xfe.txt", "\\xff\\xfe.txt", "司法局"),
]
HUGE_BYTES = 200 * 2**20


def _seed_for(department: str) -> str:
    """The seed report as another department of the same district made it out."""
    return SEED.read_text(encoding="utf-8").replace("盘锦市兴隆台区工业和信息化局", f"盘锦市兴隆台区{department}")


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("bad_inputs")
    raw, outside = root / "raw", root / "outside"
    raw.mkdir()
    outside.mkdir()
    seed = SEED.read_bytes()
    files = {
        "seed": raw / SEED.name,
        "copy": raw / "copies" / "the same report.txt",
        "gbk": raw / "商务局 GBK.txt",
        "no_year": raw / "no year.txt",
        "misprint": raw / "misprinted year.txt",
        "huge": raw / "huge.pdf",
    }
    files["copy"].parent.mkdir()
    files["seed"].write_bytes(seed)
    files["copy"].write_bytes(seed)
    files["gbk"].write_bytes(_seed_for("商务局").encode("gbk"))
    files["no_year"].write_text(_REPORT_YEAR.sub("", SEED.read_text(encoding="utf-8")), encoding="utf-8")
    files["misprint"].write_text(_REPORT_YEAR.sub("2199", SEED.read_text(encoding="utf-8")), encoding="utf-8")
    with files["huge"].open("wb") as handle:
        handle.write(b"%PDF-1.7\n")
        handle.truncate(HUGE_BYTES)  # sparse: no disk space taken
    for name, _, department in HOSTILE:
        (raw / os.fsdecode(name)).write_text(_seed_for(department), encoding="utf-8")
    # Neither a dot-file nor what a symlink points to is part of the drop folder.
    (raw / "..报告.txt").write_text(_seed_for("水利局"), encoding="utf-8")
    (outside / "secret.txt").write_text(_seed_for("外部局"), encoding="utf-8")
    (raw / "link.txt").symlink_to(outside / "secret.txt")
    (raw / "linked folder").symlink_to(outside, target_is_directory=True)
    before = _listing(raw)
    warehouse = root / "warehouse.duckdb"

    [result] = run_ingest(raw, warehouse)

    return {
        "result": result, "warehouse": warehouse, "raw": raw, "before": before,
        "sha": {key: sha256_of(path) for key, path in files.items()},
    }


def _listing(folder: Path) -> dict[str, tuple[int, int, str]]:
    """Every entry below ``folder`` (links not followed): size, mtime and the SHA-256 of a regular file."""
    return {
        os.fsencode(path).hex(): (
            path.lstat().st_size, path.lstat().st_mtime_ns, "" if path.is_symlink() else sha256_of(path)
        )
        for path in folder.rglob("*")
        if path.is_symlink() or path.is_file()
    }


def _query(run, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(run["warehouse"]), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def _document(run, key: str) -> tuple:
    [row] = _query(
        run, "SELECT state, reason_code, reason, fiscal_year FROM dim_document WHERE document_sha256 = ?",
        [run["sha"][key]],
    )
    return row


def test_the_run_succeeds_and_leaves_the_folder_as_it_was(run) -> None:
    assert run["result"].success
    assert _listing(run["raw"]) == run["before"]


def test_a_gbk_report_is_loaded_with_the_same_figures_as_its_utf8_original(run) -> None:
    assert _document(run, "gbk") == ("loaded", None, None, 2022)
    encodings = _query(
        run,
        "SELECT document_sha256, text_encoding FROM dim_document WHERE document_sha256 IN (?, ?) ORDER BY 2",
        [run["sha"]["gbk"], run["sha"]["seed"]],
    )
    assert encodings == [(run["sha"]["gbk"], "gb18030"), (run["sha"]["seed"], "utf-8")]
    figures = (
        "SELECT label, value_printed, unit_printed, value, value_wan_yuan FROM raw.narrative_figures "
        "WHERE document_sha256 = ? ORDER BY figure_index"
    )
    utf8 = _query(run, figures, [run["sha"]["seed"]])
    assert len(utf8) > 50
    assert _query(run, figures, [run["sha"]["gbk"]]) == utf8


def test_a_report_without_a_year_is_quarantined_as_such(run) -> None:
    assert _document(run, "no_year") == (
        "quarantined", "no_fiscal_year",
        "the report names no fiscal year (such as 2022年度部门决算) in its text, nor its file name one", None,
    )


def test_a_report_of_an_implausible_year_is_quarantined_with_the_year_and_the_range(run) -> None:
    assert _document(run, "misprint") == (
        "quarantined", "implausible_fiscal_year",
        "the report names the fiscal year 2199, outside the accepted 2000–2099", None,
    )


def test_a_file_over_the_size_limit_is_quarantined_unread(run) -> None:
    assert _document(run, "huge") == (
        "quarantined", "too_large",
        f"the file has {HUGE_BYTES} bytes, more than the limit of {DEFAULT_MAX_FILE_BYTES} "
        "(FISCAL_MAX_FILE_BYTES); not read",
        None,
    )
    assert _query(
        run, "SELECT file_size_bytes FROM dim_document WHERE document_sha256 = ?", [run["sha"]["huge"]]
    ) == [(HUGE_BYTES,)]


def test_two_names_of_the_same_bytes_are_one_document(run) -> None:
    assert _query(
        run,
        "SELECT source_path FROM raw.document_files WHERE document_sha256 = ? ORDER BY 1",
        [run["sha"]["seed"]],
    ) == [("copies/the same report.txt",), (SEED.name,)]
    assert _query(
        run, "SELECT state, file_path_count FROM dim_document WHERE document_sha256 = ?", [run["sha"]["seed"]]
    ) == [("loaded", 2)]
    assert _query(
        run, "SELECT count(*) FROM raw.documents WHERE document_sha256 = ?", [run["sha"]["seed"]]
    ) == [(1,)]


def test_no_mart_holds_a_row_twice(run) -> None:
    marts = [
        name for (name,) in _query(
            run,
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' "
            "AND (table_name LIKE 'fct_%' OR table_name LIKE 'dim_%') ORDER BY 1",
        )
    ]
    assert "fct_narrative_figure" in marts and "dim_document" in marts
    distinct = "SELECT count(*) - (SELECT count(*) FROM (SELECT DISTINCT * FROM {0})) FROM {0}"
    duplicated = {mart: _query(run, distinct.format(mart))[0][0] for mart in marts}
    assert duplicated == dict.fromkeys(marts, 0)


def test_hostile_names_are_loaded_under_a_printable_unambiguous_path(run) -> None:
    rows = _query(
        run,
        "SELECT files.source_path, documents.department_name, documents.state "
        "FROM raw.document_files AS files JOIN dim_document AS documents USING (document_sha256) "
        "WHERE documents.department_name NOT LIKE '%工业%' AND documents.department_name NOT LIKE '%商务局' "
        "ORDER BY 1",
    )
    assert rows == sorted((shown, f"盘锦市兴隆台区{department}", "loaded") for _, shown, department in HOSTILE)


def test_no_file_outside_the_folder_nor_a_dot_file_is_read(run) -> None:
    paths = {path for (path,) in _query(run, "SELECT source_path FROM raw.document_files")}
    assert paths == {
        SEED.name, "copies/the same report.txt", "商务局 GBK.txt", "no year.txt", "misprinted year.txt",
        "huge.pdf",
        *(shown for _, shown, _ in HOSTILE),
    }
    names = _query(run, "SELECT count(*) FROM raw.documents WHERE department_name SIMILAR TO '.*(外部局|水利局)'")
    assert names == [(0,)]
    assert _query(run, "SELECT count(*) FROM dim_document") == [(len(paths) - 1,)]
