"""What a figure is called: the phrase printed just before it, and that phrase normalised.

The printed label is the text between the previous delimiter (，。；：, or a 、 after a figure) and the
number, without the list words (其中、包括 …) and list numbering (1. / （一）) that introduce it. A label
holds no other figure: after a count that qualifies it ("下属1家机关和1家参公事业单位财政拨款的机关运行经费
预算为443.18万元") it starts after the count's 的, or right after the count. The normalised label drops what
varies between reports but not between meanings: the reporting department's name (after the year it may
follow, with a "（部门）" after it), a year or date, quotes, blanks, "共有"/"累计" and a closing "为".
"""

from __future__ import annotations

import re

from pipeline.parse.text.lines import CN_DIGITS, unwrap
from pipeline.parse.text.quantities import find_quantities, has_quantity

_DELIMITER = re.compile(r"[，,；;：:。！？!?]")
_LEADING_NOISE = re.compile(
    rf"""^(?:
        [ \t\u3000]+
      | 第[{CN_DIGITS}]+部分 | [{CN_DIGITS}]+、 | [（(][{CN_DIGITS}\d]+[）)][、．]? | \d{{1,2}}(?:[、．]|\.(?!\d))
      | 其中 | 主要包括 | 具体包括 | 包括 | 主要用于(?:以下方面)? | 主要原因(?:是|为)? | 原因(?:是|为)
      | 主要为 | 主要是 | 分别为 | 分别是 | 具体为
      | [（(](?![^（()）]*[）)])  # a bracket the label does not close: "（其中计容面积7998平方米"
    )""",
    re.VERBOSE,
)
_QUOTES = re.compile(r"[“”\"‘’'「」『』]")
# A year or a date, with the 截至 that may lead it: "2022年度", "截至2022年12月31日".
_DATE = re.compile(r"(?:截至|截止)?(?:19|20)\d{2}年(?:度|末|底)?(?:\d{1,2}月(?:\d{1,2}日)?)?(?:末|底)?")
_LEADING_DATE = re.compile(rf"^(?:{_DATE.pattern})")
# What a department may add after its name: "上海市普陀区人民政府万里街道办事处（部门）".
_SCOPE_NOTE = re.compile(r"^[（(](?:部门|单位|本级|本部)[）)]")
# An organisation naming itself before a date ("上海市普陀区财政局2024年度收入支出总计").
_PUBLISHER = re.compile(r"^\S*?(?:局|委|办|厅|部|院|署|中心|办事处|委员会)(?=(?:19|20)\d{2}年)")
_LEADING_WORDS = re.compile(
    r"^(?:截至年末|截至年底|截止年末|今年|当年|本部门|我部门|本单位|我单位|共有|现有|拥有|共计|累计)+"
)
_TRAILING_WORDS = re.compile(r"(?<![行作])(?:为|是|达到|达|共计|累计|各)$|(?<![公总])共$")
# An organisation that says it owns what it counts: "财政局共有车辆", "本单位现有车辆".
_OWNER = re.compile(r"^\S{0,30}?(?:局|委|办|厅|部|院|署|中心|办事处|委员会|部门|单位)(?:[（(][^（()）]{1,6}[）)])?(?=共有|现有|拥有)")
# "建筑面积约为13459平方米": the label is 建筑面积 (the printed label keeps the 约).
_APPROXIMATELY = re.compile(r"(?<![节制公契])(?:大约|约)$")
_CLASS_SUFFIX = re.compile(r"[（(]类[）)]$")


def printed_label(before: str) -> str:
    """The label printed in ``before``, the text of a sentence up to a figure."""
    phrase = _after_figures(_after_enumeration(_DELIMITER.split(unwrap(before))[-1]))
    while True:
        shorter = _LEADING_NOISE.sub("", phrase, count=1)
        if shorter == phrase:
            return phrase.strip()
        phrase = shorter


def _after_enumeration(clause: str) -> str:
    """The part of a clause after the last 、 that follows a figure: "0批次、0人" enumerates figures, while
    "收入、支出决算总计" and "办公费、印刷费" are one label."""
    items = clause.split("、")
    last = max((i for i in range(1, len(items)) if has_quantity(items[i - 1])), default=0)
    return "、".join(items[last:])


def _after_figures(clause: str) -> str:
    """The part of a clause after the last figure it still holds, from its 的 on when one follows."""
    quantities = find_quantities(clause, 0, len(clause))
    if not quantities:
        return clause
    rest = clause[quantities[-1].end :]
    return rest.split("的", 1)[1] if "的" in rest else rest


def normalize_label(printed: str, department: str | None = None) -> str:
    label = _QUOTES.sub("", re.sub(r"\s+", "", printed))
    if department and _LEADING_DATE.sub("", label).startswith(department):
        label = _SCOPE_NOTE.sub("", _LEADING_DATE.sub("", label)[len(department) :])
    label = _OWNER.sub("", _DATE.sub("", _PUBLISHER.sub("", label)))
    label = _LEADING_WORDS.sub("", label)
    label = _APPROXIMATELY.sub("", _TRAILING_WORDS.sub("", label))
    return _CLASS_SUFFIX.sub("", label)
