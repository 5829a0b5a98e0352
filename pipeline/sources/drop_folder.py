"""The drop folder ``data/raw/``: every file in it, identified by the SHA-256 of its bytes."""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from datetime import datetime, timedelta
from pathlib import Path

import polars as pl

from pipeline.quarantine import UnreadableDocument
from pipeline.schemas import DOCUMENT_FILES
from pipeline.settings import MAX_FILE_BYTES_ENV

_CHUNK = 1 << 20
_EPOCH = datetime(1970, 1, 1)
# Python hands a file name's bytes that are not UTF-8 over as the lone surrogates U+DC80..U+DCFF.
_UNDECODABLE_BYTE = range(0xDC80, 0xDD00)
_ESCAPE = re.compile(r"\\(\\|x[0-9a-f]{2}|u[0-9a-f]{4}|U[0-9a-f]{8})")


def _open_unfollowed(path: Path):
    # A file swapped for a symlink after the scan listed it must not lead outside the folder.
    return os.fdopen(os.open(path, os.O_RDONLY | os.O_NOFOLLOW), "rb")


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with _open_unfollowed(path) as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _is_candidate(path: Path, root: Path) -> bool:
    # Dot-files are editor swap files, `.gitkeep` and partial downloads; a symlink could point outside the folder.
    relative = path.relative_to(root)
    return path.is_file() and not path.is_symlink() and not any(p.startswith(".") for p in relative.parts)


def shown_path(relative: str) -> str:
    """``relative`` as printable UTF-8 that names the file unambiguously: a byte that is not UTF-8 becomes
    ``\\xff``, an invisible character (a newline, a bidi control) ``\\u000a``, a backslash ``\\\\``.

    A warehouse column cannot hold the undecodable bytes Linux allows in a name, and a newline or a
    right-to-left mark would let one name pass for another in a listing.
    """
    return "".join(_shown_char(char) for char in relative)


def _shown_char(char: str) -> str:
    code = ord(char)
    if code in _UNDECODABLE_BYTE:
        return f"\\x{code - 0xDC00:02x}"
    if char == "\\":
        return "\\\\"
    if char.isprintable() or unicodedata.category(char) == "Zs":
        return char
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def path_of(root: Path, source_path: str) -> Path:
    """The file a ``source_path`` of ``scan`` names, inverting ``shown_path``."""
    return root / _ESCAPE.sub(_unescaped, source_path)


def _unescaped(match: re.Match[str]) -> str:
    escape = match.group(1)
    if escape == "\\":
        return escape
    code = int(escape[1:], 16)
    return chr(0xDC00 + code) if escape[0] == "x" else chr(code)


def read_document(root: Path, source_path: str, max_bytes: int) -> bytes:
    """The bytes of one file ``scan`` listed; raises ``UnreadableDocument('too_large')`` past ``max_bytes``
    before reading any."""
    with _open_unfollowed(path_of(root, source_path)) as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > max_bytes:
            raise UnreadableDocument(
                "too_large",
                f"the file has {size} bytes, more than the limit of {max_bytes} ({MAX_FILE_BYTES_ENV});"
                " not read",
            )
        return handle.read()


def scan(root: Path, known: pl.DataFrame | None = None) -> pl.DataFrame:
    """One row per file below ``root`` (relative path, size, modification time in UTC, sha256), sorted by path.

    ``known`` is an earlier scan (a DOCUMENT_FILES frame, such as the warehouse's ``raw.document_files``): a file
    whose path, size and modification time it lists keeps the hash it records, so a nightly scan of an unchanged
    folder reads no bytes; any change of either re-hashes the file.
    """
    recorded = {} if known is None else {
        path: (size, modified, sha)
        for path, size, modified, sha in known.select(
            "source_path", "file_size_bytes", "file_modified_at", "document_sha256"
        ).iter_rows()
    }
    rows = []
    for path in sorted(root.rglob("*")):
        if not _is_candidate(path, root):
            continue
        relative = shown_path(path.relative_to(root).as_posix())
        stat = path.stat()
        # Microseconds: the precision the warehouse keeps a modification time in.
        modified = _EPOCH + timedelta(microseconds=stat.st_mtime_ns // 1000)
        size, seen, sha = recorded.get(relative, (None, None, None))
        if (size, seen) != (stat.st_size, modified):
            sha = sha256_of(path)
        rows.append({
            "document_sha256": sha, "source_path": relative, "file_size_bytes": stat.st_size,
            "file_modified_at": modified, "is_present": True,
        })
    return DOCUMENT_FILES.frame(rows)
