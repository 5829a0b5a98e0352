"""Characters grouped into printed lines, by vertical overlap rather than equal tops.

Mixed fonts shift glyphs vertically (Times New Roman digits in a FangSong line, Arial quotes that pdfplumber puts on
a line of their own), so a character joins the line whose vertical band holds its centre. Within a line the
characters are ordered left to right and a blank is put where the gap is wide, as printed.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

T = TypeVar("T")

Char = dict  # a pdfplumber char object
BBox = tuple[float, float, float, float]  # x0, top, x1, bottom (PDF points, top-left origin)


@dataclass
class TextLine:
    chars: list[Char] = field(default_factory=list)
    x0: float = 0.0
    top: float = 0.0
    x1: float = 0.0
    bottom: float = 0.0
    occupied: set[int] = field(
        default_factory=set, repr=False
    )  # whole points where its glyphs' centres stand
    # What the table reader derives from the chars (the text, the words), asked for many times per line.
    _derived: dict[Hashable, object] = field(default_factory=dict, repr=False, compare=False)

    def holds_x(self, char: Char) -> bool:
        """Whether a glyph of the line already stands where ``char`` stands (it belongs to another line)."""
        centre = int((char["x0"] + char["x1"]) / 2)
        reach = max(int((char["x1"] - char["x0"]) * 0.4), 0)
        return not self.occupied.isdisjoint(range(centre - reach, centre + reach + 1))

    def derived(self, key: Hashable, compute: Callable[[], T]) -> T:
        """``compute()``, once for this line's chars: a char added later computes it again."""
        if key not in self._derived:
            self._derived[key] = compute()
        return self._derived[key]  # type: ignore[return-value]

    def add(self, char: Char) -> None:
        if self._derived:
            self._derived.clear()
        self.occupied.add(int((char["x0"] + char["x1"]) / 2))
        if not self.chars:
            self.x0, self.top, self.x1, self.bottom = char["x0"], char["top"], char["x1"], char["bottom"]
        else:
            self.x0 = min(self.x0, char["x0"])
            self.x1 = max(self.x1, char["x1"])
            self.top = min(self.top, char["top"])
            self.bottom = max(self.bottom, char["bottom"])
        self.chars.append(char)

    @property
    def bbox(self) -> BBox:
        return (self.x0, self.top, self.x1, self.bottom)

    @property
    def text(self) -> str:
        return self.derived("text", lambda: chars_text(self.chars))

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


def _center_y(char: Char) -> float:
    return (char["top"] + char["bottom"]) / 2


def chars_text(chars: Iterable[Char]) -> str:
    """The characters of one line left to right, with a blank where the gap is wider than a third of a glyph."""
    ordered = sorted(chars, key=lambda c: c["x0"])
    out: list[str] = []
    previous: Char | None = None
    for char in ordered:
        if previous is not None:
            gap = char["x0"] - previous["x1"]
            size = max(min(char.get("size", 10.0), previous.get("size", 10.0)), 1.0)
            if gap > size * 0.33 and not char["text"].isspace() and not previous["text"].isspace():
                out.append(" ")
        out.append(char["text"])
        previous = char
    return "".join(out)


def group_lines(chars: Iterable[Char]) -> list[TextLine]:
    """Lines of text, top to bottom; blank characters only separate. Two glyphs never share a place on one
    line, so tightly spaced lines (a header wrapped in small type) stay apart."""
    visible = sorted((c for c in chars if c["text"].strip()), key=lambda c: (c["top"], c["x0"]))
    lines: list[TextLine] = []
    for char in visible:
        cy = _center_y(char)
        home = None
        # The most recent lines are the candidates: characters arrive by their top.
        for line in reversed(lines[-6:]):
            if (
                line.top - 0.5 <= cy <= line.bottom + 0.5
                or char["top"] - 0.5 <= line.middle <= char["bottom"] + 0.5
            ) and not line.holds_x(char):
                home = line
                break
        if home is None:
            home = TextLine()
            lines.append(home)
        home.add(char)
    lines.sort(key=lambda line: (line.top, line.x0))
    return lines


def level_lines(chars: Iterable[Char]) -> list[TextLine]:
    """Lines of glyphs printed at one height (centres within a third of a glyph of the line's first glyph).

    For a header whose cells wrap their words and centre them each on its own: lines of neighbouring cells
    stand half a line apart and overlap, so bands grown glyph by glyph would chain them into one line.
    """
    visible = sorted((c for c in chars if c["text"].strip()), key=lambda c: (_center_y(c), c["x0"]))
    lines: list[tuple[float, TextLine]] = []
    for char in visible:
        cy = _center_y(char)
        size = max(char["bottom"] - char["top"], 1.0)
        home = next(
            (line for seed, line in reversed(lines) if abs(cy - seed) <= size / 3 and not line.holds_x(char)),
            None,
        )
        if home is None:
            home = TextLine()
            lines.append((cy, home))
        home.add(char)
    return sorted((line for _, line in lines), key=lambda line: (line.top, line.x0))


def chars_in(chars: Sequence[Char], bbox: BBox) -> list[Char]:
    """The characters whose centre lies inside ``bbox``."""
    x0, top, x1, bottom = bbox
    return [c for c in chars if x0 <= (c["x0"] + c["x1"]) / 2 <= x1 and top <= _center_y(c) <= bottom]


def text_in(chars: Sequence[Char], bbox: BBox) -> str:
    """The text inside ``bbox``, its lines joined by line breaks."""
    return "\n".join(line.text for line in group_lines(chars_in(chars, bbox)))
