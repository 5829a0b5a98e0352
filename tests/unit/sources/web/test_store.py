import json
from pathlib import Path

import pytest

from pipeline.sources.web.store import FetchState, StagedFile, host_folder, sidecar_path, write_json


def test_host_folders_are_plain_names() -> None:
    assert host_folder("https://WWW.Example.gov.cn/a") == "www.example.gov.cn"
    assert host_folder("http://127.0.0.1:8080/a") == "127.0.0.1_8080"
    assert host_folder("http://[::1]:81/a") == "__1_81"


def test_sidecars_are_hidden_beside_their_report() -> None:
    assert sidecar_path(Path("web/h/abc.pdf")) == Path("web/h/.abc.pdf.source.json")


def test_a_staged_file_is_invisible_until_kept_and_gone_when_discarded(tmp_path: Path) -> None:
    staged = StagedFile(tmp_path / "web")
    staged.write(b"%PDF-1.4 hello", head_size=5)
    assert staged.head == b"%PDF-" and staged.size == 14
    assert [p.name.startswith(".") and p.name.endswith(".part") for p in (tmp_path / "web").iterdir()] == [
        True
    ]
    staged.keep_as(tmp_path / "web" / "r.pdf")
    staged.discard()  # after keep_as: a no-op, as in a finally
    assert [p.name for p in (tmp_path / "web").iterdir()] == ["r.pdf"]

    dropped = StagedFile(tmp_path / "web")
    dropped.write(b"half")
    dropped.discard()
    assert [p.name for p in (tmp_path / "web").iterdir()] == ["r.pdf"]


def test_write_json_leaves_no_partial_file_when_serialising_fails(tmp_path: Path) -> None:
    with pytest.raises(TypeError):
        write_json(tmp_path / "x.json", {"not json": object()})
    assert list(tmp_path.iterdir()) == []


def test_state_survives_and_is_written_only_when_changed(tmp_path: Path) -> None:
    entry = {
        "sha256": "ab" * 32,
        "path": "web/h/abab.pdf",
        "etag": '"1"',
        "last_modified": None,
        "final_url": "u",
    }
    state = FetchState(tmp_path)
    state.save()
    assert not (tmp_path / ".web").exists()

    state.put("https://h/a.pdf", entry)
    state.save()
    saved = tmp_path / ".web" / "state.json"
    assert json.loads(saved.read_text())["https://h/a.pdf"] == entry

    mtime = saved.stat().st_mtime_ns
    again = FetchState(tmp_path)
    assert again.get("https://h/a.pdf") == entry
    again.put("https://h/a.pdf", dict(entry))
    again.save()
    assert saved.stat().st_mtime_ns == mtime
