"""A nightly build rebuilds the departments it touches and gives the marts a full rebuild gives.

Two nights into a real DuckDB file. The second adds a department's next year (its year-over-year changes), a report
under a department's former name (the seed department_aliases makes it the same department), a corrected
republication of a report (the older version superseded), undecodable bytes (quarantined), and deletes a file (its
document stays, not present); one department is not touched at all. The marts after that incremental build equal,
row for row, those of ``--full-refresh`` run on a copy; the incremental build's scope left the untouched
department out.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb
import pytest

from pipeline.sources.drop_folder import sha256_of
from tests.conftest import SEED
from tests.integration.pipeline_run import run_ingest

pytestmark = pytest.mark.slow

_NIGHT_1_NS = 1_672_531_200 * 10**9  # 2023-01-01T00:00:00Z
_NIGHT_2_NS = _NIGHT_1_NS + 86_400 * 10**9


def _seed_as(name: str, year: int, income: str = "423.59") -> bytes:
    text = SEED.read_text(encoding="utf-8").replace("2021", str(year - 1)).replace("2022", str(year))
    text = text.replace("辽宁省盘锦市兴隆台区工业和信息化局-211103000", f"{name}-320000000")
    return text.replace("盘锦市兴隆台区工业和信息化局", name).replace("423.59", income).encode("utf-8")


def _write(path: Path, data: bytes, mtime_ns: int) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    os.utime(path, ns=(mtime_ns, mtime_ns))
    return path


def _marts(warehouse: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        tables = [
            name for (name,) in con.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY 1"
            ).fetchall()
        ]
        return {name: con.execute(f"SELECT * FROM main.{name} ORDER BY ALL").fetchall() for name in tables}


@pytest.fixture(scope="module")
def nights(tmp_path_factory: pytest.TempPathFactory) -> dict:
    root = tmp_path_factory.mktemp("incremental")
    raw, warehouse = root / "raw", root / "warehouse.duckdb"
    _write(raw / "seed_2022.txt", SEED.read_bytes(), _NIGHT_1_NS)
    _write(raw / "js" / "huanbaoting_2018.txt", _seed_as("江苏省环境保护厅", 2018), _NIGHT_1_NS)
    dropped = _write(raw / "js" / "shangwuju_2021.txt", _seed_as("江苏省商务厅", 2021), _NIGHT_1_NS)
    untouched = _write(raw / "js" / "jiaoyuting_2021.txt", _seed_as("江苏省教育厅", 2021), _NIGHT_1_NS)
    [first] = run_ingest(raw, warehouse)
    _write(raw / "js" / "shengtaihuanjingting_2019.txt", _seed_as("江苏省生态环境厅", 2019), _NIGHT_2_NS)
    _write(raw / "js" / "shangwuju_2022.txt", _seed_as("江苏省商务厅", 2022, income="500.00"), _NIGHT_2_NS)
    _write(raw / "seed_2022_corrected.txt", SEED.read_bytes().replace(b"16.07", b"16.70"), _NIGHT_2_NS)
    _write(raw / "broken.txt", b"\xff\xfe\x00\xd8" * 64, _NIGHT_2_NS)
    dropped.unlink()
    [second] = run_ingest(raw, warehouse)
    rebuilt = root / "rebuilt.duckdb"
    shutil.copyfile(warehouse, rebuilt)
    [full] = run_ingest(raw, rebuilt, full_refresh=True)
    return {
        "runs": [first, second, full], "warehouse": warehouse, "rebuilt": rebuilt,
        "untouched": sha256_of(untouched),
    }


def test_every_night_and_the_full_rebuild_succeed(nights) -> None:
    assert [run.success for run in nights["runs"]] == [True, True, True]


def test_the_incremental_marts_equal_a_full_rebuild(nights) -> None:
    incremental, rebuilt = _marts(nights["warehouse"]), _marts(nights["rebuilt"])
    assert set(incremental) == set(rebuilt)
    for name, rows in rebuilt.items():
        assert incremental[name] == rows, name
    # Not vacuously: the second night's changes are in the marts.
    assert ("quarantined",) in {(row[0],) for row in duckdb.connect(str(nights["warehouse"]), read_only=True).execute(
        "SELECT state FROM dim_document"
    ).fetchall()}


def test_the_nightly_build_rebuilt_the_touched_departments_only(nights) -> None:
    with duckdb.connect(str(nights["warehouse"]), read_only=True) as con:
        scope = {sha for (sha,) in con.execute("SELECT document_sha256 FROM intermediate.int_build_scope").fetchall()}
        documents = con.execute("SELECT count(*) FROM dim_document").fetchone()[0]
        changed = con.execute("SELECT count(*) FROM pipeline.changed_documents").fetchone()[0]
    assert nights["untouched"] not in scope
    assert 0 < len(scope) < documents
    # Taken in by the build that succeeded: the next night starts from nothing changed.
    assert changed == 0
    with duckdb.connect(str(nights["rebuilt"]), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM intermediate.int_build_scope").fetchone()[0] == documents
