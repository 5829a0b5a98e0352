"""The header of a table without rules: its lines as rows of header cells over the table's columns."""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.parse.pdf.words import Token, column_of, header_words
from pipeline.parse.tables.printed_lines import TextLine


def header_rows(lines: Sequence[TextLine], xs: Sequence[float]):
    """Header lines as rows of ``(top, bottom, [(first column, end column, text, bbox), …])``.

    A word right under another continues it (a wrapped header); a word covers the columns whose place it spans
    (at least the one it stands in); a caption over sub-headers spreads as described below.
    """
    n_cols = len(xs) - 1
    rows: list[list[list]] = []
    previous: list[list] = []
    seen_words: list[Token] = []
    for line in lines:
        cells: list[list] = []
        line_words = header_words(line, seen_words)
        seen_words = seen_words + line_words
        for token in line_words:
            inside = [c for c in range(n_cols) if token.x0 <= (xs[c] + xs[c + 1]) / 2 <= token.x1]
            home = column_of(xs, token.middle)
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
            home = column_of(xs, (cell[3][0] + cell[3][2]) / 2)
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

            core = (a, b)
            while a > 0 and joins(a - 1):
                a -= 1
            while b < n_cols and joins(b):
                b += 1
            lower = [span for row_spans in spans[k + 1 :] for span in row_spans]
            a, b = _centred_span(cell, core, (a, b), xs, centre, lower)
            cell[0], cell[1] = a, b
            spans[k][i] = (a, b)
    out = []
    for cells in rows:
        top = min(c[3][1] for c in cells)
        bottom = max(c[3][3] for c in cells)
        out.append((top, bottom, [(c[0], c[1], c[2], c[3]) for c in cells]))
    return out


def _centred_span(
    cell: list,
    core: tuple[int, int],
    reach: tuple[int, int],
    xs: Sequence[float],
    centre: Sequence[float],
    lower: Sequence[tuple[int, int]],
) -> tuple[int, int]:
    """The columns a caption spans within ``reach``: it is printed centred over them (a header word centred over
    several lines, higher than its neighbours' sub-headers, is no caption over them) and over whole sub-headers
    (spans nest). Of the spans about as well centred as the best, the widest."""
    middle = (cell[3][0] + cell[3][2]) / 2
    tolerance = 0.5 * max(cell[3][3] - cell[3][1], 1.0)
    candidates = [
        (a, b)
        for a in range(reach[0], core[0] + 1)
        for b in range(core[1], reach[1] + 1)
        if all(lb <= a or la >= b or (a <= la and lb <= b) for la, lb in lower)
    ]
    if not candidates:
        return reach
    # Where a span's middle stands: halfway between its outer edges (columns of unequal widths), or between
    # its outer columns' headers (amounts flush right pull the edges off the cells').
    offset = {
        (a, b): min(abs((xs[a] + xs[b]) / 2 - middle), abs((centre[a] + centre[b - 1]) / 2 - middle))
        for a, b in candidates
    }
    best = min(offset.values())
    return max((s for s in candidates if offset[s] <= best + tolerance), key=lambda s: s[1] - s[0])
