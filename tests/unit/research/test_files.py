"""Outputs appear whole or not at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.research import ResearchError
from pipeline.research.files import UTF8_BOM, atomic_directory, atomic_file, prepend_bom


def test_a_file_appears_only_when_its_block_succeeds(tmp_path: Path) -> None:
    target = tmp_path / "out" / "result.csv"
    with atomic_file(target) as temporary:
        temporary.write_text("a,b\n")
        assert not target.exists()
    assert target.read_text() == "a,b\n"
    assert [p.name for p in target.parent.iterdir()] == ["result.csv"]


def test_a_failed_file_leaves_the_old_one_and_no_partial(tmp_path: Path) -> None:
    target = tmp_path / "result.csv"
    target.write_text("old")
    with pytest.raises(RuntimeError), atomic_file(target) as temporary:
        temporary.write_text("half")
        raise RuntimeError("disk full")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["result.csv"]


def test_a_failed_directory_leaves_nothing(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError), atomic_directory(tmp_path / "export") as staging:
        (staging / "one.parquet").write_bytes(b"x")
        raise RuntimeError("COPY failed")
    assert list(tmp_path.iterdir()) == []


def test_a_directory_takes_the_place_of_an_empty_one_but_never_of_a_used_one(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    with atomic_directory(empty) as staging:
        (staging / "data_dictionary.md").write_text("# x")
    assert [p.name for p in empty.iterdir()] == ["data_dictionary.md"]

    with pytest.raises(ResearchError, match="not an empty folder"), atomic_directory(empty):
        pass
    with pytest.raises(ResearchError, match="not an empty folder"), atomic_directory(empty / "data_dictionary.md"):
        pass
    assert [p.name for p in tmp_path.iterdir()] == ["empty"]


def test_prepend_bom(tmp_path: Path) -> None:
    (tmp_path / "plain.csv").write_text("名称\n局\n", encoding="utf-8")
    prepend_bom(tmp_path / "plain.csv", tmp_path / "excel.csv")
    assert (tmp_path / "excel.csv").read_bytes() == UTF8_BOM + "名称\n局\n".encode()
