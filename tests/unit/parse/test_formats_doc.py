"""Old Word reports (DOC), read through antiword: the narrative comes through, the tables do not."""

from __future__ import annotations

import pytest

from pipeline import schemas
from pipeline.parse.word.doc import MEDIA_TYPE
from tests.unit.parse.documents import SEED
from tests.unit.parse.formats import SEED_DOC, parsed, refusal

# antiword wraps long paragraphs: the same figures and statements stand on other lines and offsets.
_WHERE = ["line_no", "char_start", "char_end"]


@pytest.mark.parametrize("frame", [schemas.NARRATIVE_FIGURES.name, schemas.YOY_STATEMENTS.name])
def test_the_seed_as_doc_yields_the_seed_texts_figures_and_statements(frame):
    text = parsed(SEED)[frame]
    word = parsed(SEED_DOC)[frame]
    assert text.height > 0
    assert word.drop(_WHERE).equals(text.drop(_WHERE))


def test_the_seed_as_doc_names_the_same_report():
    meta = ["department_name", "fiscal_year", "report_kind", "region_code"]
    document = parsed(SEED_DOC)[schemas.DOCUMENTS.name]
    assert document.select(meta).equals(parsed(SEED)[schemas.DOCUMENTS.name].select(meta))
    assert document["media_type"].to_list() == [MEDIA_TYPE]


def test_a_doc_yields_no_tables():
    assert parsed(SEED_DOC)[schemas.STATEMENT_TABLES.name].is_empty()


def test_a_word_file_antiword_cannot_read_is_corrupt():
    whole = SEED_DOC.read_bytes()
    # The OLE2 header and directory (naming the WordDocument stream) kept, the document's sectors overwritten.
    data = whole[:512] + b"\xff" * (len(whole) - 4096 - 512) + whole[-4096:]
    assert refusal(data, "broken.doc") == "corrupt"
