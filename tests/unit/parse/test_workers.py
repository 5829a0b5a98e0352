"""Each document is read in a worker under its limits: past one, that document alone is quarantined with the
limit's reason and the next one is read by a fresh worker; a file that changed after the scan is never recorded
under the scanned hash; the readers once quadratic read their large inputs within a limit that stopped them."""

from __future__ import annotations

import hashlib
from pathlib import Path

from pipeline.read.batches import read_documents
from pipeline.settings import ReadLimits
from tests.conftest import SEED
from tests.corpus import hostile


def _drop(root: Path, files: dict[str, bytes]) -> list[tuple[str, str]]:
    for name, data in files.items():
        (root / name).write_bytes(data)
    return [(hashlib.sha256(data).hexdigest(), name) for name, data in files.items()]


def _outcomes(documents: list[tuple[str, str]], root: Path, limits: ReadLimits, workers: int = 1) -> dict:
    found = {}
    for batch in read_documents(documents, root, limits=limits, workers=workers):
        found |= {row["source_path"]: "loaded" for row in batch.frames["documents"].iter_rows(named=True)}
        found |= {row["source_path"]: (row["reason_code"], row["reason"]) for row in batch.quarantine.iter_rows(named=True)}
        found |= {changed.source_path: changed for changed in batch.changed}
    return found


def test_a_document_past_a_limit_is_quarantined_alone_and_the_next_one_gets_a_fresh_worker(tmp_path: Path) -> None:
    # One worker: the report after the page that took the worker past its memory is read by its replacement.
    documents = _drop(tmp_path, {
        "flood.html": hostile.tag_flood_html(3_000_000),
        "zip_bomb.docx": hostile.zip_bomb_docx(20 * 2**20),
        "report.txt": SEED.read_bytes(),
    })
    limits = ReadLimits(expanded_bytes=2**20, seconds=120, memory_bytes=300 * 2**20)
    outcomes = _outcomes(documents, tmp_path, limits)
    assert outcomes["report.txt"] == "loaded"
    assert outcomes["flood.html"] == (
        "memory_limit",
        "the reader needed more than 300 MiB, the limit per document (FISCAL_PARSE_MEMORY_MB); stopped",
    )
    code, reason = outcomes["zip_bomb.docx"]
    assert code == "decompression_limit"
    assert reason.endswith("more than the limit of 1048576 (FISCAL_MAX_EXPANDED_BYTES); not expanded")


def test_a_document_past_its_time_is_stopped_and_the_others_are_read(tmp_path: Path) -> None:
    documents = _drop(tmp_path, {"deep.html": hostile.nested_divs_html(600_000), "report.txt": SEED.read_bytes()})
    outcomes = _outcomes(documents, tmp_path, ReadLimits(seconds=1.5), workers=2)
    assert outcomes == {
        "deep.html": ("timeout", "reading took longer than 1.5 s, the limit per document (FISCAL_PARSE_TIMEOUT_S); stopped"),
        "report.txt": "loaded",
    }


def test_the_readers_once_quadratic_read_large_inputs_well_within_a_limit(tmp_path: Path) -> None:
    # 200,000 nested <div> ran for hours and a sheet of 30,000 rows for minutes; each now reads in seconds.
    documents = _drop(tmp_path, {
        "deep.html": hostile.nested_divs_html(200_000),
        "long.xlsx": hostile.long_sheet_xlsx(30_000),
    })
    assert _outcomes(documents, tmp_path, ReadLimits(seconds=60), workers=2) == {
        "deep.html": "loaded", "long.xlsx": "loaded",
    }


def test_a_file_that_changed_or_went_after_the_scan_is_not_read_under_the_scanned_hash(tmp_path: Path) -> None:
    [(scanned, _)] = _drop(tmp_path, {"report.txt": SEED.read_bytes()})
    [(gone_sha, _)] = _drop(tmp_path, {"gone.txt": SEED.read_bytes() + b"\n"})
    rewritten = SEED.read_bytes() + "\n（修订）\n".encode()
    (tmp_path / "report.txt").write_bytes(rewritten)
    (tmp_path / "gone.txt").unlink()
    [batch] = read_documents([(scanned, "report.txt"), (gone_sha, "gone.txt")], tmp_path, limits=ReadLimits())
    assert batch.document_count == 0 and batch.quarantine.height == 0
    assert [(c.source_path, c.document_sha256, c.read_sha256) for c in batch.changed] == [
        ("report.txt", scanned, hashlib.sha256(rewritten).hexdigest()),
        ("gone.txt", gone_sha, None),
    ]
    assert batch.changed[0].message.startswith(f"report.txt holds other bytes (sha256 {hashlib.sha256(rewritten).hexdigest()[:12]}…)")
