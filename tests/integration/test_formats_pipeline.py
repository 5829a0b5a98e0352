"""The whole pipeline over a drop folder of Word, spreadsheet and broken files, dbt included."""

from __future__ import annotations

import hashlib
from collections import Counter

import pytest

from pipeline import schemas
from tests.integration.pipeline_run import query, run_ingest
from tests.unit.parse.formats import PUTUO_XLSX, SEED_DOCX, line_items, parsed, zip_of

pytestmark = pytest.mark.slow

_BROKEN_XLSX = zip_of({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"\x00 not a workbook"})


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("formats")
    raw = root / "raw"
    raw.mkdir()
    for path in (SEED_DOCX, PUTUO_XLSX):
        (raw / path.name).write_bytes(path.read_bytes())
    (raw / "broken.xlsx").write_bytes(_BROKEN_XLSX)
    warehouse = root / "warehouse.duckdb"
    [run] = run_ingest(raw, warehouse)
    assert run.success
    return warehouse


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_the_spreadsheets_line_items_reach_the_mart_with_their_cell_refs(warehouse):
    rows = query(
        warehouse,
        "SELECT table_kind, classification_code, code_system, item_name, measure, value_wan_yuan, page, cell_ref, bbox "
        f"FROM fct_line_item WHERE document_sha256 = '{_sha(PUTUO_XLSX.read_bytes())}'",
    )
    expected = parsed(PUTUO_XLSX)
    assert Counter(r[:6] for r in rows) == Counter(line_items(expected).iter_rows())
    refs = expected[schemas.LINE_ITEMS.name].select("page", "cell_ref").iter_rows()
    assert Counter((page, ref) for *_, page, ref, _ in rows) == Counter(refs)
    assert all(bbox is None and ref.count("!") == 1 for *_, ref, bbox in rows)


def test_the_word_reports_figures_reach_the_mart_where_the_text_printed_them(warehouse):
    rows = query(
        warehouse,
        "SELECT figure_index, label, value_wan_yuan, line_no, char_start, char_end, department_name "
        f"FROM fct_narrative_figure WHERE document_sha256 = '{_sha(SEED_DOCX.read_bytes())}'",
    )
    figures = parsed(SEED_DOCX)[schemas.NARRATIVE_FIGURES.name]
    department = parsed(SEED_DOCX)[schemas.DOCUMENTS.name]["department_name"][0]
    expected = figures.select("figure_index", "label", "value_wan_yuan", "line_no", "char_start", "char_end")
    assert len(rows) == figures.height > 0
    assert Counter(r[:6] for r in rows) == Counter(expected.iter_rows())
    assert {r[6] for r in rows} == {department}


def test_a_broken_spreadsheet_is_quarantined_as_corrupt(warehouse):
    rows = query(
        warehouse,
        "SELECT state, reason_code, media_type FROM dim_document "
        f"WHERE document_sha256 = '{_sha(_BROKEN_XLSX)}'",
    )
    assert rows == [("quarantined", "corrupt", None)]


def test_the_formats_are_named_in_the_document_dimension(warehouse):
    rows = query(warehouse, "SELECT media_type FROM dim_document WHERE state = 'loaded' ORDER BY 1")
    assert rows == [
        ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",),
        ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",),
    ]
