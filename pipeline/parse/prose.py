"""The narrative as paragraphs and sentences, with their offsets in the document text.

A paragraph ends at a blank line, at a heading, at a line ending in 。, and before a numbered item; any
other line break is a wrapped line (text extracted from PDFs breaks lines mid-sentence), so a paragraph
may span lines. Sentences split a paragraph on 。；！？ — the line breaks inside a paragraph do not
split it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.parse.layout import Line, heading_of

_SENTENCE_END = re.compile(r"[。；;！？!?]")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int  # exclusive, before its closing punctuation


@dataclass(frozen=True)
class Paragraph:
    index: int
    section: str
    start: int
    end: int
    sentences: tuple[Sentence, ...]

    def sentence_at(self, offset: int) -> Sentence:
        return next(s for s in self.sentences if s.start <= offset <= s.end)

    def sentence_after(self, sentence: Sentence) -> Sentence | None:
        later = [s for s in self.sentences if s.start >= sentence.end]
        return later[0] if later else None


def read_paragraphs(text: str, lines: list[Line], sections: list[str | None]) -> list[Paragraph]:
    """The paragraphs of the lines that have a section (see ``sections.assign_sections``)."""
    spans: list[tuple[str, int, int]] = []
    open_span: list | None = None  # [section, start, end] of the paragraph being read

    def close() -> None:
        nonlocal open_span
        if open_span:
            spans.append(tuple(open_span))
        open_span = None

    for line, section in zip(lines, sections, strict=True):
        if section is None or line.is_blank:
            close()
            continue
        heading = heading_of(line)
        continues = (
            open_span and not heading and not text[open_span[1] : open_span[2]].rstrip().endswith("。")
        )
        if continues:
            open_span[2] = line.end
            continue
        close()
        open_span = [section, line.start, line.end]
        if heading and heading.level <= 2:
            close()
    close()
    return [
        Paragraph(i, section, start, end, tuple(_sentences(text, start, end)))
        for i, (section, start, end) in enumerate(spans)
    ]


def _sentences(text: str, start: int, end: int) -> list[Sentence]:
    found, begin = [], start
    for match in _SENTENCE_END.finditer(text, start, end):
        found.append((begin, match.start()))
        begin = match.end()
    found.append((begin, end))
    return [Sentence(*_strip(text, a, b)) for a, b in found if text[a:b].strip()]


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
