from decimal import Decimal

import pytest

from .documents import SHANGHAI, figure, figures_of, parse_inline, parsed, seed_text

# (section, label) → value in 万元 and stated share, read off the seed's narrative (lines 71-155).
SEED_MONEY = {
    ("收入", "收入总计"): ("423.59", None),
    ("收入", "财政拨款收入"): ("423.59", "100"),
    ("收入", "一般公共预算财政拨款收入"): ("423.59", None),
    ("收入", "政府性基金收入"): ("0", None),
    ("收入", "国有资本经营预算财政拨款收入"): ("0", None),
    ("收入", "上级补助收入"): ("0", "0"),
    ("收入", "事业收入"): ("0", "0"),
    ("收入", "经营收入"): ("0", "0"),
    ("收入", "附属单位上缴收入"): ("0", "0"),
    ("收入", "其他收入"): ("0", "0"),
    ("收入", "使用非财政拨款结余"): ("0", "0"),
    ("收入", "上年结转和结余"): ("0", "0"),
    ("支出", "支出总计"): ("423.59", None),
    ("支出", "基本支出"): ("169.49", "40.01"),
    ("支出", "行政运行支出"): ("139.08", None),
    ("支出", "基本养老支出"): ("15.52", None),
    ("支出", "行政单位医疗支出"): ("3.63", None),
    ("支出", "公务员医疗补助"): ("0.46", None),
    ("支出", "住房公积金支出"): ("10.80", None),
    ("支出", "项目支出"): ("254.10", "59.99"),
    ("支出", "资源勘探工业信息等支出"): ("132.44", None),
    ("支出", "城乡社区支出"): ("121.66", None),
    ("支出", "上缴上级支出"): ("0", "0"),
    ("支出", "经营支出"): ("0", "0"),
    ("支出", "对附属单位补助支出"): ("0", "0"),
    ("支出", "年末结转和结余"): ("0", None),
    ("财政拨款", "财政拨款支出"): ("423.59", None),
    ("财政拨款", "基本支出"): ("169.49", None),
    ("财政拨款", "项目支出"): ("254.10", None),
    ("一般公共预算", "一般公共预算财政拨款支出"): ("423.59", None),
    ("一般公共预算", "社会保障和就业支出"): ("15.52", "3.66"),
    ("一般公共预算", "卫生健康支出"): ("4.09", "0.97"),
    ("一般公共预算", "住房保障支出"): ("10.8", "2.55"),
    ("一般公共预算", "城乡社区支出"): ("121.66", "28.72"),
    ("一般公共预算", "资源勘探工业信息等支出"): ("271.52", "64.10"),
    ("政府性基金", "政府性基金预算财政拨款支出"): ("0", None),
    ("国有资本经营", "国有资本经营预算财政拨款支出"): ("0", None),
    ("三公", "一般公共预算财政拨款安排的三公经费支出"): ("0", None),
    ("三公", "公务用车购置及运行维护费"): ("0", None),
    ("三公", "公务用车购置及运行费"): ("0", "0"),
    ("三公", "公务用车购置费"): ("0", None),
    ("三公", "公务用车运行维护费"): ("0", None),
    ("基本支出", "一般公共预算财政拨款基本支出"): ("169.49", None),
    ("基本支出", "人员经费"): ("153.42", None),
    ("基本支出", "日常公用经费"): ("16.07", None),
    ("机关运行经费", "机关运行经费支出"): ("16.07", None),
    ("政府采购", "政府采购支出总额"): ("0", None),
    ("政府采购", "政府采购货物支出"): ("0", None),
    ("政府采购", "政府采购工程支出"): ("0", None),
    ("政府采购", "政府采购服务支出"): ("0", None),
    ("政府采购", "授予中小企业合同金额"): ("0", "0"),
    ("绩效", "涉及资金"): ("725.39", None),
}


@pytest.mark.parametrize(("section", "label"), SEED_MONEY)
def test_seed_money_figures_have_the_printed_value_and_share(section, label):
    value, share = SEED_MONEY[(section, label)]
    found = figure(parsed(), section, label)
    assert found["value_wan_yuan"] == Decimal(value)
    assert found["value_printed"] == value
    assert found["share_pct"] == (None if share is None else Decimal(share))


def test_shares_name_their_base_when_printed():
    document = parsed()
    assert figure(document, "收入", "财政拨款收入")["share_base_label"] == "收入总计"
    assert figure(document, "支出", "基本支出")["share_base_label"] == "支出总计"
    # "…121.66万元。占支出总计的59.99%。" closes item 2 and belongs to its head figure, not to 城乡社区支出.
    assert figure(document, "支出", "项目支出")["share_base_label"] == "支出总计"
    assert figure(document, "支出", "城乡社区支出")["share_pct"] is None
    assert figure(document, "一般公共预算", "卫生健康支出")["share_base_label"] is None
    assert figure(document, "三公", "公务用车购置及运行费")["share_base_label"] == "三公经费支出"


def test_the_twice_stated_三公_items_are_two_figures():
    travel = [f for f in figures_of(parsed(), "三公") if f["label"] == "因公出国（境）费"]
    assert [(f["line_no"], f["share_pct"]) for f in travel] == [(126, None), (128, Decimal(0))]


def test_counts_and_scores_keep_their_unit_and_have_no_amount():
    document = parsed()
    counts = {(f["label"], f["unit_printed"]): f for f in figures_of(document) if f["value_wan_yuan"] is None}
    assert counts[("车辆", "辆")]["value"] == 0
    assert counts[("参加出国（境）团组", "个")]["value"] == 0
    assert (
        counts[("参加出国（境）团组", "人次")]["label_printed"] == "累计"
    )  # unnamed: takes the label before it
    assert counts[("国内公务接待", "批次")]["value"] == 0
    assert counts[("单位价值50万元以上通用设备", "台（套）")]["value"] == 0
    assert counts[("自评平均分", "分")]["value"] == Decimal("79.01")
    # "单位价值50万元以上" is a threshold, not an amount.
    assert not [
        f for f in figures_of(document) if f["value_printed"] in ("50", "100") and f["unit_printed"] == "万元"
    ]


def test_labels_drop_years_dates_and_quotes_but_keep_them_printed():
    document = parsed()
    total = figure(document, "三公", "一般公共预算财政拨款安排的三公经费支出")
    assert total["label_printed"] == "2022年度一般公共预算财政拨款安排的“三公”经费支出"
    assert figure(document, "国有资产", "车辆", unit="辆")["label_printed"] == "共有车辆"
    assert figure(document, "机关运行经费", "机关运行经费支出")["label_printed"] == "2022年机关运行经费支出"


def test_spans_point_at_the_printed_number_and_unit():
    text = seed_text()
    lines = text.split("\n")
    for row in figures_of(parsed()):
        printed = text[row["char_start"] : row["char_end"]]
        assert printed.startswith(row["value_printed"]) and printed.endswith(row["unit_printed"]), row
        assert printed in lines[row["line_no"] - 1]
        assert row["page"] is None
        assert row["value_printed"] + row["unit_printed"] in row["sentence"].replace(" ", "")


def test_garbage_after_a_figure_is_ignored():
    found = figure(parsed(), "支出", "住房公积金支出")
    assert found["sentence"] == "住房公积金支出10.80万元住"
    assert found["value"] == Decimal("10.80")


def test_year_over_year_changes_are_no_figures():
    values = {(f["value_printed"], f["unit_printed"]) for f in figures_of(parsed())}
    assert (
        ("294.56", "万元") not in values
        and ("294.561", "万元") not in values
        and ("4.64", "万元") not in values
    )


def test_nothing_comes_from_the_overview_the_glossary_or_the_table():
    rows = figures_of(parsed())
    assert min(f["line_no"] for f in rows) == 71
    assert max(f["line_no"] for f in rows) == 155
    assert len({f["figure_index"] for f in rows}) == len(rows) == max(f["figure_index"] for f in rows) + 1


REPORT_HEAD = "某县林业局2023年度部门决算\n2023年度部门决算情况说明\n"


def test_yuan_and_yi_yuan_convert_exactly_to_wan_yuan():
    document = parse_inline(
        REPORT_HEAD
        + "一、收入支出决算总体情况说明\n收入总计1,234,567.89元，其中：财政拨款收入1.5亿元，事业收入0元。\n"
    )
    rows = {f["label"]: f for f in figures_of(document, "收入")}
    assert rows["收入总计"]["value_wan_yuan"] == Decimal("123.456789")
    assert rows["收入总计"]["value_printed"] == "1,234,567.89"
    assert rows["财政拨款收入"]["value_wan_yuan"] == Decimal("15000")
    assert rows["财政拨款收入"]["value"] == Decimal("1.5")


def test_an_enumeration_comma_separates_figures_but_not_one_label():
    document = parse_inline(
        REPORT_HEAD + "一、收入支出决算总体情况说明\n2023年度收入、支出决算总计356.21万元。\n"
        "三、一般公共预算财政拨款“三公”经费支出决算情况说明\n国内公务接待累计2批次、10人、0.5万元。\n"
    )
    assert figure(document, "收入", "收入、支出决算总计")["value"] == Decimal("356.21")
    reception = [(f["label"], f["value_printed"], f["unit_printed"]) for f in figures_of(document, "三公")]
    assert reception == [
        ("国内公务接待", "2", "批次"),
        ("国内公务接待", "10", "人"),
        ("国内公务接待", "0.5", "万元"),
    ]


def test_wrapped_lines_and_spaces_do_not_break_a_figure():
    document = parsed(SHANGHAI)
    total = figure(document, "收入", "收入支出总计")
    assert total["value_wan_yuan"] == Decimal("307.82")
    assert total["label_printed"] == "中共上海市普陀区委社会工作部2024年度收入支出总计"
    # "一般公共预算财政拨款支出 307.82 万元，占本年支出合计的\n100.00%": the share is on the next line.
    stated = [f for f in figures_of(document, "一般公共预算") if f["label"] == "一般公共预算财政拨款支出"]
    assert [(f["share_pct"], f["share_base_label"]) for f in stated] == [
        (Decimal("100.00"), "本年支出合计"),
        (None, None),
    ]


def test_shanghai_structure_and_labels():
    document = parsed(SHANGHAI)
    by_label = {
        (f["section"], f["label"]): f for f in figures_of(document) if f["value_wan_yuan"] is not None
    }
    assert by_label[("支出", "基本支出")]["value_wan_yuan"] == Decimal("105.58")
    assert by_label[("支出", "基本支出")]["share_pct"] == Decimal("34.30")
    assert by_label[("一般公共预算", "住房保障支出")]["value_wan_yuan"] == Decimal("29.42")
    assert by_label[("基本支出", "公用经费")]["value_wan_yuan"] == Decimal("10.23")
    assert by_label[("机关运行经费", "机关运行经费支出")]["value_wan_yuan"] == Decimal("10.23")
    cars = [f for f in figures_of(document, "国有资产") if f["unit_printed"] == "辆"]
    assert cars[0]["label"] == "车辆" and len(cars) == 9
    # Nothing from the tables printed as text (part 2) or the glossary (part 4).
    assert all(f["section"] != "其他" for f in figures_of(document))
