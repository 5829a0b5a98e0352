"""Generates a corpus: for each department × year a PDF and its truth file, deterministically from a seed."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from tests.corpus import spec
from tests.corpus.defects import Defect, NarrativeDefect, TableDefect, apply_to_narrative, apply_to_tables
from tests.corpus.layout import SEED_LAYOUTS, Layout, assign_layouts
from tests.corpus.narrative import Narrative, build_narrative, seed_narrative
from tests.corpus.render import RenderResult, render_document
from tests.corpus.tables import build_tables
from tests.corpus.truth import truth_document, write_truth

DEFAULT_YEARS = (2021, 2022, 2023)


@dataclass
class GeneratedDocument:
    stem: str
    department: spec.Department
    year: int
    layout: Layout
    narrative: Narrative
    rendered: RenderResult
    truth: dict

    @property
    def pdf_name(self) -> str:
        return f"{self.stem}.pdf"

    @property
    def truth_name(self) -> str:
        return f"{self.stem}.truth.json"


def render_year(dept: spec.Department, year: int, layout: Layout, narrative: Narrative | None = None,
                defect: Defect | None = None, table_kinds: Collection[str] | None = None) -> GeneratedDocument:
    """The report of ``dept`` in ``year``; with ``defect`` (``defects``), one figure printed off its derived
    value and the truth saying which; with ``table_kinds``, only those of the 9 tables (fewer pages to read)."""
    fig = dept.years[year]
    assert fig.unit == layout.unit, (dept.slug, year, fig.unit, layout.unit)
    narrative = narrative or build_narrative(dept, year, layout)
    tables = [t for t in build_tables(dept, fig, layout) if table_kinds is None or t.kind in table_kinds]
    record = None
    if isinstance(defect, TableDefect):
        record = apply_to_tables(tables, defect, layout.separators)
    elif isinstance(defect, NarrativeDefect):
        record = apply_to_narrative(narrative, defect, layout.separators)
    rendered = render_document(f"{dept.name}{year}年度部门决算", narrative.blocks, tables, layout, year, dept.name)
    stem = f"{dept.slug}_{year}_dept-final"
    truth = truth_document(f"{stem}.pdf", rendered.pdf, dept.name, year, rendered.tables, narrative.figures)
    if record:
        truth["defect"] = record
    return GeneratedDocument(stem, dept, year, layout, narrative, rendered, truth)


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
