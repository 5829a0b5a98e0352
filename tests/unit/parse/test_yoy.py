from decimal import Decimal

from .documents import SHANGHAI, parse_inline, parsed, seed_text

HEAD = "某县林业局2023年度部门决算\n2023年度部门决算情况说明\n"


def statements(document) -> list[dict]:
    return document["yoy_statements"].to_dicts()


def by_metric(document, metric: str) -> dict:
    found = [s for s in statements(document) if s["metric_label"] == metric]
    assert len(found) == 1, metric
    return found[0]


def test_seed_income_and_expenditure_fell_by_294_56():
    document = parsed()
    for section, metric in (("收入", "收入"), ("支出", "支出")):
        statement = by_metric(document, metric)
        assert statement["section"] == section
        assert (statement["direction"], statement["change_sign"]) == ("减少", -1)
        assert (statement["amount_printed"], statement["change_amount_wan_yuan"]) == (
            "294.56",
            Decimal("294.56"),
        )
        assert (statement["pct_printed"], statement["change_pct"]) == ("41.02", Decimal("41.02"))
        assert statement["reason"] == "项目预算编制由经建科代编"


def test_the_three_decimal_amount_is_kept_as_printed():
    statement = by_metric(parsed(), "财政拨款支出")
    assert statement["section"] == "财政拨款"
    assert statement["amount_printed"] == "294.561"
    assert statement["change_amount_wan_yuan"] == Decimal("294.561")
    assert statement["reason"] == "项目预算编制由经建科代编"  # "主要原因项目预算…", no colon


def test_the_subject_is_the_figure_stated_before_比上年():
    statement = by_metric(parsed(), "机关运行经费支出")
    assert statement["section"] == "机关运行经费"
    assert (statement["direction"], statement["change_sign"]) == ("增加", 1)
    assert (statement["change_amount_wan_yuan"], statement["change_pct"]) == (
        Decimal("4.64"),
        Decimal("40.59"),
    )
    assert statement["reason"] == "支付职工伙食费"


def test_template_placeholders_have_no_direction_and_no_reason():
    document = parsed()
    for metric in ("因公出国（境）费", "公务接待费", "公务用车购置及运行费"):
        statement = by_metric(document, metric)
        assert statement["section"] == "三公"
        assert statement["direction"] is None and statement["change_sign"] is None
        assert statement["change_amount_wan_yuan"] == 0 and statement["change_pct"] == 0
        assert statement["reason"] is None and statement["reason_printed"] == "0等原因"


def test_seed_has_exactly_these_statements_and_no_budget_comparison():
    rows = statements(parsed())
    assert [s["metric_label"] for s in rows] == [
        "收入",
        "支出",
        "财政拨款支出",
        "因公出国（境）费",
        "公务接待费",
        "公务用车购置及运行费",
        "机关运行经费支出",
    ]
    assert [s["statement_index"] for s in rows] == list(range(7))
    assert all("年初预算" not in s["sentence"] or "与上年相比" in s["sentence"] for s in rows)


def test_spans_point_at_the_printed_change():
    text = seed_text()
    for row in statements(parsed()):
        assert text[row["char_start"] : row["char_end"]].startswith(row["amount_printed"])
        assert row["line_no"] == text[: row["char_start"]].count("\n") + 1


def test_reason_in_the_next_sentence_and_a_dated_comparison():
    document = parsed(SHANGHAI)
    statement = by_metric(document, "收入支出总计")
    assert (statement["direction"], statement["change_amount_wan_yuan"], statement["change_pct"]) == (
        "增加",
        Decimal("307.82"),
        Decimal("100.00"),
    )
    assert statement["reason"] == "单位于 2024 年成立"  # "…增长 100.00%。主要原因：单位于 2024 年成立。"


def test_percent_only_changes_and_several_changes_after_one_comparison():
    document = parse_inline(
        HEAD
        + "一、收入支出决算总体情况说明\n"
        + "与上年相比，收入增长5.2%，支出减少3万元，下降1.5%，主要是人员减少。\n"
    )
    rows = statements(document)
    assert [(r["metric_label"], r["amount_printed"], r["pct_printed"], r["change_sign"]) for r in rows] == [
        ("收入", None, "5.2", 1),
        ("支出", "3", "1.5", -1),
    ]
    assert rows[1]["reason"] == "人员减少"


def test_a_percent_given_as_增幅_belongs_to_the_change():
    document = parse_inline(
        HEAD
        + "（一）机关运行经费支出情况。\n"
        + "机关运行经费支出12万元，较上年度增加2万元，增幅为20%，主要变动原因是新增办公用房。\n"
    )
    statement = by_metric(document, "机关运行经费支出")
    assert (statement["amount_printed"], statement["pct_printed"]) == ("2", "20")
    assert statement["reason"] == "新增办公用房"


def test_a_comparison_opening_a_paragraph_is_about_the_paragraph_before():
    document = parse_inline(
        HEAD + "一、支出预算情况说明\n2．社会保障和就业（类）支出1374.63万元，主要用于离退休人员支出。\n"
        "与上年相比增加85.11万元，增长6.60%。主要原因是增设机构。\n"
    )
    statement = by_metric(document, "社会保障和就业（类）支出")
    assert (statement["amount_printed"], statement["reason"]) == ("85.11", "增设机构")


def test_a_placeholder_reason_is_no_reason():
    document = parse_inline(
        HEAD
        + "（一）机关运行经费支出情况。\n"
        + "机关运行经费支出10万元，比上年减少2万元，下降16.67%，主要原因是无。\n"
    )
    statement = by_metric(document, "机关运行经费支出")
    assert statement["reason"] is None and statement["reason_printed"] == "无"


def test_a_reason_whose_words_a_line_break_splits_is_a_reason():
    # PDF text breaks lines anywhere: "…增长 17.29%。主\n要原因是…" (江苏省高级人民法院 2017, p22).
    document = parse_inline(
        HEAD + "一、支出预算情况说明\n1．行政事业单位离退休（款）未归口管理的行政单位离退休（项）\n"
        "支出 2347.13 万元，与上年相比增加 345.96 万元，增长 17.29%。主\n要原因是增加离退休人员的支出。\n"
    )
    [statement] = [s for s in statements(document) if s["amount_printed"] == "345.96"]
    assert statement["reason"] == "增加离退休人员的支出"
