"""The checks of one parsed document: its own inconsistencies as FINDINGS rows, beside the frames it was read
into. Run after the reader, on what it returned; a finding flags a figure, never changes one."""

from __future__ import annotations

import re
from dataclasses import dataclass

import polars as pl

from pipeline import schemas
from pipeline.checks.findings import find_inconsistencies
from pipeline.checks.rules import RULES_BY_NAME
from pipeline.checks.tables import table_findings
from pipeline.parse.result import ParsedDocument

# A place as the checks write it: ``p<page>:…`` (a table cell, or a line of a PDF), ``L<line>:…`` (a line of the
# text), or a cell reference (``公开01表!C7``: its sheet or table is its page).
_PAGE = re.compile(r"^p(\d+):")
_LINE = re.compile(r"^L(\d+):")


@dataclass(frozen=True)
class CheckedDocument:
    """One document as the warehouse keeps it: the frames of ``schemas.DOCUMENT_FRAMES``."""

    frames: dict[str, pl.DataFrame]

    def __getitem__(self, name: str) -> pl.DataFrame:
        return self.frames[name]


def check_document(document: ParsedDocument) -> CheckedDocument:
    """``document``'s frames and its findings: the narrative's and the performance tables' (``findings``), the
    statement tables' (``tables``), each with its pages and unit. The findings are validated here, where they are
    made."""
    shas = document[schemas.DOCUMENTS.name]["document_sha256"]
    narrative = find_inconsistencies(
        document.frames,
        figure_lists=document.figure_lists,
        provenance=document.provenance,
        placeholders=document.placeholders,
        named_departments=document.named_departments,
    )
    tables = (
        table_findings(shas[0], document[schemas.STATEMENT_TABLES.name], document[schemas.LINE_ITEMS.name])
        if len(shas) else schemas.FINDINGS.empty()
    )
    findings = _placed(pl.concat([narrative, tables]), _line_pages(document), _cell_pages(document))
    return CheckedDocument(frames={**document.frames, schemas.FINDINGS.name: schemas.FINDINGS.conform(findings)})


def _line_pages(document: ParsedDocument) -> dict[int, int]:
    """The page of each line a frame's row names (a PDF's; plain text has none)."""
    pages: dict[int, int] = {}
    for frame in document.frames.values():
        if {"line_no", "page"} <= set(frame.columns):
            for line, page in frame.select("line_no", "page").drop_nulls().iter_rows():
                pages.setdefault(line, page)
    return pages


def _cell_pages(document: ParsedDocument) -> dict[str, int]:
    """The page of each referenced cell (a spreadsheet's sheet, a Word or HTML document's table)."""
    cells = document[schemas.LINE_ITEMS.name].select("cell_ref", "page").drop_nulls()
    return dict(cells.iter_rows())


def _pages_of(locations: str | None, line_pages: dict[int, int], cell_pages: dict[str, int]) -> list[int]:
    pages = []
    for place in (locations or "").split("; "):
        if match := _PAGE.match(place):
            number = int(match[1])
        elif match := _LINE.match(place):
            number = line_pages.get(int(match[1]))
        else:
            number = cell_pages.get(place)
        if number is not None and number not in pages:
            pages.append(number)
    return pages


def _placed(findings: pl.DataFrame, line_pages: dict[int, int], cell_pages: dict[str, int]) -> pl.DataFrame:
    """Each finding's page (the printed value's, else the first of what it is compared with), every page it names,
    and the unit of its values (the rule's, else the figures' own)."""
    first, pages = [], []
    for observed, expected in findings.select("observed_location", "expected_location").iter_rows():
        printed = _pages_of(observed, line_pages, cell_pages)
        compared = _pages_of(expected, line_pages, cell_pages)
        first.append(next(iter(printed or compared), None))
        pages.append(sorted(set(printed + compared)))
    units = [
        RULES_BY_NAME[check].unit if RULES_BY_NAME[check].unit is not None else unit
        for check, unit in findings.select("check_name", "unit").iter_rows()
    ]
    return findings.with_columns(
        pl.Series("pages", [p or None for p in pages], dtype=pl.List(pl.Int32)),
        pl.Series("page", first, dtype=pl.Int32),
        pl.Series("unit", units, dtype=pl.Utf8),
    )
