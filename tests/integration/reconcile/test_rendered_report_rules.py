"""Each narrative and 绩效自评表 rule on a rendered report with one defect (see ``cases``): exactly the findings the
defect raises, each with its rule, severity, unit, page and both numbers; nothing from the report without it.

The narrative rules read the narrative alone, so their report is the PDF of the narrative's pages (no table: the
table rules have ``test_rendered_tables``); its lines have pages. The reader reads 绩效自评表 from the flattened text
format only, so the 绩效 rules' report is a text report (``tests.corpus.performance``), which has no pages.
"""

from __future__ import annotations

import hashlib

import polars as pl
import pytest

from pipeline.checks.document import CheckedDocument, check_document
from pipeline.parse.dispatch import parse_document
from tests.corpus import spec
from tests.corpus.defects import NarrativeTextDefect, PerformanceDefect
from tests.corpus.generate import GeneratedDocument, render_year
from tests.corpus.narrative import build_narrative, locate
from tests.corpus.performance import build_performance, text_report
from tests.integration.reconcile.cases import NARRATIVE_CASES, PERFORMANCE_CASES, RULED, YEAR, FindingCase, amount


def _read(data: bytes, name: str) -> CheckedDocument:
    return check_document(parse_document(data, sha256=hashlib.sha256(data).hexdigest(), source_path=name))


def _narrative_report(defect: NarrativeTextDefect | None) -> tuple[GeneratedDocument, CheckedDocument]:
    doc = render_year(spec.seed_department(), YEAR, RULED, defect=defect, table_kinds=())
    return doc, _read(doc.rendered.pdf, doc.pdf_name)


def _performance_report(defect: PerformanceDefect | None) -> tuple[str, CheckedDocument]:
    dept = spec.seed_department()
    data = text_report(build_narrative(dept, YEAR, RULED), build_performance(dept, YEAR, defect), YEAR)
    return data.decode("utf-8"), _read(data, "report.txt")


def _finding(parsed: CheckedDocument, case: FindingCase) -> dict:
    findings = parsed["findings"]
    assert set(findings.select("check_name", "subject").iter_rows()) == {(case.check, case.subject), *case.also}
    [finding] = findings.filter(pl.col("check_name") == case.check).filter(pl.col("subject") == case.subject).to_dicts()
    assert (finding["severity"], finding["unit"]) == (case.severity, case.unit)
    assert (finding["observed_value"], finding["expected_value"]) == (case.observed, case.expected)
    if case.observed is not None:
        assert finding["difference"] == case.observed - case.expected
    return finding


def test_the_consistent_reports_raise_no_finding() -> None:
    doc, parsed = _narrative_report(None)
    assert "defect" not in doc.truth
    assert parsed["findings"].to_dicts() == []
    _, parsed = _performance_report(None)
    assert parsed["performance_lines"].height and parsed["findings"].to_dicts() == []


@pytest.mark.parametrize("name", sorted(NARRATIVE_CASES))
def test_a_narrative_defect_raises_exactly_its_findings_on_its_page(name) -> None:
    case = NARRATIVE_CASES[name]
    doc, parsed = _narrative_report(case.defect)
    finding = _finding(parsed, case)
    record = doc.truth["defect"]
    # The page to open is the printed value's: the changed number's, or its total's when a part was changed.
    page = record["page"]
    if case.total:
        block, offset, _ = locate(doc.narrative.blocks, case.total)
        page = doc.rendered.page_of(block, offset)
    assert finding["page"] == page
    assert record["page"] in finding["pages"]
    # The changed number is read as printed, not corrected.
    figures = parsed["narrative_figures"].filter(pl.col("label") == record["label"])
    read = {
        "amount": figures["value_printed"].to_list(),
        "share": [f"{share:.2f}" for share in figures["share_pct"].drop_nulls()],
        "change_rate": parsed["yoy_statements"]["pct_printed"].to_list(),
    }[record["number"]]
    assert record["printed"] in read and record["consistent"] not in read


@pytest.mark.parametrize("name", sorted(PERFORMANCE_CASES))
def test_a_performance_defect_raises_exactly_its_finding(name) -> None:
    case = PERFORMANCE_CASES[name]
    text, parsed = _performance_report(case.defect)
    finding = _finding(parsed, case)
    assert (finding["page"], finding["pages"]) == (None, None)  # plain text has no pages
    # The printed number (a sum of printed numbers for the allocations) stands where the finding says.
    spans = [text[int(start):int(end)] for start, end in (
        place.split(":")[1].split("-") for place in finding["observed_location"].split("; ")
    )]
    assert sum(amount(span.removesuffix("%")) for span in spans) == case.observed
