from decimal import Decimal

from pipeline.checks.rounding import compare_percent, half_unit, percent_interval, plain


def test_half_unit_follows_the_printed_decimals():
    assert half_unit("41.02") == Decimal("0.005")
    assert half_unit("100") == Decimal("0.5")
    assert half_unit("100.00%") == Decimal("0.005")


def test_percent_interval_spans_the_unrounded_amounts():
    low, high = percent_interval(Decimal("6.96"), Decimal("0.005"), Decimal("12.42"), Decimal("0.005"))
    assert low < Decimal("56.0386") < high
    assert low < Decimal("56.07") < high


def test_a_percent_within_rounding_is_no_finding_and_one_outside_every_rounding_is_an_error():
    same = compare_percent(
        stated=Decimal("40.01"),
        stated_printed="40.01",
        numerator=Decimal("169.49"),
        numerator_half=Decimal("0.005"),
        denominator=Decimal("423.59"),
        denominator_half=Decimal("0.005"),
        certain=True,
    )
    assert same is None
    severity, expected, tolerance = compare_percent(
        stated=Decimal("45.00"),
        stated_printed="45.00",
        numerator=Decimal("169.49"),
        numerator_half=Decimal("0.005"),
        denominator=Decimal("423.59"),
        denominator_half=Decimal("0.005"),
        certain=True,
    )
    assert severity == "error" and round(expected, 2) == Decimal("40.01") and tolerance == Decimal("0.015")


def test_plain_drops_the_frame_scale():
    assert plain(Decimal("861.060000")) == "861.06"
    assert plain(Decimal("100.000000")) == "100"
