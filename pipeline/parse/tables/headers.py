"""The header of a table: which rows are header, what each column holds, and each value column's measure path.

Header rows are the rows above the first row that prints an amount (a column-number row ``1 2 3 …`` is neither
header nor body). A continuation page may repeat the header; its leading rows that only repeat header words are
skipped. Each column is a code column (科目编码, 类/款/项), a label column (项目, …名称), a column to ignore (行次,
栏次, 序号) or a value column, decided from the narrowest header cell over it that names a role, else from what its
body cells hold. A value column's measure is the path of header cells over it from the top down, blanks removed,
joined by ``/``, leaving out header cells that also span a label or code column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.parse.tables.amounts import (
    amount_printed,
    compact,
    is_code_text,
    is_column_number_row,
    is_placeholder,
)
from pipeline.parse.tables.stitch import SCell, Stitched

CODE, LABEL, VALUE, IGNORE = "code", "label", "value", "ignore"

_IGNORE_WORDS = {"行次", "栏次", "序号", "编号"}
_CODE_WORDS = re.compile(r"编码|代码")
_CODE_PARTS = {"类", "款", "项"}
_LABEL_WORDS = re.compile(r"^(?:项目|科目|摘要|内容)$|名称$")


@dataclass
class Header:
    header_rows: list[int]
    skipped_rows: set[int]  # repeated headers and column-number rows
    body_rows: list[int]
    roles: list[str]
    panels: list[int]  # panel of each column (0 left, 1 right, …)
    measures: dict[int, str] = field(default_factory=dict)  # value column -> measure path
    code_headers: dict[int, str] = field(default_factory=dict)  # panel -> header text over its code columns

    def columns(self, role: str, panel: int | None = None) -> list[int]:
        return [
            c for c, r in enumerate(self.roles) if r == role and (panel is None or self.panels[c] == panel)
        ]


def _has_amount(cells: list[SCell]) -> bool:
    return any(amount_printed(c.text) for c in cells)


def _row_texts(table: Stitched, row: int) -> list[str]:
    return [c.text for c in table.row_cells(row)]


def split_rows(table: Stitched) -> tuple[list[int], set[int], list[int]]:
    """(header rows, rows to skip, body rows)."""
    header: list[int] = []
    skipped: set[int] = set()
    body: list[int] = []
    header_words: set[str] = set()
    started = False
    leading = False  # at the top of a continuation page, before its first body row
    for row in range(table.n_rows):
        if row and table.row_fragment[row] != table.row_fragment[row - 1]:
            leading = True
        cells = table.row_cells(row)
        texts = [c.text for c in cells]
        if is_column_number_row(texts):
            skipped.add(row)
            continue
        has_amount = _has_amount(cells)
        if not started:
            if has_amount:
                started = True
                leading = False
                body.append(row)
            else:
                header.append(row)
                header_words.update(compact(t) for t in texts if compact(t))
            continue
        if leading and not has_amount:
            words = {compact(t) for t in texts if compact(t)}
            if words and words <= header_words | _CODE_PARTS:
                skipped.add(row)
                continue
        if has_amount:
            leading = False
        body.append(row)
    if not started:
        # No amount anywhere: the header is what stands above the first row holding a code or a 合计.
        header, body = [], []
        for row in range(table.n_rows):
            if row in skipped:
                continue
            texts = [compact(t) for t in _row_texts(table, row)]
            if not body and not any(is_code_text(t) or t in ("合计", "总计") for t in texts):
                header.append(row)
            else:
                body.append(row)
    return header, skipped, body


def _covering(table: Stitched, rows: list[int], col: int) -> list[SCell]:
    seen: list[SCell] = []
    for row in rows:
        cell = table.owner[row][col]
        if cell is not None and cell not in seen and compact(cell.text):
            seen.append(cell)
    return seen


def _role_from_header(cells: list[SCell]) -> str | None:
    """The role the narrowest header cells over a column name (a caption over several columns names none)."""
    if not cells:
        return None
    narrowest = min(c.span for c in cells)
    narrow = [c for c in cells if c.span == narrowest]
    # A narrow column prints its header word a character per line (行 over 次).
    if "".join(compact(c.text) for c in narrow) in _IGNORE_WORDS:
        return IGNORE
    for cell in narrow:
        word = compact(cell.text)
        if word in _IGNORE_WORDS:
            return IGNORE
        if _CODE_WORDS.search(word) or word in _CODE_PARTS:
            return CODE
        if _LABEL_WORDS.search(word):
            return LABEL
    return None


def _role_from_body(table: Stitched, body: list[int], col: int) -> str:
    amounts = texts = codes = 0
    for row in body:
        cell = table.own(row, col)
        if cell is None or not compact(cell.text) or is_placeholder(cell.text):
            continue
        if amount_printed(cell.text):
            amounts += 1
            if is_code_text(cell.text):
                codes += 1
        else:
            texts += 1
    if texts > amounts:
        return LABEL
    if amounts and codes == amounts:
        return "code?"
    return VALUE


def column_roles(table: Stitched, header_rows: list[int], body: list[int]) -> list[str]:
    roles: list[str] = []
    named: list[str | None] = []
    for col in range(table.n_cols):
        role = _role_from_header(_covering(table, header_rows, col))
        named.append(role)
        if table.roles is not None and role != IGNORE:
            role = table.roles[col]  # a table without rules: its words said what each column holds
        roles.append(role or _role_from_body(table, body, col))
    for col, role in enumerate(roles):
        if role == CODE and named[col] is None and _numbers_rows(table, body, col) and IGNORE in (
            named[col - 1] if col else None,
            named[col + 1] if col + 1 < len(named) else None,
        ):
            roles[col] = IGNORE
    # Digits-only columns are codes when they stand before the labels they number; otherwise amounts.
    first_label = next((c for c, r in enumerate(roles) if r == LABEL), None)
    for col, role in enumerate(roles):
        if role == "code?":
            before_values = all(r != VALUE for r in roles[:col])
            roles[col] = CODE if first_label is not None and col < first_label and before_values else VALUE
    return roles


def _numbers_rows(table: Stitched, body: list[int], col: int) -> bool:
    """A column of one- or two-digit numbers: the rows' 行次 where its header word (行次, 栏次, 序号) stands over the
    column beside it (a table without rules splits a wide header word and the narrow numbers under it in two). A
    classification code has three digits or more, or is split under 类/款/项 words that name its columns."""
    texts = [compact(c.text) for row in body if (c := table.own(row, col)) is not None and compact(c.text)]
    return bool(texts) and all(is_code_text(t) and len(t) <= 2 for t in texts)


def column_panels(roles: list[str]) -> list[int]:
    """Side-by-side panels: a new panel starts where a code or label column follows a value column."""
    panels: list[int] = []
    panel, seen_value = 0, False
    for role in roles:
        if role in (CODE, LABEL) and seen_value:
            panel += 1
            seen_value = False
        if role == VALUE:
            seen_value = True
        panels.append(panel)
    return panels


_FORM_VALUE = re.compile(r"\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}")


def _form_rows(table: Stitched, rows: list[int]) -> list[int]:
    """Header rows that are really a form's fields (dates, sentences): for a table of unknown kind only the
    header rows below the last such row are its header."""
    last = -1
    for i, row in enumerate(rows):
        if any(_FORM_VALUE.search(c.text) or len(compact(c.text)) > 30 for c in table.row_cells(row)):
            last = i
    return rows[: last + 1]


def read_header(table: Stitched, standard: bool = True) -> Header:
    header_rows, skipped, body = split_rows(table)
    if not standard:
        form = set(_form_rows(table, header_rows))
        header_rows = [r for r in header_rows if r not in form]
    roles = column_roles(table, header_rows, body)
    panels = column_panels(roles)
    header = Header(header_rows, skipped, body, roles, panels)
    not_values = {c for c, r in enumerate(roles) if r != VALUE}
    for col, role in enumerate(roles):
        if role != VALUE:
            continue
        path = []
        for cell in _covering(table, header_rows, col):
            if any(c in not_values for c in range(cell.col, cell.col_end)):
                continue
            path.append(compact(cell.text))
        header.measures[col] = "/".join(path)
    for panel in set(panels):
        words = [
            compact(cell.text)
            for col in header.columns(CODE, panel)
            for cell in _covering(table, header_rows, col)
        ]
        header.code_headers[panel] = "".join(words)
    return header
