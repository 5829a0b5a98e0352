"""The words of a printed line, for tables without rules: characters joined where they stand close together."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.parse.tables.amounts import amount_printed, compact
from pipeline.parse.tables.printed_lines import Char, TextLine, chars_text

HEADER_GAP = 0.5  # header words stand closer together than a justified label's characters


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


def tokens(line: TextLine, wide: float = 0.9) -> list[Token]:
    """The line cut where the gap between characters is wider than ``wide`` glyphs (header words stand closer
    together than a justified label's characters: they are cut at half a glyph)."""
    return list(line.derived(("tokens", wide), lambda: _cut(line, wide)))


def _cut(line: TextLine, wide: float) -> tuple[Token, ...]:
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
    return tuple(
        Token(
            chars_text(group),
            min(c["x0"] for c in group),
            max(c["x1"] for c in group),
            min(c["top"] for c in group),
            max(c["bottom"] for c in group),
        )
        for group in out
    )


def header_words(line: TextLine, above: Sequence[Token] = ()) -> list[Token]:
    """A header line's words: cut at half a glyph, letters spread over a cell (金   额) put back together
    unless they are the ends of words wrapped from the line ``above``."""

    def wrapped(t: Token) -> bool:
        return any(o.x0 - 2 <= t.x0 and t.x1 <= o.x1 + 2 for o in above)

    words: list[Token] = []
    for token in tokens(line, HEADER_GAP):
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


def is_amount(token: Token) -> bool:
    return amount_printed(token.text) is not None


def column_of(xs: Sequence[float], x: float) -> int:
    for c in range(len(xs) - 1):
        if x < xs[c + 1]:
            return c
    return len(xs) - 2
