"""Word reports (DOCX): the seed as a Word file reads as the seed text does; Word tables read as the PDF's."""

from __future__ import annotations

import re

import docx
import pytest

from pipeline import schemas
from pipeline.parse.word.docx import MEDIA_TYPE
from tests.corpus.render_formats import PUTUO
from tests.unit.parse.documents import SEED
from tests.unit.parse.formats import (
    NARRATIVE_FRAMES,
    PUTUO_DOCX,
    SEED_DOCX,
    assert_same_frame,
    line_items,
    parsed,
    refusal,
    zip_of,
)


@pytest.mark.parametrize("frame", NARRATIVE_FRAMES)
def test_the_seed_as_docx_yields_the_seed_texts_frames(frame):
    assert_same_frame(SEED_DOCX, frame)


def test_the_seed_as_docx_names_the_same_report():
    meta = ["department_name", "unit_code", "region_code", "fiscal_year", "report_kind"]
    word = parsed(SEED_DOCX)[schemas.DOCUMENTS.name]
    assert word.select(meta).equals(parsed(SEED)[schemas.DOCUMENTS.name].select(meta))
    assert word["media_type"].to_list() == [MEDIA_TYPE]


def test_the_seeds_performance_table_is_no_statement_table():
    assert parsed(SEED_DOCX)[schemas.STATEMENT_TABLES.name].is_empty()


def test_word_tables_yield_the_line_items_of_the_pdf_they_were_made_from():
    word = line_items(parsed(PUTUO_DOCX))
    assert word.height > 100
    assert word.equals(line_items(parsed(PUTUO)))


def test_word_tables_keep_their_place_and_no_geometry():
    items = parsed(PUTUO_DOCX)[schemas.LINE_ITEMS.name]
    assert items["page"].unique().to_list() == [1]
    bbox = items.select("bbox_x0", "bbox_top", "bbox_x1", "bbox_bottom")
    assert bbox.null_count().row(0) == (items.height,) * 4
    document = docx.Document(str(PUTUO_DOCX))
    for ref, printed in items.select("cell_ref", "value_printed").iter_rows():
        table, column, row = re.fullmatch(r"表(\d+)!([A-Z]+)(\d+)", ref).groups()
        cell = document.tables[int(table) - 1].cell(int(row) - 1, ord(column) - ord("A"))
        assert cell.text == printed, ref


def test_word_tables_keep_their_titles_units_and_notes():
    tables = parsed(PUTUO_DOCX)[schemas.STATEMENT_TABLES.name]
    pdf = parsed(PUTUO)[schemas.STATEMENT_TABLES.name]
    columns = ["table_kind", "table_title", "unit_printed", "is_empty", "note", "cell_count"]
    assert tables.select(columns).equals(pdf.select(columns))


def test_a_zip_named_docx_with_junk_in_it_is_corrupt():
    data = zip_of({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"\x00junk\xff not xml"})
    assert refusal(data, "broken.docx") == "corrupt"


def test_a_truncated_zip_is_corrupt():
    data = PUTUO_DOCX.read_bytes()[:2000]
    assert refusal(data, "truncated.docx") == "corrupt"


def test_a_zip_that_is_neither_word_nor_excel_is_unsupported():
    data = zip_of({"mimetype": b"application/epub+zip", "OEBPS/content.opf": b"<package/>"})
    assert refusal(data, "book.epub") == "unsupported_format"
