"""The file name a server gave a download, decoded for the sidecar; it is never used as a path."""

from __future__ import annotations

import re
import unicodedata
from email.message import Message
from email.utils import collapse_rfc2231_value
from urllib.parse import unquote, unquote_to_bytes, urlsplit

# Government sites often send a Chinese name's raw GBK or UTF-8 bytes; http.client decodes them as latin-1.
_ENCODINGS = ("utf-8", "gb18030")
_MAX_LENGTH = 255


def _decode(raw: bytes) -> str:
    for encoding in _ENCODINGS:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", errors="replace")


def _from_header_text(text: str) -> str:
    try:
        return _decode(text.encode("latin-1"))
    except UnicodeEncodeError:
        return text  # already decoded beyond latin-1: keep as is


def _disposition_name(header: str) -> str | None:
    message = Message()
    message["content-disposition"] = header
    raw = message.get_param("filename", header="content-disposition")
    if isinstance(raw, tuple):  # RFC 2231 ``filename*=charset''…``: the charset is declared, trust it
        return collapse_rfc2231_value(raw, errors="replace")
    return _from_header_text(unquote(raw, encoding="latin-1")) if raw else None


def safe_name(name: str) -> str | None:
    """The last path component, without control characters, normalised; None if nothing printable is left."""
    name = unicodedata.normalize("NFC", name)
    name = re.split(r"[/\\]", name)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip(" .")
    return name[:_MAX_LENGTH] or None


def original_name(url: str, content_disposition: str | None) -> str | None:
    """The name the server announced, else the last segment of the URL path."""
    announced = _disposition_name(content_disposition) if content_disposition else None
    if announced and (name := safe_name(announced)):
        return name
    segment = urlsplit(url).path.rsplit("/", 1)[-1]
    return safe_name(_decode(unquote_to_bytes(segment)))
