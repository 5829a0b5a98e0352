"""A researcher's read-only connection, held open in another process, neither blocks the main job nor sees half
of it: it keeps its snapshot, and the next connection sees the new one."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import SEED
from tests.corpus.generate import generate
from tests.integration.pipeline_run import query, run_ingest

pytestmark = pytest.mark.slow

_STATE = (
    "SELECT (SELECT count(*) FROM dim_document), (SELECT count(*) FROM fct_line_item), "
    "(SELECT CAST(change_pct AS VARCHAR) FROM fct_yoy_change WHERE fiscal_year = 2022 AND metric_code = 'total_income' "
    "AND department_name = '盘锦市兴隆台区工业和信息化局')"
)

_READER = """
import duckdb, json, sys
con = duckdb.connect(sys.argv[1], read_only=True)
for line in sys.stdin:
    if line.strip() == "exit":
        break
    print(json.dumps(con.execute(sys.argv[2]).fetchone()), flush=True)
"""


class Reader:
    def __init__(self, warehouse: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", _READER, str(warehouse), _STATE],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )

    def state(self) -> tuple:
        self.process.stdin.write("q\n")
        self.process.stdin.flush()
        return tuple(json.loads(self.process.stdout.readline()))

    def close(self) -> None:
        self.process.communicate("exit\n", timeout=60)
        assert self.process.returncode == 0


def test_a_reader_holding_the_warehouse_open_keeps_its_snapshot_while_the_job_publishes(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / SEED.name).write_bytes(SEED.read_bytes())
    warehouse = tmp_path / "warehouse.duckdb"
    [first] = run_ingest(raw, warehouse)
    assert first.success
    before = tuple(query(warehouse, _STATE)[0])
    assert before[0] == 1 and before[2] == "-41.02"

    [added] = generate(departments=1, years=(2022,), seed=5, include_seed=False)
    (raw / added.pdf_name).write_bytes(added.rendered.pdf)

    reader = Reader(warehouse)
    try:
        assert reader.state() == before
        [second] = run_ingest(raw, warehouse)
        assert second.success, "the job failed while a reader held the warehouse open"
        assert reader.state() == before, "the open reader saw the run's writes"
    finally:
        reader.close()

    # The dbt project did not change between the runs: the second builds what the reports feed, not the seeds.
    made = [{event.asset_key.to_user_string() for event in run.get_asset_materialization_events()}
            for run in (first, second)]
    assert {"metric_codes", "fct_yoy_change", "warehouse/published"} <= made[0]
    assert "metric_codes" not in made[1] and {"fct_yoy_change", "warehouse/published"} <= made[1]
    # Every raw table is materialised once per run, with its row count: events do not grow with the documents.
    raw_tables = [e.materialization for e in second.get_asset_materialization_events()
                  if e.asset_key.path[0] == "disclosures" and e.asset_key.path[1] != "regions"]
    by_table = Counter(m.asset_key.path[1] for m in raw_tables)
    assert set(by_table.values()) == {1} and {"documents", "line_items"} <= set(by_table)
    [line_items] = [m for m in raw_tables if m.asset_key.path[1] == "line_items"]
    assert line_items.metadata["rows"].value == query(warehouse, "select count(*) from raw.line_items")[0][0] > 0

    after = tuple(query(warehouse, _STATE)[0])
    assert after[0] == 2 and after[1] > before[1] and after[2] == before[2]
    # Beside the published file only the writers' lock file stays (empty; it is what runs take turns on).
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == [".warehouse.duckdb.lock", "raw", "warehouse.duckdb"], "a build file was left behind"
