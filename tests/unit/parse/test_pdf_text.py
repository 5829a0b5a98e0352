"""The PDF text layer: pages in order, and one clear reason for each kind of PDF that cannot be read."""

import pytest

from pipeline.parse.pdf.text import read_pdf_text
from pipeline.quarantine import UnreadableDocument
from tests import pdf_factory
from tests.conftest import REAL_PDFS


def _reason(data: bytes) -> str:
    with pytest.raises(UnreadableDocument) as caught:
        read_pdf_text(data)
    return caught.value.reason_code


def test_text_and_pages_of_a_generated_report() -> None:
    text = read_pdf_text(pdf_factory.text_pdf(pdf_factory.SEED_LIKE_REPORT * 8))
    assert text.page_count == 2
    lines = text.text.splitlines()
    assert lines[0] == pdf_factory.SEED_LIKE_REPORT[0]
    assert len(lines) == len(text.line_pages)
    assert text.line_pages[0] == 1 and text.line_pages[-1] == 2
    assert "收入总计423.59万元" in text.text


def test_a_title_year_in_another_font_stays_on_its_line() -> None:
    # pdfplumber puts this cover's year on a line of its own; the content-stream order keeps it in place.
    text = read_pdf_text((REAL_PDFS / "sh-putuo_caizhengju_2024_dept-final.pdf").read_bytes())
    assert "2024年度部门决算" in text.text.splitlines()[1]


def test_encrypted() -> None:
    assert _reason(pdf_factory.text_pdf(pdf_factory.SEED_LIKE_REPORT, encrypt_with="secret")) == "encrypted"


def test_truncated_and_corrupt() -> None:
    whole = pdf_factory.text_pdf(pdf_factory.SEED_LIKE_REPORT)
    assert _reason(whole[: len(whole) // 2]) == "corrupt"
    assert _reason(b"%PDF-1.7\n" + b"\x00garbage" * 100) == "corrupt"


def test_image_only_says_ocr_is_needed() -> None:
    with pytest.raises(UnreadableDocument) as caught:
        read_pdf_text(pdf_factory.image_only_pdf())
    assert caught.value.reason_code == "image_only"
    assert "OCR" in caught.value.reason


def test_a_text_layer_without_chinese() -> None:
    assert _reason(pdf_factory.text_pdf(["Annual report 2022", "Total income 423.59"])) == "no_cjk_text"
