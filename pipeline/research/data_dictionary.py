"""The export's data dictionary: every mart and column, described in Chinese and English, as Markdown."""

from __future__ import annotations

from pipeline.research.marts import Mart

FILE_NAME = "data_dictionary.md"


def _cell(text: str) -> str:
    # A Markdown table row is one line, and a bare | would split the cell.
    return " ".join(text.split()).replace("|", "\\|")


def render(marts: list[Mart], row_counts: dict[str, int], files: dict[str, list[str]]) -> str:
    lines = [
        "# 数据字典 / Data dictionary",
        "",
        "集市表（schema main）的说明取自 dbt 文档，列类型取自仓库。每个表都导出为 Parquet（DECIMAL 精确保留）"
        "和 CSV（UTF-8 带 BOM，Excel 可直接打开）；金额单位写在列名中（`_wan` / `_wan_yuan` = 万元）。",
        "",
        "Descriptions of the marts (schema main) come from the dbt docs, column types from the warehouse. Every mart "
        "is exported as Parquet (DECIMAL kept exact) and as CSV (UTF-8 with a byte order mark, so Excel opens it "
        "correctly); amounts carry their unit in the column name (`_wan` / `_wan_yuan` = 万元, 10,000 yuan).",
        "",
        "| 表 / mart | 行数 / rows | 列数 / columns |",
        "|---|---:|---:|",
    ]
    lines += [f"| [{m.name}](#{m.name}) | {row_counts[m.name]} | {len(m.columns)} |" for m in marts]
    for mart in marts:
        lines += [
            "",
            f"## {mart.name}",
            "",
            mart.description,
            "",
            f"行数 / rows: {row_counts[mart.name]}；文件 / files: " + ", ".join(f"`{f}`" for f in files[mart.name]),
            "",
            "| 列 / column | 类型 / type | 说明 / description |",
            "|---|---|---|",
        ]
        lines += [f"| `{c.name}` | {c.data_type} | {_cell(c.description)} |" for c in mart.columns]
    return "\n".join(lines) + "\n"
