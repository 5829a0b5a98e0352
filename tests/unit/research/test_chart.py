"""The department figure: one line per metric and report kind, YoY changes as labels, every glyph in the font."""

from __future__ import annotations

import warnings
from decimal import Decimal
from pathlib import Path

import pytest

from pipeline.research import ResearchError
from pipeline.research.chart import department_figure, write_chart
from pipeline.research.departments import Department, Point

DEPARTMENT = Department("211103-教育局", "教育局")


def _point(year: int, kind: str, metric: str, label: str, value: str | None, change: str | None) -> Point:
    return Point(year, kind, metric, label, None if value is None else Decimal(value), change and Decimal(change))


SERIES = [
    _point(2022, "budget", "total_income", "收入总计", "100", None),
    _point(2023, "budget", "total_income", "收入总计", "90", "-10.00"),
    _point(2022, "final_account", "total_income", "收入总计", "95", None),
    _point(2023, "final_account", "total_income", "收入总计", "120", "26.32"),
    _point(2023, "final_account", "operating_expenses", "机关运行经费", "12.5", "25.00"),
    _point(2023, "final_account", "three_public_expenses", "三公经费", None, None),
]


def test_both_report_kinds_are_drawn_and_labelled() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        figure = department_figure(DEPARTMENT, SERIES)
        figure.canvas.draw()
    assert not [w for w in caught if "missing from font" in str(w.message)]
    totals, small = figure.axes
    lines = {line.get_label(): line.get_linestyle() for line in totals.get_lines()}
    assert lines == {"收入总计（决算）": "-", "收入总计（预算）": "--"}
    assert [line.get_label() for line in small.get_lines()] == ["机关运行经费（决算）"]  # no value, no line
    assert sorted(text.get_text() for text in totals.texts) == ["+26.32%", "-10.00%"]
    assert [text.get_text() for text in small.texts] == ["+25.00%"]
    assert [label.get_text() for label in small.get_xticklabels()] == ["2022年", "2023年"]


def test_a_series_without_values_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ResearchError, match="no values"):
        write_chart(DEPARTMENT, SERIES[-1:], tmp_path / "c.png")
    assert not list(tmp_path.iterdir())


def test_only_png_and_html(tmp_path: Path) -> None:
    with pytest.raises(ResearchError, match=r"\.png"):
        write_chart(DEPARTMENT, SERIES, tmp_path / "c.svg")
