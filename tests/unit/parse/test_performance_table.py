from decimal import Decimal

from pipeline.parse.text.lines import split_lines
from pipeline.parse.text.performance_table import find_performance_tables, read_performance_table

from .documents import parsed


def test_seed_summary():
    summary = parsed()["performance_summaries"].row(0, named=True)
    assert parsed()["performance_summaries"].height == 1
    assert summary["table_title"] == "部门（单位）整体绩效自评表"
    assert summary["unit_name_printed"] == "349011辽宁省盘锦市兴隆台区工业和信息化局-211103000"
    assert summary["budget_income_wan_yuan"] == Decimal("725.39")
    assert summary["budget_expenditure_wan_yuan"] == Decimal("725.39")
    assert summary["annual_goal"] == "全面完成工业和信息化工作。"
    assert summary["annual_result"] == "全面完成工业和信息化工作"
    assert summary["total_score"] == Decimal("79.01")
    assert summary["line_no"] == 202


def test_seed_budget_lines():
    lines = parsed()["performance_lines"].to_dicts()
    assert [line["project_name"] for line in lines] == [
        "部门预算基本支出人员经费",
        "西部考察费",
        "企业扶持金",
        "电力和通讯改造费",
        "综合业务费",
        "部门预算基本支出公用经费",
    ]
    assert sum(line["allocated_wan_yuan"] for line in lines) == Decimal("861.06")
    assert sum(line["executed_wan_yuan"] for line in lines) == Decimal("302.49")
    assert [line["execution_rate_pct"] for line in lines] == [
        Decimal(v) for v in ("100", "0", "4.9", "21.17", "56.07", "100")
    ]
    assert [line["score"] for line in lines] == [Decimal(v) for v in ("6.6", "0", "0.32", "1.39", "3.7", "7")]
    assert all(line["task"] is None for line in lines)  # the 年度主要任务 column is empty throughout


def test_seed_indicators_fill_merged_cells_down_and_skip_the_sub_header():
    indicators = parsed()["performance_indicators"].to_dicts()
    assert len(indicators) == 21
    assert sum(i["score"] for i in indicators) == Decimal("60")
    assert not [i for i in indicators if "原因分析" in (i["level3"] or "")]
    first, third, fifth = indicators[0], indicators[2], indicators[4]
    assert (first["level1"], first["level2"], first["level3"]) == (
        "履职效能",
        "重点工作履行情况",
        "重点工作办结率",
    )
    assert (
        first["operator"],
        first["target_value"],
        first["measure_unit"],
        first["actual_value"],
        first["completion"],
    ) == ("=", "100", "%", "100", "1")
    assert (third["level1"], third["level2"], third["level3"]) == (
        "履职效能",
        "整体工作完成情况",
        "工作完成及时率",
    )
    assert (fifth["level2"], fifth["operator"], fifth["target_value"]) == ("基础管理", None, "管理规范")
    last = indicators[-1]
    assert (last["level1"], last["level3"], last["weight"], last["score"]) == (
        "可持续性",
        "推动工业供给侧结构性改革",
        5,
        5,
    )


def test_the_total_score_is_the_sum_of_the_score_columns():
    document = parsed()
    total = document["performance_summaries"]["total_score"][0]
    assert (
        document["performance_lines"]["score"].sum() + document["performance_indicators"]["score"].sum()
        == total
    )


def cells(*rows: list[str]) -> str:
    return "\n\n".join("\n".join("\t" + cell for cell in row) for row in rows)


def test_a_table_without_a_project_column_names_rows_by_their_first_cell():
    text = "部门预算项目支出绩效自评表（2023年度）\n" + cells(
        ["预算执行情况（10分）", "年初预算", "调整后预算数", "预算执行数", "预算执行率", "权重", "得分"],
        ["财政资金", "50.00", "60.00", "54.00", "90.00%", "10", "9"],
        ["总分", "9"],
    )
    tables = find_performance_tables(split_lines(text))
    assert [t.title for t in tables] == ["部门预算项目支出绩效自评表"]
    table = read_performance_table(tables[0])
    lines = [
        (line["project_name"], line["allocated_wan_yuan"], line["executed_wan_yuan"]) for line in table.lines
    ]
    assert lines == [("财政资金", Decimal("60.00"), Decimal("54.00"))]
    assert table.summary["total_score"] == Decimal("9")


def test_a_project_table_with_its_own_columns_and_a_split_reason_column():
    text = (
        "附件2：2022年度项目支出绩效自评表\n（单位：万元）\n"
        + cells(
            ["项目名称", "乡村道路养护", "实施单位", "某县交通运输局"],
            ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            ["年度资金总额", "100.00", "120.00", "90.00", "10", "75.00%", "7.5"],
            ["其中：本年财政拨款", "100.00", "120.00", "90.00", "", "", ""],
            ["年度总体目标", "预期目标", "实际完成情况"],
            ["", "养护道路20公里", "养护道路18公里"],
            [
                "一级指标",
                "二级指标",
                "三级指标",
                "年度指标值",
                "实际完成值",
                "分值",
                "得分",
                "偏差原因分析",
                "改进措施",
            ],
            ["", "", "", "", "", "", "", "经费保障", "其他原因", ""],
            [
                "产出指标",
                "数量指标",
                "养护里程",
                "20公里",
                "18公里",
                "50",
                "45",
                "资金未到位",
                "",
                "加快拨付",
            ],
            ["", "时效指标", "完成及时率", "100%", "90%", "30", "27", "", "天气", ""],
            ["总分", "89.5"],
        )
        + "\n \n填表人：张三\n"
    )
    tables = find_performance_tables(split_lines(text))
    assert [t.title for t in tables] == ["2022年度项目支出绩效自评表"]
    table = read_performance_table(tables[0])
    assert table.summary["unit_name_printed"] == "某县交通运输局"
    assert table.summary["total_score"] == Decimal("89.5")
    assert (table.summary["annual_goal"], table.summary["annual_result"]) == (
        "养护道路20公里",
        "养护道路18公里",
    )
    assert [
        (
            line["project_name"],
            line["allocated_wan_yuan"],
            line["executed_wan_yuan"],
            line["execution_rate_pct"],
        )
        for line in table.lines
    ] == [
        ("年度资金总额", Decimal("120.00"), Decimal("90.00"), Decimal("75.00")),
        ("其中：本年财政拨款", Decimal("120.00"), Decimal("90.00"), None),
    ]
    assert [
        (i["level1"], i["level2"], i["level3"], i["deviation_reason"], i["improvement"])
        for i in table.indicators
    ] == [
        ("产出指标", "数量指标", "养护里程", "资金未到位", "加快拨付"),
        ("产出指标", "时效指标", "完成及时率", "天气", None),
    ]
    assert "填表人：张三" not in {cell.text for row in tables[0].rows for cell in row.cells}
