"""The ground truth of a generated report: a department and its figures, year by year.

Amounts are whole 分 (0.01 元). Only leaves are drawn at random — each 项 of the function classification split
into general-budget (一般公共预算), government-fund (政府性基金), state-capital (国有资本经营) and non-fiscal money,
basic (基本支出) or project (项目支出); the economic 款 of the general-budget basic expenditure; the 三公 items.
Every total the tables and the narrative print is derived from them, so every identity holds by construction:
合计 = Σ rows, 类 = Σ 款 = Σ 项, 基本 + 项目 = 合计, #1's 总计 on both sides, the same class total in #1/#2/#3/#5,
人员经费 + 公用经费 = 一般公共预算财政拨款基本支出. A year's 年初结转和结余 is the previous year's 年末结转和结余.

A document in 万元 has leaves in whole 0.01 万元 (100 元), so its tables print exact sums; a document in 元 has
leaves to the 分 and its narrative (always in 万元) rounds half up, as real reports do.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal

from tests.corpus import catalog

FEN_PER_WAN = 1_000_000  # 1 万元 = 10,000 元 = 1,000,000 分
WAN_QUANTUM = 10_000  # 0.01 万元 in 分

THREE_PUBLIC_ITEMS = ("abroad", "car_purchase", "car_running", "reception")


def to_wan(fen: int) -> Decimal:
    """分 → 万元, rounded half up to 2 decimals (the narrative's precision)."""
    return (Decimal(fen) / FEN_PER_WAN).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def to_yuan(fen: int) -> Decimal:
    return (Decimal(fen) / 100).quantize(Decimal("0.01"))


def in_unit(fen: int, unit: str) -> Decimal:
    """The amount as a table in ``unit`` prints it (exact: a 万元 document's leaves are whole 0.01 万元)."""
    if unit == "元":
        return to_yuan(fen)
    value = Decimal(fen) / FEN_PER_WAN
    exact = value.quantize(Decimal("0.01"))
    if exact != value:
        raise ValueError(f"{fen} 分 is no whole 0.01 万元")
    return exact


def percent(part: Decimal, whole: Decimal) -> Decimal:
    """part / whole in percent, 2 decimals, half up; 0 when whole is 0."""
    if not whole:
        return Decimal("0.00")
    return (part * 100 / whole).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass
class ItemYear:
    """One 项 (7-digit function code) in one year, in 分."""

    code: str
    gb_basic: int = 0  # 一般公共预算财政拨款, 基本支出
    gb_project: int = 0  # 一般公共预算财政拨款, 项目支出
    gf_project: int = 0  # 政府性基金预算财政拨款 (项目支出)
    sc_project: int = 0  # 国有资本经营预算财政拨款 (项目支出)
    nf_basic: int = 0  # non-fiscal money (上级补助/事业/其他收入), 基本支出
    nf_project: int = 0
    carry_start: int = 0  # 年初(财政拨款)结转和结余, general budget
    carry_end: int = 0  # 年末(财政拨款)结转和结余, general budget
    income_upper: int = 0  # 上级补助收入
    income_business: int = 0  # 事业收入
    income_other: int = 0  # 其他收入

    @property
    def zero(self) -> int:  # the columns a generated department never fills (经营收入, 上缴上级支出 …)
        return 0

    @property
    def basic(self) -> int:
        return self.gb_basic + self.nf_basic

    @property
    def project(self) -> int:
        return self.gb_project + self.gf_project + self.sc_project + self.nf_project

    @property
    def expenditure(self) -> int:
        return self.basic + self.project

    @property
    def gb_expenditure(self) -> int:
        return self.gb_basic + self.gb_project

    @property
    def fiscal_expenditure(self) -> int:
        return self.gb_expenditure + self.gf_project + self.sc_project

    @property
    def gb_income(self) -> int:
        return self.gb_expenditure + self.carry_end - self.carry_start

    @property
    def gf_income(self) -> int:
        return self.gf_project

    @property
    def sc_income(self) -> int:
        return self.sc_project

    @property
    def fiscal_income(self) -> int:
        return self.gb_income + self.gf_income + self.sc_income

    @property
    def nonfiscal_income(self) -> int:
        return self.income_upper + self.income_business + self.income_other

    @property
    def income(self) -> int:
        return self.fiscal_income + self.nonfiscal_income


@dataclass
class YearFigures:
    """A department's figures of one year."""

    year: int
    unit: str  # the unit of the year's tables: 万元 or 元
    items: dict[str, ItemYear]  # by 7-digit code, sorted
    economic: dict[str, int]  # 5-digit economic 款 → 分 (general-budget basic expenditure)
    three_public_budget: dict[str, int]  # THREE_PUBLIC_ITEMS → 分
    three_public_final: dict[str, int]
    narrative_printed: dict[str, str] = field(default_factory=dict)  # label → value as printed (the seed's quirks)

    # -- sums over the items -------------------------------------------------------------------------------
    def total(self, measure: str, codes: list[str] | None = None) -> int:
        return sum(getattr(item, measure) for code, item in self.items.items() if codes is None or code in codes)

    def by_prefix(self, measure: str, prefix: str) -> int:
        return sum(getattr(item, measure) for code, item in self.items.items() if code.startswith(prefix))

    def function_codes(self, measure: str | None = None) -> list[str]:
        """类, 款 and 项 codes in table order (类 → its 款 → their 项) of the items where ``measure`` is not 0."""
        leaves = [c for c, item in self.items.items() if measure is None or getattr(item, measure)]
        out: list[str] = []
        for code in sorted(leaves):
            for prefix in (code[:3], code[:5], code):
                if prefix not in out:
                    out.append(prefix)
        return out

    # -- headline figures ----------------------------------------------------------------------------------
    @property
    def carry_start(self) -> int:
        return self.total("carry_start")

    @property
    def carry_end(self) -> int:
        return self.total("carry_end")

    @property
    def income_this_year(self) -> int:
        """本年收入合计."""
        return self.total("income")

    @property
    def income_grand_total(self) -> int:
        """#1 总计 (left) = 本年收入合计 + 使用非财政拨款结余 (0) + 年初结转和结余 = 收入总计."""
        return self.income_this_year + self.carry_start

    @property
    def expenditure_this_year(self) -> int:
        return self.total("expenditure")

    @property
    def expenditure_grand_total(self) -> int:
        """#1 总计 (right) = 本年支出合计 + 结余分配 (0) + 年末结转和结余 = 支出总计."""
        return self.expenditure_this_year + self.carry_end

    @property
    def personnel(self) -> int:
        """人员经费 = 301 + 303."""
        return sum(v for k, v in self.economic.items() if k[:3] in ("301", "303"))

    @property
    def public(self) -> int:
        """公用经费 (日常公用经费, 机关运行经费) = 302 + 310."""
        return sum(v for k, v in self.economic.items() if k[:3] in ("302", "310"))

    def check(self) -> None:
        """Raises AssertionError when an identity the tables print would not hold."""
        assert self.income_grand_total == self.expenditure_grand_total, "总计 left != right"
        assert self.personnel + self.public == self.total("gb_basic"), "人员+公用 != 基本支出"
        for item in self.items.values():
            assert item.gb_income >= 0, f"{item.code}: negative fiscal income"
            assert item.nonfiscal_income == item.nf_basic + item.nf_project, f"{item.code}: non-fiscal mismatch"
            for name in ("gb_basic", "gb_project", "gf_project", "sc_project", "nf_basic", "nf_project",
                         "carry_start", "carry_end", "income_upper", "income_business", "income_other"):
                assert getattr(item, name) >= 0, f"{item.code}.{name} < 0"
        for key, code in catalog.THREE_PUBLIC_KUAN.items():
            assert self.economic.get(code, 0) == self.three_public_final[key], f"三公 {key} != #6 {code}"
        if self.unit == "万元":
            for item in self.items.values():
                for name, value in vars(item).items():
                    if name != "code":
                        assert value % WAN_QUANTUM == 0, f"{item.code}.{name} not whole 0.01 万元"
            assert all(v % WAN_QUANTUM == 0 for v in self.economic.values())
            assert all(v % WAN_QUANTUM == 0 for v in self.three_public_final.values())
            assert all(v % WAN_QUANTUM == 0 for v in self.three_public_budget.values())


@dataclass
class Department:
    slug: str
    name: str
    region_code: str
    duty: str
    years: dict[int, YearFigures]  # every generated year, the unrendered year before the first included
    has_gov_fund: bool = False
    has_state_capital: bool = False


# ----------------------------------------------------------------------------------------------------------
# Random departments


def split(total: int, weights: list[float], quantum: int) -> list[int]:
    """``total`` (a multiple of ``quantum``) in parts proportional to ``weights``, each a multiple of
    ``quantum``, summing exactly to ``total`` (largest remainder)."""
    units = total // quantum
    assert units * quantum == total
    w = sum(weights)
    raw = [units * x / w for x in weights]
    parts = [int(r) for r in raw]
    rest = units - sum(parts)
    for i in sorted(range(len(raw)), key=lambda i: (parts[i] - raw[i], i))[:rest]:
        parts[i] += 1
    return [p * quantum for p in parts]


def _amount(rng: random.Random, wan: float, quantum: int) -> int:
    """A random amount near ``wan`` 万元, a positive multiple of ``quantum`` 分."""
    fen = int(wan * FEN_PER_WAN)
    if quantum == 1:
        fen += rng.randrange(0, 100)  # a few 元 and 分, as real 元 tables print them
    return max(quantum, (fen // quantum) * quantum)


@dataclass(frozen=True)
class _Plan:
    """What a department has, fixed across years; the years' amounts vary around ``base``."""

    items: tuple[str, ...]
    base: dict[tuple[str, str], float]  # 万元 per (item, money kind), e.g. ("2040601", "gb_basic")
    growth: float
    volatility: float
    nonfiscal: dict[str, str]  # item → income kind ("income_business" / "income_other" / "income_upper")
    carry_item: str | None
    public_share: float
    retiree_share: float
    personnel_kuan: tuple[str, ...]
    retiree_kuan: tuple[str, ...]
    public_kuan: tuple[str, ...]
    capital_kuan: tuple[str, ...]
    three_public_base: dict[str, float]


def _plan(rng: random.Random, domain: tuple[str, ...], gov_fund: bool, state_capital: bool) -> _Plan:
    items = list(domain)
    for group in catalog.COMMON_XIANG:
        items += rng.sample(group, rng.randint(1, len(group)) if len(group) > 2 else rng.randint(1, 2))
    if gov_fund:
        items += rng.sample(catalog.GOV_FUND_XIANG, rng.randint(1, 2))
    if state_capital:
        items.append(rng.choice(catalog.STATE_CAPITAL_XIANG))
    items = sorted(set(items))
    scale = rng.choice((0.4, 1.0, 2.5, 6.0))
    admin = rng.uniform(60, 400) * scale  # 行政运行 basic
    base: dict[tuple[str, str], float] = {}
    for code in items:
        name = catalog.XIANG[code]
        if code in catalog.GOV_FUND_XIANG:
            base[(code, "gf_project")] = rng.uniform(20, 600) * scale
        elif code in catalog.STATE_CAPITAL_XIANG:
            base[(code, "sc_project")] = rng.uniform(5, 80) * scale
        elif name == "行政运行":
            base[(code, "gb_basic")] = admin * rng.uniform(0.8, 1.2)
        elif name == "事业运行":
            base[(code, "gb_basic")] = admin * rng.uniform(0.3, 0.8)
        elif code in catalog.BASIC_XIANG:
            share = {"2080505": 0.1, "2080506": 0.05, "2080501": 0.08, "2101101": 0.04, "2101103": 0.006,
                     "2210201": 0.08, "2210203": 0.02}.get(code, 0.05)
            base[(code, "gb_basic")] = admin * share * rng.uniform(0.7, 1.3)
        else:
            base[(code, "gb_project")] = rng.uniform(8, 500) * scale
    nonfiscal: dict[str, str] = {}
    if rng.random() < 0.35:
        for code in rng.sample(items, 2):
            kind = "gb_basic" if (code, "gb_basic") in base else "gb_project"
            if (code, kind) in base:
                base[(code, "nf_basic" if kind == "gb_basic" else "nf_project")] = base[(code, kind)] * rng.uniform(0.05, 0.4)
                nonfiscal[code] = rng.choice(("income_business", "income_other", "income_upper"))
    projects = [c for c in items if (c, "gb_project") in base]
    carry_item = rng.choice(projects) if projects and rng.random() < 0.4 else None
    three = {}
    if rng.random() < 0.75:
        small = min(1.0, scale)
        three = {
            "abroad": rng.choice((0, 0, rng.uniform(1, 9) * small)),
            "reception": rng.uniform(0.3, 5) * small,
            "car_running": rng.uniform(2, 16) * small,
            "car_purchase": rng.choice((0, 0, 0, rng.uniform(15, 30) * small)),
        }
    return _Plan(
        items=tuple(items),
        base=base,
        growth=rng.uniform(-0.12, 0.15),
        volatility=rng.uniform(0.05, 0.3),
        nonfiscal=nonfiscal,
        carry_item=carry_item,
        public_share=rng.uniform(0.08, 0.18),
        retiree_share=rng.uniform(0.04, 0.14),
        personnel_kuan=tuple(sorted(rng.sample(catalog.PERSONNEL_KUAN, rng.randint(6, 10)))),
        retiree_kuan=tuple(sorted(rng.sample(catalog.RETIREE_KUAN, rng.randint(1, 3)))),
        public_kuan=tuple(sorted(rng.sample(catalog.PUBLIC_KUAN, rng.randint(6, 14)))),
        capital_kuan=tuple(sorted(rng.sample(catalog.CAPITAL_KUAN, rng.randint(0, 2)))),
        three_public_base=three,
    )


def _year(rng: random.Random, plan: _Plan, year: int, first_year: int, unit: str, carry_start: int) -> YearFigures:
    quantum = WAN_QUANTUM if unit == "万元" else 1
    t = year - first_year
    items = {code: ItemYear(code) for code in plan.items}
    for (code, kind), wan in plan.base.items():
        jitter = rng.uniform(1 - plan.volatility, 1 + plan.volatility) if "project" in kind else rng.uniform(0.95, 1.06)
        setattr(items[code], kind, _amount(rng, wan * (1 + plan.growth) ** t * jitter, quantum))
    for code, income_kind in plan.nonfiscal.items():
        item = items[code]
        setattr(item, income_kind, item.nf_basic + item.nf_project)
    if plan.carry_item:
        item = items[plan.carry_item]
        item.carry_start = carry_start
        item.carry_end = _amount(rng, rng.uniform(0.02, 0.3) * item.gb_project / FEN_PER_WAN, WAN_QUANTUM)
        if item.gb_income < 0:  # the carried-in money pays for more than this year's spending
            item.gb_project += -item.gb_income
    # 三公: final (决算数) and budget (预算数); the final figures are basic expenditure in #6.
    final = {k: 0 for k in THREE_PUBLIC_ITEMS}
    budget = {k: 0 for k in THREE_PUBLIC_ITEMS}
    for key, wan in plan.three_public_base.items():
        if wan:
            final[key] = _amount(rng, wan * rng.uniform(0.7, 1.2), quantum)
            budget[key] = _amount(rng, final[key] / FEN_PER_WAN * rng.uniform(1.0, 1.35), WAN_QUANTUM)
    basic = sum(item.gb_basic for item in items.values())
    if sum(final.values()) * 3 > basic:  # a small department: no 三公 spending this year
        final = {k: 0 for k in THREE_PUBLIC_ITEMS}
    three_in_302 = final["abroad"] + final["reception"] + final["car_running"]
    public = max(_amount(rng, basic * plan.public_share / FEN_PER_WAN, quantum), three_in_302 + final["car_purchase"] + 20 * quantum)
    personnel = basic - public
    retiree = split(personnel, [1 - plan.retiree_share, plan.retiree_share], quantum)
    economic: dict[str, int] = {}
    for codes, total in ((plan.personnel_kuan, retiree[0]), (plan.retiree_kuan, retiree[1])):
        for code, value in zip(codes, split(total, [rng.uniform(0.3, 3) for _ in codes], quantum)):
            economic[code] = value
    capital_free = plan.capital_kuan if rng.random() < 0.6 else ()
    free_codes = list(plan.public_kuan) + list(capital_free)
    free_total = public - three_in_302 - final["car_purchase"]
    for code, value in zip(free_codes, split(free_total, [rng.uniform(0.2, 3) for _ in free_codes], quantum)):
        economic[code] = value
    for key, code in catalog.THREE_PUBLIC_KUAN.items():
        if final[key]:
            economic[code] = final[key]
    economic = {code: economic[code] for code in sorted(economic)}
    figures = YearFigures(year, unit, dict(sorted(items.items())), economic, budget, final)
    figures.check()
    return figures


def random_department(seed: int, index: int, years: list[int], units: dict[int, str], taken: set[tuple[int, int]]) -> Department:
    """The ``index``-th department of a corpus: a (region, department) pair not in ``taken``; figures for
    the year before the first of ``years`` too (for the first report's year-over-year statements)."""
    rng = random.Random(f"corpus:{seed}:{index}")
    while True:
        pair = (rng.randrange(len(catalog.REGIONS)), rng.randrange(len(catalog.DEPARTMENTS)))
        if pair not in taken and not (catalog.REGIONS[pair[0]][1] == "211103" and catalog.DEPARTMENTS[pair[1]][0] == "gongxinju"):
            taken.add(pair)
            break
    region_slug, region_code, region_name = catalog.REGIONS[pair[0]]
    dept_slug, dept_name, domain, duty = catalog.DEPARTMENTS[pair[1]]
    gov_fund = index % 3 == 1 or rng.random() < 0.1
    state_capital = index % 5 == 3
    if rng.random() < 0.4:  # a department with a second line of work: more rows, longer tables
        other = catalog.DEPARTMENTS[rng.randrange(len(catalog.DEPARTMENTS))][2]
        domain = domain + tuple(c for c in other if c not in catalog.BASIC_XIANG)
    plan = _plan(rng, domain, gov_fund, state_capital)
    first = min(years) - 1
    figures: dict[int, YearFigures] = {}
    carry = 0
    for year in range(first, max(years) + 1):
        figures[year] = _year(rng, plan, year, first, units.get(year, "万元"), carry)
        carry = figures[year].carry_end
    return Department(
        slug=f"{region_slug}_{dept_slug}",
        name=f"{region_name}{dept_name}",
        region_code=region_code,
        duty=duty,
        years=figures,
        has_gov_fund=gov_fund,
        has_state_capital=state_capital,
    )


def unit_department(dept: Department) -> Department:
    """One unit of ``dept`` reporting alone (its 单位决算): the same name, slug, region and duty, figures of its
    own for every year ``dept`` has (in the same table unit) — drawn from a stream of their own, with a plan over
    the department's lines of work (no government fund, no state capital, no 三公 where the department has none)
    scaled to 15–45% of the department's average spending, so that the unit is smaller than the department it
    belongs to and its figures are not the department's. Every identity holds as for any department."""
    rng = random.Random(f"unit:{dept.slug}")
    common = {code for group in catalog.COMMON_XIANG for code in group}
    own = {code for fig in dept.years.values() for code in fig.items}
    domain = tuple(sorted(c for c in own if c not in common and c not in catalog.GOV_FUND_XIANG
                          and c not in catalog.STATE_CAPITAL_XIANG)) or ("2010101",)
    plan = _plan(rng, domain, False, False)
    years = sorted(dept.years)
    first = years[0]
    parent = sum(fig.expenditure_this_year for fig in dept.years.values()) / len(years) / FEN_PER_WAN
    share = rng.uniform(0.15, 0.45)
    # The unit's base spending (万元) scaled to the share of the department's average spending.
    factor = share * parent / sum(plan.base.values())
    # No 三公 where the department has none; else the plan's own, scaled by the share.
    spends = any(sum(fig.three_public_final.values()) for fig in dept.years.values())
    three = {key: wan * share for key, wan in plan.three_public_base.items()} if spends else {}
    plan = replace(plan, base={key: wan * factor for key, wan in plan.base.items()}, three_public_base=three)
    figures: dict[int, YearFigures] = {}
    carry = 0
    for year in years:
        figures[year] = _year(rng, plan, year, first, dept.years[year].unit, carry)
        carry = figures[year].carry_end
    return Department(dept.slug, dept.name, dept.region_code, dept.duty, figures)


# ----------------------------------------------------------------------------------------------------------
# The seed department: 盘锦市兴隆台区工业和信息化局, 2022 as its published report states, 2021 consistent with it.

SEED_NAME = "盘锦市兴隆台区工业和信息化局"
SEED_SLUG = "liaoning-panjin-xinglongtai_gongxinju"
SEED_REGION = "211103"


def _w(value: str) -> int:
    return int(Decimal(value) * FEN_PER_WAN)


def _seed_year(year: int, basic: dict[str, str], project: dict[str, str], economic: dict[str, str]) -> YearFigures:
    items = {code: ItemYear(code) for code in sorted({*basic, *project})}
    for code, value in basic.items():
        items[code].gb_basic = _w(value)
    for code, value in project.items():
        items[code].gb_project = _w(value)
    zero = {k: 0 for k in THREE_PUBLIC_ITEMS}
    figures = YearFigures(year, "万元", items, {k: _w(v) for k, v in sorted(economic.items())}, dict(zero), dict(zero))
    figures.check()
    return figures


def seed_department() -> Department:
    y2022 = _seed_year(
        2022,
        basic={"2150501": "139.08", "2080505": "15.52", "2101101": "3.63", "2101103": "0.46", "2210201": "10.80"},
        project={"2150599": "132.44", "2120199": "121.66"},
        economic={
            "30101": "42.16", "30102": "38.75", "30103": "12.30", "30108": "15.52", "30110": "3.63",
            "30111": "0.46", "30113": "10.80", "30199": "6.20", "30302": "21.35", "30305": "2.25",
            "30201": "3.12", "30211": "1.85", "30228": "2.46", "30229": "6.82", "30299": "1.82",
        },
    )
    y2022.narrative_printed = {"住房保障支出": "10.8"}
    y2021 = _seed_year(
        2021,
        basic={"2150501": "125.36", "2080505": "14.21", "2101101": "3.35", "2101103": "0.42", "2210201": "10.12"},
        project={"2150599": "372.18", "2120199": "192.51"},
        economic={
            "30101": "40.11", "30102": "36.20", "30103": "11.80", "30108": "14.21", "30110": "3.35",
            "30111": "0.42", "30113": "10.12", "30199": "5.02", "30302": "18.90", "30305": "1.90",
            "30201": "2.60", "30211": "1.40", "30228": "2.10", "30229": "4.00", "30299": "1.33",
        },
    )
    dept = Department(SEED_SLUG, SEED_NAME, SEED_REGION, "负责全区工业和信息化发展规划及中小企业发展工作",
                      {2021: y2021, 2022: y2022})
    # The figures the seed prints (its 2022 narrative) and the 2021 ones its year-over-year statements imply.
    assert to_wan(y2022.income_grand_total) == Decimal("423.59")
    assert to_wan(y2022.total("basic")) == Decimal("169.49") and to_wan(y2022.total("project")) == Decimal("254.10")
    assert [to_wan(y2022.by_prefix("gb_expenditure", c)) for c in ("208", "210", "221", "212", "215")] == [
        Decimal(v) for v in ("15.52", "4.09", "10.80", "121.66", "271.52")
    ]
    assert (to_wan(y2022.personnel), to_wan(y2022.public)) == (Decimal("153.42"), Decimal("16.07"))
    assert to_wan(y2021.income_grand_total) == Decimal("718.15") and to_wan(y2021.public) == Decimal("11.43")
    return dept
