"""Many documents read over worker processes give exactly what one process gives, in batches, in input order."""

from __future__ import annotations

import hashlib
from pathlib import Path

from pipeline import schemas
from pipeline.read.batches import read_documents
from pipeline.settings import ReadLimits


def _folder(tmp_path: Path, seed_bytes: bytes) -> list[tuple[str, str]]:
    files = {
        "seed.txt": seed_bytes,
        "seed-gbk.txt": seed_bytes.decode("utf-8").encode("gb18030"),
        "empty.txt": b"",
        "broken.pdf": b"%PDF-1.4\n" + b"\0" * 64,
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    return [(hashlib.sha256(data).hexdigest(), name) for name, data in files.items()]


def test_worker_processes_give_what_one_process_gives(tmp_path: Path, seed_bytes: bytes) -> None:
    documents = _folder(tmp_path, seed_bytes)
    serial = list(read_documents(documents, tmp_path, limits=ReadLimits(file_bytes=2**20), workers=1, batch_size=3))
    parallel = list(read_documents(documents, tmp_path, limits=ReadLimits(file_bytes=2**20), workers=2, batch_size=3))

    # Batches of at most three, in input order, every document in exactly one of them.
    assert [batch.document_shas for batch in parallel] == [batch.document_shas for batch in serial]
    assert [len(batch.document_shas) for batch in parallel] == [3, 1]
    for left, right in zip(serial, parallel, strict=True):
        for schema in (*schemas.PARSED_FRAMES, schemas.QUARANTINE):
            assert left.frame(schema.name).equals(right.frame(schema.name)), schema.name

    quarantine = {row["source_path"]: row["reason_code"] for batch in parallel for row in batch.quarantine.to_dicts()}
    assert quarantine == {"empty.txt": "empty_file", "broken.pdf": "corrupt"}
    loaded = [row["source_path"] for batch in parallel for row in batch.frames["documents"].to_dicts()]
    assert loaded == ["seed.txt", "seed-gbk.txt"]
