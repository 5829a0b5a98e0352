"""The statement tables of one PDF report and every amount printed in them.

``extract_tables`` reads each page's grids, assembles them into tables (a title starts one, an untitled grid on the
next page with the same columns continues it), and reads each stitched table as any format's
(``statement_tables``). Tables titled …绩效自评表 are read elsewhere and skipped; a table whose title is not a
standard one but which prints amounts is kept as kind ``unknown``.
"""

from __future__ import annotations

from collections.abc import Sequence

import pdfplumber
import polars as pl

from pipeline.parse.pdf.continuation import Draft, assemble
from pipeline.parse.pdf.page import PageLayout, read_page
from pipeline.parse.tables.statement import ReadTable, frames, keep_read, read_table
from pipeline.parse.tables.stitch import stitch


def _read(draft: Draft) -> ReadTable:
    pages = sorted({grid.page for grid, _ in draft.fragments})
    return read_table(stitch(draft.fragments), draft.block, draft.note, pages)


def read_tables(pages: list[PageLayout]) -> list[ReadTable]:
    """The tables of a document's pages, in order, without the skipped ones and untitled ones without amounts."""
    return keep_read([_read(draft) for draft in assemble(pages) if not draft.skipped])


def extract_tables(
    pdf: pdfplumber.PDF, *, sha256: str, may_hold_table: Sequence[bool] | None = None
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(statement_tables, line_items) for one opened PDF; ``may_hold_table`` (``pdf_text.PdfText.may_hold_table``)
    spares the pages that surely hold none."""
    return frames(read_tables(read_pages(pdf.pages, may_hold_table)), sha256)


def read_pages(pages, may_hold_table: Sequence[bool] | None = None) -> list[PageLayout]:
    """Each page's grids and free text; a page after one that ended in a table without rules may continue it.

    ``pages``: pdfplumber pages, or filtered copies of them, or ``PdfiumPages``; each follows the one before it,
    and is taken from ``pages`` only when it is read. A page ``may_hold_table`` rules out is left unread unless
    the page before ended in a table without rules; the tables do not change, as a page without grids adds
    nothing to them and a grid continues a table only from the page right before it.
    """
    out: list[PageLayout] = []
    last_read = -1  # index in ``pages`` of the page ``out`` ends with
    for index in range(len(pages)):
        follows = bool(last_read == index - 1 and out and out[-1].grids and out[-1].grids[-1].source == "text")
        if may_hold_table is not None and not may_hold_table[index] and not follows:
            continue
        out.append(read_page(pages[index], follows_text_table=follows))
        last_read = index
    return out
