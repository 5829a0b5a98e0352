"""The researcher's commands over a real warehouse: query into files, export every mart, chart a department."""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
import warnings
from decimal import Decimal
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from pipeline.cli import main
from pipeline.research.chart import chart_title
from pipeline.research.departments import Department
from pipeline.research.files import UTF8_BOM
from pipeline.settings import PROJECT_ROOT
from tests.corpus.generate import generate
from tests.integration.pipeline_run import query, run_ingest

pytestmark = pytest.mark.slow

SEED_DEPARTMENT = "盘锦市兴隆台区工业和信息化局"
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("research")
    raw = root / "raw"
    raw.mkdir()
    for doc in generate(departments=2, years=(2022, 2023), seed=11, include_seed=True):
        (raw / doc.pdf_name).write_bytes(doc.rendered.pdf)
    [result] = run_ingest(raw, root / "warehouse.duckdb")
    assert result.success
    return root / "warehouse.duckdb"


@pytest.fixture(scope="module")
def exported(warehouse: Path, tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("export") / "marts"
    return _cli("export", "--out", str(out), "--warehouse", str(warehouse)), out


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args], cwd=PROJECT_ROOT, env=env or {**os.environ}, capture_output=True,
        text=True, timeout=600,
    )


def _marts(warehouse: Path) -> dict[str, list[tuple[str, str]]]:
    """Every table of schema main with its (column, type) pairs, read from DuckDB's own catalog functions."""
    columns = query(
        warehouse,
        "SELECT table_name, column_name, data_type FROM duckdb_columns() "
        "WHERE schema_name = 'main' AND NOT internal ORDER BY table_name, column_index",
    )
    marts: dict[str, list[tuple[str, str]]] = {}
    for table, column, data_type in columns:
        marts.setdefault(table, []).append((column, data_type))
    return marts


def _one_line_error(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 1
    assert result.stderr.startswith("error: ") and result.stderr.strip().count("\n") == 0, result.stderr
    return result.stderr


# --- export -------------------------------------------------------------------------------------------------------


def test_export_writes_every_mart_as_parquet_with_the_warehouse_rows(warehouse, exported) -> None:
    result, out = exported
    assert result.returncode == 0, result.stderr
    marts = _marts(warehouse)
    assert {"fct_yoy_change", "fct_narrative_figure", "dim_document", "fct_line_item"} <= set(marts)
    assert sorted(p.stem for p in (out / "parquet").iterdir()) == sorted(marts)
    for name in marts:
        [(count,)] = query(warehouse, f"SELECT count(*) FROM main.{name}")
        assert pq.read_metadata(out / "parquet" / f"{name}.parquet").num_rows == count, name
    [(yoy_rows,)] = query(warehouse, "SELECT count(*) FROM fct_yoy_change")
    assert yoy_rows > 0


def test_parquet_keeps_decimals_exact(warehouse, exported) -> None:
    _, out = exported
    table = pq.read_table(out / "parquet" / "fct_yoy_change.parquet")
    assert table.schema.field("value_wan_yuan").type == pa.decimal128(24, 6)
    assert table.schema.field("change_pct").type == pa.decimal128(38, 2)
    keys = ("department_key", "report_scope", "fiscal_year", "report_kind", "metric_code", "function_class_code")
    from_file = sorted(
        (tuple(row[k] for k in keys), row["value_wan_yuan"], row["change_pct"]) for row in table.to_pylist()
    )
    from_warehouse = sorted(
        (tuple(row[:6]), row[6], row[7])
        for row in query(warehouse, f"SELECT {', '.join(keys)}, value_wan_yuan, change_pct FROM fct_yoy_change")
    )
    assert from_file == from_warehouse
    assert all(isinstance(value, Decimal) for _, value, _ in from_file if value is not None)


def test_csv_starts_with_the_bom_and_round_trips(warehouse, exported) -> None:
    _, out = exported
    marts = _marts(warehouse)
    assert sorted(p.stem for p in (out / "csv").iterdir()) == sorted(marts)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        for name, columns in marts.items():
            path = out / "csv" / f"{name}.csv"
            assert path.read_bytes().startswith(UTF8_BOM), name
            with path.open(encoding="utf-8-sig", newline="") as handle:
                assert next(csv.reader(handle)) == [column for column, _ in columns], name
            types = "{" + ", ".join(f"'{column}': '{data_type}'" for column, data_type in columns) + "}"
            # quoted "" is an empty string, a bare empty field is NULL: the two must not merge on the way back
            read_back = (
                f"SELECT * FROM read_csv('{path}', header = true, columns = {types}, allow_quoted_nulls = false)"
            )
            [(differences,)] = con.execute(
                f"SELECT count(*) FROM ((SELECT * FROM main.{name} EXCEPT ALL {read_back}) "
                f"UNION ALL ({read_back} EXCEPT ALL SELECT * FROM main.{name}))"
            ).fetchall()
            assert differences == 0, name


def test_the_data_dictionary_lists_every_mart_and_column_in_both_languages(warehouse, exported) -> None:
    _, out = exported
    dictionary = (out / "data_dictionary.md").read_text(encoding="utf-8")
    for name, columns in _marts(warehouse).items():
        section = dictionary.split(f"\n## {name}\n", 1)[1].split("\n## ", 1)[0]
        for column, data_type in columns:
            [line] = [line for line in section.splitlines() if line.startswith(f"| `{column}` |")]
            cells = [cell.strip() for cell in line.strip("|").split(" | ")]
            assert cells[1] == data_type, (name, column)
            assert CJK.search(cells[2]) and re.search(r"[A-Za-z]{3,}", cells[2]), (name, column, cells[2])
            assert "not documented" not in cells[2], (name, column)
    yoy = dictionary.split("\n## fct_yoy_change\n", 1)[1]
    assert "同比变动事实表" in yoy and "Year-over-year change" in yoy  # the model's own dbt description


def test_export_refuses_an_occupied_folder(warehouse, tmp_path) -> None:
    occupied = tmp_path / "occupied"
    occupied.mkdir()
    (occupied / "notes.txt").write_text("mine")
    assert "not an empty folder" in _one_line_error(_cli("export", "--out", str(occupied), "--warehouse", str(warehouse)))
    assert [p.name for p in occupied.iterdir()] == ["notes.txt"]
    assert [p.name for p in tmp_path.iterdir()] == ["occupied"]  # no half-written sibling left


def test_dbt_docs_generate_works_offline_into_one_static_page(warehouse, tmp_path) -> None:
    env = {**os.environ, "FISCAL_WAREHOUSE": str(warehouse), "DO_NOT_TRACK": "1"}
    docs = subprocess.run(
        [str(Path(sys.executable).parent / "dbt"), "docs", "generate", "--static",
         "--project-dir", "dbt_project", "--profiles-dir", "dbt_project",
         "--target-path", str(tmp_path / "target"), "--log-path", str(tmp_path / "logs")],
        cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=600,
    )
    assert docs.returncode == 0, docs.stdout[-2000:]
    catalog = json.loads((tmp_path / "target" / "catalog.json").read_text(encoding="utf-8"))
    catalogued = {
        node["metadata"]["name"] for node in catalog["nodes"].values() if node["metadata"]["schema"] == "main"
    }
    assert catalogued == set(_marts(warehouse))
    page = (tmp_path / "target" / "static_index.html").read_text(encoding="utf-8")
    # manifest and catalog are inside the page, as JSON (non-ASCII escaped)
    assert "model.fiscal_warehouse.fct_yoy_change" in page and json.dumps("同比变动事实表")[1:-1] in page


# --- query --------------------------------------------------------------------------------------------------------

YOY_SQL = (
    "SELECT department_name, fiscal_year, metric_code, value_wan_yuan, change_pct FROM fct_yoy_change "
    "WHERE metric_code IN ('total_income', 'operating_expenses') ORDER BY ALL"
)


def test_query_writes_parquet_json_and_csv_files(warehouse, tmp_path) -> None:
    expected = query(warehouse, YOY_SQL)
    assert any(row[0] == SEED_DEPARTMENT for row in expected)

    inferred = _cli("query", YOY_SQL, "--warehouse", str(warehouse), "--out", str(tmp_path / "r.parquet"))
    assert inferred.returncode == 0, inferred.stderr
    table = pq.read_table(tmp_path / "r.parquet")
    assert table.schema.field("value_wan_yuan").type == pa.decimal128(24, 6)
    assert [tuple(row.values()) for row in table.to_pylist()] == expected

    as_json = _cli("query", YOY_SQL, "--warehouse", str(warehouse), "--format", "json", "--out", str(tmp_path / "r.x"))
    assert as_json.returncode == 0, as_json.stderr
    records = json.loads((tmp_path / "r.x").read_text(encoding="utf-8"))
    assert [(r["department_name"], r["fiscal_year"], r["metric_code"], r["value_wan_yuan"], r["change_pct"])
            for r in records] == [(n, y, m, str(v), None if c is None else str(c)) for n, y, m, v, c in expected]

    as_csv = _cli("query", YOY_SQL, "--warehouse", str(warehouse), "--format", "csv", "--out", str(tmp_path / "r.csv"))
    assert as_csv.returncode == 0, as_csv.stderr
    assert (tmp_path / "r.csv").read_bytes().startswith(UTF8_BOM)
    with (tmp_path / "r.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["department_name", "fiscal_year", "metric_code", "value_wan_yuan", "change_pct"]
    assert rows[1:] == [["" if v is None else str(v) for v in row] for row in expected]
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".partial")]


def test_query_file_formats_fail_clearly(warehouse, tmp_path) -> None:
    assert "--out" in _one_line_error(_cli("query", "SELECT 1", "--warehouse", str(warehouse), "--format", "parquet"))
    assert "--format" in _one_line_error(
        _cli("query", "SELECT 1", "--warehouse", str(warehouse), "--out", str(tmp_path / "result.txt"))
    )
    assert not list(tmp_path.iterdir())


# --- chart --------------------------------------------------------------------------------------------------------


def _seed_department(warehouse: Path) -> Department:
    [(key, name)] = query(
        warehouse,
        "SELECT DISTINCT department_key, department_name FROM fct_yoy_change "
        f"WHERE department_name = '{SEED_DEPARTMENT}'",
    )
    return Department(key, name)


def _glyph_warnings(caught: list[warnings.WarningMessage]) -> list[str]:
    return [str(w.message) for w in caught if "missing from font" in str(w.message)]


def test_missing_glyphs_are_caught_as_warnings() -> None:
    # The control for the charts' "no tofu" assertion: Chinese in matplotlib's bundled font does warn.
    figure = Figure()
    FigureCanvasAgg(figure)
    figure.suptitle("收入总计", fontfamily="DejaVu Sans")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        figure.canvas.draw()
    assert _glyph_warnings(caught)


def test_png_chart_has_the_department_title_and_every_glyph(warehouse, tmp_path, capsys) -> None:
    out = tmp_path / "chart.png"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        code = main(["chart", "department", "兴隆台", "--out", str(out), "--warehouse", str(warehouse)])
    assert code == 0, capsys.readouterr().err
    assert _glyph_warnings(caught) == []
    assert out.stat().st_size > 0
    with Image.open(out) as image:
        image.verify()
    with Image.open(out) as image:
        assert image.format == "PNG" and image.width > 600 and image.height > 400
        assert image.text["Title"] == chart_title(_seed_department(warehouse))
        assert SEED_DEPARTMENT in image.text["Title"]


def test_html_chart_is_one_page_with_inline_svg(warehouse, tmp_path) -> None:
    department = _seed_department(warehouse)
    out = tmp_path / "chart.html"
    result = _cli("chart", "department", department.key, "--out", str(out), "--warehouse", str(warehouse))
    assert result.returncode == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    assert f"<title>{chart_title(department)}</title>" in page
    assert "<svg" in page and "<?xml" not in page and "<img" not in page
    # the YoY annotations and the table carry the mart's change_pct
    [(change,)] = query(
        warehouse,
        f"SELECT change_pct FROM fct_yoy_change WHERE department_key = '{department.key}' "
        "AND fiscal_year = 2022 AND metric_code = 'operating_expenses'",
    )
    assert f"{change:+.2f}%" in page


def test_chart_names_the_candidates_when_ambiguous_or_unknown(warehouse, tmp_path) -> None:
    departments = query(warehouse, "SELECT DISTINCT department_key FROM fct_yoy_change")
    assert len(departments) == 3
    ambiguous = _one_line_error(
        _cli("chart", "department", "局", "--out", str(tmp_path / "c.png"), "--warehouse", str(warehouse))
    )
    assert "matches 3 departments" in ambiguous and all(key in ambiguous for (key,) in departments)
    unknown = _one_line_error(
        _cli("chart", "department", "没有这个部门", "--out", str(tmp_path / "c.png"), "--warehouse", str(warehouse))
    )
    assert "no department matches" in unknown and all(key in unknown for (key,) in departments)
    wrong_suffix = _one_line_error(
        _cli("chart", "department", "兴隆台", "--out", str(tmp_path / "c.pdf"), "--warehouse", str(warehouse))
    )
    assert ".png" in wrong_suffix
    assert not list(tmp_path.iterdir())


def test_chart_without_a_chinese_font_names_the_package(warehouse, tmp_path) -> None:
    # No fontconfig on PATH: no font can be found, as on a machine without the project's set-up.
    env = {**os.environ, "PATH": str(tmp_path / "empty-bin")}
    result = _cli(
        "chart", "department", "兴隆台", "--out", str(tmp_path / "c.png"), "--warehouse", str(warehouse), env=env
    )
    assert "fonts-wqy-microhei" in _one_line_error(result)
    assert not (tmp_path / "c.png").exists()
