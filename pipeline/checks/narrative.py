"""Checks on the narrative's own numbers: stated shares, printed precision, year-over-year amounts against
percents."""

from __future__ import annotations

from decimal import Decimal

from pipeline.checks.facts import Finding, ReportFacts, figure_amount, figure_location
from pipeline.checks.rounding import compare_percent, decimals_of, half_unit, plain, printed_form
from pipeline.checks.rules import LARGE_CHANGE_PCT, RULES_BY_NAME, severity
from pipeline.parse.text.quantities import to_decimal

# 万元 amounts are printed to the 0.01 (fen-level precision would be 0.0001 万元 and is never printed).
_WAN_YUAN_DECIMALS = 2


def stated_share_matches(facts: ReportFacts) -> list[Finding]:
    """ "X万元，占收入总计的Y%": Y must be X over the base, within the rounding of all three printed numbers.

    The base is the figure the share names (its label, in the same section first); an unnamed share
    ("占3.66%")
    is of the total the figure is listed under. A share off a named base is an error when no rounding of the
    printed amounts explains it, a warning when only the 0.01-point allowance fails or when the base was
    inferred.
    """
    parents = {part: listed.total for listed in facts.figure_lists for part in listed.parts}
    findings = []
    for figure in facts.figures:
        if figure["share_pct"] is None:
            continue
        named = figure["share_base_label"]
        base = (
            _named_base(facts.figures, figure, named)
            if named
            else _listed_base(facts.figures, figure, parents)
        )
        # A figure beyond range has no value to compare (amount_out_of_range names it).
        if base is None or figure_amount(figure) is None or figure_amount(base) is None:
            continue
        if figure_amount(base) <= 0:
            continue
        printed = facts.printed("narrative_figures", (figure["figure_index"],), "share_pct")
        share_printed = printed.text if printed else printed_form(figure["share_pct"])
        finding = compare_percent(
            stated=to_decimal(share_printed),
            stated_printed=share_printed,
            numerator=figure_amount(figure),
            numerator_half=_half_amount(figure),
            denominator=figure_amount(base),
            denominator_half=_half_amount(base),
            certain=named is not None,
        )
        if finding:
            weight, expected, tolerance = finding
            findings.append(
                Finding(
                    check_name="stated_share_matches",
                    severity=weight,
                    subject=f"{figure['section']}：{figure['label']} 占 {base['label']}",
                    observed=to_decimal(share_printed),
                    expected=expected,
                    tolerance=tolerance,
                    observed_location=printed.location if printed else figure_location(figure),
                    expected_location=f"{figure_location(figure)}; {figure_location(base)}",
                    message=(
                        f"{figure['label']} {figure['value_printed']}{figure['unit_printed']} "
                        f"占 {base['label']} {base['value_printed']}{base['unit_printed']} "
                        f"应为 {expected:.2f}%，印为 {share_printed}%。"
                        f" The stated share {share_printed}% does not follow from the amounts"
                        f" ({expected:.2f}%)."
                    ),
                )
            )
    return findings


def amount_precision(facts: ReportFacts) -> list[Finding]:
    """A 万元 amount printed with more than 2 decimals: a typo beside its 2-decimal siblings ("294.561")."""
    findings = []
    for figure in facts.figures:
        if (
            figure["unit_printed"] == "万元"
            and figure["value"] is not None
            and decimals_of(figure["value_printed"]) > _WAN_YUAN_DECIMALS
        ):
            findings.append(
                _precision_finding(
                    f"{figure['section']}：{figure['label']} {figure['value_printed']}万元",
                    figure["value_printed"],
                    figure_location(figure),
                    None,
                    [],
                )
            )
    for statement in facts.yoy:
        printed = statement["amount_printed"]
        if printed is None or not _is_wan_yuan(statement) or decimals_of(printed) <= _WAN_YUAN_DECIMALS:
            continue
        rounded = _rounded(to_decimal(printed))
        siblings = [
            s
            for s in facts.yoy
            if s is not statement
            and s["amount_printed"]
            and _is_wan_yuan(s)
            and to_decimal(s["amount_printed"]) == rounded
            and s["change_pct"] == statement["change_pct"]
        ]
        subject = f"{statement['metric_label']} 变动额 {printed}万元"
        if siblings:
            subject += (
                f" vs {siblings[0]['amount_printed']}万元（{'、'.join(s['metric_label'] for s in siblings)}）"
            )
        findings.append(
            _precision_finding(
                subject,
                printed,
                _statement_location(statement),
                "; ".join(_statement_location(s) for s in siblings) or None,
                siblings,
            )
        )
    return findings


def yoy_pct_consistent(facts: ReportFacts) -> list[Finding]:
    """ "X万元，比上年减少A万元，下降P%": P must be A over last year's amount (X ∓ A), within rounding.

    X is the figure the statement is about: printed in the same sentence before it, or else the figure of
    the same section named like the statement (收入 → 收入总计). Off an X read from elsewhere the finding is
    only a warning.
    """
    findings = []
    for statement in facts.yoy:
        if (
            statement["amount_printed"] is None
            or statement["change_pct"] is None
            or not _is_wan_yuan(statement)
        ):
            continue
        amount = statement["change_amount_wan_yuan"]
        sign = statement["change_sign"]
        if sign is None and amount != 0:
            continue
        current, same_sentence = _current_value(facts.figures, statement)
        if current is None:
            continue
        prior = figure_amount(current) - (sign or 0) * amount
        half_current = _half_amount(current)
        if prior - half_current - half_unit(statement["amount_printed"]) <= 0:
            continue  # growth from nothing has no percentage
        finding = compare_percent(
            stated=statement["change_pct"],
            stated_printed=statement["pct_printed"],
            numerator=amount,
            numerator_half=half_unit(statement["amount_printed"]),
            denominator=prior,
            denominator_half=half_current + half_unit(statement["amount_printed"]),
            certain=same_sentence,
        )
        if finding:
            weight, expected, tolerance = finding
            findings.append(
                Finding(
                    check_name="yoy_pct_consistent",
                    severity=weight,
                    subject=(
                        f"{statement['section']}：{statement['metric_label']} "
                        f"{statement['amount_printed']}万元 / {statement['pct_printed']}%"
                    ),
                    observed=statement["change_pct"],
                    expected=expected,
                    tolerance=tolerance,
                    observed_location=_statement_location(statement),
                    expected_location=figure_location(current),
                    message=(
                        f"{statement['metric_label']}变动{statement['amount_printed']}万元，上年应为{plain(prior)}万元，"
                        f"变动率应为{expected:.2f}%，印为{statement['pct_printed']}%。"
                        " The stated change amount and percentage do not agree with the current"
                        f" {current['value_printed']}."
                    ),
                )
            )
    return findings


def _named_base(figures: list[dict], figure: dict, label: str) -> dict | None:
    others = [
        f
        for f in figures
        if f["figure_index"] != figure["figure_index"] and f["unit_printed"] == figure["unit_printed"]
    ]
    same_section = [f for f in others if f["section"] == figure["section"]]
    for pool in (same_section, others):
        for matches in (lambda f: f["label"] == label, lambda f: f["label"].endswith(label)):
            found = [f for f in pool if matches(f)]
            if found:
                before = [f for f in found if f["figure_index"] < figure["figure_index"]]
                return (before or found)[-1]
    return None


def _listed_base(figures: list[dict], figure: dict, parents: dict[int, int]) -> dict | None:
    parent = parents.get(figure["figure_index"])
    return None if parent is None else figures[parent]


def _current_value(figures: list[dict], statement: dict) -> tuple[dict | None, bool]:
    metric = statement["metric_label"]
    in_sentence = [
        f
        for f in figures
        if f["sentence"] == statement["sentence"]
        and f["char_end"] <= statement["char_start"]
        and f["label"] == metric
        and f["value_wan_yuan"] is not None
    ]
    if in_sentence:
        return max(in_sentence, key=lambda f: f["char_end"]), True
    names = (metric, f"{metric}总计", f"{metric}合计", f"本年{metric}合计")
    for name in names:
        found = [
            f
            for f in figures
            if f["section"] == statement["section"] and f["label"] == name and f["value_wan_yuan"] is not None
        ]
        if found:
            return found[0], False
    return None, False


def _precision_finding(
    subject: str, printed: str, where: str, sibling_where: str | None, siblings: list[dict]
) -> Finding:
    value = to_decimal(printed)
    rounded = _rounded(value)
    also = f"；同一变动他处印为{siblings[0]['amount_printed']}" if siblings else ""
    return Finding(
        check_name="amount_precision",
        severity=severity(value - rounded, rounded, explained_by_rounding=False),
        subject=subject,
        observed=value,
        expected=rounded,
        tolerance=Decimal(0),
        observed_location=where,
        expected_location=sibling_where,
        message=(
            f"万元金额印了{decimals_of(printed)}位小数（{printed}），报告其余金额均为两位小数{also}。"
            f" A 万元 amount printed with {decimals_of(printed)} decimals where the report prints 2"
            + (
                f"; the same change is printed as {siblings[0]['amount_printed']} elsewhere."
                if siblings
                else "."
            )
        ),
    )


def _half_amount(figure: dict) -> Decimal:
    return half_unit(figure["value_printed"]) * (
        figure_amount(figure) / figure["value"] if figure["value"] else 1
    )


def _is_wan_yuan(statement: dict) -> bool:
    """Whether a change was printed in 万元 (the frame's 万元 value equals the printed one only then)."""
    return statement["change_amount_wan_yuan"] == to_decimal(statement["amount_printed"])


def _rounded(value: Decimal) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-_WAN_YUAN_DECIMALS))


def change_without_reason(facts: ReportFacts) -> list[Finding]:
    """A change stated at ``LARGE_CHANGE_PCT`` or more with no reason after it (``yoy_statements.reason``, a
    placeholder such as "0等原因" being none). A change restated elsewhere with the same amount and a reason — the
    总计's increase explained where its 一般公共预算 part repeats it — is explained."""
    explained = {
        (s["change_sign"], s["change_amount_wan_yuan"])
        for s in facts.yoy
        if s["reason"] is not None and s["change_amount_wan_yuan"] is not None
    }
    return [
        Finding(
            check_name="change_without_reason",
            severity=RULES_BY_NAME["change_without_reason"].severity,
            subject=f"{s['section']}：{s['metric_label']} {s['pct_printed']}%",
            observed=s["change_pct"],
            expected=None,
            tolerance=None,
            observed_location=_statement_location(s),
            expected_location=None,
            message=(
                f"{s['metric_label']}与上年相比{s['direction']}{s['pct_printed']}%，未说明原因"
                + (f"（原因处印为“{s['reason_printed']}”）" if s["reason_printed"] else "")
                + f"。 A change of {s['pct_printed']}% is stated without a reason."
            ),
        )
        for s in facts.yoy
        if s["reason"] is None
        and s["change_sign"] in (1, -1)
        and s["change_pct"] is not None
        and s["change_pct"] >= LARGE_CHANGE_PCT
        and (s["change_sign"], s["change_amount_wan_yuan"]) not in explained
    ]


def _statement_location(statement: dict) -> str:
    return f"L{statement['line_no']}:{statement['char_start']}-{statement['char_end']}"
