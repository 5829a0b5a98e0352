"""Reads a text report (部门决算/部门预算 published as plain text) into the frames of
``schemas.PARSED_FRAMES``."""

from __future__ import annotations

import polars as pl

from pipeline import schemas
from pipeline.parse.result import ParsedDocument
from pipeline.parse.text.declarations import (
    break_rows,
    find_comparability_breaks,
    find_nil_statements,
    nil_rows,
)
from pipeline.parse.text.decode import decode_report
from pipeline.parse.text.document_meta import DocumentMeta, read_document_meta
from pipeline.parse.text.figure_lists import find_figure_lists
from pipeline.parse.text.lines import LineIndex, blank_lines, page_furniture, split_lines
from pipeline.parse.text.narrative import build_figures, figure_rows, find_candidates, share_provenance
from pipeline.parse.text.outline import outline_rows, read_outline
from pipeline.parse.text.performance_table import find_performance_tables, read_performance_table
from pipeline.parse.text.placeholders import find_named_departments, find_placeholders
from pipeline.parse.text.prose import read_paragraphs
from pipeline.parse.text.sections import assign_sections
from pipeline.parse.text.yoy import extract_yoy, yoy_provenance
from pipeline.parse.version import PARSER_VERSION
from pipeline.reference.department_names import department_name_normalized


def parse_text_report(data: bytes, *, sha256: str, source_path: str) -> ParsedDocument:
    """Every frame one text report yields.

    Raises ``UnreadableDocument`` when the bytes are no readable report (``decode``, ``document_meta``).
    Offsets in the frames refer to the decoded text with LF line ends (``decode.decode_report``).
    """
    decoded = decode_report(data)
    return read_report_text(
        decoded.text, sha256=sha256, source_path=source_path, media_type="text/plain", text_encoding=decoded.encoding
    )


def read_report_text(
    text: str,
    *,
    sha256: str,
    source_path: str,
    media_type: str,
    text_encoding: str | None,
    line_pages: list[int] | None = None,
) -> ParsedDocument:
    """The frames of a report's text, whatever format it came in.

    ``line_pages[i]`` is the 1-based page of line ``i + 1`` for paginated formats (PDF); it fills the ``page``
    column of every row that has a ``line_no``.
    """
    lines = split_lines(text)
    line_index = LineIndex(lines)

    flat_tables = find_performance_tables(lines)
    tables = [read_performance_table(table) for table in flat_tables]
    table_lines = frozenset().union(*(table.line_nos for table in flat_tables))
    meta = read_document_meta(
        text,
        lines,
        [t.summary["unit_name_printed"] for t in tables if t.summary.get("unit_name_printed")],
        source_path,
    )

    # The prose is read with the page furniture blanked out: same offsets, same lines (layout.blank_lines).
    furniture = page_furniture(lines, line_pages)
    prose = blank_lines(text, lines, furniture)
    sections = assign_sections(lines, skip=table_lines, furniture=furniture)
    paragraphs = read_paragraphs(prose, lines, sections, furniture=furniture, department=meta.department_name)
    candidates = find_candidates(prose, paragraphs, meta.department_name)
    statements = extract_yoy(prose, paragraphs, candidates, meta.department_name)
    figures = build_figures(prose, candidates, set().union(*(s.consumed for s in statements)))

    key = {"document_sha256": sha256}
    frames = {
        schemas.DOCUMENTS.name: documents_frame(
            meta, sha256=sha256, source_path=source_path, media_type=media_type, text_encoding=text_encoding
        ),
        schemas.NARRATIVE_FIGURES.name: schemas.NARRATIVE_FIGURES.frame(
            figure_rows(figures, prose, line_index, sha256)
        ),
        schemas.YOY_STATEMENTS.name: schemas.YOY_STATEMENTS.frame(
            [s.row(i, prose, line_index, sha256) for i, s in enumerate(statements)]
        ),
        schemas.NIL_STATEMENTS.name: schemas.NIL_STATEMENTS.frame(
            nil_rows(find_nil_statements(prose, paragraphs, meta.department_name), prose, line_index, sha256)
        ),
        schemas.COMPARABILITY_BREAKS.name: schemas.COMPARABILITY_BREAKS.frame(
            break_rows(
                find_comparability_breaks(prose, paragraphs, meta.fiscal_year), prose, line_index, sha256
            )
        ),
        schemas.REPORT_OUTLINE.name: schemas.REPORT_OUTLINE.frame(
            outline_rows(read_outline(lines, sections, furniture, line_pages), sha256)
        ),
        schemas.PERFORMANCE_SUMMARIES.name: schemas.PERFORMANCE_SUMMARIES.frame(
            [{**key, "table_index": i, **t.summary} for i, t in enumerate(tables)]
        ),
        schemas.PERFORMANCE_LINES.name: schemas.PERFORMANCE_LINES.frame(
            [{**key, "table_index": i, **row} for i, t in enumerate(tables) for row in t.lines]
        ),
        schemas.PERFORMANCE_INDICATORS.name: schemas.PERFORMANCE_INDICATORS.frame(
            [{**key, "table_index": i, **row} for i, t in enumerate(tables) for row in t.indicators]
        ),
    }
    provenance = share_provenance(figures, line_index) | yoy_provenance(statements, line_index) | {
        (frame, (i, *row), column): printed
        for i, t in enumerate(tables)
        for (frame, row, column), printed in t.printed.items()
    }
    if line_pages is not None:
        frames = {name: _with_pages(frame, line_pages) for name, frame in frames.items()}
    return ParsedDocument(
        frames=frames,
        figure_lists=find_figure_lists(prose, paragraphs, figures),
        provenance=provenance,
        placeholders=find_placeholders(lines, line_pages),
        named_departments=find_named_departments(lines, line_pages),
    )


def documents_frame(
    meta: DocumentMeta, *, sha256: str, source_path: str, media_type: str, text_encoding: str | None
) -> pl.DataFrame:
    """The DOCUMENTS row of one report."""
    row = {
        "document_sha256": sha256,
        "source_path": source_path,
        "media_type": media_type,
        "text_encoding": text_encoding,
        "department_name": meta.department_name,
        "department_name_normalized": department_name_normalized(meta.department_name),
        "unit_code": meta.unit_code,
        "region_code": meta.region_code,
        "fiscal_year": meta.fiscal_year,
        "report_kind": meta.report_kind,
        "report_scope": meta.report_scope,
        "parser_version": PARSER_VERSION,
    }
    return schemas.DOCUMENTS.frame([row])


def _with_pages(frame: pl.DataFrame, line_pages: list[int]) -> pl.DataFrame:
    if "page" not in frame.columns or "line_no" not in frame.columns:
        return frame
    page_of_line = dict(enumerate(line_pages, start=1))
    return frame.with_columns(
        pl.col("line_no").replace_strict(page_of_line, default=None, return_dtype=pl.Int32).alias("page")
    )
