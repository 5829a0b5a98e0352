"""Revised reports and renamed departments through the whole pipeline, into a real DuckDB file, run twice.

One run (tests/integration/test_end_to_end.py shows a second run changes nothing). A report published again
with other bytes is a new version: the marts show the newest figures, dim_document marks
the older one superseded, fct_document_revision_change lists the figures that changed. A department renamed in the
2018 reform (江苏省环境保护厅 → 江苏省生态环境厅, in the seed department_aliases) is one dim_department row.
"""

from __future__ import annotations

import copy
import os
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from pipeline.sources.drop_folder import sha256_of
from tests.conftest import SEED
from tests.corpus import spec
from tests.corpus.generate import render_year
from tests.corpus.layout import SEED_LAYOUTS
from tests.integration.pipeline_run import run_ingest

pytestmark = pytest.mark.slow

_FIRST_PUBLISHED_NS = 1_672_531_200 * 10**9  # 2023-01-01T00:00:00Z
_REPUBLISHED_NS = _FIRST_PUBLISHED_NS + 30 * 86_400 * 10**9


def _write(path: Path, data: bytes, mtime_ns: int) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    os.utime(path, ns=(mtime_ns, mtime_ns))
    return path


def _seed_as(name: str, year: int) -> bytes:
    """The seed report as another department's report of another year."""
    text = SEED.read_text(encoding="utf-8").replace("2021", str(year - 1)).replace("2022", str(year))
    text = text.replace("辽宁省盘锦市兴隆台区工业和信息化局-211103000", f"{name}-320000000")
    return text.replace("盘锦市兴隆台区工业和信息化局", name).encode("utf-8")


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("versions")
    raw = root / "raw"
    department = spec.seed_department()
    corrected = render_year(department, 2021, SEED_LAYOUTS[2021]).rendered.pdf
    first = copy.deepcopy(department)
    # The first publication misprinted two personnel items of the economic table; their sum stays the same.
    first.years[2021].economic["30101"] += 100_000
    first.years[2021].economic["30102"] -= 100_000
    misprinted = render_year(first, 2021, SEED_LAYOUTS[2021]).rendered.pdf
    seed = SEED.read_bytes()
    # The older versions sort first by path: only the file times can make the corrected ones current.
    files = {
        "tables_old": _write(raw / "panjin" / "a_2021_final.pdf", misprinted, _FIRST_PUBLISHED_NS),
        "tables_new": _write(raw / "panjin" / "b_2021_final.pdf", corrected, _REPUBLISHED_NS),
        "text_old": _write(raw / "panjin" / "a_2022_final.txt", seed.replace(b"423.59", b"420.00"), _FIRST_PUBLISHED_NS),
        "text_new": _write(raw / "panjin" / "b_2022_final.txt", seed, _REPUBLISHED_NS),
        "former_name": _write(raw / "js" / "huanbaoting_2018.txt", _seed_as("江苏省环境保护厅", 2018), _FIRST_PUBLISHED_NS),
        "current_name": _write(raw / "js" / "shengtaihuanjingting_2019.txt", _seed_as("江苏省生态环境厅", 2019), _REPUBLISHED_NS),
    }
    warehouse = root / "warehouse.duckdb"
    [result] = run_ingest(raw, warehouse)
    return {"result": result, "warehouse": warehouse, "sha": {key: sha256_of(path) for key, path in files.items()}}


def _query(run, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(run["warehouse"]), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def test_the_run_succeeds(run) -> None:
    assert run["result"].success


def test_older_versions_are_superseded_by_the_newer_ones(run) -> None:
    sha = run["sha"]
    rows = dict(
        (row[0], row[1:])
        for row in _query(run, "SELECT document_sha256, state, superseded_by_document_sha256, is_primary_document FROM dim_document")
    )
    assert rows[sha["tables_old"]] == ("superseded", sha["tables_new"], False)
    assert rows[sha["text_old"]] == ("superseded", sha["text_new"], False)
    assert rows[sha["tables_new"]] == ("loaded", None, True)
    assert rows[sha["text_new"]] == ("loaded", None, True)


def test_marts_show_the_latest_figures_only(run) -> None:
    cells = _query(
        run,
        "SELECT DISTINCT document_sha256, classification_code, value_wan_yuan FROM fct_line_item "
        "WHERE fiscal_year = 2021 AND classification_code IN ('30101', '30102') ORDER BY 2",
    )
    assert cells == [
        (run["sha"]["tables_new"], "30101", Decimal("40.11")),
        (run["sha"]["tables_new"], "30102", Decimal("36.20")),
    ]
    income = _query(
        run,
        "SELECT DISTINCT document_sha256, value_wan_yuan FROM fct_narrative_figure "
        "WHERE fiscal_year = 2022 AND label = '收入总计'",
    )
    assert income == [(run["sha"]["text_new"], Decimal("423.59"))]
    assert _query(
        run, "SELECT value_wan_yuan FROM fct_yoy_change WHERE fiscal_year = 2022 AND metric_code = 'total_income'"
    ) == [(Decimal("423.59"),)]


def test_the_change_list_names_every_changed_figure_of_both_versions(run) -> None:
    sha = run["sha"]
    tables = _query(
        run,
        "SELECT figure_source, table_kind, classification_code, item_name, measure, old_value, new_value, "
        "difference, change_kind FROM fct_document_revision_change WHERE old_document_sha256 = ? "
        "AND new_document_sha256 = ? ORDER BY classification_code",
        [sha["tables_old"], sha["tables_new"]],
    )
    kind = tables[0][1]
    assert tables == [
        ("line_item", kind, "30101", "基本工资", "决算数", Decimal("40.21"), Decimal("40.11"), Decimal("-0.10"), "changed"),
        ("line_item", kind, "30102", "津贴补贴", "决算数", Decimal("36.10"), Decimal("36.20"), Decimal("0.10"), "changed"),
    ]
    narrative = _query(
        run,
        "SELECT figure_source, old_value_printed, new_value_printed, change_kind FROM fct_document_revision_change "
        "WHERE old_document_sha256 = ? AND new_document_sha256 = ?",
        [sha["text_old"], sha["text_new"]],
    )
    # Every figure the corrected text prints as 423.59, and nothing else.
    printed = _query(
        run,
        "SELECT count(*) FROM raw.narrative_figures WHERE document_sha256 = ? AND value_printed = '423.59'",
        [sha["text_new"]],
    )[0][0]
    assert printed > 1
    assert narrative == [("narrative_figure", "420.00", "423.59", "changed")] * printed


def test_a_renamed_department_is_one_row_across_years(run) -> None:
    rows = _query(
        run,
        "SELECT department_key, department_name, region_code, name_variants, first_fiscal_year, last_fiscal_year "
        "FROM dim_department WHERE region_code = '320000'",
    )
    assert rows == [
        ("320000-江苏省生态环境厅", "江苏省生态环境厅", "320000", ["江苏省环境保护厅", "江苏省生态环境厅"], 2018, 2019)
    ]
    panjin = _query(
        run,
        "SELECT department_key, first_fiscal_year, last_fiscal_year, document_count FROM dim_department "
        "WHERE region_code = '211103'",
    )
    assert panjin == [("211103-盘锦市兴隆台区工业和信息化局", 2021, 2022, 4)]
    assert _query(run, "SELECT full_name FROM dim_region WHERE region_code = '211103'") == [("辽宁省盘锦市兴隆台区",)]
