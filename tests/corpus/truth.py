"""The truth file of a generated report, in the format of ``tests/fixtures/truth/README.md``."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path


def truth_document(file_name: str, pdf: bytes, department_name: str, fiscal_year: int, tables: list[dict],
                   narrative: list[dict], report_scope: str = "department", panel: dict | None = None) -> dict:
    truth = {
        "file": file_name,
        "sha256": hashlib.sha256(pdf).hexdigest(),
        "department_name": department_name,
        "fiscal_year": fiscal_year,
        "report_kind": "final_account",
        "report_scope": report_scope,
        "tables": tables,
        "narrative": narrative,
    }
    if panel is not None:
        truth["panel"] = panel
    return truth


def dumps(truth: dict) -> str:
    """Deterministic JSON: keys in the README's order, CJK unescaped, one trailing newline."""
    return json.dumps(truth, ensure_ascii=False, indent=1) + "\n"


def write_truth(path: Path, truth: dict) -> None:
    path.write_text(dumps(truth), encoding="utf-8")


def read_truth(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))
