"""Which pages of a PDF may hold a table, told by PDFium while it reads the text, before the table reader reads any
page.

The table reader takes tens of milliseconds a page (its grids, its lines of text); PDFium tells in milliseconds whether a
page draws any path (a ruled table needs rules) or prints 表 (a table without rules starts under its title, and
every title the reader knows ends in …表). A page with neither holds no grid, unless a table without rules carries
over from the page before: the table reader decides that once it has read that page.
"""

from __future__ import annotations

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c


def may_hold_table(page: pdfium.PdfPage, text: str) -> bool:
    """Whether ``page``, whose text layer is ``text``, may hold (the start of) a table."""
    # Rules drawn inside a form XObject are paths too: get_objects descends into forms.
    return "表" in text or any(True for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH]))
