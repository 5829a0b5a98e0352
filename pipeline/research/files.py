"""Output files appear whole or not at all: written beside their destination, then renamed over it."""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

from pipeline.research import ResearchError

# Excel opens a CSV as the local code page unless it starts with the UTF-8 byte order mark.
UTF8_BOM = b"\xef\xbb\xbf"


def _beside(path: Path) -> Path:
    # Same folder, so the final rename stays on one file system; not mkstemp, whose 0600 mode the output would keep.
    return path.with_name(f".{path.name}.{os.getpid()}.partial")


@contextlib.contextmanager
def atomic_file(path: Path) -> Iterator[Path]:
    """Yields a temporary path beside ``path``; renamed to ``path`` when the block succeeds."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = _beside(path)
    try:
        yield temporary
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


@contextlib.contextmanager
def atomic_directory(path: Path) -> Iterator[Path]:
    """Yields a temporary folder beside ``path``; renamed to ``path`` (which must be absent or empty) on success."""
    if path.exists() and (not path.is_dir() or any(path.iterdir())):
        raise ResearchError(f"{path} exists and is not an empty folder; choose a new folder or remove it")
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = _beside(path)
    shutil.rmtree(temporary, ignore_errors=True)
    temporary.mkdir()
    try:
        yield temporary
        if path.exists():
            path.rmdir()
        temporary.rename(path)
    finally:
        shutil.rmtree(temporary, ignore_errors=True)


def prepend_bom(source: Path, target: Path) -> None:
    with source.open("rb") as src, target.open("wb") as dst:
        dst.write(UTF8_BOM)
        shutil.copyfileobj(src, dst)
