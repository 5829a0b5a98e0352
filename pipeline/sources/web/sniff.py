"""What a downloaded file really is, from its first bytes, checked against what the link promised."""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.message import Message
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

SNIFF_BYTES = 1024

# Families by magic number; OOXML (docx/xlsx) are zip files and legacy Office (doc/xls/wps/et) are OLE2.
_MAGIC = (
    (b"%PDF-", "pdf"),
    (b"PK\x03\x04", "zip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),
)
# Markup of any kind: detail pages may open with <script> or <div>, and login pages with anything.
_HTML_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*<[!?a-z]", re.IGNORECASE)
_FAMILY_OF_EXTENSION = {
    "pdf": "pdf",
    "docx": "zip",
    "xlsx": "zip",
    "doc": "ole",
    "xls": "ole",
    "wps": "ole",
    "et": "ole",
    "html": "html",
    "htm": "html",
}
_EXTENSION_OF_TYPE = {
    "application/pdf": "pdf",
    "application/msword": "doc",
    "application/vnd.ms-excel": "xls",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "text/html": "html",
    "application/xhtml+xml": "html",
}


class Refusal(Exception):
    """A response that is not a report; ``reason`` is a stable code for metadata and tests."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class Promise:
    """What the link and the response headers say the file is."""

    extension: str | None

    @classmethod
    def of(cls, url: str, content_type: str | None, original_name: str | None) -> Promise:
        for name in (original_name, unquote(urlsplit(url).path)):
            suffix = PurePosixPath(name or "").suffix.lower().lstrip(".")
            if suffix in _FAMILY_OF_EXTENSION:
                return cls("html" if suffix == "htm" else suffix)
        return cls(_EXTENSION_OF_TYPE.get(media_type(content_type)))


def media_type(content_type: str | None) -> str:
    message = Message()
    message["content-type"] = content_type or ""
    return message.get_content_type() if content_type else ""


def family(head: bytes) -> str | None:
    for magic, name in _MAGIC:
        if head.startswith(magic):
            return name
    return "html" if _HTML_START.match(head) else None


def extension_for(head: bytes, promise: Promise) -> str:
    """The extension to store the file under, or a Refusal saying why it is not what the link promised."""
    actual = family(head)
    promised = promise.extension
    if actual == "html" and promised not in (None, "html"):
        raise Refusal(
            "html_instead_of_document", f"an HTML page was served where a .{promised} file was expected"
        )
    if actual is None:
        raise Refusal(
            "unrecognised_content", f"the first bytes match no report format (promised .{promised})"
        )
    if actual in ("pdf", "html"):
        return actual
    if promised is not None and _FAMILY_OF_EXTENSION[promised] == actual:
        return promised
    raise Refusal("unrecognised_content", f"a {actual} container, but the link promised .{promised}")


def charset(content_type: str | None) -> str | None:
    """The declared charset only: requests' ISO-8859-1 default for text/* would garble a GBK page."""
    message = Message()
    message["content-type"] = content_type or ""
    return message.get_content_charset() if content_type else None
