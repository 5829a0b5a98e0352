"""Generates a corpus: for each department × year a PDF and its truth file, deterministically from a seed."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from tests.corpus import spec
from tests.corpus.defects import Defect, TableDefect, apply_to_narrative, apply_to_tables
from tests.corpus.layout import SEED_LAYOUTS, Layout, assign_layouts
from tests.corpus.narrative import SCOPES, Narrative, build_narrative, seed_narrative
from tests.corpus.panel import panel_truth
from tests.corpus.render import RenderResult, render_document
from tests.corpus.tables import build_tables
from tests.corpus.truth import truth_document, write_truth

DEFAULT_YEARS = (2021, 2022, 2023)
STEM_SUFFIX = {"department": "dept-final", "unit": "unit-final"}  # report_scope → file stem suffix


@dataclass
class GeneratedDocument:
    stem: str
    department: spec.Department
    year: int
    layout: Layout
    narrative: Narrative
    rendered: RenderResult
    truth: dict
    scope: str = "department"  # department (部门决算) | unit (单位决算)

    @property
    def pdf_name(self) -> str:
        return f"{self.stem}.pdf"

    @property
    def truth_name(self) -> str:
        return f"{self.stem}.truth.json"


def render_year(dept: spec.Department, year: int, layout: Layout, narrative: Narrative | None = None,
                defect: Defect | None = None, table_kinds: Collection[str] | None = None,
                scope: str = "department") -> GeneratedDocument:
    """The report of ``dept`` in ``year``; with ``defect`` (``defects``), one figure printed off its derived
    value and the truth saying which; with ``table_kinds``, only those of the 9 tables (fewer pages to read).

    ``scope`` "department" is its 部门决算 (``<slug>_<year>_dept-final``); "unit" prints the same figures as a
    单位决算 (``<slug>_<year>_unit-final``: 单位 where the report names itself, no 单位构成 list) — for a unit's own
    figures, pass ``spec.unit_department(dept)`` (or use ``render_scope_pair``)."""
    if scope not in SCOPES:
        raise ValueError(f"scope {scope!r} is none of {sorted(SCOPES)}")
    fig = dept.years[year]
    assert fig.unit == layout.unit, (dept.slug, year, fig.unit, layout.unit)
    narrative = narrative or build_narrative(dept, year, layout, scope)
    tables = [t for t in build_tables(dept, fig, layout) if table_kinds is None or t.kind in table_kinds]
    record = None
    if isinstance(defect, TableDefect):
        record = apply_to_tables(tables, defect, layout.separators)
    elif defect is not None:
        record = apply_to_narrative(narrative, defect, layout.separators)
    word = SCOPES[scope]
    rendered = render_document(f"{dept.name}{year}年度{word}决算", narrative.blocks, tables, layout, year, dept.name,
                               f"第四部分 {year}年度{word}决算表")
    stem = f"{dept.slug}_{year}_{STEM_SUFFIX[scope]}"
    truth = truth_document(f"{stem}.pdf", rendered.pdf, dept.name, year, rendered.tables, narrative.figures,
                           scope, panel_truth(rendered, narrative, layout.separators))
    if record:
        if record["target"] == "narrative":
            record["page"] = rendered.page_of(record.pop("block"), record.pop("offset"))
        truth["defect"] = record
    return GeneratedDocument(stem, dept, year, layout, narrative, rendered, truth, scope)


def render_scope_pair(dept: spec.Department, year: int, layout: Layout,
                      unit_layout: Layout | None = None) -> tuple[GeneratedDocument, GeneratedDocument]:
    """``dept``'s 部门决算 of ``year`` and the 单位决算 of one of its units (``spec.unit_department``: same name,
    slug and region, smaller figures of its own) — two scopes of one department-year, never versions of each
    other. The unit report uses ``unit_layout`` (default: ``layout``; its unit must be the year's)."""
    department = render_year(dept, year, layout)
    unit = render_year(spec.unit_department(dept), year, unit_layout or layout, scope="unit")
    return department, unit


def generate(departments: int = 10, years: tuple[int, ...] | list[int] = DEFAULT_YEARS, seed: int = 0,
             include_seed: bool = False) -> list[GeneratedDocument]:
    years = sorted(years)
    layouts = assign_layouts(departments * len(years), seed)
    taken: set[tuple[int, int]] = set()
    docs: list[GeneratedDocument] = []
    for i in range(departments):
        mine = {year: layouts[i * len(years) + j] for j, year in enumerate(years)}
        dept = spec.random_department(seed, i, years, {y: l.unit for y, l in mine.items()}, taken)
        for year in years:
            docs.append(render_year(dept, year, mine[year]))
    if include_seed:
        dept = spec.seed_department()
        docs.append(render_year(dept, 2021, SEED_LAYOUTS[2021]))
        docs.append(render_year(dept, 2022, SEED_LAYOUTS[2022], seed_narrative(dept, 2022)))
    return docs


def write(docs: list[GeneratedDocument], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for doc in docs:
        (out / doc.pdf_name).write_bytes(doc.rendered.pdf)
        write_truth(out / doc.truth_name, doc.truth)


def summary(docs: list[GeneratedDocument]) -> dict:
    """How often each layout option and each table trait occurs in ``docs``."""
    options: dict[str, Counter] = {}
    for doc in docs:
        for axis, value in doc.layout.describe().items():
            options.setdefault(axis, Counter())[str(value)] += 1
    continued = Counter()
    empty = Counter()
    for doc in docs:
        for table in doc.truth["tables"]:
            if table["page_last"] > table["page_first"]:
                continued[doc.layout.continuation] += 1
            if table["is_empty"]:
                empty[table["table_kind"]] += 1
    return {
        "documents": len(docs),
        "pages": sum(d.rendered.page_count for d in docs),
        "table_cells": sum(len(t["cells"]) for d in docs for t in d.truth["tables"]),
        "narrative_figures": sum(len(d.truth["narrative"]) for d in docs),
        "continued_tables": dict(continued),
        "empty_tables": dict(empty),
        "layouts": {axis: dict(counts) for axis, counts in options.items()},
    }
