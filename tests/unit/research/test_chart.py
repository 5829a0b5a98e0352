"""The department figure: a column per scope, a row per group of metrics, a line per metric and report kind, YoY
changes as labels that never overlap, declared breaks marked, every glyph in the font."""

from __future__ import annotations

import warnings
from decimal import Decimal
from pathlib import Path

import pytest

from pipeline.research import ResearchError
from pipeline.research.chart import _LABEL_GAP, department_figure, write_chart
from pipeline.research.departments import Department, Point

DEPARTMENT = Department("211103-教育局", "教育局")


def _point(year, kind, metric, section, label, value, change, scope="department", comparable=True) -> Point:
    return Point(
        year, scope, kind, metric, section, label, None if value is None else Decimal(value),
        change and Decimal(change), comparable,
    )


SERIES = [
    _point(2022, "budget", "total_income", "收入", "收入总计", "100", None),
    _point(2023, "budget", "total_income", "收入", "收入总计", "90", "-10.00"),
    _point(2022, "final_account", "total_income", "收入", "收入总计", "95", None),
    _point(2023, "final_account", "total_income", "收入", "收入总计", "120", "26.32"),
    _point(2023, "final_account", "operating_expenses", "机关运行经费", "机关运行经费", "12.5", "25.00"),
    _point(2023, "final_account", "three_public_expenses", "三公", "三公经费", None, None),
]


def _axes_by_title(figure) -> dict[str, object]:
    return {ax.get_title(): ax for ax in figure.axes}


def test_both_report_kinds_are_drawn_and_labelled_in_one_colour_per_metric() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        figure = department_figure(DEPARTMENT, SERIES)
        figure.canvas.draw()
    assert not [w for w in caught if "missing from font" in str(w.message)]
    axes = _axes_by_title(figure)
    # a group without a value (三公) draws no panel
    assert list(axes) == ["部门报告 · 收入 / income", "部门报告 · 机关运行经费与政府采购 / operating expenses and procurement"]
    income, small = axes.values()
    lines = {line.get_label(): line for line in income.get_lines()}
    assert {label: line.get_linestyle() for label, line in lines.items()} == {
        "收入总计（决算）": "-", "收入总计（预算）": "--"
    }
    assert lines["收入总计（决算）"].get_color() == lines["收入总计（预算）"].get_color()
    assert [line.get_label() for line in small.get_lines()] == ["机关运行经费"]
    assert sorted(text.get_text() for text in income.texts) == ["+26.32%", "-10.00%"]
    assert [label.get_text() for label in small.get_xticklabels()] == ["2022年", "2023年"]


def test_departmental_and_unit_reports_are_drawn_apart() -> None:
    series = SERIES[:4] + [
        _point(2022, "final_account", "total_income", "收入", "收入总计", "40", None, scope="unit"),
        _point(2023, "final_account", "total_income", "收入", "收入总计", "44", "10.00", scope="unit"),
    ]
    axes = _axes_by_title(department_figure(DEPARTMENT, series))
    assert set(axes) == {"部门报告 · 收入 / income", "单位报告 · 收入 / income"}
    unit = axes["单位报告 · 收入 / income"]
    assert [line.get_ydata().tolist() for line in unit.get_lines()] == [[40.0, 44.0]]
    assert [text.get_text() for text in unit.texts] == ["+10.00%"]


def test_a_declared_break_is_marked_and_labelled_not_comparable() -> None:
    series = [
        _point(2017, "budget", "operating_expenses", "机关运行经费", "机关运行经费", "9193.40", None),
        _point(2018, "budget", "operating_expenses", "机关运行经费", "机关运行经费", "3407.38", "-62.94",
               comparable=False),
        _point(2019, "budget", "operating_expenses", "机关运行经费", "机关运行经费", "3580.05", "5.07"),
    ]
    (ax,) = department_figure(DEPARTMENT, series).axes
    assert sorted(text.get_text() for text in ax.texts) == ["+5.07%", "-62.94%（不可比）"]
    hollow = [line for line in ax.get_lines() if line.get_markerfacecolor() == "none"]
    assert [line.get_xdata().tolist() for line in hollow] == [[2018]]


def test_labels_of_one_year_never_overlap() -> None:
    # Four series of nearly equal values and one apart, each with a change in 2023.
    values = {"total_income": "100", "current_year_income": "100", "fiscal_appropriation_income": "100.5",
              "general_budget_income": "99", "other_income": "10"}
    series = [
        _point(year, "final_account", metric, "收入", metric, value, None if year == 2022 else "1.00")
        for metric, value in values.items() for year in (2022, 2023)
    ]
    (ax,) = department_figure(DEPARTMENT, series).axes
    low, high = ax.get_ylim()
    heights = sorted(text.get_position()[1] for text in ax.texts)
    assert len(heights) == 5
    assert all(b - a >= (high - low) * _LABEL_GAP * 0.999 for a, b in zip(heights, heights[1:]))
    assert heights[-1] < high  # the highest label is inside the axis


def test_a_series_without_values_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ResearchError, match="no values"):
        write_chart(DEPARTMENT, SERIES[-1:], tmp_path / "c.png")
    assert not list(tmp_path.iterdir())


def test_only_png_and_html(tmp_path: Path) -> None:
    with pytest.raises(ResearchError, match=r"\.png"):
        write_chart(DEPARTMENT, SERIES, tmp_path / "c.svg")
