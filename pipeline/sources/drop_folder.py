"""The drop folder ``data/raw/``: every file in it, identified by the SHA-256 of its bytes."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from pathlib import Path

import polars as pl

from pipeline.schemas import DOCUMENT_FILES

_CHUNK = 1 << 20
_EPOCH = datetime(1970, 1, 1)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _is_candidate(path: Path, root: Path) -> bool:
    # Dot-files are editor swap files, `.gitkeep` and partial downloads; a symlink could point outside the folder.
    relative = path.relative_to(root)
    return path.is_file() and not path.is_symlink() and not any(p.startswith(".") for p in relative.parts)


# (size, mtime in ns, sha256) of a file as last hashed, keyed by its relative path.
Fingerprints = dict[str, tuple[int, int, str]]


def scan(root: Path, known: Fingerprints | None = None) -> tuple[pl.DataFrame, Fingerprints]:
    """One row per file below ``root`` (relative path, size, modification time in UTC, sha256), sorted by path,
    and the fingerprints.

    A file whose size and mtime match ``known`` keeps its recorded hash, so a nightly scan of an unchanged
    folder reads no bytes; any change of either re-hashes it.
    """
    known = known or {}
    fingerprints: Fingerprints = {}
    for path in sorted(root.rglob("*")):
        if not _is_candidate(path, root):
            continue
        relative = path.relative_to(root).as_posix()
        stat = path.stat()
        previous = known.get(relative)
        same = previous is not None and previous[:2] == (stat.st_size, stat.st_mtime_ns)
        fingerprints[relative] = (stat.st_size, stat.st_mtime_ns, previous[2] if same else sha256_of(path))
    rows = [
        {
            "document_sha256": sha, "source_path": relative, "file_size_bytes": size,
            "file_modified_at": _EPOCH + timedelta(microseconds=mtime_ns // 1000),
        }
        for relative, (size, mtime_ns, sha) in fingerprints.items()
    ]
    return DOCUMENT_FILES.frame(rows), fingerprints
