"""Identity checks over a truth file, reading nothing but the truth JSON: what a report's tables must satisfy
(合计 = Σ rows, 类 = Σ 款 = Σ 项, 基本 + 项目 = 合计, #1's 总计, the same figure across tables, 人员经费 + 公用经费 =
基本支出) and how the narrative's headline figures relate to the tables. Each check returns the identities that
fail, as sentences (empty when the document is consistent)."""

from __future__ import annotations

import re
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

_CLASS_ROW = re.compile(r"^[一二三四五六七八九十]+、.*支出$")
_INCOME_ROW = re.compile(r"^[一二三四五六七八九十]+、.*收入$")


def dec(value: str) -> Decimal:
    return Decimal(value.replace(",", ""))


def wan(value: Decimal, unit: str) -> Decimal:
    """A table amount in 万元, rounded half up to 2 decimals as the narrative prints it."""
    amount = value / 10000 if unit == "元" else value
    return amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


class Table:
    def __init__(self, truth: dict):
        self.truth = truth
        self.kind = truth["table_kind"]
        self.unit = truth["unit"]
        self.cells = truth["cells"]

    def get(self, item=None, code=None, measure=None, panel=None, by_code: bool = False) -> Decimal:
        """The sum of the cells matching every given field (0 when none: a blank or "-" is a zero)."""
        total = Decimal(0)
        for c in self.cells:
            if item is not None and c["item"] != item:
                continue
            if (code is not None or by_code) and c["code"] != code:
                continue
            if measure is not None and c["measure"] != measure:
                continue
            if panel is not None and c["panel"] != panel:
                continue
            total += dec(c["value"])
        return total

    def all(self, item=None, measure=None) -> list[Decimal]:
        return [dec(c["value"]) for c in self.cells if (item is None or c["item"] == item)
                and (measure is None or c["measure"] == measure)]

    @property
    def measures(self) -> list[str]:
        return list(dict.fromkeys(c["measure"] for c in self.cells))

    @property
    def codes(self) -> list[str]:
        return list(dict.fromkeys(c["code"] for c in self.cells if c["code"]))


def tables_of(truth: dict) -> dict[str, Table]:
    return {t["table_kind"]: Table(t) for t in truth["tables"]}


def _hierarchy(table: Table, problems: list[str], total_item: str | None = "合计") -> None:
    """合计 = Σ 类, 类 = Σ its 款 (or 项 where a class has no 款 level), 款 = Σ its 项, for every measure."""
    codes = table.codes
    for measure in table.measures:
        value = {code: table.get(code=code, measure=measure) for code in codes}
        classes = [c for c in codes if len(c) == 3]
        total = table.get(item=total_item, code=None, measure=measure, by_code=True)
        if total_item and classes and total != sum(value[c] for c in classes):
            problems.append(f"{table.kind} {measure}: 合计 {total} != Σ 类 {sum(value[c] for c in classes)}")
        for parent in codes:
            children = [c for c in codes if len(c) == len(parent) + 2 and c.startswith(parent)]
            if children and value[parent] != sum(value[c] for c in children):
                problems.append(f"{table.kind} {measure} {parent}: {value[parent]} != Σ children")


def _row_sum(table: Table, total: str, parts: list[str], problems: list[str]) -> None:
    rows = {(c["item"], c["code"]) for c in table.cells}
    for item, code in rows:
        whole = table.get(item=item, code=code, measure=total, by_code=True)
        sum_parts = sum(table.get(item=item, code=code, measure=m, by_code=True) for m in parts)
        if whole != sum_parts:
            problems.append(f"{table.kind} {item} {code}: {total} {whole} != Σ {parts} {sum_parts}")


_THREE_PUBLIC_LEAVES = {"合计": "total", "因公出国（境）费": "abroad", "小计": "cars", "购置费": "purchase",
                        "公务用车购置费": "purchase", "运行费": "running", "公务用车运行费": "running",
                        "公务接待费": "reception"}


def three_public(table: Table, group: str) -> dict[str, Decimal]:
    """#7's six figures of ``group`` (预算数/决算数) whatever the header layout."""
    out = {k: Decimal(0) for k in set(_THREE_PUBLIC_LEAVES.values())}
    for c in table.cells:
        parts = c["measure"].split("/")
        if group not in parts:
            continue
        rest = [p for p in parts if p not in (group, "财政拨款“三公”经费", "公务用车购置及运行费")]
        out[_THREE_PUBLIC_LEAVES[rest[-1]]] += dec(c["value"])
    return out


def check_tables(truth: dict) -> list[str]:
    problems: list[str] = []
    t = tables_of(truth)
    t1, t2, t3, t4, t5, t6, t7 = (t[k] for k in (
        "final_income_expenditure_summary", "final_income", "final_expenditure", "final_fiscal_summary",
        "final_general_budget_expenditure", "final_general_budget_basic_expenditure", "final_three_public"))
    if len({x.unit for x in t.values()}) != 1:
        problems.append("tables in different units")

    # #1: 本年收入合计 = Σ 一…八; 总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余 (left), = 本年支出合计 +
    # 结余分配 + 年末结转和结余 (right); 本年支出合计 = Σ classes; left 总计 = right 总计.
    income_rows = sum(dec(c["value"]) for c in t1.cells if _INCOME_ROW.match(c["item"]))
    class_rows = {c["item"].split("、", 1)[1]: dec(c["value"]) for c in t1.cells if _CLASS_ROW.match(c["item"])}
    if t1.get("本年收入合计") != income_rows:
        problems.append(f"#1 本年收入合计 {t1.get('本年收入合计')} != Σ income rows {income_rows}")
    if t1.get("本年支出合计") != sum(class_rows.values()):
        problems.append("#1 本年支出合计 != Σ classes")
    left = t1.get("本年收入合计") + t1.get("使用非财政拨款结余") + t1.get("年初结转和结余")
    right = t1.get("本年支出合计") + t1.get("结余分配") + t1.get("年末结转和结余")
    totals = t1.all("总计")
    if len(totals) != 2 or not (totals[0] == totals[1] == left == right):
        problems.append(f"#1 总计 {totals} != {left} / {right}")

    # #2 #3 #5 (and #8 #9 when not empty): hierarchy and row sums.
    for table in (t2, t3, t5, t["final_government_fund"], t["final_state_capital"]):
        if table.cells:
            _hierarchy(table, problems)
    _row_sum(t2, "本年收入合计", ["财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"], problems)
    _row_sum(t3, "本年支出合计", ["基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"], problems)
    _row_sum(t5, "合计", ["基本支出", "项目支出"], problems)
    for table in (t["final_government_fund"], t["final_state_capital"]):
        if table.cells:
            _row_sum(table, "本年支出/合计", ["本年支出/基本支出", "本年支出/项目支出"], problems)
        elif not table.truth["is_empty"]:
            problems.append(f"{table.kind}: no cells but not marked empty")

    # The same figures across tables: #1 classes = #3 类 本年支出合计; #1 本年支出合计 = #3 合计; #1 本年收入合计 =
    # #2 合计; #4's 一般公共预算 column classes = #5 类 合计.
    for code in (c for c in t3.codes if len(c) == 3):
        name = next(c["item"] for c in t3.cells if c["code"] == code)
        if class_rows.get(name, Decimal(0)) != t3.get(code=code, measure="本年支出合计"):
            problems.append(f"#1 {name} != #3 {code}")
    if t1.get("本年支出合计") != t3.get("合计", None, "本年支出合计", by_code=True):
        problems.append("#1 本年支出合计 != #3 合计")
    if t1.get("本年收入合计") != t2.get("合计", None, "本年收入合计", by_code=True):
        problems.append("#1 本年收入合计 != #2 合计")
    gb_col = "一般公共预算财政拨款"
    for code in (c for c in t5.codes if len(c) == 3):
        name = next(c["item"] for c in t5.cells if c["code"] == code)
        in_4 = sum(dec(c["value"]) for c in t4.cells if c["measure"] == gb_col and c["item"].endswith("、" + name))
        if in_4 != t5.get(code=code, measure="合计"):
            problems.append(f"#4 {name} != #5 {code}")

    # #4: per row 合计 = Σ funds; 总计 both sides; 本年支出合计 = Σ classes.
    funds = [gb_col, "政府性基金预算财政拨款", "国有资本经营预算财政拨款"]
    _row_sum(Table({**t4.truth, "cells": [c for c in t4.cells if c["panel"] == 1]}), "合计", funds, problems)
    left_total = t4.get("总计", measure="决算数")
    if left_total != t4.get("本年收入合计") + t4.get("年初财政拨款结转和结余"):
        problems.append("#4 left 总计 != 本年收入合计 + 年初结转")
    if left_total != t4.get("总计", measure="合计"):
        problems.append(f"#4 总计 left {left_total} != right {t4.get('总计', measure='合计')}")
    if t4.get("本年支出合计", measure=gb_col) != t5.get("合计", None, "合计", by_code=True):
        problems.append("#4 一般公共预算 本年支出合计 != #5 合计")

    # #6: 类 = Σ 款; 人员经费合计 = 301 + 303; 公用经费合计 = 302 + 310; sum = #5 基本支出 合计.
    _hierarchy(t6, problems, total_item=None)
    personnel = t6.get(code="301") + t6.get(code="303")
    public = t6.get(code="302") + t6.get(code="310")
    if t6.get("人员经费合计") != personnel or t6.get("公用经费合计") != public:
        problems.append("#6 人员/公用经费合计 != Σ classes")
    if personnel + public != t5.get("合计", None, "基本支出", by_code=True):
        problems.append(f"#6 {personnel + public} != #5 基本支出 合计")

    # #7: 合计 = 出国 + 车 + 接待; 车 = 购置 + 运行; the 决算 items equal #6's 302 12/17/31 and 310 13.
    for group in ("预算数", "决算数"):
        v = three_public(t7, group)
        if v["cars"] != v["purchase"] + v["running"]:
            problems.append(f"#7 {group}: 小计 != 购置 + 运行 {v}")
        if v["total"] != v["abroad"] + v["cars"] + v["reception"]:
            problems.append(f"#7 {group}: 合计 != 出国 + 车 + 接待 {v}")
        if group == "决算数":
            for key, code in (("abroad", "30212"), ("reception", "30217"), ("running", "30231"), ("purchase", "31013")):
                if v[key] != t6.get(code=code):
                    problems.append(f"#7 决算数 {key} {v[key]} != #6 {code} {t6.get(code=code)}")
    return problems


def check_narrative(truth: dict) -> list[str]:
    """The headline figures against the tables (万元, rounded half up)."""
    problems: list[str] = []
    t = tables_of(truth)
    unit = t["final_income_expenditure_summary"].unit
    figures = defaultdict(list)
    for f in truth["narrative"]:
        figures[(f["section"], f["label"])].append(dec(f["value"]))
    t1, t3, t4, t5, t6, t7 = (t[k] for k in (
        "final_income_expenditure_summary", "final_expenditure", "final_fiscal_summary",
        "final_general_budget_expenditure", "final_general_budget_basic_expenditure", "final_three_public"))
    fiscal_income = sum((t1.get(i) for i in ("一、一般公共预算财政拨款收入", "二、政府性基金预算财政拨款收入",
                                             "三、国有资本经营预算财政拨款收入")), Decimal(0))
    expected = {
        ("收入", "收入总计"): t1.all("总计")[0],
        ("收入", "财政拨款收入"): fiscal_income,
        ("支出", "支出总计"): t1.all("总计")[-1],
        ("支出", "基本支出"): t3.get("合计", None, "基本支出", by_code=True),
        ("支出", "项目支出"): t3.get("合计", None, "项目支出", by_code=True),
        ("财政拨款", "财政拨款支出"): t4.get("本年支出合计", measure="合计"),
        ("一般公共预算", "一般公共预算财政拨款支出"): t5.get("合计", None, "合计", by_code=True),
        ("基本支出", "一般公共预算财政拨款基本支出"): t5.get("合计", None, "基本支出", by_code=True),
        ("基本支出", "人员经费"): t6.get("人员经费合计"),
        ("基本支出", "日常公用经费"): t6.get("公用经费合计"),
        ("机关运行经费", "机关运行经费支出"): t6.get("公用经费合计"),
        ("三公", "一般公共预算财政拨款安排的三公经费支出"): three_public(t7, "决算数")["total"],
    }
    for code in (c for c in t5.codes if len(c) == 3):
        name = next(c["item"] for c in t5.cells if c["code"] == code)
        expected[("一般公共预算", name)] = t5.get(code=code, measure="合计")
    for key, value in expected.items():
        stated = figures.get(key)
        if not stated:
            problems.append(f"narrative lacks {key}")
        elif any(s != wan(value, unit) for s in stated):
            problems.append(f"narrative {key} {stated} != tables {wan(value, unit)}")
    extra = set(figures) - set(expected) - {("财政拨款", "基本支出"), ("财政拨款", "项目支出")}
    if extra:
        problems.append(f"narrative figures without a table check: {sorted(extra)}")
    return problems


# ----------------------------------------------------------------------------------------------------------
# What pdfplumber reads back from the rendered PDF

_ALL_BLANKS = re.compile(r"\s+")
_QUOTES = re.compile(r"[“”]")


def squeeze(text: str | None) -> str:
    return _ALL_BLANKS.sub("", text or "")


def text_in(chars: list[dict], bbox: tuple[float, float, float, float]) -> str:
    """The text of the chars (pdfplumber's page.chars) lying wholly inside ``bbox``, line by line (lines are
    chars whose tops are within 3 pt), left to right."""
    x0, top, x1, bottom = bbox
    inside = [c for c in chars if c["x0"] >= x0 - 0.01 and c["x1"] <= x1 + 0.01 and c["top"] >= top - 0.01
              and c["bottom"] <= bottom + 0.01]
    lines: list[list[dict]] = []
    for c in sorted(inside, key=lambda c: (c["top"], c["x0"])):
        if lines and abs(lines[-1][0]["top"] - c["top"]) <= 3:
            lines[-1].append(c)
        else:
            lines.append([c])
    return "\n".join("".join(c["text"] for c in sorted(line, key=lambda c: c["x0"])) for line in lines)


def check_rendering(pdf_bytes: bytes, placed: list, truth: dict, page_count: int) -> list[str]:
    """Every truth cell is where the truth says: its page, its value in its cell, its label and code beside it;
    single-line labels appear in the page text; the narrative states every headline figure as label+value."""
    import io

    import pdfplumber

    problems: list[str] = []
    cells = [c for t in truth["tables"] for c in t["cells"]]
    if len(cells) != len(placed):
        return [f"{len(cells)} truth cells but {len(placed)} placed"]
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        if len(pdf.pages) != page_count:
            problems.append(f"{len(pdf.pages)} pages, rendered {page_count}")
        page_text: dict[int, str] = {}
        page_chars: dict[int, list[dict]] = {}
        for cell, where in zip(cells, placed):
            if cell["page"] != where.page or cell["value"] != where.value:
                problems.append(f"truth {cell} != placed {where}")
                continue
            page = pdf.pages[cell["page"] - 1]
            if cell["page"] not in page_text:
                page_text[cell["page"]] = squeeze(page.extract_text())
                page_chars[cell["page"]] = page.chars
            chars = page_chars[cell["page"]]
            got = text_in(chars, where.value_bbox)
            if got != cell["value"]:
                problems.append(f"p.{cell['page']} value {cell['value']!r} reads {got!r}")
            if where.item_bbox is not None:
                label = squeeze(text_in(chars, where.item_bbox))
                if label != cell["item"]:
                    problems.append(f"p.{cell['page']} item {cell['item']!r} reads {label!r}")
                if where.item_lines == 1 and cell["item"] not in page_text[cell["page"]]:
                    problems.append(f"p.{cell['page']} item {cell['item']!r} not in the page text")
            elif cell["item"] is not None:
                problems.append(f"p.{cell['page']} item {cell['item']!r} has no label cell")
            if where.code_bbox is not None:
                code = squeeze(text_in(chars, where.code_bbox))
                if code != (cell["code"] or ""):
                    problems.append(f"p.{cell['page']} code {cell['code']!r} reads {code!r}")
            elif cell["code"]:
                problems.append(f"p.{cell['page']} code {cell['code']!r} has no code cell")
        first_table = min((t["page_first"] for t in truth["tables"]), default=len(pdf.pages) + 1)
        narrative = "".join(
            squeeze(p.crop((0, 0, p.width, p.height - 45)).extract_text()) for p in pdf.pages[: first_table - 1]
        )
        narrative = _QUOTES.sub("", narrative)
        for f in truth["narrative"]:
            if f"{f['label']}{f['value']}{f['unit']}" not in narrative:
                problems.append(f"narrative does not print {f['label']}{f['value']}{f['unit']}")
        for t in truth["tables"]:
            title_page = squeeze(pdf.pages[t["page_first"] - 1].extract_text())
            if squeeze(t["title"]) not in title_page:
                problems.append(f"title {t['title']} not on p.{t['page_first']}")
            if t["is_empty"] and "故本表无数据" not in squeeze(pdf.pages[t["page_last"] - 1].extract_text()):
                problems.append(f"{t['table_kind']} is empty but prints no 无数据 note")
    return problems
