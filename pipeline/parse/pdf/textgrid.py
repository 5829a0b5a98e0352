"""Tables printed without ruling lines (or with only a top, an under-header and a bottom rule), rebuilt from
the positions of their words.

Below a recognised table title (or atop the page after such a table) the lines that print amounts are the body
rows. Columns: amounts stand in columns whose extents overlap from row to row; the text between value columns is a
label column (a new panel when it stands right of a value column); bare digits right before a label are its code;
a header word that heads no column of amounts heads a column that prints nothing. Rows: a label that runs up to the
right edge of its column wraps, and the lines of its rest join its row (the amounts on its first, middle or last
line); any other line without amounts is a row of its own. Header: a word covers the columns whose place it spans;
a word right under another continues it; a word over sub-headers is a caption over the neighbouring columns whose
sub-headers stand at its sub-headers' height. The result is a ``Grid`` like a ruled table's, with the role of each
column, so the rest of the reader does not care where it came from.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.parse.pdf.textheader import header_rows
from pipeline.parse.pdf.words import Token, column_of, header_words, is_amount, tokens
from pipeline.parse.tables.amounts import (
    compact,
    is_code_text,
    is_column_number_row,
    is_placeholder,
)
from pipeline.parse.tables.context import names_table
from pipeline.parse.tables.grid import Cell, Grid
from pipeline.parse.tables.printed_lines import TextLine, level_lines
from pipeline.parse.tables.titles import match_title
from pipeline.parse.tables.units import unit_in_text

_MIN_BODY_LINES = 2


def _split(line: TextLine) -> tuple[list[Token], list[Token], list[Token]]:
    """(codes, labels, amounts) of a line: a run of bare digits right before a label is that label's code."""
    codes: list[Token] = []
    labels: list[Token] = []
    amounts: list[Token] = []
    run: list[Token] = []
    for token in tokens(line):
        if is_placeholder(token.text):
            continue  # a dash where no amount is printed: a blank cell
        if is_amount(token):
            if is_code_text(token.text) and len(compact(token.text)) <= 7:
                run.append(token)
            else:
                # Bare digits that lead the line before its first decimal amount: a code whose label wrapped
                # onto the lines around it.
                if not labels and not amounts and "." in token.text:
                    codes.extend(run)
                else:
                    amounts.extend(run)
                run = []
                amounts.append(token)
        else:
            codes.extend(run)
            run = []
            labels.append(token)
    amounts.extend(run)
    return codes, labels, amounts


_SENTENCE = re.compile(r"[。，；]|^(?:万元|亿元|元|%|％)")


def _is_prose(line: TextLine) -> bool:
    """A line of running text: sentence punctuation, a unit right after a number, or a long phrase."""
    return any(
        _SENTENCE.search(compact(t.text)) or len(compact(t.text)) > 30
        for t in tokens(line)
        if not is_amount(t)
    )


def _intervals(tokens: Sequence[Token], slack: float = 1.0) -> list[tuple[float, float]]:
    """Overlapping horizontal extents merged into columns."""
    spans = sorted((t.x0, t.x1) for t in tokens)
    out: list[list[float]] = []
    for x0, x1 in spans:
        if out and x0 <= out[-1][1] + slack:
            out[-1][1] = max(out[-1][1], x1)
        else:
            out.append([x0, x1])
    return [(a, b) for a, b in out]


@dataclass
class _Row:
    lines: list[TextLine]

    @property
    def top(self) -> float:
        return min(line.top for line in self.lines)

    @property
    def bottom(self) -> float:
        return max(line.bottom for line in self.lines)


def _region(lines: Sequence[TextLine], start: int, stop: float) -> list[TextLine]:
    """Lines from ``start`` until ``stop`` (a ruled table), the next title (a standard one or not: the rows of a
    table under it are never this table's), a note, or a gap far wider than the rows'."""
    out: list[TextLine] = []
    for line in lines[start:]:
        if line.top >= stop:
            break
        flat = compact(line.text)
        if _PAGE_NUMBER.match(flat):
            continue
        if out and (names_table(flat) or flat.startswith(("注：", "注:", "说明：", "说明:"))):
            break
        if len(out) >= 2:
            pitches = [b.top - a.top for a, b in itertools.pairwise(out)]
            typical = statistics.median(pitches)
            if line.top - out[-1].top > max(3 * typical, 40):
                break
        out.append(line)
    return out


def _attach_code_lines(lines: list[TextLine]) -> list[TextLine]:
    """A line of bare codes printed a little above or below its row (fonts with other baselines) joins the
    nearest line that prints labels."""
    out = list(lines)
    i = 0
    while i < len(out):
        words = tokens(out[i])
        if words and all(is_code_text(t.text) for t in words):
            line = out[i]
            height = max(line.bottom - line.top, 1.0)
            neighbours = [j for j in (i - 1, i + 1) if 0 <= j < len(out)]
            neighbours = [
                j
                for j in neighbours
                if any(not is_amount(t) for t in tokens(out[j]))
                and min(
                    abs(out[j].top - line.bottom),
                    abs(line.top - out[j].bottom),
                    abs(out[j].middle - line.middle),
                )
                < 0.8 * height
            ]
            if neighbours:
                j = min(neighbours, key=lambda k: abs(out[k].middle - line.middle))
                for char in line.chars:
                    out[j].add(char)
                del out[i]
                continue
        i += 1
    return out


def _build(page_number: int, lines: list[TextLine], carried: bool = False) -> Grid | None:
    """``carried``: the lines atop a page that go on with the previous page's table, where one row of amounts
    (the last row, 总计) is enough."""
    lines = _attach_code_lines(lines)
    split = [_split(line) for line in lines]
    # A column-number line (栏次 1 2 3 …) is part of the header, not a body row.
    numbering = {i for i, line in enumerate(lines) if is_column_number_row([t.text for t in tokens(line)])}
    body_at = [i for i, (_, _, amounts) in enumerate(split) if amounts and i not in numbering]
    if not body_at or (len(body_at) < _MIN_BODY_LINES and len(split[body_at[0]][2]) < 2 and not carried):
        return None
    first, last = body_at[0], body_at[-1]
    # Prose that happens to print numbers apart from their words is no table.
    prose = sum(1 for line in lines[first : last + 1] if _is_prose(line))
    if prose * 4 > last - first + 1:
        return None
    body_split = [sp for i, sp in enumerate(split) if first <= i <= last and i not in numbering]

    value_cols = _intervals([t for _, _, amounts in body_split for t in amounts])
    code_cols = _intervals([t for codes, _, _ in body_split for t in codes])
    label_tokens = [
        t
        for _, labels, _ in body_split
        for t in labels
        if not any(a - 1 <= t.middle <= b + 1 for a, b in code_cols)
    ]
    # A label column lies between value columns (or before the first one): one per gap that holds text.
    edges = [float("-inf")] + [x for span in value_cols for x in span] + [float("inf")]
    label_cols: list[tuple[float, float]] = []
    for k in range(0, len(edges), 2):
        lo, hi = edges[k], edges[k + 1]
        inside = [t for t in label_tokens if lo <= t.middle <= hi]
        if inside:
            label_cols.append((min(t.x0 for t in inside), max(t.x1 for t in inside)))
    first, last = _wrapped_ends(lines, split, (first, last), label_cols, numbering)
    # Header: the lines above the first body line that are not the title block (unit, department fields).
    header_lines = level_lines(
        char
        for i, line in enumerate(lines[:first])
        if not unit_in_text(line.text) and not match_title(line.text) and i not in numbering
        for char in line.chars
    )
    body_lines = [line for i, line in enumerate(lines) if first <= i <= last and i not in numbering]
    body_split = [sp for i, sp in enumerate(split) if first <= i <= last and i not in numbering]
    kinds = {span: "value" for span in value_cols}
    kinds.update({span: "code" for span in code_cols})
    kinds.update({span: "label" for span in label_cols})
    columns = sorted(value_cols + code_cols + label_cols)
    # Columns that print nothing in the body still have a header: header words right of the labels that stand
    # over no column are empty value columns of their own.
    # A header word nearest to no column of amounts (over all header lines: a header centred over several rows
    # stands on a line of its own) heads a column that prints nothing. The lowest header line, which names the
    # columns one by one, is read first.
    first_value = value_cols[0][0] if value_cols else float("inf")
    # Words right of the first panel's labels: an empty column may come before the first amounts.
    labels_end = max((b for a, b in code_cols + label_cols if b < first_value), default=float("-inf"))
    # Header words, a word wrapped onto the next line joined to the word it continues.
    units: list[Token] = []
    previous_words: list[Token] = []
    for line in header_lines:
        line_words = header_words(line, previous_words)
        previous_words = previous_words + line_words
        for t in line_words:
            if t.x0 <= labels_end:
                continue
            upper = next(
                (
                    i
                    for i, o in enumerate(units)
                    if o.x0 - 2 <= t.x0
                    and t.x1 <= o.x1 + 2
                    and 0 <= t.top - o.bottom < 0.6 * (t.bottom - t.top)
                ),
                None,
            )
            if upper is None:
                units.append(t)
            else:
                o = units[upper]
                units[upper] = Token(o.text + t.text, o.x0, o.x1, o.top, t.bottom)
    # Each column's head: the nearest word, on the lowest header line that has one in the column's zone
    # (halfway to the columns beside it).
    ordered = sorted(columns)
    heads: set[int] = set()
    for i, (a, b) in enumerate(ordered):
        if (a + b) / 2 <= labels_end:
            continue
        low = (ordered[i - 1][1] + a) / 2 if i else float("-inf")
        high = (b + ordered[i + 1][0]) / 2 if i + 1 < len(ordered) else float("inf")
        zone = [u for u in units if low <= u.middle <= high]
        if zone:
            lowest = max(u.top for u in zone)
            level = [u for u in zone if u.top >= lowest - 1]
            heads.add(id(min(level, key=lambda u, m=(a + b) / 2: abs(u.middle - m))))

    # A column's head reaches at least halfway down the header (centred over its rows, or on the lowest line);
    # a word that stays in the upper half is a caption, though no word stands right under it (收入 over 项目
    # and 决算数, between a label flush left and amounts flush right).
    header_middle = (
        (min(line.top for line in header_lines) + max(line.bottom for line in header_lines)) / 2
        if header_lines
        else 0.0
    )

    def caption(t: Token) -> bool:  # a word over other header words
        if t.bottom < header_middle:
            return True
        return any(o.top >= t.bottom and o.x0 <= t.x1 and t.x0 <= o.x1 for o in units if o is not t)

    for t in sorted(units, key=lambda u: -u.top):  # the lowest header words name the columns one by one
        if id(t) in heads or caption(t) or any(a <= t.x1 and t.x0 <= b for a, b in columns):
            continue
        columns.append((t.x0, t.x1))
        kinds[(t.x0, t.x1)] = "value"
    columns.sort()
    if len(columns) < 2:
        return None
    xs = [columns[0][0] - 1.0]
    for (_, right), (left, _) in itertools.pairwise(columns):
        xs.append((right + left) / 2)
    xs.append(columns[-1][1] + 1.0)

    # Rows: body lines, with the text-only lines of a wrapped label folded in. A label wraps when it runs up to
    # the right edge of its column; its rest stands under it, the amounts on its first, middle or last line.
    def label_in(line: TextLine, column: tuple[float, float]) -> Token | None:
        a, b = column
        inside = [t for t in tokens(line) if not is_amount(t) and a - 1 <= t.middle <= b + 1]
        return min(inside, key=lambda t: t.x0) if inside else None

    def column_of(token: Token) -> tuple[float, float] | None:
        return next(((a, b) for a, b in label_cols if a - 1 <= token.middle <= b + 1), None)

    def begins(token: Token | None) -> bool:
        return token is not None and _starts_label([token])

    rows: list[_Row] = []
    prefix: list[TextLine] = []  # the first lines of a label whose amounts come below
    prefix_column: tuple[float, float] | None = None
    for line, (_, labels, amounts) in zip(body_lines, body_split):
        first = min((t for t in labels if column_of(t)), key=lambda t: t.x0, default=None)
        column = column_of(first) if first is not None else None
        if amounts:
            # A prefix goes with this row unless this row prints a label of its own in the prefix's column.
            if prefix and (begins(label_in(line, prefix_column)) or not _close(prefix[-1], line)):
                rows.append(_Row(prefix))
                prefix = []
            rows.append(_Row(prefix + [line]))
            prefix = []
            continue
        if column is None:
            rows.append(_Row([line]))
            continue
        if (
            prefix
            and not begins(first)
            and _close(prefix[-1], line)
            and _fills(label_in(prefix[-1], column), column)
        ):
            prefix.append(line)
            continue
        if rows and not begins(first) and _close(rows[-1].lines[-1], line):
            above = next((label_in(l, column) for l in reversed(rows[-1].lines) if label_in(l, column)), None)
            if _fills(above, column):
                rows[-1].lines.append(line)  # the rest of a label whose amounts stand above
                continue
        if prefix:
            rows.append(_Row(prefix))
            prefix = []
        if _fills(first, column):
            prefix, prefix_column = [line], column  # a label that goes on in the next line
        else:
            rows.append(_Row([line]))
    if prefix:
        rows.append(_Row(prefix))

    all_rows = list(header_rows(header_lines, xs))
    for row in rows:
        all_rows.append((row.top, row.bottom, _row_cells(row, xs)))
    grid = _grid(page_number, xs, all_rows)
    if grid is not None:
        grid.roles = [kinds[span] for span in columns]
    return grid


def _fills(token: Token | None, column: tuple[float, float]) -> bool:
    """A label that runs up to the right edge of its column: it wraps onto the next line."""
    if token is None:
        return False
    return token.x1 >= column[1] - 1.5 * max(token.bottom - token.top, 1.0)


def _wrapped_ends(
    lines: Sequence[TextLine],
    split: Sequence[tuple[list[Token], list[Token], list[Token]]],
    body: tuple[int, int],
    label_cols: Sequence[tuple[float, float]],
    numbering: set[int],
) -> tuple[int, int]:
    """The first and last body lines, widened to the lines of labels wrapped around the first and last amounts
    (a label's first line above its amounts, its rest below them): close lines without amounts whose words all
    stand in label columns — above, a label that runs to the right edge of its column."""

    def label_only(i: int) -> list[Token]:
        codes, labels, amounts = split[i]
        if amounts or codes or not labels or i in numbering:
            return []
        if all(any(a - 1 <= t.middle <= b + 1 for a, b in label_cols) for t in labels):
            return labels
        return []

    first, last = body
    while first > 0 and _close(lines[first - 1], lines[first]):
        labels = label_only(first - 1)
        column = next(((a, b) for a, b in label_cols if labels and a - 1 <= labels[-1].middle <= b + 1), None)
        if column is None or not _fills(labels[-1], column):
            break
        first -= 1
    while last + 1 < len(lines) and _close(lines[last], lines[last + 1]) and label_only(last + 1):
        last += 1
    return first, last


_ENUMERATED = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）]|\d+[.．、](?!\d)|其中)"
)
_TOTAL = re.compile(r"合\s*计|总\s*计|小\s*计")


def _starts_label(labels: Sequence[Token]) -> bool:
    """A label that begins a row of its own: numbered (一、 1. （一）) or a total."""
    if not labels:
        return False
    text = compact(labels[0].text)
    return bool(_ENUMERATED.match(text) or _TOTAL.search(text))


def _close(upper: TextLine, lower: TextLine) -> bool:
    return lower.top - upper.bottom < 0.8 * max(upper.bottom - upper.top, 1.0)


def _row_cells(
    row: _Row, xs: Sequence[float]
) -> list[tuple[int, int, str, tuple[float, float, float, float]]]:
    by_col: dict[int, list[tuple[TextLine, Token]]] = {}
    for line in row.lines:
        for token in tokens(line):
            if not is_placeholder(token.text):
                by_col.setdefault(column_of(xs, token.middle), []).append((line, token))
    cells = []
    for col, items in sorted(by_col.items()):
        items.sort(key=lambda lt: (lt[1].top, lt[1].x0))
        # Tokens of one line joined by a blank, lines by a line break.
        text_lines: list[str] = []
        current: TextLine | None = None
        for line, token in items:
            if line is current:
                text_lines[-1] += " " + token.text
            else:
                text_lines.append(token.text)
                current = line
        bbox = (
            min(t.x0 for _, t in items),
            min(t.top for _, t in items),
            max(t.x1 for _, t in items),
            max(t.bottom for _, t in items),
        )
        cells.append((col, col + 1, "\n".join(text_lines), bbox))
    return cells


def _grid(page_number: int, xs: list[float], rows) -> Grid | None:
    rows = sorted(rows, key=lambda r: r[0])
    if not rows:
        return None
    ys = [rows[0][0] - 1.0]
    for (_, bottom, _), (top, _, _) in itertools.pairwise(rows):
        ys.append(max((bottom + top) / 2, ys[-1] + 0.1))
    ys.append(rows[-1][1] + 1.0)
    cells: list[Cell] = []
    for r, (_, _, row_cells) in enumerate(rows):
        taken: set[int] = set()
        for c0, c1, text, bbox in row_cells:
            if any(c in taken for c in range(c0, c1)):
                continue
            taken.update(range(c0, c1))
            # The box of the printed words (a little margin): a page continued without rules is placed in the
            # columns of the page before by where its words stand.
            x0, top, x1, bottom = bbox
            cell = Cell(r, c0, r + 1, c1, (x0 - 1.0, top - 1.0, x1 + 1.0, bottom + 1.0))
            cell.lines = text.split("\n")
            cells.append(cell)
    return Grid(page_number, xs, ys, cells, source="text")


def text_grids(
    page_number: int, lines: list[TextLine], ruled_tops: Sequence[float], follows_text_table: bool = False
) -> list[Grid]:
    """Tables without rules among a page's free lines: below each standard title, or atop the page when the
    previous page ended in such a table. A region ends where a ruled table begins."""
    starts = [i + 1 for i, line in enumerate(lines) if match_title(line.text)]
    if follows_text_table and (not starts or starts[0] > 1):
        starts.insert(0, 0)
    grids: list[Grid] = []
    for start in starts:
        if start >= len(lines):
            continue
        if start == 0:
            # A table carried over starts at the top of the page, under at most a repeated header.
            head = next((i for i, line in enumerate(lines[:16]) if _split(line)[2]), None)
            if head is None or any(_is_prose(line) for line in lines[:head]):
                continue
        top = lines[start].top
        stop = min((t for t in ruled_tops if t > top - 1), default=float("inf"))
        region = _region(lines, start, stop)
        grid = _build(page_number, region, carried=start == 0)
        if grid is None:
            grid = _empty(page_number, region, lines[start + len(region) : start + len(region) + 3])
        if grid is not None:
            grids.append(grid)
    return grids


_PAGE_NUMBER = re.compile(r"^[-—－]?\d{1,3}[-—－]?$|^第\d+页")
_HEADER_WORDS = re.compile(r"项目|科目|编码|合计|预算数|决算数|金额")


def _empty(page_number: int, region: Sequence[TextLine], after: Sequence[TextLine]) -> Grid | None:
    """A table that prints no amount: a header under its title and, usually, a note a few lines below that
    says why (注：…无数据 / 空表)."""
    # The column numbers (栏次 1 2 3 …) are no amounts.
    header = [
        line
        for line in region
        if not unit_in_text(line.text)
        and not match_title(line.text)
        and not is_column_number_row([t.text for t in tokens(line)])
    ]
    if not header or any(_is_prose(line) for line in header):
        return None
    worded = sum(1 for line in header[:6] if _HEADER_WORDS.search(compact(line.text)))
    noted = any(compact(line.text).startswith(("注", "说明")) for line in after)
    if worded < (1 if noted else 2):
        return None
    x0 = min(line.x0 for line in header)
    x1 = max(line.x1 for line in header)
    xs = [x0 - 1.0, x1 + 1.0]
    rows = [(line.top, line.bottom, [(0, 1, line.text, line.bbox)]) for line in header]
    return _grid(page_number, xs, rows)
