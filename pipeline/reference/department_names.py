"""The name a department is known by across years and name forms: 中国共产党江苏省委员会办公厅, 中共江苏省委办公厅
and 江苏省委办公厅 are one body, and so one ``department_key``.

Only regular forms are folded here, each a way of writing the same organ: blanks and full-width brackets; the
party's full name (中国共产党X委员会 = 中共X委 = X委); the CPPCC's (中国人民政治协商会议X委员会 = 政协X委员会 = X政协);
the people's congress standing committee's (X人民代表大会常务委员会 = X人大常委会); X纪律检查委员会 = X纪委; a trailing
本级. A body that was renamed or merged (a 机构改革) is a curated alias (the dbt seed ``department_aliases``),
written in this form.
"""

from __future__ import annotations

import re

# What a party or CPPCC committee is the committee of: a division ("江苏省", "上海市普陀区", "XX自治州").
_DIVISION = r"[\u4e00-\u9fff]{1,20}?(?:省|市|区|县|州|盟|旗|自治区)"
_FORMS: tuple[tuple[re.Pattern, str], ...] = (
    (re.compile(rf"^(?:中国人民政治协商会议|政协)({_DIVISION})委员会"), r"\1政协"),
    (re.compile(rf"^(?:中国共产党|中共)({_DIVISION})委员会"), r"\1委"),
    (re.compile(r"^(?:中国共产党|中共)"), ""),
    (re.compile(rf"^({_DIVISION})纪律检查委员会"), r"\1纪委"),
    (re.compile(r"人民代表大会常务委员会"), "人大常委会"),
    (re.compile(r"\(?本级\)?$"), ""),
)
_BLANKS = re.compile(r"[\s\u3000\u00a0]+")


def department_name_normalized(name: str) -> str:
    """The form of ``name`` that a department key is built from (see the module's docstring)."""
    folded = _BLANKS.sub("", name).replace("（", "(").replace("）", ")")
    for pattern, replacement in _FORMS:
        folded = pattern.sub(replacement, folded)
    return folded
