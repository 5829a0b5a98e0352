"""The generator's truth is internally consistent: every identity a 决算 report prints holds, read back from the
truth files alone."""

from __future__ import annotations

import copy
from decimal import Decimal

import pytest

from tests.corpus import spec
from tests.unit.corpus.checks import check_narrative, check_tables


def test_every_table_identity_holds(corpus):
    for doc in corpus:
        assert check_tables(doc.truth) == [], doc.stem


def test_narrative_headlines_equal_the_tables(corpus):
    for doc in corpus:
        assert check_narrative(doc.truth) == [], doc.stem


def test_the_checks_catch_a_wrong_number(generated):
    truth = copy.deepcopy(generated[0].truth)
    table = next(t for t in truth["tables"] if t["table_kind"] == "final_expenditure")
    cell = next(c for c in table["cells"] if c["code"] and len(c["code"]) == 7)
    cell["value"] = f"{Decimal(cell['value'].replace(',', '')) + Decimal('0.01')}"
    assert check_tables(truth)
    truth = copy.deepcopy(generated[0].truth)
    truth["narrative"][0]["value"] = "1.00"
    assert check_narrative(truth)


def test_truth_file_shape(corpus):
    kinds = [
        "final_income_expenditure_summary", "final_income", "final_expenditure", "final_fiscal_summary",
        "final_general_budget_expenditure", "final_general_budget_basic_expenditure", "final_three_public",
        "final_government_fund", "final_state_capital",
    ]
    for doc in corpus:
        truth = doc.truth
        assert list(truth) == ["file", "sha256", "department_name", "fiscal_year", "report_kind", "report_scope",
                               "tables", "narrative", "panel"]
        assert truth["file"] == doc.pdf_name and truth["report_kind"] == "final_account"
        assert truth["report_scope"] == "department" and doc.stem.endswith("_dept-final")
        assert [t["table_kind"] for t in truth["tables"]] == kinds
        pages = [(t["page_first"], t["page_last"]) for t in truth["tables"]]
        assert all(a <= b for a, b in pages) and all(pages[i][1] < pages[i + 1][0] for i in range(8))
        for table in truth["tables"]:
            assert table["unit"] == doc.layout.unit
            if table["is_empty"]:  # (a table can also print only blanks: a 三公 table of zeros in a blank-zero layout)
                assert not table["cells"] and table["table_kind"] in ("final_government_fund", "final_state_capital")
            for cell in table["cells"]:
                assert set(cell) == {"page", "panel", "code", "item", "measure", "value"}
                assert table["page_first"] <= cell["page"] <= table["page_last"]
                assert cell["value"] != "-" and Decimal(cell["value"].replace(",", "")) >= 0
                assert cell["code"] is None or cell["code"].isdigit()
                assert cell["item"] is None or (cell["item"] and " " not in cell["item"])
                if not doc.layout.separators:
                    assert "," not in cell["value"]


def test_random_departments_satisfy_their_identities_every_year():
    taken: set = set()
    for i in range(60):
        years = [2021, 2022, 2023]
        dept = spec.random_department(7, i, years, {2021: "元", 2022: "万元", 2023: "元"}, taken)
        assert sorted(dept.years) == [2020, 2021, 2022, 2023]
        for year, fig in dept.years.items():
            fig.check()
            if year - 1 in dept.years:  # the carried-over money of one year is the next year's carry-in
                assert fig.carry_start == dept.years[year - 1].carry_end
    assert len(taken) == 60  # no department twice


@pytest.mark.parametrize("year", [2021, 2022])
def test_seed_department_reproduces_the_seed_figures(year):
    dept = spec.seed_department()
    assert dept.name == "盘锦市兴隆台区工业和信息化局" and dept.region_code == "211103"
    fig = dept.years[year]
    wan = spec.to_wan
    if year == 2022:
        assert wan(fig.income_grand_total) == wan(fig.expenditure_grand_total) == Decimal("423.59")
        assert (wan(fig.total("basic")), wan(fig.total("project"))) == (Decimal("169.49"), Decimal("254.10"))
        assert (wan(fig.personnel), wan(fig.public)) == (Decimal("153.42"), Decimal("16.07"))
    else:
        assert wan(fig.income_grand_total) == Decimal("718.15") and wan(fig.public) == Decimal("11.43")


def test_split_keeps_the_total_and_the_quantum():
    parts = spec.split(1_000_000, [1, 2, 3.5], 10_000)
    assert sum(parts) == 1_000_000 and all(p % 10_000 == 0 for p in parts)
