"""``amount_out_of_range``: a number printed beyond what the warehouse's columns hold.

A misprint such as 10000000000000000000000000.00 or 99999999999999999999999亿元 has no place in a DECIMAL
column (``schemas.fits``). The readers keep it as printed, with where it stands, and leave its value null —
never clipped, rounded or guessed — so that the rest of the report loads. This check names each such number, so
that a null the report did print is never taken for a figure it left out; the other checks leave it out of
every sum and comparison.
"""

from __future__ import annotations

import polars as pl

from pipeline import schemas
from pipeline.checks.facts import Finding, ReportFacts, figure_location
from pipeline.checks.rules import RULES_BY_NAME
from pipeline.parse.text.quantities import MONEY_TO_WAN_YUAN

CHECK = "amount_out_of_range"
# The 绩效自评表's columns of points: 总评价得分, 分值, 得分.
_SCORES = ("total_score", "weight", "score")

# The 绩效自评表's frames: where facts keeps their rows, the column naming a row, its key within the table.
_PERFORMANCE = (
    (schemas.PERFORMANCE_SUMMARIES, "summaries", "table_title", ()),
    (schemas.PERFORMANCE_LINES, "lines", "project_name", ("line_index",)),
    (schemas.PERFORMANCE_INDICATORS, "indicators", "level3", ("indicator_index",)),
)


def out_of_range(facts: ReportFacts) -> list[Finding]:
    """The narrative's figures, shares and stated changes, and the 绩效自评表's numbers beyond range."""
    return [*_figures(facts), *_statements(facts), *_performance(facts)]


def _figures(facts: ReportFacts) -> list[Finding]:
    findings = []
    for figure in facts.figures:
        name = f"{figure['section']}：{figure['label']}"
        if figure["value"] is None:
            money = figure["unit_printed"] in MONEY_TO_WAN_YUAN
            printed = f"{figure['value_printed']}{figure['unit_printed']}"
            column = "value_wan_yuan" if money else "value"
            findings.append(
                beyond_range(
                    f"{name} {printed}", printed, figure_location(figure), figure["page"],
                    _limit(schemas.NARRATIVE_FIGURES, column), _unit(column) or figure["unit_printed"],
                )
            )
        key = (figure["figure_index"],)
        if facts.beyond_range(schemas.NARRATIVE_FIGURES.name, key, "share_pct", figure["share_pct"]):
            share = facts.printed(schemas.NARRATIVE_FIGURES.name, key, "share_pct")
            findings.append(
                beyond_range(
                    f"{name} 占比 {share.text}%", f"{share.text}%", share.location, figure["page"],
                    _limit(schemas.NARRATIVE_FIGURES, "share_pct"), _unit("share_pct"),
                )
            )
    return findings


def _statements(facts: ReportFacts) -> list[Finding]:
    findings = []
    for statement in facts.yoy:
        key = (statement["statement_index"],)
        for column, word, sign in (("change_amount_wan_yuan", "变动额", ""), ("change_pct", "变动率", "%")):
            if facts.beyond_range(schemas.YOY_STATEMENTS.name, key, column, statement[column]):
                printed = facts.printed(schemas.YOY_STATEMENTS.name, key, column)
                findings.append(
                    beyond_range(
                        f"{statement['section']}：{statement['metric_label']} {word} {printed.text}{sign}",
                        f"{printed.text}{sign}", printed.location, statement["page"],
                        _limit(schemas.YOY_STATEMENTS, column), _unit(column),
                    )
                )
    return findings


def _performance(facts: ReportFacts) -> list[Finding]:
    findings = []
    for schema, kept_in, naming, index in _PERFORMANCE:
        numbers = [c.name for c in schema.columns if isinstance(c.dtype, pl.Decimal)]
        for row in getattr(facts, kept_in):
            key = (row["table_index"], *(row[c] for c in index))
            for column in numbers:
                if facts.beyond_range(schema.name, key, column, row[column]):
                    printed = facts.printed(schema.name, key, column)
                    subject = f"{row[naming]}（表{key[0]}）：{column} {printed.text}"
                    findings.append(
                        beyond_range(
                            subject, printed.text, printed.location, row["page"], _limit(schema, column),
                            _unit(column),
                        )
                    )
    return findings


def beyond_range(subject: str, printed: str, where: str, page: int | None, limit: str, unit: str | None) -> Finding:
    """The finding for one number printed beyond ``limit`` (in ``unit``, the unit its column holds it in, which
    the finding names): no value, the text as printed, where it stands."""
    bound = f"{limit} {unit or ''}".rstrip()
    place_zh, place_en = (where, f"at {where}")
    if page:
        place_zh, place_en = f"第{page}页（{where}）", f"on page {page} ({where})"
    return Finding(
        check_name=CHECK,
        severity=RULES_BY_NAME[CHECK].severity,
        subject=subject,
        observed=None,
        expected=None,
        tolerance=None,
        observed_location=where,
        expected_location=None,
        unit=unit,
        message=(
            f"{place_zh}所印{printed}超出数据仓库可存的范围（绝对值须小于{bound}），数值留空，原文照录。"
            f" The number printed as {printed} {place_en} is beyond what the warehouse holds (an absolute"
            f" value below {bound}): its value is left null and its text kept as printed."
        ),
    )


def cell_bound() -> tuple[str, str | None]:
    """The limit of a table cell's amount (``line_items.value_wan_yuan``) and its unit."""
    return _limit(schemas.LINE_ITEMS, "value_wan_yuan"), _unit("value_wan_yuan")


def _limit(schema: schemas.FrameSchema, column: str) -> str:
    return schemas.limit(schema.polars[column])


def _unit(column: str) -> str | None:
    """The unit of a column's numbers (``rules.py``'s units); None for a value in the unit printed beside it."""
    if column.endswith("_wan_yuan"):
        return "万元"
    if column.endswith("_pct"):
        return "%"
    return "分" if column in _SCORES else None
