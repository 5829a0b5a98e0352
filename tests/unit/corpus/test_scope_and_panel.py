"""部门决算 and 单位决算 of one department-year (``generate.render_scope_pair``), and the panel truth of every
generated report (``panel.panel_truth``): one entry per metric, tables first, the narrative where no table prints
the value, stated priors from the year-over-year statements, the 三公 table's printed 预算数."""

from __future__ import annotations

import copy
import functools
import io
import re
from decimal import Decimal

import pdfplumber
import pytest

from tests.corpus import spec
from tests.corpus.defects import NarrativeDefect, TableDefect
from tests.corpus.generate import GeneratedDocument, render_scope_pair, render_year
from tests.corpus.layout import SEED_LAYOUTS, Layout
from tests.corpus.narrative import amount_text
from tests.corpus.panel import METRICS, YOY_METRICS
from tests.corpus.truth import dumps
from tests.unit.corpus.checks import check_narrative, check_rendering, check_tables, squeeze

STATUSES = {"printed", "printed_zero", "stated_zero", "not_disclosed"}


def dec(value: str) -> Decimal:
    return Decimal(value.replace(",", ""))


def in_wan(entry: dict) -> Decimal:
    """A panel value in 万元, exactly (a 元 amount / 10,000)."""
    value = dec(entry["value"])
    return value / 10000 if entry["unit"] == "元" else value


def figures(doc: GeneratedDocument) -> dict[str, dict]:
    return {f["metric"]: f for f in doc.truth["panel"]["figures"]}


def page_texts(doc: GeneratedDocument) -> list[str]:
    """Each page's text, blanks and quote marks removed (read once per PDF)."""
    return _page_texts(doc.rendered.pdf)


@functools.lru_cache(maxsize=None)
def _page_texts(pdf_bytes: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        return [re.sub("[“”]", "", squeeze(p.extract_text())) for p in pdf.pages]


@pytest.fixture(scope="module")
def pairs(generated) -> list[tuple[GeneratedDocument, GeneratedDocument]]:
    """Three pairs: a 万元 layout with blank zeros, a 元 layout with a 目录 and dash zeros, the seed department
    (目录, blank zeros)."""
    out = [render_scope_pair(doc.department, doc.year, doc.layout) for doc in (generated[0], generated[3])]
    out.append(render_scope_pair(spec.seed_department(), 2022, SEED_LAYOUTS[2022]))
    return out


@pytest.fixture(scope="module")
def everything(corpus, pairs) -> list[GeneratedDocument]:
    return [*corpus, *(doc for pair in pairs for doc in pair)]


# ----------------------------------------------------------------------------------------------------------
# Scope


def test_a_pair_is_one_department_year_in_two_scopes(pairs):
    for department, unit in pairs:
        assert (department.scope, unit.scope) == ("department", "unit")
        assert (department.truth["report_scope"], unit.truth["report_scope"]) == ("department", "unit")
        assert department.department.name == unit.department.name
        assert department.department.slug == unit.department.slug
        assert department.department.region_code == unit.department.region_code
        assert department.truth["department_name"] == unit.truth["department_name"]
        assert department.truth["fiscal_year"] == unit.truth["fiscal_year"]
        slug, year = department.department.slug, department.year
        assert department.pdf_name == f"{slug}_{year}_dept-final.pdf" == department.truth["file"]
        assert unit.pdf_name == f"{slug}_{year}_unit-final.pdf" == unit.truth["file"]
        assert unit.truth_name == f"{slug}_{year}_unit-final.truth.json"


def test_the_department_half_of_a_pair_is_the_corpus_report(corpus, pairs):
    by_stem = {d.stem: d for d in corpus}
    for department, _ in pairs[:2]:
        twin = by_stem[department.stem]
        assert department.rendered.pdf == twin.rendered.pdf
        assert dumps(department.truth) == dumps(twin.truth)


def test_the_unit_has_figures_of_its_own_and_smaller_ones(pairs):
    for department, unit in pairs:
        ours, theirs = figures(department), figures(unit)
        for metric in ("total_income", "total_expenditure", "basic_expenditure", "general_budget_expenditure",
                       "operating_expenses"):
            assert in_wan(theirs[metric]) < in_wan(ours[metric]), (unit.stem, metric)
        cells = lambda doc: [c["value"] for t in doc.truth["tables"] for c in t["cells"]]  # noqa: E731
        assert cells(department) != cells(unit)
        assert department.rendered.pdf != unit.rendered.pdf
        # Both belong to one department: the unit has no money the department has none of.
        fig = department.department.years[department.year]
        unit_fig = unit.department.years[unit.year]
        assert unit_fig.total("gf_project") == 0 and unit_fig.total("sc_project") == 0
        if not sum(fig.three_public_final.values()):
            assert not sum(unit_fig.three_public_final.values())


def test_both_reports_of_a_pair_reconcile_and_read_back(pairs):
    for pair in pairs:
        for doc in pair:
            assert check_tables(doc.truth) == [], doc.stem
            assert check_narrative(doc.truth) == [], doc.stem
    for _, unit in pairs:
        r = unit.rendered
        assert check_rendering(r.pdf, r.placed, unit.truth, r.page_count) == [], unit.stem


def test_the_unit_report_names_itself_a_unit_report(pairs):
    for department, unit in pairs:
        name, year = department.department.name, department.year
        dept_pages, unit_pages = page_texts(department), page_texts(unit)
        assert dept_pages[0] == f"{name}{year}年度部门决算"
        assert unit_pages[0] == f"{name}{year}年度单位决算"
        dept_text, unit_text = "".join(dept_pages), "".join(unit_pages)
        for words in ("第一部分{}概况", f"第二部分{year}年度{{}}决算情况说明", f"第四部分{year}年度{{}}决算表"):
            assert words.format("部门") in dept_text and words.format("部门") not in unit_text
            assert words.format("单位") in unit_text and words.format("单位") not in dept_text
        first_table = unit.truth["tables"][0]["page_first"]
        assert unit_pages[first_table - 1].startswith(f"第四部分{year}年度单位决算表")
        # The 单位构成 list is replaced by a sentence: no units under it.
        assert f"纳入{name}{year}年部门决算编制范围的二级预算单位包括" in dept_text
        assert "纳入" not in unit_text and "部门决算" not in unit_text and f"{name}本级" not in unit_text
        assert f"{name}无下属二级预算单位" in unit_text
        # The tables keep their 编制单位.
        for table in unit.truth["tables"]:
            assert f"编制单位：{name}" in unit_pages[table["page_first"] - 1]
        if unit.layout.toc:
            toc = unit_pages[1]
            assert toc.startswith("目录") and f"第二部分{year}年度单位决算情况说明" in toc and "部门" not in toc


def test_a_pair_is_deterministic(pairs):
    department, unit = pairs[1]
    again = render_scope_pair(department.department, department.year, department.layout)
    assert [d.rendered.pdf for d in again] == [department.rendered.pdf, unit.rendered.pdf]
    assert [dumps(d.truth) for d in again] == [dumps(department.truth), dumps(unit.truth)]
    assert spec.unit_department(department.department).years == unit.department.years


def test_unit_departments_hold_every_identity_and_stay_smaller():
    taken: set = set()
    for i in range(25):
        dept = spec.random_department(11, i, [2022, 2023], {2021: "元", 2022: "万元", 2023: "元"}, taken)
        unit = spec.unit_department(dept)
        assert (unit.name, unit.slug, unit.region_code) == (dept.name, dept.slug, dept.region_code)
        assert sorted(unit.years) == sorted(dept.years)
        for year, fig in unit.years.items():
            fig.check()
            assert fig.unit == dept.years[year].unit
            assert fig.expenditure_this_year < dept.years[year].expenditure_this_year
            if year - 1 in unit.years:
                assert fig.carry_start == unit.years[year - 1].carry_end


def test_an_unknown_scope_is_refused():
    with pytest.raises(ValueError):
        render_year(spec.seed_department(), 2022, SEED_LAYOUTS[2022], scope="bureau")


# ----------------------------------------------------------------------------------------------------------
# Panel truth


def test_the_panel_lists_every_metric_once_in_its_shape(everything):
    for doc in everything:
        panel = doc.truth["panel"]
        assert list(panel) == ["figures", "stated_priors", "budgets"]
        assert [f["metric"] for f in panel["figures"]] == list(METRICS), doc.stem
        for f in panel["figures"]:
            assert f["status"] in STATUSES
            if f["status"] in ("printed", "printed_zero"):
                assert set(f) == {"metric", "status", "value", "unit", "page"}, f
                assert f["unit"] in ("万元", "元") and 1 <= f["page"] <= doc.rendered.page_count
                assert (dec(f["value"]) == 0) == (f["status"] == "printed_zero"), f
                assert dec(f["value"]) >= 0
            elif f["status"] == "stated_zero":
                assert set(f) == {"metric", "status", "value", "page"} and f["value"] is None, f
            else:
                assert set(f) == {"metric", "status", "value"} and f["value"] is None, f
            # Every entry with a page has a value, or is a stated zero.
            assert "page" not in f or f["value"] is not None or f["status"] == "stated_zero"


def panel_problems(truth: dict) -> list[str]:
    """The identities a complete 决算's panel figures satisfy (万元, exact; a stated zero is 0)."""
    f = {e["metric"]: in_wan(e) if e["value"] is not None else Decimal(0) for e in truth["panel"]["figures"]}
    problems = []
    if f["basic_expenditure"] + f["project_expenditure"] != f["current_year_expenditure"]:
        problems.append("基本 + 项目 != 本年支出合计")
    if f["total_income"] != f["total_expenditure"]:
        problems.append("收入总计 != 支出总计")
    if f["vehicle_purchase"] + f["vehicle_operation"] != f["official_vehicles"]:
        problems.append("购置 + 运行 != 公务用车")
    if f["overseas_travel"] + f["official_reception"] + f["official_vehicles"] != f["three_public_expenses"]:
        problems.append("出国 + 接待 + 公务用车 != 三公")
    if not f["fiscal_appropriation_income"] <= f["current_year_income"] <= f["total_income"]:
        problems.append("财政拨款收入 <= 本年收入合计 <= 收入总计 fails")
    if not f["general_budget_expenditure"] + f["government_fund_expenditure"] <= f["current_year_expenditure"]:
        problems.append("一般公共预算 + 政府性基金 > 本年支出合计")
    return problems


def test_panel_identities_hold(everything):
    for doc in everything:
        assert panel_problems(doc.truth) == [], doc.stem


def test_panel_values_are_the_specs(everything):
    wan = spec.to_wan
    for doc in everything:
        fig = doc.department.years[doc.year]
        expected = {
            "total_income": fig.income_grand_total, "current_year_income": fig.income_this_year,
            "fiscal_appropriation_income": fig.total("fiscal_income"), "total_expenditure": fig.expenditure_grand_total,
            "current_year_expenditure": fig.expenditure_this_year, "basic_expenditure": fig.total("basic"),
            "project_expenditure": fig.total("project"), "general_budget_expenditure": fig.total("gb_expenditure"),
            "government_fund_expenditure": fig.total("gf_project"),
            "three_public_expenses": sum(fig.three_public_final.values()),
            "overseas_travel": fig.three_public_final["abroad"], "official_reception": fig.three_public_final["reception"],
            "official_vehicles": fig.three_public_final["car_purchase"] + fig.three_public_final["car_running"],
            "vehicle_purchase": fig.three_public_final["car_purchase"],
            "vehicle_operation": fig.three_public_final["car_running"], "operating_expenses": fig.public,
        }
        for metric, fen in expected.items():
            entry = figures(doc)[metric]
            if entry["status"] == "stated_zero":
                assert fen == 0, (doc.stem, metric)
            elif entry["unit"] == "万元":  # a 万元 table is exact; the narrative rounds
                assert dec(entry["value"]) == wan(fen), (doc.stem, metric)
            else:
                assert dec(entry["value"]) == spec.to_yuan(fen), (doc.stem, metric)
        # 政府采购 is the narrative's alone.
        procurement = figures(doc)["government_procurement"]
        assert procurement["value"] == doc.narrative.stated["government_procurement"]
        assert procurement["page"] < doc.truth["tables"][0]["page_first"]


def test_tables_first_the_narrative_where_no_table_prints_it(everything):
    seen = set()
    for doc in everything:
        cells = {(c["page"], c["value"]) for t in doc.truth["tables"] for c in t["cells"]}
        first_table = doc.truth["tables"][0]["page_first"]
        printed = {p.metric for p in doc.rendered.placed if p.metric and not p.budget}
        for metric, entry in figures(doc).items():
            if metric in printed:  # the table printed a number: it is the value, on its cell's page
                assert (entry["page"], entry["value"]) in cells and entry["unit"] == doc.layout.unit
                seen.add("table")
            elif entry["status"] == "stated_zero":
                table = next(t for t in doc.truth["tables"] if t["table_kind"] == "final_government_fund")
                assert table["is_empty"] and entry["page"] == table["page_last"]
                seen.add("stated_zero")
            elif entry["value"] is not None:  # blank, "-" or no table: the narrative's 万元
                assert entry["unit"] == "万元" and entry["page"] < first_table, (doc.stem, metric)
                if metric not in ("operating_expenses", "government_procurement"):
                    assert doc.layout.zeros in ("blank", "-") and entry["status"] == "printed_zero"
                    seen.add(f"narrative zero ({doc.layout.zeros})")
    assert {"table", "stated_zero", "narrative zero (blank)", "narrative zero (-)"} <= seen


def test_every_page_prints_its_panel_value(everything):
    for doc in everything:
        pages = page_texts(doc)
        for entry in doc.truth["panel"]["figures"]:
            if entry["status"] == "stated_zero":
                assert "故本表无数据" in pages[entry["page"] - 1]
            elif entry["value"] is not None:
                want = entry["value"] + ("万元" if entry["page"] < doc.truth["tables"][0]["page_first"] else "")
                assert want in pages[entry["page"] - 1], (doc.stem, entry)
        for entry in doc.truth["panel"]["budgets"]:
            assert entry["value"] in pages[entry["page"] - 1]


def test_stated_priors_are_the_prior_years_figures(everything):
    wan = spec.to_wan
    metrics = {"total_income": lambda f: f.income_grand_total, "total_expenditure": lambda f: f.expenditure_grand_total,
               "overseas_travel": lambda f: f.three_public_final["abroad"],
               "official_reception": lambda f: f.three_public_final["reception"],
               "official_vehicles": lambda f: f.three_public_final["car_purchase"] + f.three_public_final["car_running"],
               "operating_expenses": lambda f: f.public}
    compared = 0
    for doc in everything:
        priors = doc.truth["panel"]["stated_priors"]
        prior_fig = doc.department.years.get(doc.year - 1)
        if prior_fig is None:  # the seed's 2021: no year before, no statement
            assert priors == [] and doc.narrative.yoy == []
            continue
        assert sorted(p["metric"] for p in priors) == sorted(metrics), doc.stem
        pages = page_texts(doc)
        for p in priors:
            assert (p["unit"], p["how"], p["basis"]) == ("万元", "implied", "prior_year")
            assert dec(p["prior_value"]) == wan(metrics[p["metric"]](prior_fig)), (doc.stem, p)
            # The statement's page prints the stated change (or 持平).
            [statement] = [s for s in doc.narrative.yoy if YOY_METRICS.get(s.metric) == p["metric"]]
            unchanged = statement.sign == 0 and "持平" in doc.narrative.blocks[statement.block][1]
            change = "持平" if unchanged else amount_text(statement.amount, doc.layout.separators) + "万元"
            assert change in pages[p["page"] - 1], (doc.stem, p)
            compared += 1
    assert compared >= 6 * 7


def test_narrative_lines_are_recorded_on_their_pages(everything):
    """``RenderResult.block_lines`` (what a narrative figure's page is read from) puts every printed line of a
    paragraph on the page that prints it, also where a paragraph runs over a page break."""
    split = 0
    for doc in everything:
        pages = page_texts(doc)
        blocks, lines = doc.narrative.blocks, doc.rendered.block_lines
        assert len(lines) == len(blocks)
        for (kind, text), starts in zip(blocks, lines):
            if kind != "para":
                continue
            split += len({page for _, page in starts}) > 1
            ends = [start for start, _ in starts[1:]] + [len(text)]
            for (start, page), end in zip(starts, ends):
                line = re.sub("[“”]", "", squeeze(text[start:end]))
                if len(line) >= 12:  # long enough to be printed once
                    assert line in pages[page - 1], (doc.stem, page, line)
                    assert all(line not in pages[p - 1] for _, p in starts if p != page), (doc.stem, line)
    assert split  # some paragraph runs over a page break


def test_the_seed_reports_panel(seed_pair):
    panel = seed_pair[2022].truth["panel"]
    assert [(p["metric"], p["prior_value"]) for p in panel["stated_priors"]] == [
        ("total_income", "718.15"), ("total_expenditure", "718.15"), ("operating_expenses", "11.43"),
        ("overseas_travel", "0"), ("official_reception", "0"), ("official_vehicles", "0"),
    ]
    f = {e["metric"]: e for e in panel["figures"]}
    assert (f["total_income"]["value"], f["basic_expenditure"]["value"]) == ("423.59", "169.49")
    assert f["total_income"]["page"] == seed_pair[2022].truth["tables"][0]["page_first"]
    assert (f["three_public_expenses"]["status"], f["three_public_expenses"]["value"]) == ("printed_zero", "0")
    assert (f["operating_expenses"]["value"], f["government_procurement"]["value"]) == ("16.07", "0")
    assert f["government_fund_expenditure"]["status"] == "stated_zero"
    assert panel["budgets"] == []  # a blank-zero 三公 table of a department with no 三公 budget prints none
    budgets = seed_pair[2021].truth["panel"]["budgets"]  # its 2021 layout prints zeros as 0.00
    assert [(b["metric"], b["value"]) for b in budgets] == [(m, "0.00") for m in (
        "three_public_expenses", "overseas_travel", "official_reception", "official_vehicles", "vehicle_purchase",
        "vehicle_operation")]


def test_budgets_are_the_printed_three_public_budget_cells(everything):
    seen = 0
    for doc in everything:
        table = next(t for t in doc.truth["tables"] if t["table_kind"] == "final_three_public")
        budget_cells = sorted((c["page"], c["value"]) for c in table["cells"] if "预算数" in c["measure"].split("/"))
        budgets = doc.truth["panel"]["budgets"]
        assert sorted((b["page"], b["value"]) for b in budgets) == budget_cells, doc.stem
        assert all(b["unit"] == table["unit"] for b in budgets)
        by_metric = {b["metric"]: in_wan(b) for b in budgets}
        if len(by_metric) == 6:
            assert by_metric["vehicle_purchase"] + by_metric["vehicle_operation"] == by_metric["official_vehicles"]
            assert (by_metric["overseas_travel"] + by_metric["official_reception"] + by_metric["official_vehicles"]
                    == by_metric["three_public_expenses"])
            budget = doc.department.years[doc.year].three_public_budget
            assert by_metric["three_public_expenses"] == Decimal(sum(budget.values())) / spec.FEN_PER_WAN
            seen += 1
    assert seen


def test_the_panel_follows_a_defect_and_a_missing_table():
    dept = spec.seed_department()
    layout = Layout(zeros="0.00")
    plain = render_year(dept, 2022, layout)
    moved = render_year(dept, 2022, layout, defect=TableDefect(
        "final_income_expenditure_summary", "决算数", Decimal("1.00"), item="总计"))
    assert figures(plain)["total_income"]["value"] == "423.59"
    assert figures(moved)["total_income"]["value"] == "424.59"  # what the table prints, not what it should
    assert figures(moved)["total_expenditure"]["value"] == "423.59"
    # A narrative figure the panel takes from the narrative: the printed value, and the prior it implies.
    said = render_year(dept, 2022, layout, defect=NarrativeDefect("机关运行经费", "机关运行经费支出", Decimal("1.00")))
    assert figures(said)["operating_expenses"]["value"] == "17.07"
    prior = next(p for p in said.truth["panel"]["stated_priors"] if p["metric"] == "operating_expenses")
    assert prior["prior_value"] == "12.43"  # 17.07 − 4.64
    # Without #1 nothing states 本年收入合计; without #8 the narrative's 0 is the value.
    few = render_year(dept, 2022, layout, table_kinds=["final_expenditure", "final_three_public"])
    f = figures(few)
    assert f["current_year_income"] == {"metric": "current_year_income", "status": "not_disclosed", "value": None}
    assert f["current_year_expenditure"]["status"] == "not_disclosed"
    assert (f["total_income"]["value"], f["total_income"]["unit"]) == ("423.59", "万元")
    assert f["total_income"]["page"] < few.truth["tables"][0]["page_first"]
    assert (f["government_fund_expenditure"]["status"], f["government_fund_expenditure"]["value"]) == ("printed_zero", "0")
    assert f["basic_expenditure"]["page"] == few.truth["tables"][0]["page_first"]


def test_the_panel_checks_catch_a_wrong_entry(everything):
    for metric, problem in (("basic_expenditure", "基本 + 项目"), ("vehicle_operation", "购置 + 运行")):
        broken = copy.deepcopy(everything[1].truth)
        entry = next(f for f in broken["panel"]["figures"] if f["metric"] == metric)
        entry["value"], entry["unit"] = amount_text(in_wan(entry) + 1, False) if entry["value"] else "1.00", "万元"
        assert any(p.startswith(problem) for p in panel_problems(broken)), metric
