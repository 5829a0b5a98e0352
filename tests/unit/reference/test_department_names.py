"""The name a department key is built from: the regular forms of one organ's name give one name; other
organs keep theirs."""

from __future__ import annotations

import csv

import pytest

from pipeline.reference.department_names import department_name_normalized
from pipeline.settings import DBT_PROJECT_DIR


@pytest.mark.parametrize(
    ("forms", "normalised"),
    [
        (("中国共产党江苏省委员会办公厅", "中共江苏省委办公厅", "江苏省委办公厅", "江苏省委 办公厅"), "江苏省委办公厅"),
        (("中国人民政治协商会议江苏省委员会办公厅", "政协江苏省委员会办公厅", "江苏省政协办公厅"), "江苏省政协办公厅"),
        (("江苏省人民代表大会常务委员会办公厅", "江苏省人大常委会办公厅"), "江苏省人大常委会办公厅"),
        (("中国共产党上海市普陀区委员会社会工作部", "中共上海市普陀区委社会工作部"), "上海市普陀区委社会工作部"),
        (("中共江苏省纪律检查委员会", "江苏省纪委"), "江苏省纪委"),
        (("盘锦市兴隆台区工业和信息化局本级", "盘锦市兴隆台区工业和信息化局（本级）"), "盘锦市兴隆台区工业和信息化局"),
    ],
)
def test_regular_forms_of_one_name_give_one_name(forms: tuple[str, ...], normalised: str) -> None:
    assert {department_name_normalized(form) for form in forms} == {normalised}


@pytest.mark.parametrize(
    "name",
    [
        "江苏省高级人民法院",
        # a committee that is not the party's: 委员会 stays
        "江苏省卫生和计划生育委员会",
        "上海市普陀区人民政府万里街道办事处",
    ],
)
def test_other_names_are_only_stripped_of_blanks(name: str) -> None:
    assert department_name_normalized(name) == name


def test_the_aliases_seed_is_written_in_the_normalised_form() -> None:
    """The warehouse joins raw.documents.department_name_normalized to the seed as printed there."""
    with (DBT_PROJECT_DIR / "seeds" / "department_aliases.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows
    for row in rows:
        for name in (row["alias_name"], row["canonical_name"]):
            assert department_name_normalized(name) == name, name
