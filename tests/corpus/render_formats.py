"""Renders the fixtures of the formats beyond PDF and text into tests/fixtures/formats/.

python -m tests.corpus.render_formats [--out DIR]

From the seed text report (盘锦市兴隆台区工业和信息化局 2022 决算): a DOCX (its paragraphs, its flattened
绩效自评表 as a Word table), an HTML detail page around the same body (site chrome, GBK) and a DOC (the DOCX
converted by LibreOffice). From a real report (上海市普陀区财政局 2024 决算 PDF): its standard tables, as our PDF
reader sees their grids, laid out as a region publishes them in a spreadsheet — a sheet per table (the two
empty ones share the last sheet), title row, 编制部门/单位 row, merged headers, amounts as numbers — saved as
XLSX and converted by LibreOffice to XLS, and the same tables as Word tables in a DOCX. LibreOffice is needed
here only (``apt-get install libreoffice-writer-nogui libreoffice-calc-nogui``); the tests read the files.
"""

from __future__ import annotations

import argparse
import html
import shutil
import subprocess
import tempfile
from pathlib import Path

import docx
import openpyxl
import pdfplumber
from openpyxl.utils import get_column_letter

from pipeline.parse.pdf.continuation import assemble
from pipeline.parse.pdf.tables import read_pages
from pipeline.parse.tables.amounts import amount_printed, compact, is_code_text
from pipeline.parse.tables.stitch import Stitched, stitch
from pipeline.parse.tables.units import unit_in_text
from tests.conftest import PROJECT_ROOT, REAL_PDFS, SEED

FORMATS = PROJECT_ROOT / "tests" / "fixtures" / "formats"
PUTUO = REAL_PDFS / "sh-putuo_caizhengju_2024_dept-final.pdf"
PUTUO_DEPARTMENT = "上海市普陀区财政局"
SEED_STEM = SEED.stem
PUTUO_STEM = PUTUO.stem
# The two last tables (政府性基金, 国有资本经营; both empty with a note) share one sheet, below each other.
_SHARED_SHEET_FROM = 7


def seed_blocks(text: str) -> list[str | list[list[list[str]]]]:
    """The seed's paragraphs (one a line) and its flattened table as rows of cells of lines."""
    lines = text.rstrip("\n").split("\n")
    blocks: list[str | list[list[list[str]]]] = []
    i = 0
    while i < len(lines):
        if not lines[i].startswith("\t"):
            blocks.append(lines[i])
            i += 1
            continue
        rows: list[list[list[str]]] = [[]]
        while i < len(lines):
            line = lines[i]
            if line.startswith("\t"):
                rows[-1].append([line[1:]])
            elif line == "" and i + 1 < len(lines) and lines[i + 1].startswith("\t"):
                rows.append([])
            elif line and rows[-1]:
                rows[-1][-1].append(line)
            else:
                break
            i += 1
        blocks.append(rows)
    return blocks


def seed_docx(path: Path) -> None:
    document = docx.Document()
    for block in seed_blocks(SEED.read_text(encoding="utf-8")):
        if isinstance(block, str):
            document.add_paragraph(block)
            continue
        width = max(len(row) for row in block)
        table = document.add_table(rows=len(block), cols=width)
        table.style = "Table Grid"
        for r, row in enumerate(block):
            cells = table.rows[r].cells
            if len(row) < width:
                # A row that prints fewer cells (merged across) spans its last cell over the rest.
                cells[len(row) - 1].merge(cells[width - 1])
            for c, lines in enumerate(row):
                _set_cell(table.cell(r, c), lines)
    document.save(path)


def _set_cell(cell, lines: list[str]) -> None:
    cell.text = lines[0]
    for line in lines[1:]:
        cell.add_paragraph(line)


_CHROME_TOP = """<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gbk">
<title>{title}_盘锦市兴隆台区人民政府</title>
<script>var _hmt = _hmt || [];</script>
<style>body {{ font-family: SimSun; }}</style>
</head>
<body>
<div class="header"><div class="logo">盘锦市兴隆台区人民政府</div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>
<li><a href="/zwfw/">政务服务</a></li><li><a href="/hdjl/">互动交流</a></li></ul></div>
<div class="crumbs">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/czzj/">财政预决算</a></div>
<div class="article">
<h1 class="title">{title}</h1>
<div class="info">发布时间：2023-09-28 来源：区工业和信息化局 浏览次数：<span id="hits">128</span>
<a href="javascript:window.print()">【打印】</a> <a href="javascript:window.close()">【关闭】</a></div>
<div id="zoom" class="TRS_Editor">
"""
_CHROME_BOTTOM = """</div>
<div class="related"><p>相关链接：<a href="/zwgk/czzj/1.html">2022年度部门预算公开</a></p></div>
</div>
<div class="footer"><p>主办单位：盘锦市兴隆台区人民政府办公室 地址：盘锦市兴隆台区 邮编：124010</p>
<p>辽ICP备05001234号 网站标识码：2111030001</p></div>
</body>
</html>
"""


def seed_html(path: Path) -> None:
    title = "盘锦市兴隆台区工业和信息化局2022年度部门决算公开"
    body: list[str] = []
    for block in seed_blocks(SEED.read_text(encoding="utf-8")):
        if isinstance(block, str):
            body.append(f"<p>{html.escape(block)}</p>")
            continue
        body.append('<table border="1" cellspacing="0" cellpadding="0">')
        width = max(len(row) for row in block)
        for row in block:
            tds = []
            for c, lines in enumerate(row):
                span = f' colspan="{width - c}"' if c == len(row) - 1 and len(row) < width else ""
                tds.append(f"<td{span}>" + "<br>".join(html.escape(line) for line in lines) + "</td>")
            body.append("<tr>" + "".join(tds) + "</tr>")
        body.append("</table>")
    page = _CHROME_TOP.format(title=title) + "\n".join(body) + "\n" + _CHROME_BOTTOM
    path.write_bytes(page.encode("gbk"))


def putuo_tables() -> list[tuple[str, str, Stitched, list[str]]]:
    """(title, unit, grid, note) of each standard table of the real report, as our PDF reader assembles them."""
    with pdfplumber.open(PUTUO) as pdf:
        drafts = [d for d in assemble(read_pages(pdf.pages)) if not d.skipped and d.kind != "unknown"]
        return [
            (
                d.block.title.text,
                unit_in_text("\n".join(d.block.lines)) or "万元",
                stitch(d.fragments),
                d.note,
            )
            for d in drafts
        ]


def _printed(text: str) -> str:
    """A cell's text as a spreadsheet holds it: the PDF's line breaks and blanks inside a name gone."""
    return compact(text)


def putuo_xlsx(path: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    sheet = None
    for i, (title, unit, grid, note) in enumerate(putuo_tables()):
        if sheet is None or i < _SHARED_SHEET_FROM or i == _SHARED_SHEET_FROM:
            sheet = workbook.create_sheet(f"{i + 1:02d}{title}"[:31])
            top = 1
        else:
            top = sheet.max_row + 2
        top = _write_table(sheet, top, title, unit, grid, note)
    workbook.save(path)


def _write_table(sheet, top: int, title: str, unit: str, grid: Stitched, note: list[str]) -> int:
    last = get_column_letter(grid.n_cols)
    sheet.cell(top, 1, title)
    sheet.merge_cells(f"A{top}:{last}{top}")
    sheet.cell(top + 1, 1, f"编制部门：{PUTUO_DEPARTMENT}")
    sheet.cell(top + 1, grid.n_cols, f"单位：{unit}")
    start = top + 2
    for cell in grid.cells:
        text = _printed(cell.text)
        target = sheet.cell(start + cell.row, cell.col + 1)
        if amount_printed(text) and not is_code_text(text):
            target.value = float(text.replace(",", ""))
            target.number_format = "#,##0.00"
        elif text:
            target.value = text
        if cell.row_end - cell.row > 1 or cell.col_end - cell.col > 1:
            sheet.merge_cells(
                start_row=start + cell.row,
                start_column=cell.col + 1,
                end_row=start + cell.row_end - 1,
                end_column=cell.col_end,
            )
    row = start + grid.n_rows
    for line in note:
        sheet.cell(row, 1, line)
        row += 1
    return row


def putuo_docx(path: Path) -> None:
    document = docx.Document()
    for title, unit, grid, note in putuo_tables():
        document.add_paragraph(title)
        document.add_paragraph(f"编制部门：{PUTUO_DEPARTMENT}    单位：{unit}")
        table = document.add_table(rows=grid.n_rows, cols=grid.n_cols)
        table.style = "Table Grid"
        for cell in grid.cells:
            target = table.cell(cell.row, cell.col)
            if cell.row_end - cell.row > 1 or cell.col_end - cell.col > 1:
                target = target.merge(table.cell(cell.row_end - 1, cell.col_end - 1))
            target.text = _printed(cell.text)
        for line in note:
            document.add_paragraph(line)
    document.save(path)


def _convert(source: Path, extension: str, out: Path) -> None:
    """``source`` converted by LibreOffice to ``extension`` in ``out``'s folder under ``out``'s name."""
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        raise SystemExit("LibreOffice is needed to write .doc and .xls: apt-get install libreoffice-*-nogui")
    with tempfile.TemporaryDirectory() as work:
        subprocess.run(
            [
                office,
                "--headless",
                f"-env:UserInstallation=file://{work}/profile",
                "--convert-to",
                extension,
                "--outdir",
                work,
                str(source),
            ],
            check=True,
            capture_output=True,
        )
        shutil.move(Path(work) / f"{source.stem}.{extension}", out)


def render(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = [out / f"{SEED_STEM}.docx", out / f"{SEED_STEM}.html", out / f"{SEED_STEM}.doc"]
    seed_docx(written[0])
    seed_html(written[1])
    _convert(written[0], "doc", written[2])
    tables = [out / f"{PUTUO_STEM}.xlsx", out / f"{PUTUO_STEM}.xls", out / f"{PUTUO_STEM}-tables.docx"]
    putuo_xlsx(tables[0])
    _convert(tables[0], "xls", tables[1])
    putuo_docx(tables[2])
    return written + tables


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.corpus.render_formats", description=__doc__)
    parser.add_argument("--out", type=Path, default=FORMATS)
    args = parser.parse_args(argv)
    for path in render(args.out):
        print(path.relative_to(PROJECT_ROOT) if path.is_relative_to(PROJECT_ROOT) else path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
