"""The panel truth of a generated report (``tests/fixtures/truth/README.md``, "Panel figures"): what a researcher
reads for each of the 17 panel metrics, derived from what the generator printed — never from the PDF.

- **figures**, tables first: the table cell the README lists for the metric (``tables.Cell.metric``, recorded
  with its page in ``render.PlacedCell``) when it printed a number (`0.00` is ``printed_zero``; a blank or `-`
  cell prints none); else, for 政府性基金, #8 printed empty with its note (``stated_zero``, the note's page);
  else the narrative's amount (its headline figure, or ``Narrative.stated``) on the page of the line printing
  it; else ``not_disclosed``.
- **stated_priors**: each year-over-year statement (``Narrative.yoy``) of a panel metric: the value the
  narrative states minus the signed change, on the page of the stated change.
- **budgets**: the 预算数 cells #7 printed (a 决算's own 年初预算 of 三公 and its parts); the narrative states
  no 年初预算 amount (only 完成年初预算的P%).
"""

from __future__ import annotations

import re
from decimal import Decimal

from tests.corpus.narrative import STATED_LABELS, Narrative, amount_text, locate
from tests.corpus.render import RenderResult

# The 17 metrics, in the README's order.
METRICS = (
    "total_income", "current_year_income", "fiscal_appropriation_income", "total_expenditure",
    "current_year_expenditure", "basic_expenditure", "project_expenditure", "general_budget_expenditure",
    "government_fund_expenditure", "three_public_expenses", "overseas_travel", "official_reception",
    "official_vehicles", "vehicle_purchase", "vehicle_operation", "operating_expenses", "government_procurement",
)

# The narrative's headline figure (section, label) of a metric; the other metrics it states are in
# ``Narrative.stated`` (under ``narrative.STATED_LABELS``).
HEADLINES = {
    "total_income": ("收入", "收入总计"),
    "fiscal_appropriation_income": ("收入", "财政拨款收入"),
    "total_expenditure": ("支出", "支出总计"),
    "basic_expenditure": ("支出", "基本支出"),
    "project_expenditure": ("支出", "项目支出"),
    "general_budget_expenditure": ("一般公共预算", "一般公共预算财政拨款支出"),
    "three_public_expenses": ("三公", "一般公共预算财政拨款安排的三公经费支出"),
    "operating_expenses": ("机关运行经费", "机关运行经费支出"),
}

# The metric of a year-over-year statement (``YoY.metric``); 财政拨款支出 is no panel metric.
YOY_METRICS = {
    "收入总计": "total_income",
    "支出总计": "total_expenditure",
    "因公出国（境）费": "overseas_travel",
    "公务接待费": "official_reception",
    "公务用车购置及运行费": "official_vehicles",
    "机关运行经费支出": "operating_expenses",
}

# The table whose note states a metric is zero when it prints no rows.
EMPTY_TABLE = {"government_fund_expenditure": "final_government_fund"}


def _plain(printed: str) -> Decimal:
    return Decimal(printed.replace(",", ""))


def _status(printed: str) -> str:
    return "printed" if _plain(printed) else "printed_zero"


def narrative_amount(narrative: Narrative, metric: str) -> str | None:
    """The amount (万元, as printed) the narrative states for ``metric``, or None."""
    if metric in HEADLINES:
        section, label = HEADLINES[metric]
        return next((f["value"] for f in narrative.figures if (f["section"], f["label"]) == (section, label)), None)
    return narrative.stated.get(metric)


def _narrative_page(narrative: Narrative, rendered: RenderResult, metric: str, value: str) -> int:
    label = HEADLINES[metric][1] if metric in HEADLINES else STATED_LABELS[metric]
    found = locate(narrative.blocks, label, value)
    if found is None:
        raise AssertionError(f"the narrative does not print {label}{value}万元")
    block, offset, _ = found
    return rendered.page_of(block, offset)


def _yoy_page(narrative: Narrative, rendered: RenderResult, block: int) -> int:
    """The page of the stated change in ``block``: its amount after 增加/减少, or its 持平."""
    text = narrative.blocks[block][1]
    match = re.search(r"(?:增加|减少)(?:（(?:增加|减少)）)?(?P<at>\d)|(?P<same>持平)", text)
    if match is None:
        raise AssertionError(f"block {block} states no change: {text}")
    return rendered.page_of(block, match.start("at") if match["at"] else match.start("same"))


def panel_truth(rendered: RenderResult, narrative: Narrative, separators: bool) -> dict:
    """The truth file's ``panel`` of a rendered report; ``separators``: the layout's thousands separators (the
    narrative's, for the implied priors it prints no number for)."""
    units = {t["table_kind"]: t["unit"] for t in rendered.tables}
    tables = {t["table_kind"]: t for t in rendered.tables}
    printed = {p.metric: p for p in rendered.placed if p.metric and not p.budget}
    assert len(printed) == sum(1 for p in rendered.placed if p.metric and not p.budget), "a metric printed twice"
    figures = []
    for metric in METRICS:
        cell = printed.get(metric)
        empty = tables.get(EMPTY_TABLE.get(metric, ""))
        said = narrative_amount(narrative, metric)
        if cell is not None:
            figures.append({"metric": metric, "status": _status(cell.value), "value": cell.value,
                            "unit": units[cell.table_kind], "page": cell.page})
        elif empty is not None and empty["is_empty"]:
            figures.append({"metric": metric, "status": "stated_zero", "value": None, "page": empty["page_last"]})
        elif said is not None:
            figures.append({"metric": metric, "status": _status(said), "value": said, "unit": "万元",
                            "page": _narrative_page(narrative, rendered, metric, said)})
        else:
            figures.append({"metric": metric, "status": "not_disclosed", "value": None})
    priors = []
    for statement in narrative.yoy:
        metric = YOY_METRICS.get(statement.metric)
        if metric is None or statement.block is None:
            continue
        stated = narrative_amount(narrative, metric)
        value = _plain(stated) if stated is not None else statement.current
        prior = value - statement.sign * statement.amount
        priors.append({"metric": metric, "prior_value": amount_text(prior, separators), "unit": "万元",
                       "how": "implied", "basis": "prior_year",
                       "page": _yoy_page(narrative, rendered, statement.block)})
    budgets = [
        {"metric": p.metric, "value": p.value, "unit": units[p.table_kind], "page": p.page}
        for metric in METRICS for p in rendered.placed if p.budget and p.metric == metric
    ]
    return {"figures": figures, "stated_priors": priors, "budgets": budgets}
