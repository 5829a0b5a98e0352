"""The PDFs render and pdfplumber reads back, from each page, exactly the text the truth says is there."""

from __future__ import annotations

import copy
import io
import json

import pdfplumber
from reportlab.pdfgen import canvas

from tests.corpus import __main__ as cli
from tests.corpus.generate import generate
from tests.corpus.render import FONT, register_font
from tests.corpus.truth import dumps
from tests.unit.corpus.checks import check_rendering


def test_every_truth_cell_reads_back_from_its_page(corpus):
    for doc in corpus:
        r = doc.rendered
        assert check_rendering(r.pdf, r.placed, doc.truth, r.page_count) == [], doc.stem


def test_the_rendering_check_catches_a_wrong_page_or_value(generated):
    doc = generated[0]
    truth = copy.deepcopy(doc.truth)
    placed = copy.deepcopy(doc.rendered.placed)
    table = next(t for t in truth["tables"] if t["cells"])
    table["cells"][0]["value"] = "9" + table["cells"][0]["value"]
    placed[0].value = table["cells"][0]["value"]
    assert check_rendering(doc.rendered.pdf, placed, truth, doc.rendered.page_count)


def test_stsong_light_round_trips_through_pdfplumber(corpus):
    """Every character the corpus prints comes back from pdfplumber as itself."""
    register_font()
    chars = set()
    for doc in corpus:
        for kind, text in doc.narrative.blocks:
            chars.update(text.replace("\n", ""))
        for table in doc.truth["tables"]:
            chars.update(table["title"])
            for cell in table["cells"]:
                chars.update((cell["item"] or "") + cell["measure"] + cell["value"])
    chars.discard(" ")
    text = "".join(sorted(chars))
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, invariant=1)
    lines = [text[i : i + 40] for i in range(0, len(text), 40)]
    for i, line in enumerate(lines):
        c.setFont(FONT, 10)
        c.drawString(40, 800 - 14 * i, line)
    c.showPage()
    c.save()
    with pdfplumber.open(io.BytesIO(buffer.getvalue())) as pdf:
        assert pdf.pages[0].extract_text().split("\n") == lines
        assert {ch["fontname"] for ch in pdf.pages[0].chars} == {"STSongStd-Light"}


def test_pages_orientation_and_cover(corpus):
    for doc in corpus:
        with pdfplumber.open(io.BytesIO(doc.rendered.pdf)) as pdf:
            first = pdf.pages[0].extract_text().strip()
            assert first == f"{doc.department.name}{doc.year}年度部门决算"
            landscape = [p.page_number for p in pdf.pages if p.width > p.height]
            assert landscape == doc.rendered.landscape_pages
            first_table = doc.truth["tables"][0]["page_first"]
            assert all(n > first_table for n in landscape)  # narrative pages are portrait, tables after
            if doc.layout.orientation == "portrait":
                assert landscape == []
            elif any(t["table_kind"] == "final_income" for t in doc.truth["tables"]):
                income = next(t for t in doc.truth["tables"] if t["table_kind"] == "final_income")
                assert income["page_first"] in landscape


def test_layout_traps_are_printed(generated):
    """The column-number row, the thousands separators, 元 amounts and the continued tables are really there."""
    seen = set()
    for doc in generated:
        with pdfplumber.open(io.BytesIO(doc.rendered.pdf)) as pdf:
            table_text = "".join(
                pdf.pages[n - 1].extract_text() for t in doc.truth["tables"] for n in range(t["page_first"], t["page_last"] + 1)
            )
        if doc.layout.column_numbers != "none":
            assert "栏次" in table_text
            seen.add("栏次")
        if doc.layout.column_numbers == "column_row_and_line_numbers":
            assert "行次" in table_text
        values = [c["value"] for t in doc.truth["tables"] for c in t["cells"]]
        if doc.layout.unit == "元":
            assert max(float(v.replace(",", "")) for v in values) > 100_000
            seen.add("元")
        if doc.layout.separators and any(float(v.replace(",", "")) >= 1000 for v in values):
            assert any("," in v for v in values)
        if doc.layout.zeros == "0.00":
            assert "0.00" in values
        for t in doc.truth["tables"]:
            if t["page_last"] > t["page_first"]:
                seen.add(doc.layout.continuation)
    assert {"栏次", "元", "repeat_header", "no_header"} <= seen


def test_same_seed_same_bytes_other_seed_other_corpus(corpus):
    again = generate(departments=2, years=(2022, 2023), seed=0, include_seed=True)
    assert [dumps(d.truth) for d in again] == [dumps(d.truth) for d in corpus]
    assert [d.rendered.pdf for d in again] == [d.rendered.pdf for d in corpus]
    other = generate(departments=2, years=(2022, 2023), seed=1, include_seed=False)
    assert [dumps(d.truth) for d in other] != [dumps(d.truth) for d in corpus[:4]]


def test_cli_writes_pdfs_beside_their_truth_files(tmp_path):
    assert cli.main(["--out", str(tmp_path), "--departments", "1", "--years", "2023", "--seed", "5",
                     "--no-include-seed"]) == 0
    pdfs = sorted(tmp_path.glob("*.pdf"))
    truths = sorted(tmp_path.glob("*.truth.json"))
    assert len(pdfs) == len(truths) == 1
    assert pdfs[0].name.endswith("_2023_dept-final.pdf")
    truth = json.loads(truths[0].read_text(encoding="utf-8"))
    import hashlib

    assert truth["file"] == pdfs[0].name
    assert truth["sha256"] == hashlib.sha256(pdfs[0].read_bytes()).hexdigest()
    assert truths[0].read_text(encoding="utf-8") == dumps(truth)
