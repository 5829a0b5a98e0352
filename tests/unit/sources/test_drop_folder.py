import hashlib
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import polars as pl
import pytest

from pipeline.quarantine import UnreadableDocument
from pipeline.settings import MAX_FILE_BYTES_ENV
from pipeline.sources.drop_folder import path_of, read_document, scan, sha256_of, shown_path


def test_scan_identifies_files_by_content(tmp_path: Path, seed_bytes: bytes) -> None:
    (tmp_path / "nested").mkdir()
    (tmp_path / "a.txt").write_bytes(seed_bytes)
    (tmp_path / "nested" / "copy of a.txt").write_bytes(seed_bytes)
    (tmp_path / "b.txt").write_bytes(b"other")
    (tmp_path / ".partial.pdf").write_bytes(b"half a download")

    files = scan(tmp_path)

    assert files["source_path"].to_list() == ["a.txt", "b.txt", "nested/copy of a.txt"]
    shas = dict(zip(files["source_path"], files["document_sha256"]))
    assert shas["a.txt"] == shas["nested/copy of a.txt"] == hashlib.sha256(seed_bytes).hexdigest()
    assert files["document_sha256"].n_unique() == 2
    assert files.filter(files["source_path"] == "b.txt")["file_size_bytes"].item() == 5


def test_unchanged_files_are_not_rehashed_but_changed_ones_are(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_bytes(b"one")
    # A recorded hash is trusted while size and mtime are unchanged: a fake one proves no bytes were read.
    known = scan(tmp_path).with_columns(document_sha256=pl.lit("f" * 64))
    assert scan(tmp_path, known)["document_sha256"].item() == "f" * 64

    path.write_bytes(b"two")
    later = path.stat().st_mtime_ns + 10**9
    os.utime(path, ns=(later, later))
    assert scan(tmp_path, known)["document_sha256"].item() == hashlib.sha256(b"two").hexdigest()


def test_scan_records_each_file_modification_time_in_utc(tmp_path: Path) -> None:
    (tmp_path / "old.txt").write_bytes(b"old")
    (tmp_path / "new.txt").write_bytes(b"new")
    # 2023-01-02T03:04:05.678901Z and one day later, in nanoseconds since the epoch.
    old_ns = 1_672_628_645_678_901_000
    os.utime(tmp_path / "old.txt", ns=(old_ns, old_ns))
    os.utime(tmp_path / "new.txt", ns=(old_ns + 86_400 * 10**9, old_ns + 86_400 * 10**9))

    files = scan(tmp_path)

    times = dict(zip(files["source_path"], files["file_modified_at"]))
    assert times["old.txt"] == datetime(2023, 1, 2, 3, 4, 5, 678901)
    assert times["new.txt"] == datetime(2023, 1, 3, 3, 4, 5, 678901)


# Each hostile name with the source_path the scan must store for it.
HOSTILE_NAMES = {
    b"a b  c.txt": "a b  c.txt",
    "-rf 报告.txt".encode(): "-rf 报告.txt",
    "报告..2022.txt".encode(): "报告..2022.txt",
    b"line\nbreak.txt": "line\\u000abreak.txt",
    b"\xff\xfe.txt": "\\xff\\xfe.txt",
    # A literal backslash is escaped too, so this name cannot be taken for the bytes 0xff above.
    b"\\xff.txt": "\\\\xff.txt",
    "\u202etxt.exe".encode(): "\\u202etxt.exe",
}


def _named(folder: Path, name: bytes) -> Path:
    # Linux takes any bytes but "/" and NUL in a name; Python passes the undecodable ones as surrogates.
    return folder / os.fsdecode(name)


def test_hostile_names_are_stored_printable_and_lead_back_to_their_file(tmp_path: Path) -> None:
    for name in HOSTILE_NAMES:
        _named(tmp_path, name).write_bytes(name)
    (tmp_path / "..报告.txt").write_bytes(b"a dot-file, hidden like .gitkeep")

    files = scan(tmp_path)

    assert sorted(files["source_path"]) == sorted(HOSTILE_NAMES.values())
    for name, shown in HOSTILE_NAMES.items():
        assert shown.isprintable() and shown.encode("utf-8")
        assert read_document(tmp_path, shown, max_bytes=100) == name
        assert path_of(tmp_path, shown) == _named(tmp_path, name)
    assert shown_path("nested/报告 2022.pdf") == "nested/报告 2022.pdf"


def test_symlinks_are_neither_listed_nor_followed(tmp_path: Path) -> None:
    root, outside = tmp_path / "raw", tmp_path / "outside"
    root.mkdir()
    outside.mkdir()
    (outside / "secret.txt").write_bytes(b"not in the drop folder")
    (root / "report.txt").write_bytes(b"in the drop folder")
    (root / "link.txt").symlink_to(outside / "secret.txt")
    (root / "linked folder").symlink_to(outside, target_is_directory=True)

    files = scan(root)

    assert files["source_path"].to_list() == ["report.txt"]
    # A file swapped for a symlink after the scan is still not followed.
    (root / "report.txt").unlink()
    (root / "report.txt").symlink_to(outside / "secret.txt")
    with pytest.raises(OSError, match="Too many levels of symbolic links"):
        read_document(root, "report.txt", max_bytes=100)
    with pytest.raises(OSError, match="Too many levels of symbolic links"):
        sha256_of(root / "report.txt")


def test_a_file_over_the_limit_is_refused_unread(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_bytes(b"0123456789")

    assert read_document(tmp_path, "r.txt", max_bytes=10) == b"0123456789"
    with pytest.raises(UnreadableDocument) as raised:
        read_document(tmp_path, "r.txt", max_bytes=9)
    assert raised.value.reason_code == "too_large"
    assert raised.value.reason == (
        "the file has 10 bytes, more than the limit of 9 (FISCAL_MAX_FILE_BYTES); not read"
    )


_MEASURE_A_FOLDER = """
import resource, sys
from pathlib import Path
from pipeline.read.batches import read_documents
from pipeline.settings import Settings
from pipeline.sources.drop_folder import scan

before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
root = Path(sys.argv[1])
files = scan(root)
documents = list(files.select("document_sha256", "source_path").iter_rows())
[batch] = read_documents(documents, root, limits=Settings.from_env().limits, workers=1)
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(after - before, *batch.quarantine.row(0, named=True).values(), sep="\\n")
"""


def test_a_200_mib_file_is_hashed_and_quarantined_without_reading_it_into_memory(tmp_path: Path) -> None:
    huge = tmp_path / "huge.pdf"
    with huge.open("wb") as handle:
        handle.write(b"%PDF-1.7\n")
        handle.truncate(200 * 2**20)  # sparse: no disk space taken
    env = {k: v for k, v in os.environ.items() if k != MAX_FILE_BYTES_ENV}

    done = subprocess.run(
        [sys.executable, "-c", _MEASURE_A_FOLDER, str(tmp_path)],
        env=env, capture_output=True, text=True, check=True,
    )

    grown_kib, sha, source_path, reason_code, reason, _ = done.stdout.splitlines()
    assert int(grown_kib) < 100 * 1024
    assert (sha, source_path, reason_code) == (sha256_of(huge), "huge.pdf", "too_large")
    assert reason == (
        "the file has 209715200 bytes, more than the limit of 104857600 (FISCAL_MAX_FILE_BYTES); not read"
    )
