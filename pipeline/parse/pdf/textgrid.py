"""Tables printed without ruling lines, rebuilt from the positions of their words.

Below a recognised table title (or atop the page after such a table) the lines that print amounts are the body rows.
Amounts stand in columns: their horizontal extents overlap from row to row, so overlapping extents make a value
column; the text between value columns is a label column (a second panel when it stands right of a value column);
digits that lead a row before its label are its code. A line without amounts between body rows is part of the
nearest row when it stands closer than a row pitch (a label wrapped over lines, the amount on the middle one), and a
row of its own otherwise. The lines between the title block and the first body row are the header; a header word
covers the columns its extent overlaps, and a word right under another over the same columns continues it.
The result is a ``Grid`` like a ruled table's, so the rest of the reader does not care where it came from.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.parse.pdf.grid import Cell, Grid
from pipeline.parse.pdf.layout import Char, TextLine, chars_text
from pipeline.parse.pdf.numbers import (
    amount_printed,
    compact,
    is_code_text,
    is_column_number_row,
    is_placeholder,
)
from pipeline.parse.pdf.titles import match_title
from pipeline.parse.pdf.units import unit_in_text

_MIN_BODY_LINES = 2
_HEADER_GAP = 0.5


@dataclass
class Token:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def middle(self) -> float:
        return (self.x0 + self.x1) / 2


def _tokens(line: TextLine, wide: float = 0.9) -> list[Token]:
    """The line cut where the gap between characters is wider than ``wide`` glyphs (header words stand closer
    together than a justified label's characters: they are cut at half a glyph)."""
    out: list[list[Char]] = []
    for char in sorted(line.chars, key=lambda c: c["x0"]):
        if out:
            previous = out[-1][-1]
            size = max(min(char.get("size", 10.0), previous.get("size", 10.0)), 1.0)
            gap = char["x0"] - previous["x1"]
            # An amount that ends right where the next label begins (no rule between) is its own word.
            numeric = _is_numeric_char(previous["text"]), _is_numeric_char(char["text"])
            switch = numeric[0] != numeric[1]
            # Two numbers (an amount, the next panel's code) part at any visible gap.
            apart = (switch and gap > size * 0.15) or (all(numeric) and gap > size * 0.3)
            if gap <= size * wide and not apart:
                out[-1].append(char)
                continue
        out.append([char])
    return [
        Token(
            chars_text(group),
            min(c["x0"] for c in group),
            max(c["x1"] for c in group),
            min(c["top"] for c in group),
            max(c["bottom"] for c in group),
        )
        for group in out
    ]


def _header_words(line: TextLine, above: Sequence[Token] = ()) -> list[Token]:
    """A header line's words: cut at half a glyph, letters spread over a cell (金   额) put back together
    unless they are the ends of words wrapped from the line ``above``."""

    def wrapped(t: Token) -> bool:
        return any(o.x0 - 2 <= t.x0 and t.x1 <= o.x1 + 2 for o in above)

    words: list[Token] = []
    for token in _tokens(line, _HEADER_GAP):
        if words:
            last = words[-1]
            size = max(token.bottom - token.top, 1.0)
            if (
                len(compact(last.text)) == 1
                and len(compact(token.text)) == 1
                and token.x0 - last.x1 < 4 * size
                and not wrapped(last)
                and not wrapped(token)
            ):
                top, bottom = min(last.top, token.top), max(last.bottom, token.bottom)
                words[-1] = Token(last.text + token.text, last.x0, token.x1, top, bottom)
                continue
        words.append(token)
    return words


def _is_numeric_char(text: str) -> bool:
    return text in "0123456789,.-" and text != ""


def _is_amount(token: Token) -> bool:
    return amount_printed(token.text) is not None


def _split(line: TextLine) -> tuple[list[Token], list[Token], list[Token]]:
    """(codes, labels, amounts) of a line: a run of bare digits right before a label is that label's code."""
    codes: list[Token] = []
    labels: list[Token] = []
    amounts: list[Token] = []
    run: list[Token] = []
    for token in _tokens(line):
        if is_placeholder(token.text):
            continue  # a dash where no amount is printed: a blank cell
        if _is_amount(token):
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
        for t in _tokens(line)
        if not _is_amount(t)
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
    """Lines from ``start`` until ``stop`` (a ruled table), the next title, a note, or a gap far wider than the
    rows'."""
    out: list[TextLine] = []
    for line in lines[start:]:
        if line.top >= stop:
            break
        flat = compact(line.text)
        if _PAGE_NUMBER.match(flat):
            continue
        if out and (match_title(flat) or flat.startswith(("注：", "注:", "说明：", "说明:"))):
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
        tokens = _tokens(out[i])
        if tokens and all(is_code_text(t.text) for t in tokens):
            line = out[i]
            height = max(line.bottom - line.top, 1.0)
            neighbours = [j for j in (i - 1, i + 1) if 0 <= j < len(out)]
            neighbours = [
                j
                for j in neighbours
                if any(not _is_amount(t) for t in _tokens(out[j]))
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


def _build(page_number: int, lines: list[TextLine]) -> Grid | None:
    lines = _attach_code_lines(lines)
    split = [_split(line) for line in lines]
    # A column-number line (栏次 1 2 3 …) is part of the header, not a body row.
    numbering = {i for i, line in enumerate(lines) if is_column_number_row([t.text for t in _tokens(line)])}
    body_at = [i for i, (_, _, amounts) in enumerate(split) if amounts and i not in numbering]
    if not body_at or (len(body_at) < _MIN_BODY_LINES and len(split[body_at[0]][2]) < 2):
        return None
    first, last = body_at[0], body_at[-1]
    # Prose that happens to print numbers apart from their words is no table.
    prose = sum(1 for line in lines[first : last + 1] if _is_prose(line))
    if prose * 4 > last - first + 1:
        return None
    # Header: the lines above the first body line that are not the title block (unit, department fields).
    header_lines = [
        line
        for i, line in enumerate(lines[:first])
        if not unit_in_text(line.text) and not match_title(line.text) and i not in numbering
    ]
    body_lines = [line for i, line in enumerate(lines) if first <= i <= last and i not in numbering]
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
        line_words = _header_words(line, previous_words)
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

    def caption(t: Token) -> bool:  # a word over other header words
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
        inside = [t for t in _tokens(line) if not _is_amount(t) and a - 1 <= t.middle <= b + 1]
        return min(inside, key=lambda t: t.x0) if inside else None

    def column_of(token: Token) -> tuple[float, float] | None:
        return next(((a, b) for a, b in label_cols if a - 1 <= token.middle <= b + 1), None)

    def fills(token: Token | None, column: tuple[float, float]) -> bool:
        if token is None:
            return False
        return token.x1 >= column[1] - 1.5 * max(token.bottom - token.top, 1.0)

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
            and fills(label_in(prefix[-1], column), column)
        ):
            prefix.append(line)
            continue
        if rows and not begins(first) and _close(rows[-1].lines[-1], line):
            above = next((label_in(l, column) for l in reversed(rows[-1].lines) if label_in(l, column)), None)
            if fills(above, column):
                rows[-1].lines.append(line)  # the rest of a label whose amounts stand above
                continue
        if prefix:
            rows.append(_Row(prefix))
            prefix = []
        if fills(first, column):
            prefix, prefix_column = [line], column  # a label that goes on in the next line
        else:
            rows.append(_Row([line]))
    if prefix:
        rows.append(_Row(prefix))

    header_rows = _header_rows(header_lines, xs)
    all_rows: list[tuple[float, float, list[tuple[int, int, str, tuple[float, float, float, float]]]]] = []
    for top, bottom, cells in header_rows:
        all_rows.append((top, bottom, cells))
    for row in rows:
        all_rows.append((row.top, row.bottom, _row_cells(row, xs)))
    grid = _grid(page_number, xs, all_rows)
    if grid is not None:
        grid.roles = [kinds[span] for span in columns]
    return grid


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


def _column_of(xs: Sequence[float], x: float) -> int:
    for c in range(len(xs) - 1):
        if x < xs[c + 1]:
            return c
    return len(xs) - 2


def _row_cells(
    row: _Row, xs: Sequence[float]
) -> list[tuple[int, int, str, tuple[float, float, float, float]]]:
    by_col: dict[int, list[tuple[TextLine, Token]]] = {}
    for line in row.lines:
        for token in _tokens(line):
            if not is_placeholder(token.text):
                by_col.setdefault(_column_of(xs, token.middle), []).append((line, token))
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


def _header_rows(lines: Sequence[TextLine], xs: Sequence[float]):
    """Header lines as rows of cells.

    A header word covers the columns whose middle it spans (at least the one it stands in); a word right under
    another continues it (a wrapped header); a word with sub-headers below it is a caption over the columns
    between it and its neighbours on the line that have sub-headers.
    """
    n_cols = len(xs) - 1
    rows: list[list[list]] = []
    previous: list[list] = []
    seen_words: list[Token] = []
    for line in lines:
        cells: list[list] = []
        line_words = _header_words(line, seen_words)
        seen_words = seen_words + line_words
        for token in line_words:
            inside = [c for c in range(n_cols) if token.x0 <= (xs[c] + xs[c + 1]) / 2 <= token.x1]
            home = _column_of(xs, token.middle)
            c0, c1 = min(inside + [home]), max(inside + [home]) + 1
            height = max(token.bottom - token.top, 1.0)
            above = next(
                (
                    cell
                    for cell in reversed(previous)
                    if cell[3][0] - 2 <= token.x0
                    and token.x1 <= cell[3][2] + 2
                    and token.top - cell[3][3] < 0.6 * height
                ),
                None,
            )
            if above is not None:
                above[2] = above[2] + "\n" + token.text
                above[3] = (above[3][0], above[3][1], above[3][2], token.bottom)
                continue
            if cells and cells[-1][0] == c0 and cells[-1][1] == c1:
                # Letters of one header spread over its column (金 额): one word.
                last = cells[-1]
                last[2] = last[2] + " " + token.text
                last[3] = (last[3][0], min(last[3][1], token.top), token.x1, max(last[3][3], token.bottom))
                continue
            cell = [c0, c1, token.text, (token.x0, token.top, token.x1, token.bottom)]
            cells.append(cell)
        previous.extend(cells)
        if cells:
            rows.append(cells)
    # Where each column stands: the middle of the lowest header word over it alone (amounts right-aligned in
    # wide cells stand off the middle), else the middle of its amounts. A word covers the columns whose place
    # it spans, at least the one it stands in.
    centre = [(xs[c] + xs[c + 1]) / 2 for c in range(n_cols)]
    for cells in rows:
        for cell in cells:
            if cell[1] == cell[0] + 1:
                centre[cell[0]] = (cell[3][0] + cell[3][2]) / 2
    for cells in rows:
        for cell in cells:
            inside = [c for c in range(n_cols) if cell[3][0] <= centre[c] <= cell[3][2]]
            home = _column_of(xs, (cell[3][0] + cell[3][2]) / 2)
            cell[0], cell[1] = min(inside + [home]), max(inside + [home]) + 1
    # Captions, from the lowest line up: a word over sub-headers spreads over the neighbouring columns whose
    # highest header below it stands as low as its own sub-headers (a column whose header is centred over several
    # rows, higher up, is a sibling), that the words on its line leave to it (halfway) and that no word close to
    # its height stands over.
    spans = [[(cell[0], cell[1]) for cell in cells] for cells in rows]
    claimed_by = [
        (cell, span) for cells, row_spans in zip(rows, spans) for cell, span in zip(cells, row_spans)
    ]

    def highest_below(k: int, col: int) -> float | None:
        """The middle height of the highest header cell under line ``k`` in a column (a cell wrapped over two
        lines is centred like a one-line cell of its row)."""
        middles = [
            (cell[3][1] + cell[3][3]) / 2
            for lower, lower_spans in zip(rows[k + 1 :], spans[k + 1 :])
            for cell, (a, b) in zip(lower, lower_spans)
            if a <= col < b
        ]
        return min(middles) if middles else None

    for k in range(len(rows) - 1, -1, -1):
        cells = rows[k]
        for i, cell in enumerate(cells):
            a, b = spans[k][i]
            children = [t for c in range(a, b) if (t := highest_below(k, c)) is not None]
            if not children:
                continue
            floor = min(children) - 0.5 * max(cell[3][3] - cell[3][1], 1.0)
            lefts = [(o[3][2] + cell[3][0]) / 2 for o in cells if o is not cell and o[3][2] <= cell[3][0]]
            rights = [(cell[3][2] + o[3][0]) / 2 for o in cells if o is not cell and o[3][0] >= cell[3][2]]
            left, right = max(lefts, default=float("-inf")), min(rights, default=float("inf"))
            claimed = {
                c
                for other, (oa, ob) in claimed_by
                if other is not cell and other[3][1] <= cell[3][3] + 1.0 and cell[3][1] <= other[3][3] + 1.0
                for c in range(oa, ob)
            }

            def joins(
                c: int,
                k: int = k,
                claimed: set[int] = claimed,
                floor: float = floor,
                bounds: tuple[float, float] = (left, right),
            ) -> bool:
                top = highest_below(k, c)
                beside = bounds[0] <= centre[c] <= bounds[1]
                return beside and c not in claimed and top is not None and top >= floor

            while a > 0 and joins(a - 1):
                a -= 1
            while b < n_cols and joins(b):
                b += 1
            cell[0], cell[1] = a, b
            spans[k][i] = (a, b)
    out = []
    for cells in rows:
        top = min(c[3][1] for c in cells)
        bottom = max(c[3][3] for c in cells)
        out.append((top, bottom, [(c[0], c[1], c[2], c[3]) for c in cells]))
    return out


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
            if head is None or any(len(compact(line.text)) > 40 for line in lines[:head]):
                continue
        top = lines[start].top
        stop = min((t for t in ruled_tops if t > top - 1), default=float("inf"))
        region = _region(lines, start, stop)
        grid = _build(page_number, region)
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
    header = [line for line in region if not unit_in_text(line.text) and not match_title(line.text)]
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
