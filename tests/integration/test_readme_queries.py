"""Every researcher question (the README's "For researchers", docs/research.md's "More questions"), run on a
warehouse built from the shipped data/raw/: each query must give exactly the answer printed under it."""

from __future__ import annotations

import shutil

import pytest

from pipeline.cli import main
from pipeline.settings import PROJECT_ROOT
from tests.integration.pipeline_run import run_ingest
from tests.readme_questions import readme_questions

pytestmark = pytest.mark.slow

QUESTIONS = readme_questions()


def test_the_readme_asks_at_least_six_questions() -> None:
    assert len(QUESTIONS) >= 6


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("shipped")
    raw = shutil.copytree(PROJECT_ROOT / "data" / "raw", root / "raw")
    [result] = run_ingest(raw, root / "warehouse.duckdb")
    assert result.success
    return root / "warehouse.duckdb"


@pytest.mark.parametrize(("title", "sql", "answer"), QUESTIONS, ids=[q[0].split(".")[0] for q in QUESTIONS])
def test_each_readme_question_gets_the_printed_answer(warehouse, capsys, title, sql, answer) -> None:
    assert main(["query", sql, "--format", "markdown", "--warehouse", str(warehouse)]) == 0
    printed = capsys.readouterr().out.strip()
    assert printed.count("\n") >= 2, f"{title}: the query answers nothing"
    assert printed == answer, title
