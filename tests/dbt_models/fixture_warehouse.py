"""A small, consistent warehouse to develop and test the dbt project against.

Creates the ``raw`` schema with ``pipeline.load.ddl.ensure_raw_tables`` (the loader's own DDL) and fills it
through ``pipeline.schemas`` frames, so the fixture cannot drift from the declared frames. Rows:

* department A, 盘锦市兴隆台区工业和信息化局 (region 211103): the seed report (2022 决算) with the figures and
  year-over-year statements the parser reads from it, its performance table and one finding; and a
  consistent 2021 决算 (收入总计 718.15, 机关运行经费支出 11.43 …) so the 2022 prior comes from a report;
* department B, 盘锦市大洼区教育局 (region 211104): a 2021/2022 决算 pair; the 2021 name is printed with a
  blank (``盘锦市大洼区 教育局``) and must resolve to the same department; its 2022 支出 statement is
  deliberately inconsistent with the two reports (stated +200.00 / 20%, computed +90.00);
* department C, no region code: a 2022 预算 with one figure and no statement (no prior at all);
* one quarantined file.

Usage: ``python -m tests.dbt_models.fixture_warehouse /tmp/fixture.duckdb`` (replaces the file).
"""

from __future__ import annotations

import hashlib
import sys
from decimal import Decimal
from pathlib import Path
from typing import Iterable

import duckdb

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from pipeline import schemas  # noqa: E402
from pipeline.load.ddl import ensure_raw_tables  # noqa: E402
from pipeline.load.reference import replace_reference  # noqa: E402
from pipeline.reference.department_names import department_name_normalized  # noqa: E402
from pipeline.reference.divisions import load_regions  # noqa: E402

SEED_PATH = ROOT / "data" / "raw" / "liaoning-panjin-xinglongtai_gongxinju_2022_dept-final.txt"
PARSER_VERSION = "fixture-0.1"


def _sha(label: str) -> str:
    return hashlib.sha256(label.encode("utf-8")).hexdigest()


def _seed_sha() -> str:
    return hashlib.sha256(SEED_PATH.read_bytes()).hexdigest() if SEED_PATH.exists() else _sha("seed")


SHA = {
    "A2022": _seed_sha(),
    "A2021": _sha("A-2021-final"),
    "B2021": _sha("B-2021-final"),
    "B2022": _sha("B-2022-final"),
    "C2022": _sha("C-2022-budget"),
    "Q": _sha("quarantined-empty-file"),
}

D = Decimal


class _Text:
    """Finds where a printed number stands in a document's text (line, character span)."""

    def __init__(self, text: str | None):
        self.text = text

    def locate(self, anchor: str, value_printed: str) -> dict:
        if not self.text:
            return {}
        at = self.text.find(anchor)
        if at < 0:
            return {}
        start = self.text.find(value_printed, at)
        if start < 0:
            return {}
        return {
            "line_no": self.text.count("\n", 0, start) + 1,
            "char_start": start,
            "char_end": start + len(value_printed),
        }


def _figures(sha: str, text: _Text | None, rows: list[tuple]) -> list[dict]:
    """rows: (section, label, value_printed, share_pct or None, anchor or None)."""
    out = []
    for index, (section, label, printed, share, anchor) in enumerate(rows):
        value = D(printed.replace(",", ""))
        row = {
            "document_sha256": sha,
            "figure_index": index,
            "section": section,
            "label": label,
            "label_printed": label,
            "value_printed": printed,
            "unit_printed": "万元",
            "value": value,
            "value_wan_yuan": value,
            "share_pct": None if share is None else D(share),
            "share_base_label": None,
            "sentence": f"{label}{printed}万元",
        }
        if text is not None and anchor:
            row.update(text.locate(anchor, printed))
        out.append(row)
    return out


def _statements(sha: str, text: _Text | None, rows: list[tuple]) -> list[dict]:
    """rows: (section, metric_label, direction, sign, amount_printed, pct_printed, reason, anchor)."""
    out = []
    for index, (section, label, direction, sign, amount, pct, reason, anchor) in enumerate(rows):
        row = {
            "document_sha256": sha,
            "statement_index": index,
            "section": section,
            "metric_label": label,
            "direction": direction,
            "change_sign": sign,
            "amount_printed": amount,
            "change_amount_wan_yuan": None if amount is None else D(amount),
            "pct_printed": pct,
            "change_pct": None if pct is None else D(pct),
            "reason": reason,
            "reason_printed": reason if reason is not None else "0等原因",
            "comparison_printed": "与上年相比",
            "comparison_basis": "prior_year",
            "sentence": f"与上年相比，{label}{direction or '减少（增加）'}{amount}万元",
        }
        if text is not None and anchor:
            row.update(text.locate(anchor, amount))
        out.append(row)
    return out


def _document(key: str, name: str, region: str | None, unit: str | None, year: int, kind: str, path: str) -> dict:
    return {
        "document_sha256": SHA[key],
        "source_path": path,
        "media_type": "text/plain",
        "text_encoding": "utf-8",
        "department_name": name,
        "department_name_normalized": department_name_normalized(name),
        "report_scope": "department",
        "unit_code": unit,
        "region_code": region,
        "fiscal_year": year,
        "report_kind": kind,
        "parser_version": PARSER_VERSION,
    }


SEED_PERFORMANCE_LINES = [
    ("部门预算基本支出人员经费", "153.42", "153.42", "100.00", "6.6", "6.6"),
    ("西部考察费", "5.00", "0", "0.00", "6.6", "0"),
    ("企业扶持金", "100.00", "4.9", "4.90", "6.6", "0.32"),
    ("电力和通讯改造费", "574.66", "121.66", "21.17", "6.6", "1.39"),
    ("综合业务费", "12.42", "6.96", "56.07", "6.6", "3.7"),
    ("部门预算基本支出公用经费", "15.56", "15.55", "100.00", "7", "7"),
]

# (level1, level2, level3, operator, target, unit, actual, weight, score)
SEED_PERFORMANCE_INDICATORS = [
    ("履职效能", "重点工作履行情况", "重点工作办结率", "=", "100", "%", "100", "3.5", "3.5"),
    ("履职效能", "整体工作完成情况", "总体工作完成率", "=", "100", "%", "100", "3.3", "3.3"),
    ("履职效能", "整体工作完成情况", "工作完成及时率", "=", "100", "%", "100", "3.3", "3.3"),
    ("履职效能", "整体工作完成情况", "工作质量达标率", "=", "100", "%", "100", "3.3", "3.3"),
    ("履职效能", "基础管理", "依法行政能力", None, "管理规范", None, "全部或基本达成预期指标100%-80%（含）", "3.3", "3.3"),
    ("履职效能", "基础管理", "综合管理水平", None, "管理规范", None, "全部或基本达成预期指标100%-80%（含）", "3.3", "3.3"),
    ("预算执行", "预算执行效率", "预算执行率", "=", "100", "%", "100", "1.6", "1.6"),
    ("预算执行", "预算执行效率", "预算调整率", "<=", "5", "%", "5", "1.6", "1.6"),
    ("预算执行", "预算执行效率", "结转结余变动率", "<=", "0", "%", "0", "1.8", "1.8"),
    ("管理效率", "预算编制管理", "预算绩效目标覆盖率", "=", "100", "%", "100", "0.7", "0.7"),
    ("管理效率", "预算监督管理", "预决算公开情况", None, "全部公开", None, "全部或基本达成预期指标100%-80%（含）", "0.7", "0.7"),
    ("管理效率", "预算收支管理", "预算收入管理规范性", None, "管理规范", None, "全部或基本达成预期指标100%-80%（含）", "0.7", "0.7"),
    ("管理效率", "预算收支管理", "预算支出管理规范性", None, "管理规范", None, "全部或基本达成预期指标100%-80%（含）", "0.7", "0.7"),
    ("管理效率", "财务管理", "内控制度有效性", None, "制度有效", None, "全部或基本达成预期指标100%-80%（含）", "0.7", "0.7"),
    ("管理效率", "资产管理", "固定资产利用率", "=", "100", "%", "100", "0.8", "0.8"),
    ("管理效率", "业务管理", "政府采购管理违法违规行为发生次数", "=", "0", "次", "0", "0.7", "0.7"),
    ("运行成本", "成本控制成效", "三公经费变动率", "<=", "0", "%", "0", "2.5", "2.5"),
    ("运行成本", "成本控制成效", "在职人员控制率", "<=", "100", "%", "100", "2.5", "2.5"),
    ("社会效应", "经济效益", "工业企业对接推介企业户数", ">=", "10", "户", "10", "10", "10"),
    ("社会效应", "服务对象满意度", "老干部满意度", ">=", "100", "%", "100", "10", "10"),
    ("可持续性", "创新驱动发展", "推动工业供给侧结构性改革", None, "有力推进", None, "全部或基本达成预期指标100%-80%（含）", "5", "5"),
]


def fixture_rows() -> dict[str, list[dict]]:
    """The fixture's rows, keyed by frame name."""
    seed_text = _Text(SEED_PATH.read_text(encoding="utf-8")) if SEED_PATH.exists() else None
    a_name = "盘锦市兴隆台区工业和信息化局"
    rows: dict[str, list[dict]] = {s.name: [] for s in schemas.ALL_FRAMES}

    rows["documents"] = [
        _document("A2022", a_name, "211103", "349011", 2022, "final_account", SEED_PATH.relative_to(ROOT / "data" / "raw").as_posix()),
        _document("A2021", a_name, "211103", "349011", 2021, "final_account", "liaoning-panjin-xinglongtai_gongxinju_2021_dept-final.txt"),
        _document("B2021", "盘锦市大洼区 教育局", "211104", None, 2021, "final_account", "dawa/jiaoyuju_2021_final.txt"),
        _document("B2022", "盘锦市大洼区教育局", "211104", None, 2022, "final_account", "dawa/jiaoyuju_2022_final.txt"),
        _document("C2022", "某市某局", None, None, 2022, "budget", "unknown/some_bureau_2022_budget.txt"),
    ]
    rows["document_files"] = [
        {"document_sha256": d["document_sha256"], "source_path": d["source_path"], "file_size_bytes": 1000 + i,
         "is_present": True}
        for i, d in enumerate(rows["documents"])
    ] + [
        {"document_sha256": SHA["A2022"], "source_path": "copies/gongxinju_2022_copy.txt", "file_size_bytes": 1000,
         "is_present": True},
        {"document_sha256": SHA["Q"], "source_path": "bad/empty.pdf", "file_size_bytes": 0, "is_present": True},
    ]
    rows["quarantine"] = [
        {
            "document_sha256": SHA["Q"],
            "source_path": "bad/empty.pdf",
            "reason_code": "empty_file",
            "reason": "文件为空 / the file has no bytes",
            "parser_version": PARSER_VERSION,
        }
    ]

    # --- A 2022: the seed report ---------------------------------------------------------------------
    rows["narrative_figures"] += _figures(SHA["A2022"], seed_text, [
        ("收入", "收入总计", "423.59", None, "（一）收入总计"),
        ("收入", "财政拨款收入", "423.59", "100", "1.财政拨款收入"),
        ("支出", "支出总计", "423.59", None, "（二）支出总计"),
        ("支出", "基本支出", "169.49", "40.01", "1.基本支出"),
        ("支出", "项目支出", "254.10", "59.99", "2.项目支出"),
        ("支出", "年末结转和结余", "0", None, "（三）年末结转和结余"),
        ("财政拨款", "财政拨款支出", "423.59", None, "2022年度财政拨款支出"),
        ("一般公共预算", "一般公共预算财政拨款支出", "423.59", None, "2022年度一般公共预算财政拨款支出"),
        ("一般公共预算", "社会保障和就业支出", "15.52", "3.66", "社会保障和就业支出"),
        ("一般公共预算", "卫生健康支出", "4.09", "0.97", "卫生健康支出"),
        ("一般公共预算", "住房保障支出", "10.8", "2.55", "住房保障支出10.8"),
        ("一般公共预算", "城乡社区支出", "121.66", "28.72", "城乡社区支出121.66万元，占"),
        ("一般公共预算", "资源勘探工业信息等支出", "271.52", "64.10", "资源勘探工业信息等支出271.52"),
        ("三公", "一般公共预算财政拨款安排的三公经费支出", "0", None, "2022年度一般公共预算财政拨款安排的"),
        ("三公", "因公出国（境）费", "0", None, "其中：因公出国（境）费"),
        ("三公", "公务接待费", "0", None, "公务接待费0万元，公务用车"),
        ("三公", "公务用车购置及运行维护费", "0", None, "公务用车购置及运行维护费"),
        ("三公", "公务用车购置及运行费", "0", None, "3.公务用车购置及运行费"),
        ("基本支出", "一般公共预算财政拨款基本支出", "169.49", None, "2022年度一般公共预算财政拨款基本支出"),
        ("基本支出", "人员经费", "153.42", None, "人员经费153.42"),
        ("基本支出", "日常公用经费", "16.07", None, "日常公用经费16.07"),
        ("机关运行经费", "机关运行经费支出", "16.07", None, "2022年机关运行经费支出"),
        ("政府采购", "政府采购支出总额", "0", None, "2022年政府采购支出总额"),
    ])
    rows["yoy_statements"] += _statements(SHA["A2022"], seed_text, [
        ("收入", "收入", "减少", -1, "294.56", "41.02", "项目预算编制由经建科代编", "今年收入减少"),
        ("支出", "支出", "减少", -1, "294.56", "41.02", "项目预算编制由经建科代编", "今年支出减少"),
        ("财政拨款", "财政拨款支出", "减少", -1, "294.561", "41.02", "项目预算编制由经建科代编", "财政拨款支出减少"),
        ("三公", "因公出国（境）费", None, None, "0", "0", None, "因公出国（境）费比上年"),
        ("三公", "公务接待费", None, None, "0", "0", None, "公务接待费比上年"),
        ("三公", "公务用车购置及运行费", None, None, "0", "0", None, "运行费0万元，占“三公”经费支出的0%。完成年初预算的0%，决算数小于（大于）年初预算数的主要原因是0。比上年"),
        ("机关运行经费", "机关运行经费支出", "增加", 1, "4.64", "40.59", "支付职工伙食费", "比上年增加"),
    ])
    rows["performance_summaries"].append({
        "document_sha256": SHA["A2022"], "table_index": 0, "table_title": "部门（单位）整体绩效自评表",
        "unit_name_printed": "349011辽宁省盘锦市兴隆台区工业和信息化局-211103000",
        "budget_income_wan_yuan": D("725.39"), "budget_expenditure_wan_yuan": D("725.39"),
        "annual_goal": "全面完成工业和信息化工作。", "annual_result": "全面完成工业和信息化工作",
        "total_score": D("79.01"),
    })
    for i, (project, allocated, executed, rate, weight, score) in enumerate(SEED_PERFORMANCE_LINES):
        rows["performance_lines"].append({
            "document_sha256": SHA["A2022"], "table_index": 0, "line_index": i, "task": None,
            "project_name": project, "allocated_wan_yuan": D(allocated), "executed_wan_yuan": D(executed),
            "execution_rate_pct": D(rate), "weight": D(weight), "score": D(score),
        })
    for i, (l1, l2, l3, op, target, unit, actual, weight, score) in enumerate(SEED_PERFORMANCE_INDICATORS):
        rows["performance_indicators"].append({
            "document_sha256": SHA["A2022"], "table_index": 0, "indicator_index": i, "level1": l1,
            "level2": l2, "level3": l3, "operator": op, "target_value": target, "measure_unit": unit,
            "actual_value": actual, "completion": "1", "weight": D(weight), "score": D(score),
        })
    rows["findings"].append({
        "document_sha256": SHA["A2022"],
        "check_name": "performance_allocated_vs_budget",
        "severity": "warning",
        "subject": "项目下达金额合计 vs 部门年初预算支出金额",
        "expected_value": D("725.39"),
        "observed_value": D("861.06"),
        "difference": D("135.67"),
        "tolerance": D("0.01"),
        "observed_location": "绩效自评表 项目下达金额",
        "expected_location": "绩效自评表 部门年初预算支出金额",
        "message": "项目下达金额合计 861.06 万元与部门年初预算支出 725.39 万元不一致 / allocated amounts add up to "
        "861.06, the table's initial budget is 725.39",
    })

    # --- A 2021: consistent prior-year report ----------------------------------------------------------
    rows["narrative_figures"] += _figures(SHA["A2021"], None, [
        ("收入", "收入总计", "718.15", None, None),
        ("收入", "财政拨款收入", "718.15", "100", None),
        ("支出", "支出总计", "718.15", None, None),
        ("支出", "基本支出", "160.00", "22.28", None),
        ("支出", "项目支出", "558.15", "77.72", None),
        ("财政拨款", "财政拨款支出", "718.15", None, None),
        ("基本支出", "一般公共预算财政拨款基本支出", "160.00", None, None),
        ("基本支出", "人员经费", "148.57", None, None),
        ("基本支出", "日常公用经费", "11.43", None, None),
        ("机关运行经费", "机关运行经费支出", "11.43", None, None),
    ])
    rows["yoy_statements"] += _statements(SHA["A2021"], None, [
        ("收入", "收入", "增加", 1, "18.15", "2.59", "新增项目", None),
        ("机关运行经费", "机关运行经费支出", "减少", -1, "1.57", "12.08", "压缩公用经费", None),
    ])

    # --- B 2021 / 2022 -------------------------------------------------------------------------------
    rows["narrative_figures"] += _figures(SHA["B2021"], None, [
        ("收入", "收入总计", "1,000.00", None, None),
        ("支出", "支出总计", "990.00", None, None),
        ("机关运行经费", "机关运行经费支出", "50.00", None, None),
    ])
    rows["narrative_figures"] += _figures(SHA["B2022"], None, [
        ("收入", "收入总计", "1,100.00", None, None),
        ("支出", "支出总计", "1,080.00", None, None),
        ("机关运行经费", "机关运行经费支出", "45.00", None, None),
        # a second figure mapping to operating_expenses: the first (lowest figure_index) wins
        ("机关运行经费", "机关运行经费", "99.99", None, None),
    ])
    rows["yoy_statements"] += _statements(SHA["B2022"], None, [
        ("收入", "收入", "增加", 1, "100.00", "10.00", "学生人数增加", None),
        ("支出", "支出", "增加", 1, "200.00", "20.00", "新建校舍", None),  # inconsistent on purpose
        ("机关运行经费", "机关运行经费支出", "减少", -1, "5.00", "10.00", "压缩开支", None),
    ])
    rows["performance_summaries"].append({
        "document_sha256": SHA["B2022"], "table_index": 0, "table_title": "部门（单位）整体绩效自评表",
        "unit_name_printed": "盘锦市大洼区教育局", "budget_income_wan_yuan": D("1100"),
        "budget_expenditure_wan_yuan": D("1080"), "annual_goal": None, "annual_result": None,
        "total_score": D("90"),
    })
    rows["performance_lines"].append({
        "document_sha256": SHA["B2022"], "table_index": 0, "line_index": 0, "task": "办学保障",
        "project_name": "校舍维修", "allocated_wan_yuan": D("100"), "executed_wan_yuan": D("105"),
        "execution_rate_pct": D("105"), "weight": D("20"), "score": D("20"),
    })
    rows["performance_indicators"].append({
        "document_sha256": SHA["B2022"], "table_index": 0, "indicator_index": 0, "level1": "产出指标",
        "level2": "数量指标", "level3": "维修校舍数", "operator": ">=", "target_value": "3",
        "measure_unit": "所", "actual_value": "3", "completion": "100%", "weight": D("80"), "score": D("70"),
    })

    # --- C 2022 budget, no region code ------------------------------------------------------------------
    rows["narrative_figures"] += _figures(SHA["C2022"], None, [("收入", "收入总计", "50.00", None, None)])
    return rows


def build_fixture_warehouse(path: str | Path, documents: Iterable[str] | None = None) -> dict[str, str]:
    """(Re)creates ``path`` as a warehouse holding only the raw fixture tables; returns the document shas.

    ``documents`` restricts the fixture to some of its documents by key (``"A2022"``, ``"Q"`` …), e.g.
    ``["A2022", "Q"]`` for the seed report alone, whose priors are then implied by its own statements.
    """
    path = Path(path)
    for suffix in ("", ".wal"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    rows = fixture_rows()
    if documents is not None:
        keep = {SHA[key] for key in documents}
        rows = {name: [r for r in frame_rows if r["document_sha256"] in keep] for name, frame_rows in rows.items()}
    con = duckdb.connect(str(path))
    try:
        ensure_raw_tables(con)
        _insert(con, rows)
        add_reference_data(con)
    finally:
        con.close()
    return dict(SHA)


def _insert(con: duckdb.DuckDBPyConnection, rows: dict[str, list[dict]]) -> None:
    for schema in schemas.ALL_FRAMES:
        frame = schema.conform(schema.frame(rows[schema.name]))
        if frame.height == 0:
            continue
        con.register("fixture_frame", frame.to_arrow())
        columns = ", ".join(schema.column_names)
        con.execute(f"INSERT INTO raw.{schema.name} ({columns}) SELECT {columns} FROM fixture_frame")
        con.unregister("fixture_frame")


# --- department D: a 预算 and a 决算 of one department-year, as table cells (the department fact marts) ----------
# 盘锦市兴隆台区财政局 (region 211103), 2022. Budget 本年支出 110.00 (201: 105.00, 208: 5.00); final 本年支出合计
# 115.00 (201: 100.00, 208: 15.00): execution 104.55%. 2010602 is printed by the final only. The final's basic
# expenditure table prints 30201 as 办公经费 where the national list says 办公费 (a name flagged, not replaced); the
# budget prints 20805 under its name before the 2021 科目 (行政事业单位离退休), no longer in force in 2022.
# The budget's 三公 table gives its total and 公务接待费 only, its fund table is printed empty without a note.
# Consistent otherwise: income sources, 三公 parts and function classes add up to their totals.
SHA.update({"D2022B": _sha("D-2022-budget"), "D2022F": _sha("D-2022-final")})

# (table_kind, title, cells: (panel, code, code_system, item, measure, value))
DEPARTMENT_FACTS_TABLES = {
    "D2022F": [
        ("final_income_expenditure_summary", "收入支出决算总表", [
            (0, None, None, "本年收入合计", "决算数", "110.00"),
            (0, None, None, "总计", "决算数", "120.00"),
            (1, None, None, "本年支出合计", "决算数", "115.00"),
            (1, None, None, "总计", "决算数", "120.00"),
        ]),
        ("final_income", "收入决算表", [
            (0, None, None, "合计", "本年收入合计", "110.00"),
            (0, None, None, "合计", "财政拨款收入", "100.00"),
            (0, None, None, "合计", "其他收入", "10.00"),
        ]),
        ("final_expenditure", "支出决算表", [
            *[(0, code, "function", item, measure, value)
              for code, item, total, basic, project in [
                  (None, "合计", "115.00", "80.00", "35.00"),
                  ("201", "一般公共服务支出", "100.00", "70.00", "30.00"),
                  ("20106", "财政事务", "100.00", "70.00", "30.00"),
                  ("2010601", "行政运行", "70.00", "70.00", "0.00"),
                  ("2010602", "一般行政管理事务", "30.00", "0.00", "30.00"),
                  ("208", "社会保障和就业支出", "15.00", "10.00", "5.00"),
                  ("20805", "行政事业单位养老支出", "15.00", "10.00", "5.00"),
                  ("2080505", "机关事业单位基本养老保险缴费支出", "15.00", "10.00", "5.00"),
              ]
              for measure, value in [("本年支出合计", total), ("基本支出", basic), ("项目支出", project)]],
        ]),
        # a 年初预算数 column beside the 决算数: the budget the 决算 prints for its total and two classes
        ("final_general_budget_expenditure", "一般公共预算财政拨款支出决算表", [
            (0, None, None, "合计", "年初预算数", "110.00"),
            (0, None, None, "合计", "合计", "105.00"),
            (0, "201", "function", "一般公共服务支出", "年初预算数", "98.00"),
            (0, "201", "function", "一般公共服务支出", "合计", "95.00"),
            (0, "20106", "function", "财政事务", "年初预算数", "98.00"),
            (0, "20106", "function", "财政事务", "合计", "95.00"),
        ]),
        ("final_general_budget_basic_expenditure", "一般公共预算财政拨款基本支出决算表", [
            (0, None, None, "人员经费合计", "决算数", "60.00"),
            (0, "301", "economic", "工资福利支出", "决算数", "60.00"),
            (0, "30101", "economic", "基本工资", "决算数", "60.00"),
            (1, None, None, "公用经费合计", "决算数", "20.00"),
            (1, "302", "economic", "商品和服务支出", "决算数", "20.00"),
            (1, "30201", "economic", "办公经费", "决算数", "20.00"),
        ]),
        ("final_three_public", "财政拨款“三公”经费支出决算表", [
            (0, None, None, "合计", "决算数/合计", "3.00"),
            (0, None, None, "合计", "决算数/因公出国（境）费", "0.00"),
            (0, None, None, "合计", "决算数/公务接待费", "1.00"),
            (0, None, None, "合计", "决算数/公务用车购置及运行费/小计", "2.00"),
            (0, None, None, "合计", "决算数/公务用车购置及运行费/购置费", "0.00"),
            (0, None, None, "合计", "决算数/公务用车购置及运行费/运行费", "2.00"),
            # the 年初预算 the 决算 prints beside its 决算数
            (0, None, None, "合计", "预算数/合计", "4.00"),
            (0, None, None, "合计", "预算数/因公出国（境）费", "0.00"),
            (0, None, None, "合计", "预算数/公务接待费", "1.50"),
            (0, None, None, "合计", "预算数/公务用车购置及运行费/小计", "2.50"),
            (0, None, None, "合计", "预算数/公务用车购置及运行费/购置费", "0.00"),
            (0, None, None, "合计", "预算数/公务用车购置及运行费/运行费", "2.50"),
        ]),
    ],
    "D2022B": [
        ("budget_income_expenditure_summary", "收支预算总表", [
            (0, None, None, "当年收入小计", "金额", "110.00"),
            (0, None, None, "收入合计", "金额", "120.00"),
            (2, None, None, "当年支出小计", "金额", "110.00"),
            (2, None, None, "支出合计", "金额", "120.00"),
        ]),
        ("budget_expenditure", "支出预算总表", [
            *[(0, code, "function", item, measure, value)
              for code, item, total, basic, project in [
                  (None, "合计", "110.00", "80.00", "30.00"),
                  ("201", "一般公共服务支出", "105.00", "75.00", "30.00"),
                  ("20106", "财政事务", "105.00", "75.00", "30.00"),
                  ("2010601", "行政运行", "105.00", "75.00", "30.00"),
                  ("208", "社会保障和就业支出", "5.00", "5.00", "0.00"),
                  ("20805", "行政事业单位离退休", "5.00", "5.00", "0.00"),
                  ("2080505", "机关事业单位基本养老保险缴费支出", "5.00", "5.00", "0.00"),
              ]
              for measure, value in [("支出预算/合计", total), ("支出预算/基本支出", basic), ("支出预算/项目支出", project)]],
        ]),
        # printed empty, without a note that it has no data (and no narrative says so)
        ("budget_government_fund_expenditure", "政府性基金预算支出表", []),
        # a 三公 total with one part: the other two are given nowhere in the report
        ("budget_three_public", "“三公”经费支出预算表", [
            (0, None, None, "合计", "合计", "4.00"),
            (0, None, None, "合计", "公务接待费", "1.50"),
        ]),
    ],
}


# D's budget has contents (目录) on page 2 listing its summary table and a procurement table it does not print; its
# expenditure and fund tables are printed but not listed.
D_BUDGET_CONTENTS = [("一、收支预算总表", "budget_income_expenditure_summary"),
                     ("二、政府采购预算表", "budget_government_procurement")]


def department_facts_rows() -> dict[str, list[dict]]:
    """Department D's budget and final account of 2022: documents, statement tables and line items."""
    rows: dict[str, list[dict]] = {s.name: [] for s in schemas.ALL_FRAMES}
    for key, kind, path in [("D2022B", "budget", "xinglongtai/caizhengju_2022_budget.pdf"),
                            ("D2022F", "final_account", "xinglongtai/caizhengju_2022_final.pdf")]:
        rows["documents"].append(_document(key, "盘锦市兴隆台区财政局", "211103", None, 2022, kind, path))
        rows["document_files"].append(
            {"document_sha256": SHA[key], "source_path": path, "file_size_bytes": 2000, "is_present": True}
        )
        for table_index, (table_kind, title, cells) in enumerate(DEPARTMENT_FACTS_TABLES[key]):
            page = table_index + 5
            rows["statement_tables"].append({
                "document_sha256": SHA[key], "table_index": table_index, "table_kind": table_kind,
                "table_title": title, "table_number_printed": None, "page_first": page, "page_last": page,
                "unit_printed": "万元", "is_empty": not cells, "note": None, "cell_count": len(cells),
            })
            row_of: dict[tuple, int] = {}
            for cell_index, (panel, code, code_system, item, measure, value) in enumerate(cells):
                row_index = row_of.setdefault((panel, code, item), len(row_of))
                rows["line_items"].append({
                    "document_sha256": SHA[key], "table_index": table_index, "cell_index": cell_index,
                    "page": page, "bbox_x0": 100.0 + 60 * (cell_index % 3), "bbox_top": 100.0 + 20 * row_index,
                    "bbox_x1": 150.0 + 60 * (cell_index % 3), "bbox_bottom": 115.0 + 20 * row_index,
                    "row_index": row_index, "column_index": cell_index % 3, "panel": panel,
                    "classification_code": code, "code_system": code_system, "item_name": item,
                    "measure": measure, "value_printed": value, "unit_printed": "万元", "value_wan_yuan": D(value),
                })
    for entry_index, (title, table_kind) in enumerate(D_BUDGET_CONTENTS):
        rows["report_outline"].append({
            "document_sha256": SHA["D2022B"], "entry_index": entry_index, "place": "contents", "section_code": None,
            "table_kind": table_kind, "title_printed": title, "page_printed": None, "line_no": 3 + entry_index,
            "page": 2, "char_start": None, "char_end": None,
        })
    return rows


def build_department_facts_warehouse(path: str | Path) -> dict[str, str]:
    """The whole fixture plus department D's budget and final account (the department fact marts' tests)."""
    shas = build_fixture_warehouse(path)
    con = duckdb.connect(str(path))
    try:
        _insert(con, department_facts_rows())
    finally:
        con.close()
    return shas


def add_reference_data(con: duckdb.DuckDBPyConnection) -> None:
    """The administrative divisions, as the pipeline loads them: dim_region and the region relationships need them."""
    replace_reference(con, schemas.REGIONS, load_regions())


if __name__ == "__main__":
    target = sys.argv[1] if len(sys.argv) > 1 else "/tmp/fiscal_fixture.duckdb"
    shas = build_fixture_warehouse(target)
    print(f"fixture warehouse written to {target}")
    for key, sha in shas.items():
        print(f"  {key}: {sha}")
