"""Rendered reports through the whole pipeline, judged whole: a complete one raises no completeness finding, one
edited to lack a standard table raises exactly that table's required_table_missing (the contents still listing
it), one edited to lack a required narrative section exactly that section's required_section_missing."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pipeline.checks.rules import REQUIRED_TABLES, RULES_BY_NAME
from pipeline.parse.text.outline import SECTIONS
from tests.corpus import spec
from tests.corpus.generate import render_year
from tests.corpus.narrative import build_narrative
from tests.integration.pipeline_run import ingest_rendered, query
from tests.integration.reconcile.cases import RULED

pytestmark = pytest.mark.slow

YEAR = 2022
LISTED = replace(RULED, toc=True)
COMPLETENESS = ("required_table_missing", "required_section_missing", "contents_entry_missing",
                "table_not_in_contents", "empty_table_without_note")
DROPPED_TABLE = next(t for t in REQUIRED_TABLES if t.table_kinds == ("final_three_public",))
DROPPED_SECTION = next(s for s in SECTIONS if s.code == "state_assets")
DROPPED_HEADING = "（三）国有资产占用情况。"


def _department(index: int) -> spec.Department:
    return spec.random_department(20, index, [YEAR], {YEAR: LISTED.unit}, set())


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("completeness")
    complete = render_year(_department(0), YEAR, LISTED)
    kinds = {t["table_kind"] for t in complete.truth["tables"]}
    lacking_table = render_year(_department(1), YEAR, LISTED, table_kinds=kinds - {"final_three_public"})
    narrative = build_narrative(_department(2), YEAR, LISTED)
    at = next(i for i, (_, text) in enumerate(narrative.blocks) if text == DROPPED_HEADING)
    # the heading and its one paragraph
    narrative.blocks[at:at + 2] = []
    lacking_section = render_year(_department(2), YEAR, LISTED, narrative=narrative)
    docs = {"complete": complete, "lacking_table": lacking_table, "lacking_section": lacking_section}
    return ingest_rendered(root, docs.values()), docs


def _completeness_findings(warehouse, doc) -> list[tuple]:
    names = ", ".join(f"'{name}'" for name in COMPLETENESS)
    return query(
        warehouse,
        "SELECT check_name, severity, subject, message FROM fct_finding "
        f"WHERE document_sha256 = '{doc.truth['sha256']}' AND check_name IN ({names}) ORDER BY ALL",
    )


def test_a_complete_report_raises_no_completeness_finding(built) -> None:
    warehouse, docs = built
    required = {kind for t in REQUIRED_TABLES if t.report_kind == "final_account" for kind in t.table_kinds}
    assert {t["table_kind"] for t in docs["complete"].truth["tables"]} >= required
    assert _completeness_findings(warehouse, docs["complete"]) == []
    assert query(
        warehouse,
        "SELECT standard_tables_present, narrative_sections_present FROM fct_disclosure_completeness "
        f"WHERE department_name = '{docs['complete'].truth['department_name']}'",
    ) == [(9, len(SECTIONS))]


def test_a_report_edited_to_lack_a_table_raises_that_table_critically(built) -> None:
    warehouse, docs = built
    [(check, severity, subject, message)] = _completeness_findings(warehouse, docs["lacking_table"])
    assert (check, severity) == ("required_table_missing", RULES_BY_NAME[check].severity) == (check, "critical")
    assert subject == f"缺少必备表格：{DROPPED_TABLE.zh}"
    assert "目录列有此表" in message  # the contents still list it


def test_a_report_edited_to_lack_a_section_raises_that_section_critically(built) -> None:
    warehouse, docs = built
    [(check, severity, subject, _)] = _completeness_findings(warehouse, docs["lacking_section"])
    assert (check, severity) == ("required_section_missing", "critical")
    assert subject == f"缺少必备说明部分：{DROPPED_SECTION.zh}"
