"""Bytes to text: the only place that decides a document's encoding.

Every ``char_start``/``char_end`` offset the parsers write refers to the text returned here: decoded (a
UTF-8 byte-order mark dropped), with CRLF and lone CR turned into LF, and nothing else changed
(full-width characters, tabs and blank lines stay as printed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.parse.result import UnreadableDocument

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# C0 controls other than tab, LF, FF and CR never occur in a text report; NULs mark binary content.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
# A report has thousands of Chinese characters; a handful in an otherwise Latin text is no report.
_MIN_CJK_CHARS = 20
_MIN_CJK_SHARE = 0.05


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str  # "utf-8" or "gb18030", the names documents.text_encoding uses


def decode_report(data: bytes) -> DecodedText:
    """Decodes a text report strictly as UTF-8, else GB18030 (a superset of GBK and GB2312).

    Raises ``UnreadableDocument`` with ``empty_file``, ``undecodable`` or ``no_cjk_text``.
    """
    if not data:
        raise UnreadableDocument("empty_file", "the file has no bytes")
    text, encoding = _decode(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise UnreadableDocument("empty_file", "the file holds only whitespace")
    if len(_CONTROL.findall(text)) > max(1, len(text) // 1000):
        raise UnreadableDocument(
            "undecodable", f"the bytes decode as {encoding} but hold binary control characters"
        )
    visible = len(re.sub(r"\s", "", text))
    cjk = len(_CJK.findall(text))
    if cjk < _MIN_CJK_CHARS or cjk < _MIN_CJK_SHARE * visible:
        raise UnreadableDocument(
            "no_cjk_text", f"the text has {cjk} Chinese characters among {visible}; no Chinese report"
        )
    return DecodedText(text, encoding)


def _decode(data: bytes) -> tuple[str, str]:
    for codec, name in (("utf-8-sig", "utf-8"), ("gb18030", "gb18030")):
        try:
            return data.decode(codec), name
        except UnicodeDecodeError:
            continue
    raise UnreadableDocument("undecodable", "the bytes are neither UTF-8 nor GB18030 text")
