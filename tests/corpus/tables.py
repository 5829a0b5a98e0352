"""The 9 standard 决算 tables of a department-year as printable models: columns, header cells, body rows.

A model knows nothing of pages; ``render`` lays it out. Every value cell carries the truth it prints (panel,
code, item); its measure is derived from the header cells above it by the README rule (``measures``), so the
truth always says what the header prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from tests.corpus import catalog
from tests.corpus.layout import Layout
from tests.corpus.spec import Department, YearFigures, in_unit

LABEL, CODE, LINENO, VALUE = "label", "code", "lineno", "value"


@dataclass(frozen=True)
class Column:
    role: str  # label | code | lineno | value
    weight: float = 1.0  # share of the free width (labels only)


@dataclass(frozen=True)
class HeaderCell:
    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1


@dataclass
class Cell:
    text: str | None = None
    colspan: int = 1
    code: str | None = None  # the row's joined classification code (value cells)
    item: str | None = None  # the row's label (value cells)
    panel: int = 0
    metric: str | None = None  # the panel metric the cell prints (``panel.METRICS``), when it is one
    budget: bool = False  # the metric's 年初预算 (预算数) rather than its 决算数


@dataclass
class TableModel:
    kind: str
    number: int  # 1…9 (公开0N表)
    title: str
    unit: str
    columns: list[Column]
    header: list[HeaderCell]
    header_rows: int
    body: list[list[Cell]]
    wide: bool = False  # printed on a landscape page when the layout says so
    column_row: list[str | None] | None = None  # 栏次 row under the header
    is_empty: bool = False
    note: str | None = None
    measures: list[str | None] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.measures = derive_measures(self.columns, self.header)
        for row in self.body:
            assert sum(c.colspan for c in row) == len(self.columns), (self.kind, row)


def derive_measures(columns: list[Column], header: list[HeaderCell]) -> list[str | None]:
    """Each value column's header path, top down, blanks removed, joined by '/'; header cells that also span
    a label, code or line-number column are no part of it."""
    out: list[str | None] = []
    for i, column in enumerate(columns):
        if column.role != VALUE:
            out.append(None)
            continue
        path = [
            h
            for h in header
            if h.col <= i < h.col + h.colspan
            and all(columns[j].role == VALUE for j in range(h.col, h.col + h.colspan))
        ]
        out.append("/".join("".join(h.text.split()) for h in sorted(path, key=lambda h: h.row)))
    return out


# ----------------------------------------------------------------------------------------------------------
# Number formatting


def format_amount(value: Decimal, separators: bool) -> str:
    return f"{value:,.2f}" if separators else f"{value:.2f}"


class Numbers:
    """Prints 分 amounts in a document's unit and style."""

    def __init__(self, layout: Layout, unit: str):
        self.layout = layout
        self.unit = unit

    def __call__(self, fen: int) -> str | None:
        if fen == 0:
            return {"blank": None, "0.00": "0.00", "-": "-"}[self.layout.zeros]
        return format_amount(in_unit(fen, self.unit), self.layout.separators)


# ----------------------------------------------------------------------------------------------------------
# Shared pieces


def _code_columns(layout: Layout, parts: int) -> list[Column]:
    return [Column(CODE)] * parts if layout.codes == "split" else [Column(CODE)]


def _code_cells(layout: Layout, code: str | None, parts: int) -> list[Cell]:
    """类|款|项 cells of a row (款 rows print their 类 too, 项 rows all three), or one cell."""
    if layout.codes != "split":
        return [Cell(code)]
    if code is None:
        return [Cell() for _ in range(parts)]
    pieces = [code[:3], code[3:5], code[5:7]][:parts]
    return [Cell(p or None) for p in pieces]


def _function_header(layout: Layout, values: list[tuple[str, list[str]]]) -> tuple[list[Column], list[HeaderCell], int]:
    """Columns and header of #2 #3 #5 #8 #9: 项目 (支出功能分类科目编码 类|款|项, 科目名称) | value groups.

    ``values`` is [(group text, [sub texts])]; a group without subs is one column spanning the header rows."""
    split = layout.codes == "split"
    rows = 3 if split else 2
    lead = 4 if split else 2
    columns = _code_columns(layout, 3) + [Column(LABEL)]
    header = [HeaderCell(0, 0, "项目", colspan=lead)]
    if split:
        header += [
            HeaderCell(1, 0, "支出功能分类科目编码", colspan=3),
            HeaderCell(1, 3, "科目名称", rowspan=2),
            HeaderCell(2, 0, "类"), HeaderCell(2, 1, "款"), HeaderCell(2, 2, "项"),
        ]
    else:
        header += [HeaderCell(1, 0, "科目编码"), HeaderCell(1, 1, "科目名称")]
    col = lead
    for group, subs in values:
        if subs:
            header.append(HeaderCell(0, col, group, colspan=len(subs)))
            for sub in subs:
                header.append(HeaderCell(1, col, sub, rowspan=rows - 1))
                columns.append(Column(VALUE))
                col += 1
        else:
            header.append(HeaderCell(0, col, group, rowspan=rows))
            columns.append(Column(VALUE))
            col += 1
    return columns, header, rows


def _function_rows(
    layout: Layout, fig: YearFigures, measures: list[str], fmt: Numbers, codes: list[str], total_label: str = "合计",
    total_metrics: dict[int, str] | None = None,
) -> list[list[Cell]]:
    """合计 row and one row per 类/款/项 of ``codes``; each value is the sum of ``measures[i]`` (an ItemYear
    attribute) over the items under the row's code. ``total_metrics`` tags the 合计 cell of column i with the
    panel metric it prints."""
    parts = 3 if layout.codes == "split" else 1
    metrics = total_metrics or {}
    total = [Cell(total_label, colspan=parts + 1)] + [
        Cell(fmt(fig.total(m)), item=total_label, metric=metrics.get(i)) for i, m in enumerate(measures)
    ]
    rows = []
    for code in codes:
        name = catalog.function_name(code)
        rows.append(
            _code_cells(layout, code, parts)
            + [Cell(name)]
            + [Cell(fmt(fig.by_prefix(m, code)), code=code, item=name) for m in measures]
        )
    return [total, *rows] if layout.total_row == "first" else [*rows, total]


def _column_row(columns: list[Column], label_text: str = "栏次") -> list[str | None]:
    out: list[str | None] = []
    n = 0
    first_label = True
    for column in columns:
        if column.role == VALUE:
            n += 1
            out.append(str(n))
        elif column.role == LABEL and first_label:
            out.append(label_text)
            first_label = False
        else:
            out.append(None)
    return out


def _empty_rows(columns: list[Column], layout: Layout, n: int = 6) -> list[list[Cell]]:
    rows = [[Cell() for _ in columns] for _ in range(n)]
    lead = sum(1 for c in columns if c.role != VALUE)
    values = len(columns) - lead
    total = [Cell("合计", colspan=lead)] + [Cell() for _ in range(values)]
    return [total, *rows] if layout.total_row == "first" else [*rows, total]


# ----------------------------------------------------------------------------------------------------------
# The tables


def table_1(dept: Department, fig: YearFigures, layout: Layout, fmt: Numbers) -> TableModel:
    """收入支出决算总表."""
    income = [
        ("一、一般公共预算财政拨款收入", fig.total("gb_income")),
        ("二、政府性基金预算财政拨款收入", fig.total("gf_income")),
        ("三、国有资本经营预算财政拨款收入", fig.total("sc_income")),
        ("四、上级补助收入", fig.total("income_upper")),
        ("五、事业收入", fig.total("income_business")),
        ("六、经营收入", 0),
        ("七、附属单位上缴收入", 0),
        ("八、其他收入", fig.total("income_other")),
    ]
    income_bottom = [
        ("本年收入合计", fig.income_this_year),
        ("使用非财政拨款结余", 0),
        ("年初结转和结余", fig.carry_start),
        ("总计", fig.income_grand_total),
    ]
    spending = [
        (f"{catalog.CN_NUMERALS[i]}、{name}", fig.by_prefix("expenditure", code))
        for i, (code, name) in enumerate(catalog.CLASSES.items())
    ]
    spending_bottom = [
        ("本年支出合计", fig.expenditure_this_year),
        ("结余分配", 0),
        ("年末结转和结余", fig.carry_end),
        ("总计", fig.expenditure_grand_total),
    ]
    # The panel metrics of #1, by side (0 income, 1 expenditure) and row label.
    metrics = {(0, "本年收入合计"): "current_year_income", (0, "总计"): "total_income",
               (1, "本年支出合计"): "current_year_expenditure", (1, "总计"): "total_expenditure"}
    line_numbers = layout.column_numbers == "column_row_and_line_numbers"
    group = [Column(LABEL)] + ([Column(LINENO)] if line_numbers else []) + [Column(VALUE)]
    width = len(group)
    if layout.panels == "side_by_side":
        columns = group + group
        header = [HeaderCell(0, 0, "收入", colspan=width), HeaderCell(0, width, "支出", colspan=width)]
        for base in (0, width):
            header.append(HeaderCell(1, base, "项目"))
            if line_numbers:
                header.append(HeaderCell(1, base + 1, "行次"))
            header.append(HeaderCell(1, base + width - 1, "决算数"))
        top = max(len(income), len(spending))
        left = income + [None] * (top - len(income)) + income_bottom
        right = spending + [None] * (top - len(spending)) + spending_bottom
        body = []
        counters = [0, len(left) - left.count(None)]
        for a, b in zip(left, right):
            row: list[Cell] = []
            for panel, entry in enumerate((a, b)):
                if entry is None:
                    row += [Cell() for _ in group]
                    continue
                counters[panel] += 1
                label, fen = entry
                row.append(Cell(label))
                if line_numbers:
                    row.append(Cell(str(counters[panel])))
                row.append(Cell(fmt(fen), item=label, panel=panel, metric=metrics.get((panel, label))))
            body.append(row)
        header_rows = 2
    else:
        columns = group
        header = [HeaderCell(0, 0, "项目")]
        if line_numbers:
            header.append(HeaderCell(0, 1, "行次"))
        header.append(HeaderCell(0, width - 1, "决算数"))
        body = []
        n = 0
        sections = (("收入", income + income_bottom), ("支出", spending + spending_bottom))
        for side, (section, entries) in enumerate(sections):
            body.append([Cell(section)] + [Cell() for _ in group[1:]])
            for label, fen in entries:
                n += 1
                body.append([Cell(label)] + ([Cell(str(n))] if line_numbers else [])
                            + [Cell(fmt(fen), item=label, metric=metrics.get((side, label)))])
        header_rows = 1
    return TableModel(
        "final_income_expenditure_summary", 1, "收入支出决算总表", fmt.unit, columns, header, header_rows, body,
        column_row=_column_row(columns) if layout.column_numbers != "none" else None,
    )


def table_2(dept: Department, fig: YearFigures, layout: Layout, fmt: Numbers) -> TableModel:
    """收入决算表."""
    heads = ["本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"]
    measures = ["income", "fiscal_income", "income_upper", "income_business", "zero", "zero", "income_other"]
    columns, header, rows = _function_header(layout, [(h, []) for h in heads])
    body = _function_rows(layout, fig, measures, fmt, fig.function_codes(),
                          total_metrics={1: "fiscal_appropriation_income"})
    title = "收入决算表" if layout.titles == "canonical" else "收入决算总表"
    return TableModel("final_income", 2, title, fmt.unit, columns, header, rows, body, wide=True,
                      column_row=_column_row(columns) if layout.column_numbers != "none" else None)


def table_3(dept: Department, fig: YearFigures, layout: Layout, fmt: Numbers) -> TableModel:
    """支出决算表."""
    heads = ["本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"]
    measures = ["expenditure", "basic", "project", "zero", "zero", "zero"]
    columns, header, rows = _function_header(layout, [(h, []) for h in heads])
    body = _function_rows(layout, fig, measures, fmt, fig.function_codes(),
                          total_metrics={1: "basic_expenditure", 2: "project_expenditure"})
    title = "支出决算表" if layout.titles == "canonical" else "支出决算总表"
    return TableModel("final_expenditure", 3, title, fmt.unit, columns, header, rows, body, wide=True,
                      column_row=_column_row(columns) if layout.column_numbers != "none" else None)


def table_4(dept: Department, fig: YearFigures, layout: Layout, fmt: Numbers) -> TableModel:
    """财政拨款收入支出决算总表 (always two panels)."""
    gb, gf, sc = fig.total("gb_income"), fig.total("gf_income"), fig.total("sc_income")
    left = [
        ("一、一般公共预算财政拨款", [gb]),
        ("二、政府性基金预算财政拨款", [gf]),
        ("三、国有资本经营预算财政拨款", [sc]),
    ]
    left_bottom = [
        ("本年收入合计", [gb + gf + sc]),
        ("年初财政拨款结转和结余", [fig.carry_start]),
        ("一般公共预算财政拨款", [fig.carry_start]),
        ("政府性基金预算财政拨款", [0]),
        ("国有资本经营预算财政拨款", [0]),
        ("总计", [gb + gf + sc + fig.carry_start]),
    ]

    def by_fund(prefix: str | None) -> list[int]:
        get = (lambda m: fig.total(m)) if prefix is None else (lambda m: fig.by_prefix(m, prefix))
        return [get("fiscal_expenditure"), get("gb_expenditure"), get("gf_project"), get("sc_project")]

    right = [
        (f"{catalog.CN_NUMERALS[i]}、{name}", by_fund(code)) for i, (code, name) in enumerate(catalog.CLASSES.items())
    ]
    spent = by_fund(None)
    right_bottom = [
        ("本年支出合计", spent),
        ("年末财政拨款结转和结余", [fig.carry_end, fig.carry_end, 0, 0]),
        None, None, None,
        ("总计", [spent[0] + fig.carry_end, spent[1] + fig.carry_end, spent[2], spent[3]]),
    ]
    columns = [Column(LABEL), Column(VALUE), Column(LABEL, 1.3)] + [Column(VALUE)] * 4
    heads = ["合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"]
    header = [
        HeaderCell(0, 0, "收入", colspan=2), HeaderCell(0, 2, "支出", colspan=5),
        HeaderCell(1, 0, "项目"), HeaderCell(1, 1, "决算数"), HeaderCell(1, 2, "项目"),
    ] + [HeaderCell(1, 3 + i, h) for i, h in enumerate(heads)]
    top = max(len(left), len(right))
    lefts = left + [None] * (top - len(left)) + left_bottom
    rights = right + [None] * (top - len(right)) + right_bottom
    body = []
    for a, b in zip(lefts, rights):
        row: list[Cell] = []
        for panel, entry, width in ((0, a, 1), (1, b, 4)):
            if entry is None:
                row += [Cell() for _ in range(width + 1)]
                continue
            label, values = entry
            row.append(Cell(label))
            row += [Cell(fmt(v), item=label, panel=panel) for v in values]
        body.append(row)
    return TableModel("final_fiscal_summary", 4, "财政拨款收入支出决算总表", fmt.unit, columns, header, 2, body,
                      wide=True, column_row=_column_row(columns) if layout.column_numbers != "none" else None)


def table_5(dept: Department, fig: YearFigures, layout: Layout, fmt: Numbers) -> TableModel:
    """一般公共预算财政拨款支出决算表."""
    columns, header, rows = _function_header(layout, [("合计", []), ("基本支出", []), ("项目支出", [])])
    body = _function_rows(layout, fig, ["gb_expenditure", "gb_basic", "gb_project"], fmt,
                          fig.function_codes("gb_expenditure"), total_metrics={0: "general_budget_expenditure"})
    return TableModel("final_general_budget_expenditure", 5, "一般公共预算财政拨款支出决算表", fmt.unit, columns,
                      header, rows, body,
                      column_row=_column_row(columns) if layout.column_numbers != "none" else None)


def _economic_entries(fig: YearFigures, classes: tuple[str, ...]) -> list[tuple[str, str, int]]:
    out = []
    for cls in classes:
        kuan = [(k, v) for k, v in fig.economic.items() if k.startswith(cls)]
        if not kuan:
            continue
        out.append((cls, catalog.economic_name(cls), sum(v for _, v in kuan)))
        out += [(k, catalog.economic_name(k), v) for k, v in kuan]
    return out


def table_6(dept: Department, fig: YearFigures, layout: Layout, fmt: Numbers) -> TableModel:
    """一般公共预算财政拨款基本支出决算表: 人员经费 (301, 303) | 公用经费 (302, 310)."""
    split = layout.codes == "split"
    personnel = _economic_entries(fig, ("301", "303"))
    public = _economic_entries(fig, ("302", "310"))
    group = ([Column(CODE), Column(CODE)] if split else [Column(CODE)]) + [Column(LABEL), Column(VALUE)]
    width = len(group)

    def code_cells(code: str | None) -> list[Cell]:
        if not split:
            return [Cell(code)]
        if code is None:
            return [Cell(), Cell()]
        return [Cell(code[:3]), Cell(code[3:] or None)]

    def entry_cells(entry, panel: int) -> list[Cell]:
        if entry is None:
            return [Cell() for _ in group]
        code, name, fen = entry
        return code_cells(code) + [Cell(name), Cell(fmt(fen), code=code, item=name, panel=panel)]

    def total_cells(label: str, fen: int, panel: int) -> list[Cell]:
        return [Cell(label, colspan=width - 1), Cell(fmt(fen), item=label, panel=panel)]

    def group_header(base: int, row: int) -> list[HeaderCell]:
        rows = 2 if split else 1
        cells = []
        if split:
            cells += [HeaderCell(row, base, "科目编码", colspan=2), HeaderCell(row + 1, base, "类"),
                      HeaderCell(row + 1, base + 1, "款")]
        else:
            cells.append(HeaderCell(row, base, "科目编码"))
        cells += [HeaderCell(row, base + width - 2, "科目名称", rowspan=rows),
                  HeaderCell(row, base + width - 1, "决算数", rowspan=rows)]
        return cells

    if layout.panels == "side_by_side":
        columns = group + group
        header = [HeaderCell(0, 0, "人员经费", colspan=width), HeaderCell(0, width, "公用经费", colspan=width)]
        header += group_header(0, 1) + group_header(width, 1)
        top = max(len(personnel), len(public))
        body = [
            entry_cells(a, 0) + entry_cells(b, 1)
            for a, b in zip(personnel + [None] * (top - len(personnel)), public + [None] * (top - len(public)))
        ]
        body.append(total_cells("人员经费合计", fig.personnel, 0) + total_cells("公用经费合计", fig.public, 1))
        header_rows = 3 if split else 2
    else:
        columns = group
        header = group_header(0, 0)
        body = [entry_cells(e, 0) for e in personnel + public]
        body.append(total_cells("人员经费合计", fig.personnel, 0))
        body.append(total_cells("公用经费合计", fig.public, 0))
        header_rows = 2 if split else 1
    title = "一般公共预算财政拨款基本支出决算表" if layout.titles == "canonical" else "一般公共预算财政拨款基本支出决算明细表"
    return TableModel("final_general_budget_basic_expenditure", 6, title, fmt.unit, columns, header, header_rows,
                      body, column_row=_column_row(columns) if layout.column_numbers != "none" else None)


def table_7(dept: Department, fig: YearFigures, layout: Layout, fmt: Numbers) -> TableModel:
    """"三公"经费支出决算表. Canonical: a 项目 column and 预算数/决算数 on top of 合计, 因公出国（境）费,
    公务用车购置及运行费 (小计/购置费/运行费), 公务接待费. Variant (Shanghai 2024): no label column, 财政拨款"三公"经费
    over the items, 预算数/决算数 in the bottom header row."""
    groups = (("预算数", fig.three_public_budget), ("决算数", fig.three_public_final))
    # The panel metrics of ``values``' six figures.
    metrics = ("three_public_expenses", "overseas_travel", "official_vehicles", "vehicle_purchase",
               "vehicle_operation", "official_reception")

    def values(figures: dict[str, int]) -> list[int]:
        cars = figures["car_purchase"] + figures["car_running"]
        return [sum(figures.values()), figures["abroad"], cars, figures["car_purchase"], figures["car_running"],
                figures["reception"]]

    if layout.titles == "canonical":
        title = "一般公共预算财政拨款“三公”经费支出决算表"
        columns = [Column(LABEL)] + [Column(VALUE)] * 12
        header = [HeaderCell(0, 0, "项目", rowspan=3)]
        row: list[Cell] = [Cell("合计")]
        for g, (group, figures) in enumerate(groups):
            base = 1 + 6 * g
            header += [
                HeaderCell(0, base, group, colspan=6),
                HeaderCell(1, base, "合计", rowspan=2),
                HeaderCell(1, base + 1, "因公出国（境）费", rowspan=2),
                HeaderCell(1, base + 2, "公务用车购置及运行费", colspan=3),
                HeaderCell(2, base + 2, "小计"), HeaderCell(2, base + 3, "购置费"), HeaderCell(2, base + 4, "运行费"),
                HeaderCell(1, base + 5, "公务接待费", rowspan=2),
            ]
            row += [Cell(fmt(v), item="合计", metric=m, budget=group == "预算数")
                    for v, m in zip(values(figures), metrics)]
        return TableModel("final_three_public", 7, title, fmt.unit, columns, header, 3, [row], wide=True,
                          column_row=_column_row(columns) if layout.column_numbers != "none" else None)
    title = "财政拨款“三公”经费支出决算表"
    columns = [Column(VALUE)] * 12
    header = [
        HeaderCell(0, 0, "财政拨款“三公”经费", colspan=12),
        HeaderCell(1, 0, "合计", colspan=2, rowspan=2),
        HeaderCell(1, 2, "因公出国（境）费", colspan=2, rowspan=2),
        HeaderCell(1, 4, "公务用车购置及运行费", colspan=6),
        HeaderCell(2, 4, "小计", colspan=2),
        HeaderCell(2, 6, "公务用车购置费", colspan=2),
        HeaderCell(2, 8, "公务用车运行费", colspan=2),
        HeaderCell(1, 10, "公务接待费", colspan=2, rowspan=2),
    ]
    header += [HeaderCell(3, i, groups[i % 2][0]) for i in range(12)]
    budget, final = values(fig.three_public_budget), values(fig.three_public_final)
    row = []
    for b, f, m in zip(budget, final, metrics):
        row += [Cell(fmt(b), metric=m, budget=True), Cell(fmt(f), metric=m)]
    return TableModel("final_three_public", 7, title, fmt.unit, columns, header, 4, [row], wide=True,
                      column_row=_column_row(columns) if layout.column_numbers != "none" else None)


def _fund_table(
    kind: str, number: int, title: str, fig: YearFigures, layout: Layout, fmt: Numbers, spend: str, income: str,
    with_income: bool, fund_name: str, metric: str | None = None,
) -> TableModel:
    if with_income:
        groups = [("年初结转和结余", []), ("本年收入", []), ("本年支出", ["合计", "基本支出", "项目支出"]),
                  ("年末结转和结余", [])]
        measures = ["zero", income, spend, "zero", spend, "zero"]
    else:
        groups = [("本年支出", ["合计", "基本支出", "项目支出"])]
        measures = [spend, "zero", spend]
    columns, header, rows = _function_header(layout, groups)
    codes = fig.function_codes(spend)
    if codes:
        # ``metric`` is what the 合计 row's 本年支出/合计 prints.
        tagged = {measures.index(spend): metric} if metric else None
        body = _function_rows(layout, fig, measures, fmt, codes, total_metrics=tagged)
        note, empty = None, False
    else:
        body = _empty_rows(columns, layout)
        what = "收入、支出" if with_income else "支出"
        note, empty = f"注：本单位无{fund_name}预算财政拨款{what}，故本表无数据。", True
    return TableModel(kind, number, title, fmt.unit, columns, header, rows, body, wide=True, is_empty=empty, note=note,
                      column_row=_column_row(columns) if layout.column_numbers != "none" else None)


def table_8(dept: Department, fig: YearFigures, layout: Layout, fmt: Numbers) -> TableModel:
    return _fund_table("final_government_fund", 8, "政府性基金预算财政拨款收入支出决算表", fig, layout, fmt,
                       "gf_project", "gf_income", True, "政府性基金", "government_fund_expenditure")


def table_9(dept: Department, fig: YearFigures, layout: Layout, fmt: Numbers) -> TableModel:
    with_income = layout.titles == "variant"
    title = "国有资本经营预算财政拨款收入支出决算表" if with_income else "国有资本经营预算财政拨款支出决算表"
    return _fund_table("final_state_capital", 9, title, fig, layout, fmt, "sc_project", "sc_income", with_income,
                       "国有资本经营")


BUILDERS = (table_1, table_2, table_3, table_4, table_5, table_6, table_7, table_8, table_9)


def build_tables(dept: Department, fig: YearFigures, layout: Layout) -> list[TableModel]:
    fmt = Numbers(layout, fig.unit)
    return [build(dept, fig, layout, fmt) for build in BUILDERS]
