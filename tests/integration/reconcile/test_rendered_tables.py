"""Each table and narrative reconciliation on a rendered ruled report with one defect (see ``cases``): the finding
with both numbers and where they stand, the changed figure read as printed, nothing from the report without it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from decimal import Decimal

import polars as pl
import pytest

from pipeline.checks.document import CheckedDocument, check_document
from pipeline.parse.dispatch import parse_document
from tests.corpus import spec
from tests.corpus.defects import Defect, TableDefect, apply_to_tables
from tests.corpus.generate import GeneratedDocument, render_year
from tests.corpus.tables import build_tables
from tests.integration.reconcile.cases import BASIC, CASES, RULED, TABLES, YEAR, amount


@dataclass(frozen=True)
class Report:
    doc: GeneratedDocument
    parsed: CheckedDocument

    @property
    def findings(self) -> pl.DataFrame:
        return self.parsed["findings"]

    def finding(self, check: str, subject: str) -> dict:
        [row] = self.findings.filter((pl.col("check_name") == check) & (pl.col("subject") == subject)).to_dicts()
        return row

    def keys(self) -> set[tuple[str, str]]:
        return set(self.findings.select("check_name", "subject").iter_rows())


def _render(defect: Defect | None) -> Report:
    doc = render_year(spec.seed_department(), YEAR, RULED, defect=defect, table_kinds=TABLES)
    pdf = doc.rendered.pdf
    read = parse_document(pdf, sha256=hashlib.sha256(pdf).hexdigest(), source_path=doc.pdf_name)
    return Report(doc, check_document(read))


@pytest.fixture(scope="module")
def reports():
    """Renders and reads each report once per module (a reading takes a few seconds)."""
    cache: dict[str | None, Report] = {}

    def get(name: str | None) -> Report:
        if name not in cache:
            cache[name] = _render(CASES[name].defect if name else None)
        return cache[name]

    return get


def _box(location: str) -> tuple[int, tuple[float, ...]]:
    page, box = location.split(":")
    return int(page.removeprefix("p")), tuple(float(v) for v in box.split(","))


def _placed(doc: GeneratedDocument, location: str):
    """The rendered truth cell at a finding's ``p<page>:<x0>,<top>,<x1>,<bottom>`` (rounded to the point)."""
    page, box = _box(location)
    [cell] = [
        p for p in doc.rendered.placed
        if p.page == page and all(abs(a - b) <= 1 for a, b in zip(p.value_bbox, box, strict=True))
    ]
    return cell


def test_the_consistent_ruled_report_raises_no_finding(reports) -> None:
    clean = reports(None)
    assert clean.parsed["line_items"].height == sum(len(t["cells"]) for t in clean.doc.truth["tables"])
    assert clean.findings.to_dicts() == []
    assert "defect" not in clean.doc.truth


@pytest.mark.parametrize("name", sorted(CASES))
def test_one_defect_raises_exactly_its_findings(reports, name) -> None:
    case = CASES[name]
    report = reports(name)
    assert report.keys() == {(case.check, case.subject), *case.also}
    finding = report.finding(case.check, case.subject)
    assert finding["observed_value"] - finding["expected_value"] == finding["difference"] == case.difference
    # Beyond rounding: an error from 1% of the figure the other printed numbers give, a warning below.
    share = abs(case.difference) / abs(finding["expected_value"])
    assert finding["severity"] == ("error" if share >= Decimal("0.01") else "warning")
    # The page to open is the printed value's; the tables' amounts are in 万元.
    assert finding["unit"] == "万元"
    if isinstance(case.defect, TableDefect):
        assert finding["page"] == _box(finding["observed_location"])[0] == _placed(
            report.doc, finding["observed_location"]
        ).page
        assert finding["page"] in finding["pages"]
    assert not reports(None).findings.filter(pl.col("check_name") == case.check).height


@pytest.mark.parametrize("name", sorted(n for n, c in CASES.items() if isinstance(c.defect, TableDefect)))
def test_a_table_finding_says_where_both_numbers_stand(reports, name) -> None:
    case = CASES[name]
    report = reports(name)
    finding = report.finding(case.check, case.subject)
    # The stated number is the one printed where the finding says; the computed one adds the printed cells
    # it lists (a single cell for a figure printed twice).
    stated = _placed(report.doc, finding["observed_location"])
    assert amount(stated.value) == finding["observed_value"]
    terms = [_placed(report.doc, loc) for loc in finding["expected_location"].split("; ")]
    assert sum(amount(t.value) for t in terms) == finding["expected_value"]
    record = report.doc.truth["defect"]
    changed = stated if case.difference > 0 else next(t for t in terms if t.value == record["printed"])
    assert (changed.table_kind, changed.item, changed.value) == (
        record["table_kind"], record["item"], record["printed"]
    )


@pytest.mark.parametrize("name", sorted(n for n, c in CASES.items() if isinstance(c.defect, TableDefect)))
def test_the_printed_value_is_kept_and_no_row_dropped(reports, name) -> None:
    report, clean = reports(name), reports(None)
    record = report.doc.truth["defect"]
    tables = report.parsed["statement_tables"].select("table_index", "table_kind")
    items = report.parsed["line_items"].join(tables, on="table_index")
    assert items.height == clean.parsed["line_items"].height
    row = (pl.col("classification_code") == record["code"]) if record["code"] else (
        pl.col("item_name") == record["item"]
    )
    [cell] = items.filter(
        (pl.col("table_kind") == record["table_kind"]) & (pl.col("measure") == record["measure"])
        & (pl.col("panel") == record["panel"]) & row
    ).to_dicts()
    assert cell["value_printed"] == record["printed"] != record["consistent"]
    assert cell["value_wan_yuan"] == amount(record["printed"])


def test_a_defect_must_name_exactly_one_printed_cell() -> None:
    dept = spec.seed_department()
    tables = build_tables(dept, dept.years[YEAR], RULED)
    # 人员经费 rows of #6 all print in 决算数: without a code the selector is ambiguous.
    with pytest.raises(ValueError, match="not one printed number"):
        apply_to_tables(tables, TableDefect(BASIC, "决算数", Decimal(1)), RULED.separators)
    with pytest.raises(ValueError, match="names 0 cells"):
        apply_to_tables(tables, TableDefect(BASIC, "决算数", Decimal(1), code="39999"), RULED.separators)
