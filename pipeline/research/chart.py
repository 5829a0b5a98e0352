"""``chart department``: a department's income, expenditure, 三公 and 机关运行经费 by year, with YoY changes.

PNG (title also in the file's metadata) or a self-contained HTML page whose chart is inline SVG; the SVG draws
its text as paths, so the page needs no font of its own.
"""

from __future__ import annotations

import html
import io
from pathlib import Path

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from pipeline.research import ResearchError
from pipeline.research.departments import SERIES_MART, Department, Point
from pipeline.research.files import atomic_file
from pipeline.research.fonts import use_chinese_font

FORMATS = {".png": "png", ".html": "html", ".htm": "html"}
REPORT_KIND_ZH = {"final_account": "决算", "budget": "预算"}
# Amounts of 三公 and 机关运行经费 are a few percent of the totals: on one axis they would lie flat at zero.
PANELS = (
    ("收入与支出 / income and expenditure",
     ("total_income", "total_expenditure", "basic_expenditure", "project_expenditure")),
    ("三公经费与机关运行经费 / three public expenses and operating expenses",
     ("three_public_expenses", "operating_expenses")),
)


def chart_title(department: Department) -> str:
    return f"{department.name}：收入、支出、三公经费与机关运行经费（万元）"


def chart_format(out: Path) -> str:
    try:
        return FORMATS[out.suffix.lower()]
    except KeyError:
        raise ResearchError(f"--out must end in {', '.join(FORMATS)}, not '{out.suffix or out.name}'") from None


def _yoy(point: Point) -> str:
    return f"{point.change_pct:+.2f}%"


def department_figure(department: Department, series: list[Point]) -> Figure:
    use_chinese_font()
    # 决算 (what was spent) draws solid, 预算 (the plan) dashed; the mart accepts no other kind.
    kinds = [kind for kind in REPORT_KIND_ZH if any(p.report_kind == kind for p in series)]
    years = sorted({p.fiscal_year for p in series})
    figure = Figure(figsize=(10, 8), layout="constrained")
    FigureCanvasAgg(figure)
    figure.suptitle(chart_title(department), fontsize=13)
    axes = figure.subplots(len(PANELS), 1, sharex=True)
    for ax, (panel_title, metrics) in zip(axes, PANELS):
        line = 0
        for kind in kinds:
            for metric in metrics:
                points = [
                    p for p in series
                    if p.report_kind == kind and p.metric == metric and p.value_wan_yuan is not None
                ]
                if not points:
                    continue
                label = points[0].label_zh + (f"（{REPORT_KIND_ZH[kind]}）" if len(kinds) > 1 else "")
                drawn = ax.plot(
                    [p.fiscal_year for p in points], [float(p.value_wan_yuan) for p in points],
                    marker="o", linestyle="-" if kind == kinds[0] else "--", label=label,
                )[0]
                # Alternating above and below keeps equal series (收入总计 = 支出总计) from printing on each other.
                offset = 8 if line % 2 == 0 else -14
                for p in points:
                    if p.change_pct is not None:
                        ax.annotate(_yoy(p), (p.fiscal_year, float(p.value_wan_yuan)), textcoords="offset points",
                                    xytext=(0, offset), ha="center", fontsize=8, color=drawn.get_color())
                line += 1
        ax.set_title(panel_title, fontsize=10)
        ax.set_ylabel("万元")
        ax.grid(alpha=0.3)
        ax.margins(x=0.15, y=0.2)
        if line:
            ax.legend(fontsize=8, loc="best")
    axes[-1].set_xticks(years, [f"{y}年" for y in years])
    axes[-1].set_xlabel("年度（标注为同比变动 / labels: year-over-year change）")
    return figure


def _html(department: Department, series: list[Point], svg: str) -> str:
    title = html.escape(chart_title(department))
    rows = "\n".join(
        f"<tr><td>{p.fiscal_year}</td><td>{html.escape(REPORT_KIND_ZH.get(p.report_kind, p.report_kind))}</td>"
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
td:nth-child(n+4) {{ text-align: right; }}
</style>
</head>
<body>
<h1>{title}</h1>
<p>部门键 / department key: <code>{html.escape(department.key)}</code>；数据 / data: <code>{SERIES_MART}</code></p>
{svg}
<table>
<thead><tr>
<th>年度 / year</th><th>种类 / kind</th><th>指标 / metric</th><th>数值（万元）/ value</th><th>同比 / YoY</th>
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
