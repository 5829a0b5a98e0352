"""The narrative states the headline figures under the labels the parser gives them, and its year-over-year
statements agree with the year before: change = figure(N) − figure(N−1), percent = change / figure(N−1)."""

from __future__ import annotations

import re
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal

from pipeline.parse.text.report import parse_text_report
from tests.corpus import spec

# (the statement as printed, the truth figure it compares)
STATEMENTS = (
    (r"今年收入(?P<dir>增加|减少)(?P<amount>[\d,.]+)万元，(?:增长|降低)(?P<pct>[\d.]+)%", ("收入", "收入总计")),
    (r"今年支出(?P<dir>增加|减少)(?P<amount>[\d,.]+)万元，(?:增长|降低)(?P<pct>[\d.]+)%", ("支出", "支出总计")),
    (r"财政拨款支出(?P<dir>增加|减少)(?P<amount>[\d,.]+)万元，(?:增长|降低)(?P<pct>[\d.]+)%", ("财政拨款", "财政拨款支出")),
    (r"机关运行经费支出[\d,.]+万元，比上年(?P<dir>增加|减少)(?P<amount>[\d,.]+)万元，(?:增长|下降)(?P<pct>[\d.]+)%",
     ("机关运行经费", "机关运行经费支出")),
)


def _text(doc) -> str:
    return "\n".join(text for kind, text in doc.narrative.blocks if kind != "toc")


def _figures(truth: dict) -> dict[tuple[str, str], Decimal]:
    return {(f["section"], f["label"]): Decimal(f["value"].replace(",", "")) for f in truth["narrative"]}


def _statements(text: str) -> dict[tuple[str, str], tuple[int, Decimal, Decimal]]:
    found = {}
    for pattern, key in STATEMENTS:
        match = re.search(pattern, text)
        if match:
            sign = 1 if match["dir"] == "增加" else -1
            found[key] = (sign, Decimal(match["amount"].replace(",", "")), Decimal(match["pct"]))
    return found


def _pct(amount: Decimal, prior: Decimal) -> Decimal:
    return (amount * 100 / prior).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def test_yoy_statements_agree_with_the_prior_years_truth(generated):
    by_key = {(d.department.slug, d.year): d for d in generated}
    compared = 0
    for doc in generated:
        statements = _statements(_text(doc))
        assert len(statements) == len(STATEMENTS), doc.stem
        current = _figures(doc.truth)
        prior_doc = by_key.get((doc.department.slug, doc.year - 1))
        for key, (sign, amount, pct) in statements.items():
            if prior_doc is not None:
                prior = _figures(prior_doc.truth)[key]
                compared += 1
            else:  # the first year's statement compares with the unrendered year before
                fig = doc.department.years[doc.year - 1]
                prior = {
                    ("收入", "收入总计"): spec.to_wan(fig.income_grand_total),
                    ("支出", "支出总计"): spec.to_wan(fig.expenditure_grand_total),
                    ("财政拨款", "财政拨款支出"): spec.to_wan(fig.total("fiscal_expenditure")),
                    ("机关运行经费", "机关运行经费支出"): spec.to_wan(fig.public),
                }[key]
            change = current[key] - prior
            assert sign * amount == change, (doc.stem, key)
            assert pct == _pct(amount, prior), (doc.stem, key)
    assert compared == 2 * len(STATEMENTS)  # two departments, one year pair each


def test_the_seed_pair_yields_the_seeds_yoy_figures(seed_pair):
    before, after = _figures(seed_pair[2021].truth), _figures(seed_pair[2022].truth)
    for key, amount, pct in ((("收入", "收入总计"), "-294.56", "41.02"),
                             (("机关运行经费", "机关运行经费支出"), "4.64", "40.59")):
        change = after[key] - before[key]
        assert change == Decimal(amount)
        assert _pct(abs(change), before[key]) == Decimal(pct)
    text = _text(seed_pair[2022])
    assert "与上年相比，今年收入减少294.56万元，降低41.02%" in text
    assert "2022年机关运行经费支出16.07万元，比上年增加4.64万元，增长40.59%" in text


def test_seed_pdf_prints_the_seed_narrative_verbatim(seed_pair):
    text = _text(seed_pair[2022])
    for line in ("（一）收入总计423.59万元，包括：", "1.财政拨款收入423.59万元，占收入总计的100%。",
                 "2022年度一般公共预算财政拨款支出423.59万元，按支出功能分类科目分，包括：社会保障和就业支出15.52万元，占3.66%；",
                 "财政拨款支出减少294.561万元"):
        assert line in text


def test_truth_labels_are_the_parsers_labels(corpus):
    """The text parser (whose narrative reader the PDF reader shares) finds every truth figure of the narrative
    under the truth's (section, label) — and the department and year of the report."""
    for doc in corpus:
        parsed = parse_text_report(_text(doc).encode(), sha256="0" * 64, source_path=f"{doc.stem}.txt")
        got = Counter(
            (r["section"], r["label"], r["value"].normalize()) for r in parsed["narrative_figures"].iter_rows(named=True)
        )
        want = Counter(
            (f["section"], f["label"], Decimal(f["value"].replace(",", "")).normalize()) for f in doc.truth["narrative"]
        )
        assert want - got == Counter(), doc.stem
        meta = parsed["documents"].row(0, named=True)
        assert (meta["department_name"], meta["fiscal_year"]) == (doc.department.name, doc.year)


def test_narrative_truth_lists_the_headline_figures(corpus):
    for doc in corpus:
        labels = {(f["section"], f["label"]) for f in doc.truth["narrative"]}
        for key in (("收入", "收入总计"), ("支出", "支出总计"), ("收入", "财政拨款收入"), ("支出", "基本支出"),
                    ("支出", "项目支出"), ("财政拨款", "财政拨款支出"), ("一般公共预算", "一般公共预算财政拨款支出"),
                    ("基本支出", "人员经费"), ("基本支出", "日常公用经费"),
                    ("三公", "一般公共预算财政拨款安排的三公经费支出"), ("机关运行经费", "机关运行经费支出")):
            assert key in labels, (doc.stem, key)
        assert all(f["unit"] == "万元" for f in doc.truth["narrative"])
