import hashlib
import os
from datetime import datetime
from pathlib import Path

from pipeline.sources.drop_folder import scan


def test_scan_identifies_files_by_content(tmp_path: Path, seed_bytes: bytes) -> None:
    (tmp_path / "nested").mkdir()
    (tmp_path / "a.txt").write_bytes(seed_bytes)
    (tmp_path / "nested" / "copy of a.txt").write_bytes(seed_bytes)
    (tmp_path / "b.txt").write_bytes(b"other")
    (tmp_path / ".partial.pdf").write_bytes(b"half a download")

    files, _ = scan(tmp_path)

    assert files["source_path"].to_list() == ["a.txt", "b.txt", "nested/copy of a.txt"]
    shas = dict(zip(files["source_path"], files["document_sha256"]))
    assert shas["a.txt"] == shas["nested/copy of a.txt"] == hashlib.sha256(seed_bytes).hexdigest()
    assert files["document_sha256"].n_unique() == 2
    assert files.filter(files["source_path"] == "b.txt")["file_size_bytes"].item() == 5


def test_unchanged_files_are_not_rehashed_but_changed_ones_are(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_bytes(b"one")
    _, fingerprints = scan(tmp_path)

    # A recorded hash is trusted while size and mtime are unchanged: a fake one proves no bytes were read.
    size, mtime, _ = fingerprints["r.txt"]
    files, _ = scan(tmp_path, {"r.txt": (size, mtime, "f" * 64)})
    assert files["document_sha256"].item() == "f" * 64

    path.write_bytes(b"two")
    os.utime(path, ns=(mtime + 10**9, mtime + 10**9))
    files, _ = scan(tmp_path, {"r.txt": (size, mtime, "f" * 64)})
    assert files["document_sha256"].item() == hashlib.sha256(b"two").hexdigest()


def test_scan_records_each_file_modification_time_in_utc(tmp_path: Path) -> None:
    (tmp_path / "old.txt").write_bytes(b"old")
    (tmp_path / "new.txt").write_bytes(b"new")
    # 2023-01-02T03:04:05.678901Z and one day later, in nanoseconds since the epoch.
    old_ns = 1_672_628_645_678_901_000
    os.utime(tmp_path / "old.txt", ns=(old_ns, old_ns))
    os.utime(tmp_path / "new.txt", ns=(old_ns + 86_400 * 10**9, old_ns + 86_400 * 10**9))

    files, _ = scan(tmp_path)

    times = dict(zip(files["source_path"], files["file_modified_at"]))
    assert times["old.txt"] == datetime(2023, 1, 2, 3, 4, 5, 678901)
    assert times["new.txt"] == datetime(2023, 1, 3, 3, 4, 5, 678901)
