"""The real reports the unit tests read, parsed once per session."""

from __future__ import annotations

import functools
from pathlib import Path

from pipeline.checks.document import CheckedDocument, check_document
from pipeline.parse.text.report import parse_text_report

_ROOT = Path(__file__).resolve().parents[3]
SEED = _ROOT / "data" / "raw" / "liaoning-panjin-xinglongtai_gongxinju_2022_dept-final.txt"
# A Shanghai 2024 决算 as pdfplumber extracts its text: wrapped lines, spaces around numbers
# (see tests/fixtures/README.md).
SHANGHAI = _ROOT / "tests" / "fixtures" / "sh-putuo_shehuigongzuobu_2024_dept-final.pdftext.txt"
# The seed's opening as an office that writes traditional characters would type it (Big5 holds every character).
TRADITIONAL = (
    "盤錦市興隆台區工業和信息化局2022年度部門決算\n第一部分 部門概況\n一、收入支出決算總體情況說明\n"
    "本年收入總計423.59萬元，與上年相比減少294.56萬元，降低41.02%。支出總計423.59萬元，其中基本支出169.49萬元。\n"
)


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@functools.cache
def parsed(path: Path = SEED) -> CheckedDocument:
    """The report read and checked, as the pipeline's read leaves it."""
    return check_document(parse_text_report(path.read_bytes(), sha256=f"sha-of-{path.stem}", source_path=path.name))


def parse_inline(text: str, encoding: str = "utf-8") -> CheckedDocument:
    return check_document(parse_text_report(text.encode(encoding), sha256="inline", source_path="inline.txt"))


def figures_of(document: CheckedDocument, section: str | None = None) -> list[dict]:
    rows = document["narrative_figures"].to_dicts()
    return [row for row in rows if section is None or row["section"] == section]


def figure(document: CheckedDocument, section: str, label: str, unit: str = "万元") -> dict:
    """The one figure of that section, label and unit; fails when there is none or several."""
    found = [f for f in figures_of(document, section) if f["label"] == label and f["unit_printed"] == unit]
    assert len(found) == 1, f"{section}/{label}/{unit}: {len(found)} figures"
    return found[0]
