"""Spreadsheets of standard tables (XLSX, XLS): the line items of the PDF they were made from, with cell refs."""

from __future__ import annotations

from decimal import Decimal

import openpyxl
import pytest

from pipeline import schemas
from pipeline.parse.spreadsheet.report import MEDIA_TYPES, cell_text
from tests.corpus.render_formats import PUTUO
from tests.unit.parse.formats import PUTUO_XLS, PUTUO_XLSX, line_items, parsed, refusal, zip_of

SPREADSHEETS = pytest.mark.parametrize("path", [PUTUO_XLSX, PUTUO_XLS], ids=["xlsx", "xls"])


@SPREADSHEETS
def test_a_spreadsheet_yields_the_line_items_of_the_pdf_it_was_made_from(path):
    sheet = line_items(parsed(path))
    assert sheet.height > 100
    assert sheet.equals(line_items(parsed(PUTUO)))


@SPREADSHEETS
def test_each_table_keeps_its_kind_title_unit_emptiness_and_note(path):
    columns = ["table_kind", "table_title", "unit_printed", "is_empty", "note", "cell_count"]
    tables = parsed(path)[schemas.STATEMENT_TABLES.name]
    assert tables.select(columns).equals(parsed(PUTUO)[schemas.STATEMENT_TABLES.name].select(columns))


@SPREADSHEETS
def test_a_sheet_is_a_page_and_two_tables_below_each_other_share_it(path):
    tables = parsed(path)[schemas.STATEMENT_TABLES.name]
    pages = dict(tables.select("table_kind", "page_first").iter_rows())
    assert pages["final_income_expenditure_summary"] == 1
    assert pages["final_government_fund"] == pages["final_state_capital"] == 8


@SPREADSHEETS
def test_the_report_is_named_by_its_sheets_and_file_name(path):
    document = parsed(path)[schemas.DOCUMENTS.name].row(0, named=True)
    assert document["department_name"] == "上海市普陀区财政局"
    assert (document["fiscal_year"], document["report_kind"]) == (2024, "final_account")
    assert document["media_type"] == MEDIA_TYPES[path.suffix[1:]]


def test_every_amount_points_at_the_cell_that_holds_it():
    items = parsed(PUTUO_XLSX)[schemas.LINE_ITEMS.name]
    workbook = openpyxl.load_workbook(PUTUO_XLSX)
    assert items["cell_ref"].null_count() == 0
    assert (
        items.select("bbox_x0", "bbox_top", "bbox_x1", "bbox_bottom").null_count().row(0)
        == (items.height,) * 4
    )
    for ref, page, value in items.select("cell_ref", "page", "value_wan_yuan").iter_rows():
        sheet, cell = ref.rsplit("!", 1)
        assert workbook.sheetnames.index(sheet) + 1 == page
        assert Decimal(repr(float(workbook[sheet][cell].value))) == value, ref


def test_a_finding_in_a_spreadsheet_names_the_cells_it_compares():
    findings = parsed(PUTUO_XLSX)[schemas.FINDINGS.name]
    refs = set(parsed(PUTUO_XLSX)[schemas.LINE_ITEMS.name]["cell_ref"])
    assert findings.height > 0
    places = {
        place for locations in (*findings["observed_location"], *findings["expected_location"]) if locations
        for place in locations.split("; ")
    }
    assert places <= refs
    # A sheet is the spreadsheet's page: a finding names the sheets of the cells it compares.
    sheets = dict(parsed(PUTUO_XLSX)[schemas.LINE_ITEMS.name].select("cell_ref", "page").iter_rows())
    for observed, pages in findings.select("observed_location", "pages").iter_rows():
        assert sheets[observed.split("; ")[0]] in pages


def test_the_xls_points_at_the_same_cells_as_the_xlsx():
    assert parsed(PUTUO_XLS)[schemas.LINE_ITEMS.name]["cell_ref"].equals(
        parsed(PUTUO_XLSX)[schemas.LINE_ITEMS.name]["cell_ref"]
    )


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (1234.5, "1234.5"),
        (100.0, "100"),
        (0.0, "0"),
        (2940.05, "2940.05"),
        ("  项目 ", "项目"),
        (7, "7"),
        (None, ""),
    ],
)
def test_a_cell_reads_as_its_shortest_exact_text(value, text):
    assert cell_text(value) == text


def test_a_zip_named_xlsx_with_junk_in_it_is_corrupt():
    data = zip_of({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"\x00junk\xff not xml"})
    assert refusal(data, "broken.xlsx") == "corrupt"


def test_an_ole2_file_that_says_workbook_but_holds_junk_is_corrupt():
    whole = PUTUO_XLS.read_bytes()
    # The header and the directory (which names the Workbook stream) kept, the sectors between overwritten.
    data = whole[:512] + b"\xff" * (len(whole) - 4096 - 512) + whole[-4096:]
    assert len(data) == len(whole)
    assert refusal(data, "truncated.xls") == "corrupt"
