"""Where fetched files go in the raw folder, and the state that lets the next run ask "changed since?".

Reports land at ``web/<host>/<sha256[:16]>.<ext>``; everything else is a dot-file or lives under ``.web/``,
which the drop-folder scanner skips: the sidecar ``.<name>.source.json`` beside each report, partial downloads
(``.*.part``) and ``.web/state.json`` (per URL: ETag, Last-Modified, the sha256 last stored).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

WEB_DIR = "web"
STATE_FILE = Path(".web") / "state.json"


def host_folder(url: str) -> str:
    parts = urlsplit(url)
    host = re.sub(r"[^a-z0-9.-]", "_", (parts.hostname or "unknown").lower()).strip(".") or "unknown"
    return f"{host}_{parts.port}" if parts.port else host


def sidecar_path(report: Path) -> Path:
    return report.with_name(f".{report.name}.source.json")


def _fsync_directory(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class StagedFile:
    """A file being written as a hidden ``.*.part`` in its final folder, hashed on the way, then renamed into
    place whole (after fsync) or discarded: no reader ever sees half of it."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self._handle = tempfile.NamedTemporaryFile(dir=folder, prefix=".", suffix=".part", delete=False)
        self._digest = hashlib.sha256()
        self.size = 0
        self.head = b""
        self._kept = False

    def write(self, chunk: bytes, head_size: int = 0) -> None:
        if len(self.head) < head_size:
            self.head += chunk[: head_size - len(self.head)]
        self._digest.update(chunk)
        self._handle.write(chunk)
        self.size += len(chunk)

    @property
    def sha256(self) -> str:
        return self._digest.hexdigest()

    def keep_as(self, path: Path) -> None:
        self._handle.flush()
        os.fsync(self._handle.fileno())
        self._handle.close()
        os.replace(self._handle.name, path)
        self._kept = True
        _fsync_directory(self.folder)

    def discard(self) -> None:
        """Removes the partial file unless it was kept; safe to call in a ``finally``."""
        self._handle.close()
        if not self._kept:
            Path(self._handle.name).unlink(missing_ok=True)


class FetchState:
    """Per URL what the last run stored, so conditional requests survive runs; saved only when it changed."""

    def __init__(self, raw_dir: Path) -> None:
        self._path = raw_dir / STATE_FILE
        self._entries: dict[str, dict[str, str | None]] = (
            json.loads(self._path.read_text(encoding="utf-8")) if self._path.exists() else {}
        )
        self._changed = False

    def get(self, url: str) -> dict[str, str | None] | None:
        return self._entries.get(url)

    def put(self, url: str, entry: dict[str, str | None]) -> None:
        if self._entries.get(url) != entry:
            self._entries[url] = entry
            self._changed = True

    def save(self) -> None:
        if self._changed:
            write_json(self._path, self._entries)
            self._changed = False


def write_json(path: Path, value: object) -> None:
    staged = StagedFile(path.parent)
    try:
        staged.write(json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True).encode() + b"\n")
        staged.keep_as(path)
    finally:
        staged.discard()
