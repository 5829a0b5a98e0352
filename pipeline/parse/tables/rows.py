"""Body rows of a stitched table as numeric cells with their row label, code and panel.

A row label is the text of the label cells of the value's panel, blanks removed; where a row has several label
columns (a group cell merged down beside a sub-item, 专项名称 beside 经济科目) their texts are joined by ``/``. A
row that prints no label (the one data row of a 三公 table) has an empty label. A code is the row's digits in the
panel's code columns joined (``201|06|01`` → ``2010601``); a 类 cell left blank below its first row is taken from
the rows above. A label that starts with its code (``201 一般公共服务支出``) is split.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.parse.tables.amounts import amount_printed, compact, is_code_text, is_placeholder
from pipeline.parse.tables.headers import CODE, LABEL, VALUE, Header
from pipeline.parse.tables.printed_lines import BBox
from pipeline.parse.tables.stitch import Stitched

_CODE_IN_LABEL = re.compile(r"^(?P<code>\d{3}(?:\d{2}){0,2})[\s\u3000]+(?P<label>\S.*)$", re.DOTALL)


@dataclass
class ReadCell:
    page: int
    bbox: BBox | None
    row_index: int
    column_index: int
    panel: int
    code: str | None
    item: str
    measure: str
    value_printed: str
    ref: str | None = None


def _label(table: Stitched, header: Header, row: int, panel: int) -> str:
    parts: list[str] = []
    seen: list[int] = []
    for col in header.columns(LABEL, panel):
        cell = table.owner[row][col]
        if cell is None or id(cell) in seen:
            continue
        seen.append(id(cell))
        text = compact(cell.text)
        if text and not amount_printed(cell.text) and not is_placeholder(text):
            parts.append(text)
    return "/".join(parts)


def read_body(table: Stitched, header: Header, body: list[int]) -> list[ReadCell]:
    out: list[ReadCell] = []
    panels = sorted(set(header.panels))
    remembered: dict[int, str] = {}  # code column -> last code part printed in it
    row_index = -1
    for row in body:
        cells = table.row_cells(row)
        if not any(compact(c.text) for c in cells):
            continue
        row_index += 1
        for panel in panels:
            code_parts: list[str] = []
            code_cols = header.columns(CODE, panel)
            for col in code_cols:
                cell = table.own(row, col)
                text = compact(cell.text) if cell is not None else ""
                code_parts.append(text if is_code_text(text) else "")
            code = _join_code(code_parts, code_cols, remembered)
            label = _label(table, header, row, panel)
            if not label and panel > 0 and header.columns(LABEL, panel):
                # A label printed across into the next panel (当年支出小计 over both 支出 panels).
                left = _label(table, header, row, panel - 1)
                if left and not any(
                    amount_printed(c.text)
                    for col in header.columns(VALUE, panel - 1)
                    if (c := table.own(row, col))
                ):
                    label = left
            if code is None and not code_cols:
                split = _CODE_IN_LABEL.match(_raw_label(table, header, row, panel))
                if split:
                    code, label = split.group("code"), compact(split.group("label"))
            for col in header.columns(VALUE, panel):
                cell = table.own(row, col)
                if cell is None:
                    continue
                printed = amount_printed(cell.text)
                if printed is None:
                    continue
                out.append(
                    ReadCell(
                        page=cell.page,
                        bbox=cell.bbox,
                        row_index=row_index,
                        column_index=col,
                        panel=panel,
                        code=code,
                        item=label,
                        measure=header.measures.get(col, ""),
                        value_printed=printed,
                        ref=cell.ref,
                    )
                )
    return out


def _join_code(parts: list[str], cols: list[int], remembered: dict[int, str]) -> str | None:
    """The row's code from its code columns: split parts (201|06|01) joined, a part left blank under its first
    row (a 类 printed once) taken from the rows above, a one-digit 款/项 part read as two digits (2 → 02); a
    column that prints whole codes (2013901) beside others gives its code as is."""
    if not any(parts):
        return None
    if len(parts) > 1 and any(len(p) >= 5 for p in parts):
        return max(parts, key=len)
    last = max(i for i, part in enumerate(parts) if part)
    parts = [
        part or (remembered.get(col, "") if i < last else "")
        for i, (col, part) in enumerate(zip(cols, parts))
    ]
    for col, part in zip(cols, parts):
        if part:
            remembered[col] = part
    # A 款 or 项 part is two digits; a spreadsheet that dropped the leading zero (301 | 2) still means 30102.
    return "".join(part.zfill(2) if i and part else part for i, part in enumerate(parts))


def _raw_label(table: Stitched, header: Header, row: int, panel: int) -> str:
    cols = header.columns(LABEL, panel)
    if not cols:
        return ""
    cell = table.owner[row][cols[0]]
    return cell.text.strip() if cell is not None else ""
