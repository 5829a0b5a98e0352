"""``chart department``: every metric of a department's panel by year (income, expenditure, 三公, 机关运行经费 and
政府采购), 部门 and 单位 reports side by side, with YoY changes.

PNG (title also in the file's metadata) or a self-contained HTML page whose chart is inline SVG; the SVG draws
its text as paths, so the page needs no font of its own.
"""

from __future__ import annotations

import html
import io
from pathlib import Path

from matplotlib import colormaps
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from pipeline.research import ResearchError
from pipeline.research.departments import SERIES_MART, Department, Point
from pipeline.research.files import atomic_file
from pipeline.research.fonts import use_chinese_font

FORMATS = {".png": "png", ".html": "html", ".htm": "html"}
REPORT_KIND_ZH = {"final_account": "决算", "budget": "预算"}
SCOPE_ZH = {"department": "部门", "unit": "单位"}
# Chart panels by the metrics' narrative sections (seed metric_codes.section): the amounts of 三公 and 机关运行经费
# are a few percent of the totals, and on one axis with them would lie flat at zero.
PANELS = (
    ("收入 / income", ("收入",)),
    ("支出 / expenditure", ("支出", "财政拨款", "一般公共预算", "政府性基金", "国有资本经营", "基本支出")),
    ("三公经费 / three public expenses", ("三公",)),
    ("机关运行经费与政府采购 / operating expenses and procurement", ("机关运行经费", "政府采购")),
)
# Two labels at one year stand at least this share of the axis' height apart.
_LABEL_GAP = 0.07
_BREAK = "不可比"
# tab20: the panel with the most metrics (支出) has twelve.
_PALETTE = colormaps["tab20"]


def chart_title(department: Department) -> str:
    return f"{department.name}：收入、支出、三公经费与机关运行经费（万元）"


def chart_format(out: Path) -> str:
    try:
        return FORMATS[out.suffix.lower()]
    except KeyError:
        raise ResearchError(f"--out must end in {', '.join(FORMATS)}, not '{out.suffix or out.name}'") from None


def _yoy(point: Point) -> str:
    return f"{point.change_pct:+.2f}%" + ("" if point.is_comparable else f"（{_BREAK}）")


def department_figure(department: Department, series: list[Point]) -> Figure:
    """One column per scope (部门, 单位), one row per panel that has values; a line per metric and report kind,
    决算 solid and 预算 dashed, each year labelled with its change; a change the report declares not comparable is
    marked with a hollow point and 不可比."""
    use_chinese_font()
    drawn = [p for p in series if p.value_wan_yuan is not None]
    scopes = [scope for scope in SCOPE_ZH if any(p.report_scope == scope for p in drawn)]
    panels = [(title, sections) for title, sections in PANELS if any(p.section in sections for p in drawn)]
    years = sorted({p.fiscal_year for p in drawn})
    figure = Figure(figsize=(9 + 5 * len(scopes), 3.4 * max(len(panels), 1) + 1), layout="constrained")
    FigureCanvasAgg(figure)
    figure.suptitle(chart_title(department), fontsize=13)
    axes = figure.subplots(max(len(panels), 1), max(len(scopes), 1), sharex=True, squeeze=False)
    for column, scope in enumerate(scopes):
        for row, (panel_title, sections) in enumerate(panels):
            ax = axes[row][column]
            _draw_panel(ax, [p for p in drawn if p.report_scope == scope and p.section in sections])
            ax.set_title(f"{SCOPE_ZH[scope]}报告 · {panel_title}", fontsize=10)
            ax.set_ylabel("万元")
        axes[-1][column].set_xticks(years, [f"{y}年" for y in years])
        axes[-1][column].set_xlabel("年度（标注为同比变动 / labels: year-over-year change）")
    return figure


def _draw_panel(ax, points: list[Point]) -> None:
    kinds = [kind for kind in REPORT_KIND_ZH if any(p.report_kind == kind for p in points)]
    # One colour per metric, its 决算 and 预算 alike, from a palette with as many colours as a panel has metrics.
    metrics = list(dict.fromkeys(p.metric_code for p in points))
    colours = {metric: _PALETTE(i % _PALETTE.N) for i, metric in enumerate(metrics)}
    labels: list[tuple[int, float, str, str]] = []  # year, value, text, colour
    for kind in kinds:
        for metric in dict.fromkeys(p.metric_code for p in points if p.report_kind == kind):
            line = [p for p in points if p.report_kind == kind and p.metric_code == metric]
            label = line[0].label_zh + (f"（{REPORT_KIND_ZH[kind]}）" if len(kinds) > 1 else "")
            # 决算 (what was spent) draws solid, 预算 (the plan) dashed.
            colour = colours[metric]
            ax.plot(
                [p.fiscal_year for p in line], [float(p.value_wan_yuan) for p in line], marker="o",
                linestyle="-" if kind == "final_account" else "--", label=label, color=colour,
            )
            broken = [p for p in line if not p.is_comparable]
            if broken:
                ax.plot([p.fiscal_year for p in broken], [float(p.value_wan_yuan) for p in broken], linestyle="none",
                        marker="o", markersize=11, markerfacecolor="none", markeredgecolor=colour)
            labels += [
                (p.fiscal_year, float(p.value_wan_yuan), _yoy(p), colour) for p in line if p.change_pct is not None
            ]
    ax.grid(alpha=0.3)
    ax.margins(x=0.15, y=0.25)
    if ax.get_lines():
        ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1), borderaxespad=0)
    _place_labels(ax, labels)


def _place_labels(ax, labels: list[tuple[int, float, str, str]]) -> None:
    """The change labels of each year, stacked from their points upwards so that no two are closer than
    ``_LABEL_GAP`` of the axis' height (series of equal values, 收入总计 = 支出总计, print one above the other);
    the axis grows until the highest fits."""
    low, high = ax.get_ylim()
    while True:
        gap = (high - low) * _LABEL_GAP
        positions = _stacked(labels, gap)
        top = max((y for y, _ in positions), default=low) + gap
        if top <= high:
            break
        high = top
    ax.set_ylim(low, high)
    for y, (year, value, text, colour) in positions:
        ax.annotate(text, (year, value), xytext=(year, y), textcoords="data", ha="center", va="bottom",
                    fontsize=7, color=colour,
                    arrowprops={"arrowstyle": "-", "color": colour, "lw": 0.5} if y - value > gap else None)


def _stacked(labels: list[tuple[int, float, str, str]], gap: float) -> list[tuple[float, tuple]]:
    """Where each label's text stands: half a gap above its point, and a gap above the label below it."""
    positions = []
    for year in sorted({year for year, *_ in labels}):
        below: float | None = None
        for label in sorted((lb for lb in labels if lb[0] == year), key=lambda lb: lb[1]):
            y = label[1] + gap / 2 if below is None else max(label[1] + gap / 2, below + gap)
            positions.append((y, label))
            below = y
    return positions


def _html(department: Department, series: list[Point], svg: str) -> str:
    title = html.escape(chart_title(department))
    rows = "\n".join(
        f"<tr><td>{p.fiscal_year}</td><td>{SCOPE_ZH.get(p.report_scope, p.report_scope)}</td>"
        f"<td>{html.escape(REPORT_KIND_ZH.get(p.report_kind, p.report_kind))}</td>"
        f"<td>{html.escape(p.label_zh)}</td><td>{'' if p.value_wan_yuan is None else p.value_wan_yuan}</td>"
        f"<td>{'' if p.change_pct is None else _yoy(p)}</td></tr>"
        for p in series
    )
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{title}</title>
<style>
body {{ font-family: sans-serif; margin: 2em; }}
svg {{ max-width: 100%; height: auto; }}
table {{ border-collapse: collapse; }}
th, td {{ border: 1px solid #ccc; padding: 2px 8px; }}
td:nth-child(n+5) {{ text-align: right; }}
</style>
</head>
<body>
<h1>{title}</h1>
<p>部门键 / department key: <code>{html.escape(department.key)}</code>；数据 / data: <code>{SERIES_MART}</code></p>
{svg}
<table>
<thead><tr>
<th>年度 / year</th><th>范围 / scope</th><th>种类 / kind</th><th>指标 / metric</th><th>数值（万元）/ value</th>
<th>同比 / YoY</th>
</tr></thead>
<tbody>
{rows}
</tbody>
</table>
</body>
</html>
"""


def write_chart(department: Department, series: list[Point], out: Path) -> None:
    fmt = chart_format(out)
    if not any(p.value_wan_yuan is not None for p in series):
        raise ResearchError(f"{department.key} has no values of the charted metrics in {SERIES_MART}")
    figure = department_figure(department, series)
    title = chart_title(department)
    with atomic_file(out) as temporary:
        if fmt == "png":
            figure.savefig(temporary, format="png", dpi=150, metadata={"Title": title})
        else:
            buffer = io.StringIO()
            figure.savefig(buffer, format="svg", metadata={"Title": title, "Date": None})
            svg = buffer.getvalue()
            # The XML prolog and DOCTYPE belong to a standalone SVG file, not to SVG inside HTML.
            temporary.write_text(_html(department, series, svg[svg.index("<svg"):]), encoding="utf-8")
