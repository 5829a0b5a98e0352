"""Region resolution on the names the real reports and the generated corpus print."""

import pytest

from pipeline.reference.region_names import region_of


@pytest.mark.parametrize(
    ("name", "code"),
    [
        # The 12 real reports (data/raw): Jiangsu provincial organs and Shanghai Putuo district units.
        ("江苏省高级人民法院", "320000"),
        ("中共江苏省委办公厅", "320000"),
        ("江苏省委办公厅", "320000"),
        ("江苏省政协办公厅", "320000"),
        ("上海市普陀区财政局", "310107"),
        ("中共上海市普陀区委社会工作部", "310107"),
        ("上海市普陀区社会福利院", "310107"),
        ("上海市普陀区人民政府万里街道办事处", "310107"),
        # The seed report, with and without its province.
        ("盘锦市兴隆台区工业和信息化局", "211103"),
        ("辽宁省盘锦市兴隆台区工业和信息化局", "211103"),
        # A generated corpus region and a municipality's district.
        ("重庆市渝中区财政局", "500103"),
        ("北京市海淀区教育委员会", "110108"),
        # A city-level name and a county directly under its province.
        ("天水市幼儿园", "620500"),
        ("湖北省仙桃市财政局", "429004"),
    ],
)
def test_a_department_name_gives_the_deepest_division_it_starts_with(name: str, code: str) -> None:
    assert region_of(name) == code


def test_a_municipality_alone_is_the_province() -> None:
    assert region_of("北京市财政局") == "110000"


@pytest.mark.parametrize("name", ["普陀区财政局", "朝阳区财政局", "鼓楼区教育局"])
def test_a_bare_county_name_shared_by_several_places_needs_its_parent(name: str) -> None:
    assert region_of(name) is None


def test_the_parent_decides_a_shared_county_name() -> None:
    assert region_of("舟山市普陀区财政局") == "330903"
    assert region_of("上海市普陀区财政局") == "310107"


def test_a_unique_county_name_stands_alone_but_a_foreign_child_ends_the_chain() -> None:
    assert region_of("兴隆台区审计局") == "211103"
    # 海淀区 is no district of Shanghai: the chain stops at the municipality.
    assert region_of("上海市海淀区财政局") == "310000"


@pytest.mark.parametrize("name", ["某某县审计局", "本部门", "财政局", "上海市"])
def test_names_without_a_division_before_the_department_have_no_region(name: str) -> None:
    assert region_of(name) is None
