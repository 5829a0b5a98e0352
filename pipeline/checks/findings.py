"""The report's own inconsistencies as FINDINGS rows: both numbers and where they stand, never a
correction.

Severity ``error`` is arithmetic that cannot hold whatever the rounding; ``warning`` is a difference
that may be legitimate (amounts rounded before a rate was computed, mid-year allocations, a list that
says 主要 — mainly).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import polars as pl

from pipeline import schemas
from pipeline.checks import narrative, performance, ranges, sums, template
from pipeline.checks.facts import Finding, ReportFacts
from pipeline.checks.rounding import to_frame
from pipeline.parse.provenance import Provenance
from pipeline.parse.result import FigureList, NamedDepartment, Placeholder


def find_inconsistencies(
    frames: Mapping[str, pl.DataFrame],
    *,
    figure_lists: Sequence[FigureList] = (),
    provenance: Provenance | None = None,
    placeholders: Sequence[Placeholder] = (),
    named_departments: Sequence[NamedDepartment] = (),
) -> pl.DataFrame:
    """Runs every check over one document's frames and returns its FINDINGS frame."""
    documents = frames[schemas.DOCUMENTS.name]
    if documents.is_empty():
        return schemas.FINDINGS.empty()
    facts = ReportFacts(
        figures=frames[schemas.NARRATIVE_FIGURES.name].to_dicts(),
        yoy=frames[schemas.YOY_STATEMENTS.name].to_dicts(),
        summaries=frames[schemas.PERFORMANCE_SUMMARIES.name].to_dicts(),
        lines=frames[schemas.PERFORMANCE_LINES.name].to_dicts(),
        indicators=frames[schemas.PERFORMANCE_INDICATORS.name].to_dicts(),
        figure_lists=figure_lists,
        provenance=provenance or {},
    )
    findings = [
        *ranges.out_of_range(facts),
        *sums.parts_sum_to_total(facts),
        *narrative.stated_share_matches(facts),
        *narrative.amount_precision(facts),
        *narrative.yoy_pct_consistent(facts),
        *narrative.change_without_reason(facts),
        *performance.performance_allocated_vs_budget(facts),
        *performance.performance_execution_rate(facts),
        *performance.rate_against_zero_base(facts),
        *performance.performance_total_score(facts),
        *template.template_placeholders(placeholders),
        *template.department_names_differ(named_departments, documents["department_name"][0]),
    ]
    sha256 = documents["document_sha256"][0]
    return schemas.FINDINGS.frame([finding_row(sha256, f) for f in _unique_subjects(findings)])


def _unique_subjects(findings: list[Finding]) -> list[Finding]:
    """The findings key is (document, check, subject): a repeated subject gets its location appended."""
    seen: set[tuple[str, str]] = set()
    unique = []
    for finding in findings:
        subject = finding.subject
        if (finding.check_name, subject) in seen:
            subject = f"{subject} @{finding.observed_location}"
        seen.add((finding.check_name, subject))
        unique.append(Finding(**{**finding.__dict__, "subject": subject}))
    return unique


def finding_row(sha256: str, finding: Finding) -> dict:
    """A finding as a FINDINGS row."""
    difference = None
    if finding.observed is not None and finding.expected is not None:
        difference = finding.observed - finding.expected
    return {
        "document_sha256": sha256,
        "check_name": finding.check_name,
        "severity": finding.severity,
        "subject": finding.subject,
        "expected_value": to_frame(finding.expected),
        "observed_value": to_frame(finding.observed),
        "difference": to_frame(difference),
        "tolerance": to_frame(finding.tolerance),
        "observed_location": finding.observed_location,
        "expected_location": finding.expected_location,
        "message": finding.message,
        "unit": finding.unit,
    }
