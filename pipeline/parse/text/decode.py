"""Bytes to text: the only place that decides a document's encoding.

Every ``char_start``/``char_end`` offset the parsers write refers to the text returned here: decoded (a
UTF-8 byte-order mark dropped), with CRLF and lone CR turned into LF, and nothing else changed
(full-width characters, tabs and blank lines stay as printed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import charset_normalizer

from pipeline.quarantine import UnreadableDocument

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# C0 controls other than tab, LF, FF and CR never occur in a text report; NULs mark binary content.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
# A report has thousands of Chinese characters; a handful in an otherwise Latin text is no report.
_MIN_CJK_CHARS = 20
_MIN_CJK_SHARE = 0.05
# GB18030 decodes almost any bytes: text in one of these encodings would be read as mojibake and called no
# report. Codec names as charset-normalizer gives them (by prefix), and what a reader calls the encoding.
_OTHER_ENCODINGS = (
    (("big5", "cp950"), "Big5 (traditional Chinese)"),
    (("shift_jis", "cp932", "euc_jp", "euc_jis", "iso2022_jp"), "Shift_JIS or EUC-JP (Japanese)"),
    (("euc_kr", "cp949", "johab", "iso2022_kr"), "EUC-KR (Korean)"),
    (("utf_16", "utf_32"), "UTF-16 or UTF-32"),
)
_GB_ENCODINGS = ("gb18030", "gbk", "gb2312")
_READABLE = "this reader reads UTF-8 and GB18030 (GBK, GB2312) text: save the report in one of them"


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str  # "utf-8" or "gb18030", the names documents.text_encoding uses


def decode_report(data: bytes) -> DecodedText:
    """Decodes a text report strictly as UTF-8, else GB18030 (a superset of GBK and GB2312).

    Raises ``UnreadableDocument`` with ``empty_file``, ``undecodable`` (naming the encoding the bytes appear
    to be in, such as Big5, when it is one of ``_OTHER_ENCODINGS``) or ``no_cjk_text``.
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
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    other = _other_encoding(data)
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        seen = f"; they appear to be {other}" if other else ""
        reason = f"the bytes are neither UTF-8 nor GB18030 text{seen}"
        raise UnreadableDocument("undecodable", reason) from None
    if other:
        raise UnreadableDocument("undecodable", f"the text appears to be {other}; {_READABLE}")
    return text, "gb18030"


def _other_encoding(data: bytes) -> str | None:
    """The encoding the bytes are most likely in, when it is one this reader does not read and GB18030 would
    turn into mojibake; None when GB18030 is as likely (charset-normalizer weighs the characters each decoding
    gives)."""
    best = charset_normalizer.from_bytes(data).best()
    if best is None or any(codec in best.could_be_from_charset for codec in _GB_ENCODINGS):
        return None
    for prefixes, name in _OTHER_ENCODINGS:
        if best.encoding.startswith(prefixes):
            return f"{name}, detected as {best.encoding}"
    return None
