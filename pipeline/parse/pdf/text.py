"""A PDF's text layer, page by page, through PDFium (pypdfium2, shipped with pdfplumber).

PDFium reads text in content-stream order, which keeps a title's year beside its title where pdfplumber's
line grouping detaches it (a different font's baseline), and it is ~50× faster than pdfplumber's
pure-Python interpreter. Table geometry is read apart (``pdf.pdfium_page``, pdfplumber's table finder).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from pipeline.parse.pdf.table_pages import may_hold_table
from pipeline.quarantine import UnreadableDocument

_CJK = re.compile(r"[\u4e00-\u9fff]")
# A report has hundreds of CJK characters; a few are a stray logo or a scanned page's OCR-less caption.
_MIN_CJK_CHARS = 20


@dataclass(frozen=True)
class PdfText:
    text: str
    line_pages: list[int]
    page_count: int
    may_hold_table: list[bool]
    """For each page, whether it may hold (the start of) a table (``pdf.table_pages``)."""


def read_pdf_text(data: bytes) -> PdfText:
    """The text of every page, LF line ends, and the page of each line; refuses what cannot be read."""
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc)
        if "password" in message.lower():
            raise UnreadableDocument("encrypted", "the PDF is encrypted with a password; it cannot be read") from exc
        raise UnreadableDocument("corrupt", f"the PDF is corrupt or truncated ({message})") from exc
    try:
        pages: list[str] = []
        may_hold: list[bool] = []
        image_pages = 0
        for page in document:
            text = page.get_textpage().get_text_range()
            may_hold.append(may_hold_table(page, text))
            pages.append(text.replace("\r\n", "\n").replace("\r", "\n").replace("\x02", "").replace("\x00", ""))
            if any(True for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2)):
                image_pages += 1
    finally:
        document.close()

    if sum(len(_CJK.findall(page)) for page in pages) < _MIN_CJK_CHARS:
        if image_pages and not any(page.strip() for page in pages):
            raise UnreadableDocument(
                "image_only", f"the PDF's {image_pages} pages are images without a text layer; OCR is needed"
            )
        raise UnreadableDocument("no_cjk_text", "the PDF's text layer holds no Chinese text")

    lines: list[str] = []
    line_pages: list[int] = []
    for number, page in enumerate(pages, start=1):
        page_lines = page.rstrip("\n").split("\n")
        lines.extend(page_lines)
        line_pages.extend([number] * len(page_lines))
    return PdfText(
        text="\n".join(lines) + "\n", line_pages=line_pages, page_count=len(pages), may_hold_table=may_hold
    )
