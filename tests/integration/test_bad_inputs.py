"""Bad inputs in one drop folder, through the whole pipeline once, into a real DuckDB file: each file ends
loaded, quarantined with its reason, or (not here) superseded, and the folder's bytes are left as they were. A
report that prints a number beyond what the warehouse holds is loaded all the same, that number kept as printed,
with no value and a finding.

Covered elsewhere, through the pipeline too: an empty file and undecodable bytes (test_end_to_end.py); a
truncated, an encrypted and an image-only PDF (test_real_reports.py); a revision superseding the older version
(test_versions_and_departments.py).
"""

from __future__ import annotations

import os
import re
from dataclasses import replace
from pathlib import Path

import duckdb
import pytest

from pipeline.parse.text.report import parse_text_report
from pipeline.settings import DEFAULT_MAX_FILE_BYTES
from pipeline.sources.drop_folder import sha256_of
from tests.conftest import SEED
from tests.corpus import spec
from tests.corpus.defects import NarrativeDefect, TableDefect, apply_to_narrative
from tests.corpus.generate import render_year
from tests.corpus.narrative import build_narrative
from tests.corpus.performance import build_performance, text_report
from tests.integration.pipeline_run import run_ingest
from tests.integration.reconcile.cases import ABSURD, RULED, SUMMARY, YEAR
from tests.unit.parse.documents import TRADITIONAL

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
EXPENDITURE = "final_expenditure"


def _seed_for(department: str) -> str:
    """The seed report as another department of the same district made it out."""
    return SEED.read_text(encoding="utf-8").replace("盘锦市兴隆台区工业和信息化局", f"盘锦市兴隆台区{department}")


def _absurd_reports() -> dict:
    """Generated reports of three departments, each with numbers printed 10^25 too high: ``text`` (and
    ``text_clean``, the same without them), a text report whose narrative's 收入总计 (as ``text_printed``) and
    whose 绩效自评表's 部门年初预算收入/支出金额 are; ``pdf``, a 决算 whose 收入支出决算总表 prints its income
    side's 总计 so (as ``pdf_printed``), its narrative's 收入总计 as it is; ``class_pdf``, a 决算 whose 支出决算表 prints the total of the 类 ``class_code`` so,
    beside its ``other_classes``."""
    taken: set = set()
    text_department = spec.random_department(0, 0, [YEAR], {}, taken)
    table = build_performance(text_department, YEAR)
    narrative = build_narrative(text_department, YEAR, RULED)
    clean = text_report(narrative, table, YEAR)
    printed = apply_to_narrative(narrative, NarrativeDefect("收入", "收入总计", ABSURD), RULED.separators)["printed"]
    pdf = render_year(
        spec.random_department(0, 1, [YEAR], {}, taken), YEAR, RULED,
        defect=TableDefect(SUMMARY, "决算数", ABSURD, item="总计"), table_kinds=[SUMMARY, EXPENDITURE],
    )
    class_department = spec.random_department(0, 2, [YEAR], {}, taken)
    classes = sorted({code[:3] for code in class_department.years[YEAR].items})
    class_pdf = render_year(
        class_department, YEAR, RULED, defect=TableDefect(EXPENDITURE, "本年支出合计", ABSURD, code=classes[0]),
        table_kinds=[EXPENDITURE],
    )
    return {
        "text": text_report(narrative, replace(table, budget=table.budget + ABSURD), YEAR),
        "text_clean": clean,
        "text_printed": printed,
        "pdf": pdf.rendered.pdf,
        "pdf_printed": pdf.truth["defect"]["printed"],
        "class_pdf": class_pdf.rendered.pdf,
        "class_code": classes[0],
        "other_classes": classes[1:],
    }


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
        "absurd_text": raw / "absurd figures.txt",
        "absurd_pdf": raw / "absurd cell.pdf",
        "absurd_class": raw / "absurd class.pdf",
        "big5": raw / "traditional big5.txt",
    }
    files["copy"].parent.mkdir()
    files["seed"].write_bytes(seed)
    files["copy"].write_bytes(seed)
    files["gbk"].write_bytes(_seed_for("商务局").encode("gbk"))
    files["no_year"].write_text(_REPORT_YEAR.sub("", SEED.read_text(encoding="utf-8")), encoding="utf-8")
    files["misprint"].write_text(_REPORT_YEAR.sub("2199", SEED.read_text(encoding="utf-8")), encoding="utf-8")
    absurd = _absurd_reports()
    files["absurd_text"].write_bytes(absurd["text"])
    files["absurd_pdf"].write_bytes(absurd["pdf"])
    files["absurd_class"].write_bytes(absurd["class_pdf"])
    files["big5"].write_bytes(TRADITIONAL.encode("big5"))
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
        "sha": {key: sha256_of(path) for key, path in files.items()}, "absurd": absurd,
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
        "WHERE documents.department_name LIKE '盘锦市兴隆台区%' AND documents.department_name NOT LIKE '%工业%' "
        "AND documents.department_name NOT LIKE '%商务局' "
        "ORDER BY 1",
    )
    assert rows == sorted((shown, f"盘锦市兴隆台区{department}", "loaded") for _, shown, department in HOSTILE)


def test_no_file_outside_the_folder_nor_a_dot_file_is_read(run) -> None:
    paths = {path for (path,) in _query(run, "SELECT source_path FROM raw.document_files")}
    assert paths == {
        SEED.name, "copies/the same report.txt", "商务局 GBK.txt", "no year.txt", "misprinted year.txt",
        "huge.pdf", "absurd figures.txt", "absurd cell.pdf", "absurd class.pdf", "traditional big5.txt",
        *(shown for _, shown, _ in HOSTILE),
    }
    names = _query(run, "SELECT count(*) FROM raw.documents WHERE department_name SIMILAR TO '.*(外部局|水利局)'")
    assert names == [(0,)]
    assert _query(run, "SELECT count(*) FROM dim_document") == [(len(paths) - 1,)]


def _beyond_range(run, key: str) -> list[tuple]:
    return _query(
        run,
        "SELECT subject, severity, observed_value, observed_location, message FROM fct_finding "
        "WHERE document_sha256 = ? AND check_name = 'amount_out_of_range' ORDER BY observed_location, subject",
        [run["sha"][key]],
    )


def test_a_report_printing_numbers_beyond_range_loads_with_every_other_figure_as_read(run) -> None:
    sha, absurd = run["sha"]["absurd_text"], run["absurd"]
    assert _document(run, "absurd_text") == ("loaded", None, None, YEAR)
    columns = "figure_index, section, label, value_printed, unit_printed, value, value_wan_yuan, share_pct"
    loaded = _query(run, f"SELECT {columns} FROM raw.narrative_figures WHERE document_sha256 = ? ORDER BY 1", [sha])
    clean = parse_text_report(absurd["text_clean"], sha256=sha, source_path="clean.txt")["narrative_figures"]
    read = clean.select(columns.split(", ")).rows()
    assert len(loaded) == len(read) > 20
    [(before, after)] = [(a, b) for a, b in zip(read, loaded, strict=True) if a != b]
    assert before[:3] == after[:3] == (before[0], "收入", "收入总计")
    assert after[3:7] == (absurd["text_printed"], "万元", None, None)
    summaries = _query(
        run,
        "SELECT budget_income_wan_yuan, budget_expenditure_wan_yuan, total_score IS NOT NULL "
        "FROM raw.performance_summaries WHERE document_sha256 = ?",
        [sha],
    )
    assert summaries == [(None, None, True)]
    assert _query(
        run, "SELECT count(*), count(allocated_wan_yuan) FROM raw.performance_lines WHERE document_sha256 = ?", [sha]
    )[0][0] > 1

    # One finding per number beyond range, named by its label or column; no value, the text and the bound said.
    findings = {
        subject.split("：")[-1].split(" ")[0]: (severity, observed, message)
        for subject, severity, observed, _, message in _beyond_range(run, "absurd_text")
    }
    assert sorted(findings) == ["budget_expenditure_wan_yuan", "budget_income_wan_yuan", "收入总计"]
    assert {(severity, observed) for severity, observed, _ in findings.values()} == {("error", None)}
    assert all("10^18 万元" in message and "kept as printed" in message for *_, message in findings.values())
    assert f"{absurd['text_printed']}万元" in findings["收入总计"][2]


def test_no_mart_shows_a_number_for_a_figure_beyond_range(run) -> None:
    text, pdf = run["sha"]["absurd_text"], run["sha"]["absurd_pdf"]
    assert _query(
        run,
        "SELECT value_printed, value_in_printed_unit, value_wan_yuan FROM fct_narrative_figure "
        "WHERE document_sha256 = ? AND label = '收入总计'",
        [text],
    ) == [(run["absurd"]["text_printed"], None, None)]
    panel = (
        "SELECT value_wan_yuan, disclosure_status, value_source, value_printed, narrative_value_wan_yuan IS NOT NULL "
        "FROM fct_department_metric WHERE document_sha256 = ? AND metric_code = ?"
    )
    # The narrative's own figure: no value, nothing else put in its place.
    assert _query(run, panel, [text, "total_income"]) == [
        (None, "printed_out_of_range", "narrative", run["absurd"]["text_printed"], False)
    ]
    # The table's cell, read first: no value, and the narrative's 收入总计, kept beside it, is not used instead.
    assert _query(run, panel, [pdf, "total_income"]) == [
        (None, "printed_out_of_range", "table", run["absurd"]["pdf_printed"], True)
    ]
    assert _query(
        run,
        "SELECT total_income_wan_yuan, metrics_out_of_range FROM fct_department_year WHERE document_sha256 = ?",
        [text],
    ) == [(None, ["total_income"])]
    [(page, value_printed, value_wan)] = _query(
        run, "SELECT page, value_printed, value_wan_yuan FROM fct_line_item WHERE document_sha256 = ? AND value_wan_yuan IS NULL", [pdf]
    )
    assert (value_printed, value_wan) == (run["absurd"]["pdf_printed"], None)
    [(subject, _, _, location, message)] = _beyond_range(run, "absurd_pdf")
    assert "总计（决算数）" in subject and location.startswith(f"p{page}:")
    assert f"第{page}页" in message and f"{value_printed}万元" in message and "10^18 万元" in message
    # Nowhere a number near the misprints: not 10^25, not clipped to the column's largest, not rounded.
    numbers = _query(
        run,
        "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'main' "
        "AND (data_type LIKE 'DECIMAL%' OR data_type IN ('DOUBLE', 'FLOAT', 'INTEGER', 'BIGINT', 'HUGEINT'))",
    )
    assert len(numbers) > 50
    largest = {
        f"{table}.{column}": _query(run, f'SELECT max(abs("{column}")) FROM "{table}"')[0][0]
        for table, column in numbers
    }
    assert {name: value for name, value in largest.items() if value is not None and value >= 10**12} == {}


def test_a_class_total_beyond_range_is_no_spending_row_and_leaves_no_share_of_what_is_left(run) -> None:
    absurd = run["absurd"]
    rows = _query(
        run,
        "SELECT function_class_code, total_wan_yuan IS NOT NULL, share_of_total_pct FROM fct_function_spending "
        "WHERE document_sha256 = ? AND class_level = '类' ORDER BY 1",
        [run["sha"]["absurd_class"]],
    )
    assert rows == [(code, True, None) for code in absurd["other_classes"]]
    [(subject, *_)] = _beyond_range(run, "absurd_class")
    assert f"{absurd['class_code']} " in subject and "本年支出合计" in subject


def test_a_big5_report_is_undecodable_with_its_encoding_named(run) -> None:
    state, reason_code, reason, _ = _document(run, "big5")
    assert (state, reason_code) == ("quarantined", "undecodable")
    assert reason.startswith("the text appears to be Big5 (traditional Chinese)")
