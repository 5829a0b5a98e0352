from decimal import Decimal

import pytest

from pipeline import schemas
from pipeline.checks.findings import find_inconsistencies
from tests.unit.parse.documents import SHANGHAI, parse_inline, parsed, seed_text

HEAD = "某县林业局2023年度部门决算\n2023年度部门决算情况说明\n"


def findings_of(document) -> list[dict]:
    return document["findings"].to_dicts()


def only(rows: list[dict], check: str) -> dict:
    found = [r for r in rows if r["check_name"] == check]
    assert len(found) == 1, (check, found)
    return found[0]


def test_seed_yields_exactly_its_inconsistencies_and_its_template_left_in():
    rows = findings_of(parsed())
    # 294.561 for 294.56 is 0.0003% off (a warning); the allocations may exceed the budget (a warning at most); the
    # two rates are what some unrounded amounts behind the printed ones give (rounding: info); each 三公 part's
    # paragraph keeps the template's 小于（大于）, 减少（增加） and 下降（增长） (3 × 3 errors).
    assert sorted((r["check_name"], r["severity"]) for r in rows) == [
        ("amount_precision", "warning"),
        ("performance_allocated_vs_budget", "warning"),
        ("performance_execution_rate", "info"),
        ("performance_execution_rate", "info"),
        *[("template_placeholder", "error")] * 9,
    ]
    text = seed_text()
    placeholders = [r["observed_location"] for r in rows if r["check_name"] == "template_placeholder"]
    spans = [tuple(map(int, place.split(":")[1].split("-"))) for place in placeholders]
    assert sorted(text[a:b] for a, b in spans) == sorted(["小于（大于）", "减少（增加）", "下降（增长）"] * 3)
    assert schemas.FINDINGS.problems(parsed()["findings"]) == []


def test_the_three_decimal_change_is_flagged_beside_its_two_decimal_siblings():
    finding = only(findings_of(parsed()), "amount_precision")
    assert (
        "财政拨款支出" in finding["subject"]
        and "294.561" in finding["subject"]
        and "294.56万元" in finding["subject"]
    )
    assert (finding["observed_value"], finding["expected_value"]) == (Decimal("294.561"), Decimal("294.56"))
    assert finding["difference"] == Decimal("0.001")
    text = seed_text()
    line, span = finding["observed_location"][1:].split(":")
    start, end = map(int, span.split("-"))
    assert text[start:end] == "294.561万元" and line == "110"
    siblings = [loc.split(":")[1].split("-") for loc in finding["expected_location"].split("; ")]
    assert [text[int(a) : int(b)] for a, b in siblings] == ["294.56万元", "294.56万元"]


def test_allocations_above_the_initial_budget_are_a_warning():
    finding = only(findings_of(parsed()), "performance_allocated_vs_budget")
    assert (finding["observed_value"], finding["expected_value"]) == (Decimal("861.06"), Decimal("725.39"))
    assert finding["difference"] == Decimal("135.67")
    assert "年中" in finding["message"] and "mid-year" in finding["message"]
    assert len(finding["observed_location"].split("; ")) == 6


def test_printed_execution_rates_that_only_unrounded_amounts_give_are_listed_as_rounding():
    rates = {
        r["subject"]: r for r in findings_of(parsed()) if r["check_name"] == "performance_execution_rate"
    }
    assert set(rates) == {
        "综合业务费（表0）：项目执行率 56.07%",
        "部门预算基本支出公用经费（表0）：项目执行率 100.00%",
    }
    business = rates["综合业务费（表0）：项目执行率 56.07%"]
    assert business["observed_value"] == Decimal("56.07")
    assert abs(business["expected_value"] - Decimal(696) / Decimal(1242) * 100) < Decimal("0.000001")
    upkeep = rates["部门预算基本支出公用经费（表0）：项目执行率 100.00%"]
    assert round(upkeep["expected_value"], 2) == Decimal("99.94")
    assert seed_text()[int(upkeep["observed_location"].split(":")[1].split("-")[0]) :].startswith("100.00%")


def test_consistent_sums_shares_scores_and_changes_raise_nothing_beyond_rounding():
    checks = {r["check_name"] for r in findings_of(parsed())}
    assert not checks & {
        "parts_sum_to_total",
        "stated_share_matches",
        "yoy_pct_consistent",
        "performance_total_score",
    }
    # The Shanghai report's parts and shares miss by what the rounding of the printed terms explains: listed as info.
    shanghai = findings_of(parsed(SHANGHAI))
    assert {r["severity"] for r in shanghai} == {"info"}
    assert all(abs(r["difference"]) <= r["tolerance"] for r in shanghai)


def test_a_wrong_part_sum_is_an_error():
    document = parse_inline(
        HEAD + "一、收入支出决算总体情况说明\n（一）收入总计100.00万元，包括：\n"
        "1.财政拨款收入90.00万元，占收入总计的90%。\n2.上级补助收入0万元。\n3.事业收入5.00万元。\n4.经营收入0万元。\n"
        "5.附属单位上缴收入0万元。\n6.其他收入3.00万元。\n"
        "（二）支出总计100.00万元，包括：\n1.基本支出60.00万元，其中：人员经费50.00万元，公用经费11.00万元。\n"
        "2.项目支出40.00万元。\n"
    )
    sums = {r["subject"]: r for r in findings_of(document) if r["check_name"] == "parts_sum_to_total"}
    income = sums[
        "收入：收入总计 = 财政拨款收入 + 上级补助收入 + 事业收入 + 经营收入 + 附属单位上缴收入 + 其他收入"
    ]
    assert (income["severity"], income["observed_value"], income["expected_value"]) == ("error", 100, 98)
    assert income["tolerance"] == Decimal("0.06")
    basic = sums["支出：基本支出 = 人员经费 + 公用经费"]
    assert (basic["severity"], basic["observed_value"], basic["expected_value"], basic["difference"]) == (
        "error",
        60,
        61,
        -1,
    )
    assert len(sums) == 2  # 支出总计 = 基本支出 + 项目支出 is not checked: 上缴上级支出 … are not stated


def test_a_list_said_to_be_the_main_items_may_fall_short_with_a_warning():
    document = parse_inline(
        HEAD
        + "二、财政拨款支出决算情况说明\n"
        + "财政拨款支出100万元，主要用于以下方面：办公费60万元，差旅费30万元。\n"
    )
    finding = only(findings_of(document), "parts_sum_to_total")
    assert (finding["severity"], finding["difference"]) == ("warning", 10)


def test_a_sum_off_by_the_rounding_of_its_terms_is_listed_as_info():
    document = parse_inline(
        HEAD
        + "二、财政拨款支出决算情况说明\n"
        + "财政拨款支出100.01万元，其中：基本支出33.33万元，项目支出66.67万元。\n"
    )
    [finding] = findings_of(document)
    assert (finding["check_name"], finding["severity"], finding["difference"], finding["tolerance"]) == (
        "parts_sum_to_total", "info", Decimal("0.01"), Decimal("0.02")
    )
    exact = parse_inline(HEAD + "二、财政拨款支出决算情况说明\n财政拨款支出100.00万元，其中：基本支出33.33万元，项目支出66.67万元。\n")
    assert findings_of(exact) == []


def test_a_stated_share_the_amounts_cannot_give_is_an_error():
    document = parse_inline(
        HEAD
        + "一、收入支出决算总体情况说明\n（二）支出总计200.00万元，包括：\n"
        + "1.基本支出50.00万元，占支出总计的30.00%。\n"
    )
    finding = only(findings_of(document), "stated_share_matches")
    assert (finding["severity"], finding["observed_value"], finding["expected_value"]) == ("error", 30, 25)
    assert finding["subject"] == "支出：基本支出 占 支出总计"


def test_a_change_whose_amount_and_percent_disagree():
    document = parse_inline(
        HEAD
        + "（一）机关运行经费支出情况。\n"
        + "机关运行经费支出12.00万元，比上年增加2.00万元，增长50.00%，主要原因是人员增加。\n"
    )
    finding = only(findings_of(document), "yoy_pct_consistent")
    assert finding["severity"] == "error"  # the current figure is in the same sentence
    assert (finding["observed_value"], finding["expected_value"]) == (50, 20)  # 2 / (12 - 2)


def test_scores_that_do_not_add_up_and_a_narrative_average_that_differs():
    table = "\n\n".join(
        "\n".join("\t" + c for c in row)
        for row in (
            ["部门年初预算支出金额（万元）", "10.00"],
            [
                "年度主要任务",
                "对应项目",
                "项目下达金额（万元）",
                "项目执行金额（万元）",
                "项目执行率",
                "分值",
                "得分",
            ],
            ["", "办公经费", "10.00", "10.00", "100.00%", "10", "10"],
            ["", "印刷费", "2.00", "1.00", "20.00%", "10", "5"],
            ["总评价得分", "20"],
        )
    )
    document = parse_inline(
        HEAD
        + "（四）预算绩效情况。\n涉及资金10万元，自评平均分80分。\n附件\n\t部门（单位）整体绩效自评表\n"
        + table
        + "\n"
    )
    rows = findings_of(document)
    totals = {r["subject"]: r for r in rows if r["check_name"] == "performance_total_score"}
    table_total = totals["部门（单位）整体绩效自评表（表0）：总评价得分 = Σ得分"]
    assert len(table_total["expected_location"].split("; ")) == 2  # the two 得分 cells
    assert (table_total["severity"], table_total["observed_value"], table_total["expected_value"]) == (
        "error",
        20,
        15,
    )
    average = totals["自评平均分 vs 总评价得分"]
    assert (average["severity"], average["observed_value"], average["expected_value"]) == ("warning", 80, 20)
    assert "涉及资金 vs 部门年初预算支出金额" not in totals  # 10 = 10
    rate = only(rows, "performance_execution_rate")
    assert (rate["severity"], rate["observed_value"], rate["expected_value"]) == ("error", 20, 50)
    allocated = only(rows, "performance_allocated_vs_budget")
    assert (allocated["observed_value"], allocated["expected_value"]) == (12, 10)


def test_a_rate_printed_over_an_allocation_of_zero_is_one_error():
    table = "\n\n".join(
        "\n".join("\t" + c for c in row)
        for row in (
            ["部门年初预算支出金额（万元）", "10.00"],
            ["年度主要任务", "对应项目", "项目下达金额（万元）", "项目执行金额（万元）", "项目执行率", "分值", "得分"],
            ["", "办公经费", "10.00", "10.00", "100.00%", "10", "10"],
            ["", "追加项目", "0.00", "5.00", "100.00%", "10", "10"],
            ["", "未下达项目", "0.00", "0.00", "", "10", "10"],
            ["总评价得分", "30"],
        )
    )
    rows = findings_of(parse_inline(HEAD + "附件\n\t部门（单位）整体绩效自评表\n" + table + "\n"))
    finding = only(rows, "rate_against_zero_base")
    assert finding["subject"] == "追加项目（表0）：项目执行率 100.00%"
    assert (finding["severity"], finding["unit"], finding["observed_value"], finding["expected_value"]) == (
        "error", "%", 100, None
    )
    # the line with a base to check against is checked as ever, and raises nothing
    assert not [r for r in rows if r["check_name"] == "performance_execution_rate"]


def test_repeated_subjects_stay_unique():
    document = parse_inline(
        HEAD + "二、财政拨款支出决算情况说明\n财政拨款支出10万元，其中：基本支出5万元，项目支出6万元。\n"
        "（一）总体情况。\n财政拨款支出10万元，其中：基本支出5万元，项目支出7万元。\n"
    )
    subjects = [r["subject"] for r in findings_of(document)]
    assert len(subjects) == len(set(subjects)) == 2


def test_no_document_no_findings():
    frames = {schema.name: schema.empty() for schema in schemas.DOCUMENT_FRAMES}
    assert find_inconsistencies(frames).is_empty()


@pytest.mark.parametrize("check", ["parts_sum_to_total", "stated_share_matches", "yoy_pct_consistent"])
def test_every_finding_has_a_message_and_locations(check):
    document = parse_inline(
        HEAD + "一、收入支出决算总体情况说明\n（二）支出总计200.00万元，包括：\n"
        "1.基本支出50.00万元，占支出总计的30.00%，其中：人员经费40.00万元，公用经费20.00万元。\n"
        "2.项目支出150.00万元。\n"
        "与上年相比，支出增加100.00万元，增长20.00%，主要原因是新增项目。\n"
    )
    finding = only(findings_of(document), check)
    assert finding["message"] and finding["observed_location"].startswith("L")
    assert finding["expected_location"].startswith("L")


@pytest.mark.parametrize(
    "sentences, expected",
    [
        # 50% with no reason: one warning, in percent
        ("机关运行经费支出12.00万元，比上年增加4.00万元，增长50.00%。\n", ["机关运行经费：机关运行经费支出 50.00%"]),
        # its reason in the next sentence, or opening the next paragraph
        ("机关运行经费支出12.00万元，比上年增加4.00万元，增长50.00%。主要原因是人员增加。\n", []),
        ("机关运行经费支出12.00万元，比上年增加4.00万元，增长50.00%。\n主要原因是人员增加。\n", []),
        # a placeholder is no reason
        ("机关运行经费支出12.00万元，比上年增加4.00万元，增长50.00%，主要原因是0等原因。\n",
         ["机关运行经费：机关运行经费支出 50.00%"]),
        # under 10%: no reason asked
        ("机关运行经费支出12.00万元，比上年增加1.00万元，增长9.09%。\n", []),
    ],
)
def test_a_large_change_needs_a_stated_reason(sentences, expected):
    document = parse_inline(HEAD + "（一）机关运行经费支出情况。\n" + sentences)
    rows = [r for r in findings_of(document) if r["check_name"] == "change_without_reason"]
    assert [r["subject"] for r in rows] == expected
    assert all((r["severity"], r["unit"], r["expected_value"]) == ("warning", "%", None) for r in rows)


def test_a_change_restated_with_its_reason_is_explained():
    document = parse_inline(
        HEAD + "一、收入支出决算总体情况说明\n收入总计120.00万元，与上年相比增加20.00万元，增长20.00%。其中：\n"
        "（一）财政拨款收入120.00万元，与上年相比增加20.00万元，增长20.00%。主要原因是人员增加。\n"
    )
    assert not [r for r in findings_of(document) if r["check_name"] == "change_without_reason"]
