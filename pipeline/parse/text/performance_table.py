"""绩效自评表 (部门（单位）整体绩效自评表, 项目支出绩效自评表) read from their flattened text.

A table is a sequence of rows of a few kinds, recognised by their cell names rather than their
positions: label/value rows (部门（单位）名称 | …, 总评价得分 | 79.01), the header of the budget lines
(对应项目 | 项目下达金额 | …), the header of the goals (年初总体目标 | 全年完成情况) and the header of
the indicators (一级指标 | 二级指标 | 三级指标 | …). Data rows follow their header. A second header row
that splits one column into several (偏差原因分析 → 经费保障原因分析, 制度保障原因分析 …) widens that
column and shifts the ones after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from pipeline.parse.provenance import PrintedValue
from pipeline.parse.text.flat_table import Cell, FlatTable, Row, find_flat_tables
from pipeline.parse.text.lines import Line, location
from pipeline.schemas import PERFORMANCE_INDICATORS, PERFORMANCE_LINES, PERFORMANCE_SUMMARIES

# "部门（单位）整体绩效自评表", "附件2：2022年度项目支出绩效自评表", "项目支出绩效自评表（2022年度）".
TITLE = re.compile(
    r"(?:附件\s*[0-9一二三四五六七八九十]*\s*[:：]?\s*)?(?P<title>[^，。；:：]{0,40}?绩效自评表)"
    r"\s*(?:[（(]\d{4}\s*年度?[）)])?"
)

# Label cells of the label/value rows, field by field.
_SUMMARY_LABELS = (
    ("unit_name_printed", re.compile(r"部门[（(]单位[）)]名称|单位名称|部门名称|实施单位")),
    ("budget_income_wan_yuan", re.compile(r".*年初预算收入.*")),
    ("budget_expenditure_wan_yuan", re.compile(r".*年初预算支出.*")),
    ("total_score", re.compile(r"总评价得分|总得分|总分|自评得分|评价得分")),
)
# Column names of the headers, field by field; within a field the first pattern that names a column wins.
_LINE_COLUMNS = (
    ("task", ("主要任务", "年度任务")),
    ("project_name", ("对应项目", "项目名称", "项目资金")),
    ("executed_wan_yuan", ("执行金额", "执行数")),
    ("allocated_wan_yuan", ("下达", "全年预算数", "调整后预算", "预算数")),
    ("execution_rate_pct", ("执行率",)),
    ("weight", ("分值", "权重")),
    ("score", ("得分",)),
)
_GOAL_COLUMNS = (
    ("annual_goal", ("年初总体目标", "预期目标", "总体目标")),
    ("annual_result", ("完成情况",)),
)
_INDICATOR_COLUMNS = (
    ("level1", ("一级指标",)),
    ("level2", ("二级指标",)),
    ("level3", ("三级指标",)),
    ("operator", ("运算符号", "指标性质", "符号")),
    ("target_value", ("指标值", "目标值")),
    ("measure_unit", ("度量单位", "计量单位")),
    ("actual_value", ("完成值", "实际值")),
    ("completion", ("完成程度",)),
    ("weight", ("分值", "权重")),
    ("score", ("得分",)),
    ("deviation_reason", ("偏差原因", "未完成原因", "原因分析")),
    ("improvement", ("改进措施",)),
)
_LINE_NUMBERS = ("allocated_wan_yuan", "executed_wan_yuan", "execution_rate_pct", "weight", "score")
_FILLED_DOWN = {"lines": ("task",), "indicators": ("level1", "level2")}

Columns = dict[str, list[int]]  # field → the physical columns it spans


@dataclass
class PerformanceTable:
    summary: dict
    lines: list[dict] = field(default_factory=list)
    indicators: list[dict] = field(default_factory=list)
    # (frame name, row index within the table — () for the summary, column) → the printed cell
    printed: dict[tuple[str, tuple[int, ...], str], PrintedValue] = field(default_factory=dict)


def find_performance_tables(lines: list[Line]) -> list[FlatTable]:
    return find_flat_tables(lines, TITLE)


def read_performance_table(table: FlatTable) -> PerformanceTable:
    result = PerformanceTable(summary={"table_title": table.title, "line_no": table.title_line.no})
    rows = [row for row in table.rows if not row.is_empty()]
    kind, columns, filled = None, {}, {}
    i = 0
    while i < len(rows):
        row, following = rows[i], rows[i + 1] if i + 1 < len(rows) else None
        header = _header_kind(row.texts)
        if header == "lines":
            kind, columns, filled = header, _line_columns(row.texts), {}
        elif header == "indicators":
            sub = following.texts if following and _is_subheader(following.texts, row.texts) else None
            kind, columns, filled = header, _map_columns(row.texts, _INDICATOR_COLUMNS, sub), {}
            i += sub is not None
        elif header == "goals" and following:
            for name, cols in _map_columns(row.texts, _GOAL_COLUMNS).items():
                result.summary[name] = _cell_text(following, cols) or None
            kind, i = None, i + 1
        elif _read_summary_row(row, result):
            kind = None
        elif kind == "lines":
            _read_line(row, columns, filled, result)
        elif kind == "indicators":
            _read_indicator(row, columns, filled, result)
        i += 1
    return result


def _header_kind(texts: list[str]) -> str | None:
    """Which block a row heads, judged by its cell names; a row holding a number heads nothing."""
    if any(_number(text) is not None for text in texts):
        return None
    if _names_all(texts, ("执行率",)) and _names_any(texts, ("下达", "预算数", "执行")):
        return "lines"
    if _names_all(texts, ("一级指标", "三级指标")):
        return "indicators"
    if _names_all(texts, ("完成情况",)) and _names_any(texts, ("目标",)):
        return "goals"
    return None


def _read_summary_row(row: Row, result: PerformanceTable) -> bool:
    found = False
    cells = [c for c in row.cells if c.text]
    for label, value in zip(cells, cells[1:], strict=False):
        for name, pattern in _SUMMARY_LABELS:
            if name not in result.summary and pattern.fullmatch(label.text):
                key = ("performance_summaries", (), name)
                if name == "unit_name_printed":
                    result.summary[name] = value.text
                    result.printed[key] = _printed(value)
                else:
                    number = _number(value.text)
                    result.summary[name] = PERFORMANCE_SUMMARIES.held(name, number)
                    if number is not None:
                        result.printed[key] = _printed(value)
                found = True
    return found


def _read_line(row: Row, columns: Columns, filled: dict, result: PerformanceTable) -> None:
    values = _values(row, columns, filled, "lines")
    numbers = {name: _number(values.get(name)) for name in _LINE_NUMBERS}
    if not values.get("project_name") or all(v is None for v in numbers.values()):
        return
    index = len(result.lines)
    result.lines.append(
        {
            "line_index": index,
            "task": values.get("task"),
            "project_name": values["project_name"],
            **{name: PERFORMANCE_LINES.held(name, number) for name, number in numbers.items()},
            "line_no": row.line_no,
        }
    )
    _keep_printed(row, columns, ("performance_lines", index), numbers, result)


def _read_indicator(row: Row, columns: Columns, filled: dict, result: PerformanceTable) -> None:
    values = _values(row, columns, filled, "indicators")
    if not values.get("level3"):
        return
    index = len(result.indicators)
    numbers = {name: _number(values.get(name)) for name in ("weight", "score")}
    result.indicators.append(
        {
            "indicator_index": index,
            **{name: values.get(name) for name, _ in _INDICATOR_COLUMNS if name not in numbers},
            **{name: PERFORMANCE_INDICATORS.held(name, number) for name, number in numbers.items()},
            "line_no": row.line_no,
        }
    )
    _keep_printed(row, columns, ("performance_indicators", index), numbers, result)


def _keep_printed(
    row: Row,
    columns: Columns,
    key: tuple[str, int],
    numbers: dict[str, Decimal | None],
    result: PerformanceTable,
) -> None:
    """The printed cell of each number read, held or not: a number without a value is one beyond range."""
    frame, index = key
    for name, number in numbers.items():
        if number is not None and name in columns and columns[name][0] < len(row.cells):
            result.printed[(frame, (index,), name)] = _printed(row.cells[columns[name][0]])


def _values(row: Row, columns: Columns, filled: dict, kind: str) -> dict[str, str | None]:
    """The row's text per field; a merged cell (empty in the rows below its first) takes the value above."""
    values = {name: _cell_text(row, cols) or None for name, cols in columns.items()}
    for name in _FILLED_DOWN[kind]:
        if values.get(name):
            filled[name] = values[name]
        else:
            values[name] = filled.get(name)
    return values


def _cell_text(row: Row, cols: list[int]) -> str:
    """One column's text; a column split by a sub-header joins its non-empty parts with ；."""
    parts = [row.cells[c].text for c in cols if c < len(row.cells) and row.cells[c].text]
    return "；".join(parts)


def _line_columns(header: list[str]) -> Columns:
    """The budget lines' columns; without a 对应项目/项目名称 column the first column names each row
    (年度资金总额, 其中：财政拨款 …)."""
    columns = _map_columns(header, _LINE_COLUMNS)
    if "project_name" not in columns and not any(0 in cols for cols in columns.values()):
        columns["project_name"] = [0]
    return columns


def _map_columns(header: list[str], spec: tuple, subheader: list[str] | None = None) -> Columns:
    physical = _physical_columns(header, subheader)
    columns: Columns = {}
    taken: set[int] = set()
    for name, patterns in spec:
        for pattern in patterns:
            hit = next((i for i, text in enumerate(header) if i not in taken and pattern in text), None)
            if hit is not None:
                columns[name] = physical[hit]
                taken.add(hit)
                break
    return columns


def _physical_columns(header: list[str], subheader: list[str] | None) -> list[list[int]]:
    """Where each header cell's data sits: a header cell above a run of sub-header cells spans them all."""
    spans, shift = [], 0
    for i in range(len(header)):
        start = i + shift
        width = 1
        if subheader:
            while start + width < len(subheader) and subheader[start] and subheader[start + width]:
                width += 1
        spans.append(list(range(start, start + width)))
        shift += width - 1
    return spans


def _is_subheader(row: list[str], header: list[str]) -> bool:
    """A second header row: names only, under columns after the indicator names (no indicator of its own)."""
    level3 = _map_columns(header, _INDICATOR_COLUMNS).get("level3", [0])[0]
    named = [text for text in row if text]
    return bool(named) and (level3 >= len(row) or not row[level3]) and all(_number(t) is None for t in named)


def _names_all(texts: list[str], words: tuple[str, ...]) -> bool:
    return all(any(word in text for text in texts) for word in words)


def _names_any(texts: list[str], words: tuple[str, ...]) -> bool:
    return any(word in text for text in texts for word in words)


def _number(printed: str | None) -> Decimal | None:
    if not printed:
        return None
    try:
        number = Decimal(printed.replace(",", "").replace("%", "").replace("％", "").strip())
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _printed(cell: Cell) -> PrintedValue:
    return PrintedValue(cell.text, location(cell.line_no, cell.start, cell.end))
