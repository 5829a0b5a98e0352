"""The narrative of a generated report, in the phrasing of the seed (辽宁盘锦兴隆台区工信局 2022 决算).

``build_narrative`` writes the text blocks of a department-year and, beside them, the truth of the headline
figures it states — (section, label, value, unit) with the label the parser's normalisation yields (leading
year and quotes removed) — and the year-over-year statements it makes, whose amount and percent are computed
from the printed (万元, 2-decimal) figures of the year and of the year before: change = figure(N) − figure(N−1),
percent = change / figure(N−1) × 100, rounded half up to 2 decimals.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from tests.corpus import catalog
from tests.corpus.layout import Layout
from tests.corpus.spec import Department, YearFigures, percent, to_wan
from tests.corpus.tables import format_amount

SEED_TEXT = Path(__file__).resolve().parents[2] / "data" / "raw" / "liaoning-panjin-xinglongtai_gongxinju_2022_dept-final.txt"

SAME = "持平"  # what ``_Writer.yoy`` returns for an unchanged figure

# Block kinds: cover (title page), toc (目录 lines), part (第N部分), l1 (一、…), para (a paragraph).
Block = tuple[str, str]


@dataclass(frozen=True)
class YoY:
    """A year-over-year statement as printed, and the two printed figures it compares."""

    section: str
    metric: str  # the figure's truth label, e.g. 收入总计, 机关运行经费支出
    sign: int  # +1 increase, -1 decrease, 0 unchanged
    amount: Decimal  # unsigned change in 万元
    pct: Decimal | None  # unsigned percent; None when the prior year is 0
    current: Decimal
    prior: Decimal
    block: int | None = None  # the index of the block (paragraph) that prints the statement


@dataclass
class Narrative:
    blocks: list[Block]
    figures: list[dict] = field(default_factory=list)  # truth: section, label, value, unit
    yoy: list[YoY] = field(default_factory=list)
    # The amounts (万元, as printed) the narrative states for the panel metrics that are no headline figure of
    # ``figures``: panel metric → printed amount, e.g. {"overseas_travel": "0", "government_procurement": "1.61"}.
    stated: dict[str, str] = field(default_factory=dict)
    scope: str = "department"  # department (部门决算) | unit (单位决算)


def amount_text(value: Decimal, separators: bool) -> str:
    """A 万元 amount as the narrative prints it: 0 as "0", others with 2 decimals."""
    return "0" if value == 0 else format_amount(value, separators)


SCOPES = {"department": "部门", "unit": "单位"}  # report_scope → the word that names the report

# The labels under which the narrative states the panel metrics that are no headline figure (``Narrative.stated``).
STATED_LABELS = {
    "government_fund_expenditure": "政府性基金预算财政拨款支出",
    "overseas_travel": "因公出国（境）费",
    "official_reception": "公务接待费",
    "official_vehicles": "公务用车购置及运行维护费",
    "vehicle_purchase": "公务用车购置费",
    "vehicle_operation": "公务用车运行维护费",
    "government_procurement": "政府采购支出总额",
}


def locate(blocks: list[Block], label: str, value: str | None = None) -> tuple[int, int, str] | None:
    """Where the paragraphs first print ``label`` (quote marks between its characters allowed: 三公经费 matches
    “三公”经费) directly followed by an amount in 万元 (``value`` when given): (block index, offset of the amount
    in the block's text, the amount as printed); None when they never do."""
    amount = re.escape(value) if value is not None else r"\d[\d,]*(?:\.\d+)?"
    pattern = re.compile('[“”"]?'.join(map(re.escape, label)) + f"(?P<amount>{amount})万元")
    for i, (kind, text) in enumerate(blocks):
        if kind != "para":
            continue
        match = pattern.search(text)
        if match:
            return i, match.start("amount"), match["amount"]
    return None


def percent_text(value: Decimal) -> str:
    """A share as the seed prints it: 100 and 0 without decimals, others with 2."""
    return str(int(value)) if value in (0, 100) else f"{value:.2f}"


TABLE_TITLES = (
    "收入支出决算总表", "收入决算表", "支出决算表", "财政拨款收入支出决算总表", "一般公共预算财政拨款支出决算表",
    "一般公共预算财政拨款基本支出决算表", "一般公共预算财政拨款“三公”经费支出决算表",
    "政府性基金预算财政拨款收入支出决算表", "国有资本经营预算财政拨款支出决算表",
)

_REASONS_UP = ("业务工作量增加，项目支出相应增加", "人员调整，工资福利支出增加", "新增专项工作任务",
               "上年结转项目在本年继续实施")
_REASONS_DOWN = ("严格落实过紧日子要求，压减一般性支出", "部分项目已于上年完成", "项目预算编制由其他科室代编",
                 "人员减少，工资福利支出相应减少")
_DEFINITIONS = (
    "1.财政拨款收入：指单位从同级财政部门取得的财政预算资金。",
    "2.上级补助收入：指单位从主管部门和上级单位取得的非财政性补助收入。",
    "3.事业收入：指事业单位开展专业业务活动及辅助活动所取得的收入。",
    "4.基本支出：指保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。",
    "5.项目支出：指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。",
    "6.“三公”经费：指用一般公共预算财政拨款安排的因公出国（境）费、公务用车购置及运行费和公务接待费。",
    "7.机关运行经费：指为保障行政单位和参照公务员法管理的事业单位运行，使用一般公共预算财政拨款安排的基本支出中用于购买货物和服务的各项资金。",
)


class _Writer:
    def __init__(self, dept: Department, year: int, layout: Layout, scope: str = "department"):
        self.dept, self.year, self.layout, self.scope = dept, year, layout, scope
        self.fig: YearFigures = dept.years[year]
        self.prior: YearFigures | None = dept.years.get(year - 1)
        # A unit report draws its wording from a stream of its own (the department's stays what it always was).
        self.rng = random.Random(f"narrative:{dept.slug}:{year}" + ("" if scope == "department" else f":{scope}"))
        self.out = Narrative(blocks=[], scope=scope)

    # -- helpers ---------------------------------------------------------------------------------------
    def wan(self, fen: int) -> Decimal:
        return to_wan(fen)

    def amt(self, fen: int) -> str:
        return amount_text(to_wan(fen), self.layout.separators)

    def fact(self, section: str, label: str, fen: int) -> str:
        """The amount printed for a headline figure, recorded in the truth."""
        printed = self.fig.narrative_printed.get(label) or self.amt(fen)
        self.out.figures.append({"section": section, "label": label, "value": printed, "unit": "万元"})
        return printed

    def state(self, metric: str, printed: str) -> str:
        """An amount the narrative prints for a panel metric that is no headline figure, recorded (first only)."""
        self.out.stated.setdefault(metric, printed)
        return printed

    def share(self, part: int, whole: int) -> str:
        return percent_text(percent(to_wan(part), to_wan(whole)))

    def yoy(self, section: str, metric: str, get, words: tuple[str, str, str, str]) -> str:
        """"增加A万元，增长B%" for the figure ``get(YearFigures)`` against the year before; records the statement."""
        current = to_wan(get(self.fig))
        prior = to_wan(get(self.prior)) if self.prior else None
        if prior is None:
            return ""
        change = current - prior
        sign = (change > 0) - (change < 0)
        amount = abs(change)
        pct = percent(amount, prior) if prior else None
        # The statement goes into the next paragraph the caller appends.
        self.out.yoy.append(YoY(section, metric, sign, amount, pct, current, prior, len(self.out.blocks)))
        up_amount, down_amount, up_pct, down_pct = words
        if sign == 0:
            return SAME
        verb, pverb = (up_amount, up_pct) if sign > 0 else (down_amount, down_pct)
        text = f"{verb}{amount_text(amount, self.layout.separators)}万元"
        if pct is not None:
            text += f"，{pverb}{percent_text(pct)}%"
        return text

    def reason(self, sign_of: int) -> str:
        return self.rng.choice(_REASONS_UP if sign_of >= 0 else _REASONS_DOWN)

    def para(self, text: str) -> None:
        self.out.blocks.append(("para", text))

    # -- the report ------------------------------------------------------------------------------------
    def write(self) -> Narrative:
        d, y, fig = self.dept, self.year, self.fig
        blocks = self.out.blocks
        word = SCOPES[self.scope]  # 部门 or 单位, wherever the report names itself
        blocks.append(("cover", f"{d.name}{y}年度{word}决算"))
        if self.layout.toc:
            lines = ["目录", f"第一部分 {word}概况", f"第二部分 {y}年度{word}决算情况说明", "第三部分 名词解释",
                     f"第四部分 {y}年度{word}决算表"]
            lines += [f"{catalog.CN_NUMERALS[i]}、{t}" for i, t in enumerate(TABLE_TITLES)]
            blocks.append(("toc", "\n".join(lines)))
        blocks.append(("part", f"第一部分 {word}概况"))
        blocks.append(("l1", "一、主要职责"))
        self.para(f"（一）{d.duty}。")
        self.para("（二）完成区委、区政府交办的其他任务。")
        if self.scope == "department":
            blocks.append(("l1", "二、部门决算单位构成"))
            self.para(f"纳入{d.name}{y}年部门决算编制范围的二级预算单位包括：")
            self.para(f"{d.name}本级")
        else:  # one unit alone: no units under it to consolidate
            blocks.append(("l1", "二、单位构成"))
            self.para(f"{d.name}无下属二级预算单位，{y}年度单位决算仅反映本单位自身的收支情况。")
        blocks.append(("part", f"第二部分 {y}年度{word}决算情况说明"))
        self._income_expenditure()
        self._fiscal()
        self._three_public()
        self._basic()
        self._other()
        blocks.append(("part", "第三部分 名词解释"))
        for definition in _DEFINITIONS:
            self.para(definition)
        return self.out

    def _income_expenditure(self) -> None:
        fig = self.fig
        self.out.blocks.append(("l1", "一、收入支出决算总体情况说明"))
        total = fig.income_grand_total
        self.para(f"（一）收入总计{self.fact('收入', '收入总计', total)}万元，包括：")
        fiscal = fig.total("fiscal_income")
        self.para(
            f"1.财政拨款收入{self.fact('收入', '财政拨款收入', fiscal)}万元，占收入总计的{self.share(fiscal, total)}%。"
            f"其中：一般公共预算财政拨款收入{self.amt(fig.total('gb_income'))}万元，"
            f"政府性基金收入{self.amt(fig.total('gf_income'))}万元，"
            f"国有资本经营预算财政拨款收入{self.amt(fig.total('sc_income'))}万元。"
        )
        others = [
            ("上级补助收入", fig.total("income_upper"), "上级主管部门拨付的补助"),
            ("事业收入", fig.total("income_business"), "开展专业业务活动取得的"),
            ("经营收入", 0, ""),
            ("附属单位上缴收入", 0, ""),
            ("其他收入", fig.total("income_other"), "利息等其他"),
        ]
        for i, (label, fen, what) in enumerate(others, start=2):
            tail = f"主要是{what}收入。" if fen else "主要是0等收入。"
            self.para(f"{i}.{label}{self.amt(fen)}万元，占收入总计的{self.share(fen, total)}%。{tail}")
        self.para("7.使用非财政拨款结余0万元，占收入总计的0%。主要是0等。")
        carry = fig.carry_start
        tail = "主要是上年未完成项目结转至本年继续使用的资金。" if carry else "主要是0等。"
        self.para(f"8.上年结转和结余{self.amt(carry)}万元，占收入总计的{self.share(carry, total)}%。{tail}")
        change = self.yoy("收入", "收入总计", lambda f: f.income_grand_total, ("增加", "减少", "增长", "降低"))
        if change == SAME:
            self.para("与上年相比，今年收入持平。")
        elif change:
            sign = self.out.yoy[-1].sign
            self.para(f"与上年相比，今年收入{change}，主要原因：{self.reason(sign)}。")

        spent = fig.expenditure_grand_total
        self.para(f"（二）支出总计{self.fact('支出', '支出总计', spent)}万元，包括：")
        basic = fig.total("basic")
        basic_parts = "；".join(
            f"{_spending_name(code)}{self.amt(item.basic)}万元" for code, item in fig.items.items() if item.basic
        )
        self.para(
            f"1.基本支出{self.fact('支出', '基本支出', basic)}万元，占支出总计的{self.share(basic, spent)}%。"
            f"主要是为保障机构正常运转、完成日常工作任务而发生的各项支出，其中：{basic_parts}。"
        )
        project = fig.total("project")
        classes = [c for c in catalog.CLASSES if fig.by_prefix("project", c)]
        project_parts = "；".join(f"{catalog.CLASSES[c]}{self.amt(fig.by_prefix('project', c))}万元" for c in classes)
        self.para(
            f"2.项目支出{self.fact('支出', '项目支出', project)}万元，"
            + (f"主要包括{project_parts}。" if project_parts else "")
            + f"占支出总计的{self.share(project, spent)}%。"
        )
        for i, label in enumerate(("上缴上级支出", "经营支出", "对附属单位补助支出"), start=3):
            self.para(f"{i}.{label}0万元，占支出总计的0%。")
        change = self.yoy("支出", "支出总计", lambda f: f.expenditure_grand_total, ("增加", "减少", "增长", "降低"))
        if change == SAME:
            self.para("与上年相比，今年支出持平。")
        elif change:
            sign = self.out.yoy[-1].sign
            self.para(f"与上年相比，今年支出{change}，主要原因：{self.reason(sign)}。")
        self.para(f"（三）年末结转和结余{self.amt(fig.carry_end)}万元。")

    def _fiscal(self) -> None:
        fig, y = self.fig, self.year
        self.out.blocks.append(("l1", "二、财政拨款支出决算情况说明"))
        self.para("（一）总体情况。")
        spent = fig.total("fiscal_expenditure")
        basic = fig.total("gb_basic")
        project = spent - basic
        change = self.yoy("财政拨款", "财政拨款支出", lambda f: f.total("fiscal_expenditure"),
                          ("增加", "减少", "增长", "降低"))
        text = (
            f"{y}年度财政拨款支出{self.fact('财政拨款', '财政拨款支出', spent)}万元，其中：基本支出"
            f"{self.fact('财政拨款', '基本支出', basic)}万元，项目支出{self.fact('财政拨款', '项目支出', project)}万元。"
        )
        if change == SAME:
            text += "财政拨款支出与上年持平。"
        elif change:
            text += f"与上年相比，财政拨款支出{change}，主要原因是{self.reason(self.out.yoy[-1].sign)}。"
        self.para(text + f"与年初预算相比，{y}年支出与预算基本平衡。")
        self.para("（二）一般公共预算财政拨款支出情况。")
        general = fig.total("gb_expenditure")
        parts = []
        for code, name in catalog.CLASSES.items():
            fen = fig.by_prefix("gb_expenditure", code)
            if fen:
                parts.append(f"{name}{self.fact('一般公共预算', name, fen)}万元，占{self.share(fen, general)}%")
        self.para(
            f"{y}年度一般公共预算财政拨款支出{self.fact('一般公共预算', '一般公共预算财政拨款支出', general)}万元，"
            f"按支出功能分类科目分，包括：{'；'.join(parts)}。"
        )
        self.para("（三）政府性基金预算财政拨款支出情况。")
        gf = self.state("government_fund_expenditure", self.amt(fig.total("gf_project")))
        self.para(f"{y}年度政府性基金预算财政拨款支出{gf}万元。")
        self.para("（四）国有资本经营预算财政拨款支出情况。")
        self.para(f"{y}年度国有资本经营预算财政拨款支出{self.amt(fig.total('sc_project'))}万元。")

    def _three_public(self) -> None:
        fig, y = self.fig, self.year
        final, budget = fig.three_public_final, fig.three_public_budget
        self.out.blocks.append(("l1", "三、一般公共预算财政拨款“三公”经费支出决算情况说明"))
        total, total_budget = sum(final.values()), sum(budget.values())
        done = self.share(total, total_budget)
        compare = "小于" if total < total_budget else ("大于" if total > total_budget else "等于")
        cars = final["car_purchase"] + final["car_running"]
        self.para(
            f"{y}年度一般公共预算财政拨款安排的“三公”经费支出"
            f"{self.fact('三公', '一般公共预算财政拨款安排的三公经费支出', total)}万元，完成年初预算的{done}%，"
            f"决算数{compare}年初预算数的主要原因是严格控制“三公”经费支出。其中：因公出国（境）费"
            f"{self.state('overseas_travel', self.amt(final['abroad']))}万元，"
            f"公务接待费{self.state('official_reception', self.amt(final['reception']))}万元，"
            f"公务用车购置及运行维护费{self.state('official_vehicles', self.amt(cars))}万元。"
        )
        groups = self.rng.randint(1, 3) if final["abroad"] else 0
        batches = self.rng.randint(5, 60) if final["reception"] else 0
        vehicles = self.rng.randint(1, 8) if final["car_running"] else 0
        for i, (label, key, detail) in enumerate((
            ("因公出国（境）费", "abroad", f"{y}年参加出国（境）团组{groups}个，累计{groups * self.rng.randint(2, 5) if groups else 0}人次。"),
            ("公务接待费", "reception", f"{y}年国内公务接待累计{batches}批次、{batches * self.rng.randint(3, 8)}人次。"),
        ), start=1):
            fen = final[key]
            change = self.yoy("三公", label, lambda f, k=key: f.three_public_final[k], ("增加", "减少", "增长", "下降"))
            text = (f"{i}.{label}{self.amt(fen)}万元，占“三公”经费支出的{self.share(fen, total)}%。"
                    f"完成年初预算的{self.share(fen, budget[key])}%。{detail}")
            if change == SAME:
                text += f"{y}年{label}与上年持平。"
            elif change:
                text += f"{y}年{label}比上年{change}，主要是{self.reason(self.out.yoy[-1].sign)}。"
            self.para(text)
        change = self.yoy("三公", "公务用车购置及运行费", lambda f: f.three_public_final["car_purchase"]
                          + f.three_public_final["car_running"], ("增加", "减少", "增长", "下降"))
        text = (f"3.公务用车购置及运行费{self.amt(cars)}万元，占“三公”经费支出的{self.share(cars, total)}%。"
                f"完成年初预算的{self.share(cars, budget['car_purchase'] + budget['car_running'])}%。")
        if change == SAME:
            text += "与上年持平。"
        elif change:
            text += f"比上年{change}，主要是{self.reason(self.out.yoy[-1].sign)}。"
        self.para(text)
        bought = self.rng.randint(1, 2) if final["car_purchase"] else 0
        self.para(
            f"其中：公务用车购置费{self.state('vehicle_purchase', self.amt(final['car_purchase']))}万元，"
            f"当年购置公务用车{bought}辆。"
            f"公务用车运行维护费{self.state('vehicle_operation', self.amt(final['car_running']))}万元，"
            f"截至年末使用一般公共预算财政拨款开支运行维护费的公务用车保有量{vehicles}辆。"
        )

    def _basic(self) -> None:
        fig, y = self.fig, self.year
        self.out.blocks.append(("l1", "四、一般公共预算财政拨款基本支出决算情况说明"))
        self.para(
            f"{y}年度一般公共预算财政拨款基本支出"
            f"{self.fact('基本支出', '一般公共预算财政拨款基本支出', fig.total('gb_basic'))}万元，其中：人员经费"
            f"{self.fact('基本支出', '人员经费', fig.personnel)}万元，主要包括基本工资、津贴补贴、奖金、"
            f"机关事业单位基本养老保险缴费、住房公积金、退休费、生活补助；日常公用经费"
            f"{self.fact('基本支出', '日常公用经费', fig.public)}万元，主要包括办公费、印刷费、水费、电费、"
            f"邮电费、差旅费、维修（护）费、会议费、培训费、公务接待费、工会经费、福利费、公务用车运行维护费。"
        )

    def _other(self) -> None:
        fig, y = self.fig, self.year
        self.out.blocks.append(("l1", "五、其他重要事项的情况说明"))
        self.para("（一）机关运行经费支出情况。")
        change = self.yoy("机关运行经费", "机关运行经费支出", lambda f: f.public, ("增加", "减少", "增长", "下降"))
        text = f"{y}年机关运行经费支出{self.fact('机关运行经费', '机关运行经费支出', fig.public)}万元"
        if change == SAME:
            text += "，与上年持平"
        elif change:
            text += f"，比上年{change}，主要原因是{self.reason(self.out.yoy[-1].sign)}"
        self.para(text + "。")
        self.para("（二）政府采购支出情况。")
        goods = to_wan(fig.public) * Decimal(self.rng.choice(("0", "0.1", "0.25")))
        goods = goods.quantize(Decimal("0.01"))
        sep = self.layout.separators
        total = self.state("government_procurement", amount_text(goods, sep))
        self.para(
            f"{y}年政府采购支出总额{total}万元，其中：政府采购货物支出{amount_text(goods, sep)}万元，"
            f"政府采购工程支出0万元，政府采购服务支出0万元。"
        )
        self.para("（三）国有资产占用情况。")
        vehicles = self.rng.randint(0, 6)
        self.para(
            f"截至{y}年12月31日，共有车辆{vehicles}辆，其中：主要领导干部用车0辆，机要通讯用车0辆，"
            f"应急保障用车0辆，执法执勤用车{vehicles}辆，其他用车0辆；单位价值50万元以上通用设备0台（套），"
            f"单价100万元以上专用设备0台（套）。"
        )
        # The template's last required section (pipeline/checks/rules.py REQUIRED_SECTIONS); it states no figure.
        self.para("（四）预算绩效管理情况。")
        self.para("本部门按照全面实施预算绩效管理的要求，对部门整体支出和项目支出开展了绩效自评。")


def _spending_name(code: str) -> str:
    """How the seed names a 项 among the basic expenditure: 行政运行支出, 住房公积金支出, 公务员医疗补助."""
    name = catalog.XIANG[code]
    return name if name.endswith(("支出", "补助", "补贴")) else f"{name}支出"


def build_narrative(dept: Department, year: int, layout: Layout, scope: str = "department") -> Narrative:
    """The narrative of ``dept``'s report of ``year``: a 部门决算 (``scope`` "department") or a 单位决算 ("unit")."""
    if scope not in SCOPES:
        raise ValueError(f"scope {scope!r} is none of {sorted(SCOPES)}")
    return _Writer(dept, year, layout, scope).write()


# ----------------------------------------------------------------------------------------------------------
# The seed's own 2022 narrative, printed as published (its quirks kept: 10.8, 294.561, a missing 。)

_SEED_HEADLINES = (
    ("收入", "收入总计"), ("收入", "财政拨款收入"), ("支出", "支出总计"), ("支出", "基本支出"), ("支出", "项目支出"),
    ("财政拨款", "财政拨款支出"), ("财政拨款", "基本支出"), ("财政拨款", "项目支出"),
    ("一般公共预算", "一般公共预算财政拨款支出"),
)


def seed_narrative(dept: Department, year: int = 2022, text: str | None = None) -> Narrative:
    """The seed text's narrative (部门概况 to 名词解释) as blocks, and the truth of its headline figures taken from
    the seed department's figures (which reproduce every figure the seed states)."""
    text = text if text is not None else SEED_TEXT.read_text(encoding="utf-8")
    end = text.index(f"第四部分 {year}年度部门决算表")
    blocks: list[Block] = [("cover", f"{dept.name}{year}年度部门决算")]
    for raw in text[:end].splitlines():
        line = raw.strip()
        if not line:
            continue
        if re.match(r"^第[一二三四五六七八九十]+部分", line):
            blocks.append(("part", line))
        elif re.match(r"^[一二三四五六七八九十]+、", line) and len(line) < 40:
            blocks.append(("l1", line))
        elif line.endswith("决算情况说明") and len(line) < 30:
            blocks.append(("part", line))
        else:
            blocks.append(("para", line))
    narrative = Narrative(blocks=blocks)
    writer = _Writer(dept, year, Layout(separators=False))
    fig = writer.fig
    values = {
        "收入总计": fig.income_grand_total, "财政拨款收入": fig.total("fiscal_income"),
        "支出总计": fig.expenditure_grand_total, "财政拨款支出": fig.total("fiscal_expenditure"),
        "一般公共预算财政拨款支出": fig.total("gb_expenditure"),
    }
    for section, label in _SEED_HEADLINES:
        if label in ("基本支出", "项目支出"):
            fen = fig.total("basic" if label == "基本支出" else "project")
        else:
            fen = values[label]
        writer.fact(section, label, fen)
    for code, name in (("208", "社会保障和就业支出"), ("210", "卫生健康支出"), ("221", "住房保障支出"),
                       ("212", "城乡社区支出"), ("215", "资源勘探工业信息等支出")):
        writer.fact("一般公共预算", name, fig.by_prefix("gb_expenditure", code))
    writer.fact("三公", "一般公共预算财政拨款安排的三公经费支出", sum(fig.three_public_final.values()))
    writer.fact("基本支出", "一般公共预算财政拨款基本支出", fig.total("gb_basic"))
    writer.fact("基本支出", "人员经费", fig.personnel)
    writer.fact("基本支出", "日常公用经费", fig.public)
    writer.fact("机关运行经费", "机关运行经费支出", fig.public)
    narrative.figures = writer.out.figures
    # The seed's statements, as printed (财政拨款支出's amount is printed 294.561), each in the first paragraph
    # holding its words.
    prior = dept.years[year - 1]
    for section, metric, get, words in (
        ("收入", "收入总计", lambda f: f.income_grand_total, ("今年收入",)),
        ("支出", "支出总计", lambda f: f.expenditure_grand_total, ("今年支出",)),
        ("财政拨款", "财政拨款支出", lambda f: f.total("fiscal_expenditure"), ("财政拨款支出", "与上年相比")),
        ("机关运行经费", "机关运行经费支出", lambda f: f.public, ("机关运行经费支出", "比上年")),
    ):
        current, before = to_wan(get(fig)), to_wan(get(prior))
        change = current - before
        narrative.yoy.append(YoY(section, metric, (change > 0) - (change < 0), abs(change),
                                 percent(abs(change), before), current, before, _block_with(blocks, *words)))
    # Its 三公 items say "比上年减少（增加）0万元": no change, whichever word is meant (both years spent nothing).
    for number, label, key in ((1, "因公出国（境）费", ("abroad",)), (2, "公务接待费", ("reception",)),
                               (3, "公务用车购置及运行费", ("car_purchase", "car_running"))):
        current = to_wan(sum(fig.three_public_final[k] for k in key))
        before = to_wan(sum(prior.three_public_final[k] for k in key))
        assert current == before == 0
        narrative.yoy.append(YoY("三公", label, 0, Decimal(0), None, current, before,
                                 _block_with(blocks, f"{number}.{label}", "比上年减少（增加）0万元")))
    for metric, label in STATED_LABELS.items():
        found = locate(blocks, label)
        if found:
            narrative.stated[metric] = found[2]
    return narrative


def _block_with(blocks: list[Block], *words: str) -> int:
    """The first paragraph that holds every one of ``words``."""
    return next(i for i, (kind, text) in enumerate(blocks) if kind == "para" and all(w in text for w in words))
