"""A narrative amount printed ×10,000 its table's figure (元 written under 万元) through the whole pipeline: one
finding of the slip (``unit_slip_ten_thousand``, an error whatever the size), not a difference of a million 万元
between narrative and table, and the panel keeps the table's figure."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.corpus import spec
from tests.corpus.defects import NarrativeDefect
from tests.corpus.generate import render_year
from tests.integration.pipeline_run import ingest_rendered, query
from tests.integration.reconcile.cases import NARRATIVE_VS_TABLE, RULED, TABLES, YEAR, amount

pytestmark = pytest.mark.slow

SLIP = NarrativeDefect(NARRATIVE_VS_TABLE.defect.section, NARRATIVE_VS_TABLE.defect.label, Decimal(0), Decimal(10000))


def test_a_narrative_amount_ten_thousand_times_its_table_is_one_slip_of_unit(tmp_path) -> None:
    doc = render_year(spec.seed_department(), YEAR, RULED, defect=SLIP, table_kinds=TABLES)
    warehouse = ingest_rendered(tmp_path, [doc])

    sha, record = doc.truth["sha256"], doc.truth["defect"]
    rows = query(
        warehouse,
        "SELECT check_name, severity, unit, observed_value, expected_value FROM fct_finding "
        f"WHERE document_sha256 = '{sha}' AND subject = '{NARRATIVE_VS_TABLE.subject}'",
    )
    consistent, printed = amount(record["consistent"]), amount(record["printed"])
    assert printed == consistent * 10000
    assert rows == [("unit_slip_ten_thousand", "error", "万元", printed, consistent)]
    assert query(
        warehouse,
        "SELECT personnel_expenses_wan_yuan FROM fct_department_year "
        f"WHERE fiscal_year = {YEAR} AND department_name = '{spec.seed_department().name}'",
    ) == [(consistent,)]
