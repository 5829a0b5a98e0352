from pipeline.reference.divisions import load_regions
from pipeline.schemas import REGIONS


def test_divisions_come_from_the_shipped_dataset_with_level_and_parents() -> None:
    regions = load_regions()
    assert REGIONS.problems(regions) == []
    assert regions.height > 3000
    by_code = {row["region_code"]: row for row in regions.iter_rows(named=True)}
    assert (by_code["320000"]["region_name"], by_code["320000"]["level"]) == ("江苏省", "province")
    assert (by_code["211100"]["region_name"], by_code["211100"]["level"], by_code["211100"]["city_code"]) == (
        "盘锦市", "city", "211100",
    )
    putuo = by_code["310107"]
    assert (putuo["region_name"], putuo["level"], putuo["province_code"], putuo["city_code"]) == (
        "普陀区", "county", "310000", "310100",
    )
    # 仙桃市 is a county-level city directly under Hubei: no prefecture.
    assert (by_code["429004"]["level"], by_code["429004"]["city_code"]) == ("county", None)


def test_every_parent_code_is_a_division_of_the_right_level() -> None:
    regions = load_regions()
    levels = dict(zip(regions["region_code"], regions["level"]))
    for row in regions.iter_rows(named=True):
        assert levels[row["province_code"]] == "province", row
        if row["city_code"] is not None:
            assert levels[row["city_code"]] == "city", row
