"""A number printed beyond what the warehouse holds (issue 17): the report is read, every other figure as it is,
the number is kept as printed with no value, and an ``amount_out_of_range`` finding names it."""

from decimal import Decimal

import polars as pl
import pytest

from pipeline import schemas
from pipeline.checks.document import check_document
from pipeline.parse.dispatch import parse_document
from tests.corpus import spec
from tests.corpus.defects import TableDefect
from tests.corpus.generate import render_year
from tests.integration.reconcile.cases import RULED, SUMMARY, YEAR
from tests.unit.parse.documents import parse_inline, seed_text

ABSURD = "99999999999999999999999"
HUGE = "1" + "0" * 30
# Each misprint of the seed: where it goes, what it becomes, and the number as the finding quotes it.
MISPRINTS = {
    "narrative amount": ("（三）年末结转和结余0万元。", f"（三）年末结转和结余{ABSURD}亿元。", f"{ABSURD}亿元"),
    "stated change percent": ("增长40.59%", f"增长{HUGE}%", f"{HUGE}%"),
    "stated change amount": ("比上年增加4.64万元", f"比上年增加{ABSURD}万元", ABSURD),
    "stated share": ("占3.66%", "占1000000000%", "1000000000%"),
    "绩效自评表 cell": ("\t企业扶持金\n\t100.00\n", "\t企业扶持金\n\t10000000000000000000000000.00\n",
                      "10000000000000000000000000.00"),
}


def _beyond_range(document) -> list[dict]:
    return document["findings"].filter(pl.col("check_name") == "amount_out_of_range").to_dicts()


def _without(rows: list[dict], *columns: str) -> list[dict]:
    return [{k: v for k, v in row.items() if k not in columns} for row in rows]


@pytest.mark.parametrize("name", MISPRINTS)
def test_a_misprint_beyond_range_is_kept_as_printed_and_flagged_and_nothing_else_changes(name):
    old, new, quoted = MISPRINTS[name]
    text = seed_text()
    assert text.count(old) == 1
    misprinted = parse_inline(text.replace(old, new))
    clean = parse_inline(text)

    [finding] = _beyond_range(misprinted)
    assert finding["severity"] == "error"
    assert finding["observed_value"] is None and finding["expected_value"] is None
    assert quoted in finding["subject"] and quoted in finding["message"]
    # The unit is the column's that cannot hold it: amounts in 万元 whatever unit they were printed in.
    unit, limit = ("%", "10^8 %") if quoted.endswith("%") else ("万元", "10^18 万元")
    assert finding["unit"] == unit and limit in finding["message"]
    start, end = map(int, finding["observed_location"].split(":")[1].split("-"))
    assert text.replace(old, new)[start:end].startswith(quoted.removesuffix("亿元").removesuffix("%"))
    # The misprint adds its own finding and takes away those it took part in; no other finding appears.
    assert {(f["check_name"], f["subject"]) for f in misprinted["findings"].to_dicts()} - {
        (f["check_name"], f["subject"]) for f in clean["findings"].to_dicts()
    } == {("amount_out_of_range", finding["subject"])}
    for frame in schemas.PARSED_FRAMES:
        assert misprinted[frame.name].height == clean[frame.name].height, frame.name


def test_a_narrative_amount_beyond_range_has_no_value_in_any_unit_and_its_text_as_printed():
    old, new, _ = MISPRINTS["narrative amount"]
    # The longer misprint moves the offsets of what follows it; nothing else of any figure changes.
    offsets = ("char_start", "char_end")
    rows = _without(parse_inline(seed_text().replace(old, new))["narrative_figures"].to_dicts(), *offsets)
    clean = _without(parse_inline(seed_text())["narrative_figures"].to_dicts(), *offsets)
    [(before, after)] = [(a, b) for a, b in zip(clean, rows, strict=True) if a != b]
    assert (after["value_printed"], after["unit_printed"]) == (ABSURD, "亿元")
    assert (before["value"], after["value"], after["value_wan_yuan"]) == (Decimal(0), None, None)
    printed = ("value_printed", "unit_printed", "value", "value_wan_yuan", "sentence")
    assert _without([after], *printed) == _without([before], *printed)


def test_a_performance_cell_beyond_range_leaves_its_line_and_the_checks_on_it_out():
    old, new, _ = MISPRINTS["绩效自评表 cell"]
    lines = parse_inline(seed_text().replace(old, new))["performance_lines"].to_dicts()
    [line] = [row for row in lines if row["project_name"] == "企业扶持金"]
    assert (line["allocated_wan_yuan"], line["executed_wan_yuan"]) == (None, Decimal("4.9"))
    checks = {f["check_name"] for f in parse_inline(seed_text().replace(old, new))["findings"].to_dicts()}
    # Σ 下达金额 against the budget cannot be summed with a number that has no value: not run, not misreported.
    assert "performance_allocated_vs_budget" not in checks


def test_a_table_cell_beyond_range_keeps_its_text_page_and_box_and_the_table_its_other_cells():
    dept = spec.random_department(0, 0, [YEAR], {}, set())
    absurd = TableDefect(SUMMARY, "决算数", Decimal("1E+25"), item="本年收入合计")
    clean = render_year(dept, YEAR, RULED, table_kinds=[SUMMARY])
    misprinted = render_year(dept, YEAR, RULED, defect=absurd, table_kinds=[SUMMARY])
    read = {
        name: check_document(parse_document(doc.rendered.pdf, sha256="0" * 64, source_path=doc.pdf_name))
        for name, doc in (("clean", clean), ("misprinted", misprinted))
    }
    # The wider number widens its column, so the boxes move; nothing else of any cell changes.
    boxes = ("bbox_x0", "bbox_top", "bbox_x1", "bbox_bottom")
    items = {name: _without(document["line_items"].to_dicts(), *boxes) for name, document in read.items()}
    [(before, after)] = [(a, b) for a, b in zip(items["clean"], items["misprinted"], strict=True) if a != b]
    assert (after["item_name"], after["measure"]) == ("本年收入合计", "决算数")
    assert after["value_printed"] == misprinted.truth["defect"]["printed"] == "10000000000000000000000334.37"
    assert after["value_wan_yuan"] is None
    printed = ("value_printed", "value_wan_yuan")
    assert _without([after], *printed) == _without([before], *printed)
    [after] = [row for row in read["misprinted"]["line_items"].to_dicts() if row["value_wan_yuan"] is None]

    [finding] = _beyond_range(read["misprinted"])
    box = ",".join(f"{after[edge]:.0f}" for edge in ("bbox_x0", "bbox_top", "bbox_x1", "bbox_bottom"))
    assert finding["observed_location"] == f"p{after['page']}:{box}"
    assert f"第{after['page']}页" in finding["message"] and f"on page {after['page']}" in finding["message"]
    assert "10000000000000000000000334.37万元" in finding["message"] and "10^18 万元" in finding["message"]
    # 本年收入合计's identities (its rows, 总计) are not checked with a cell that has no value.
    assert read["misprinted"]["findings"].height == read["clean"]["findings"].height + 1


def test_a_frame_refuses_a_number_its_column_cannot_hold_rather_than_nulling_it():
    row = {"document_sha256": "s", "figure_index": 0, "label": "收入总计", "label_printed": "收入总计",
           "value_printed": ABSURD, "unit_printed": "万元", "value": Decimal(ABSURD)}
    with pytest.raises(schemas.SchemaError, match=r"narrative_figures\.value: .* is beyond 10\^18"):
        schemas.NARRATIVE_FIGURES.frame([row])
    assert schemas.NARRATIVE_FIGURES.held("value", Decimal(ABSURD)) is None
    largest = Decimal("999999999999999999.999999")
    assert schemas.NARRATIVE_FIGURES.held("value", largest) == largest
    assert schemas.NARRATIVE_FIGURES.held("value", -largest) == -largest
    # Rounded to the column's 6 decimals it would be 10^18: beyond.
    assert schemas.NARRATIVE_FIGURES.held("value", Decimal("999999999999999999.9999996")) is None
