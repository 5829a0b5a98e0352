from collections import Counter

from tests.corpus.layout import AXES, assign_layouts


def test_every_axis_is_balanced_over_the_documents():
    layouts = assign_layouts(30, seed=0)
    for axis, options in AXES.items():
        counts = Counter(getattr(layout, axis) for layout in layouts)
        for option in set(options):
            expected = 30 * options.count(option) / len(options)
            assert abs(counts[option] - expected) <= 1, (axis, option, counts)


def test_four_documents_already_use_every_option():
    layouts = assign_layouts(4, seed=0)
    for axis, options in AXES.items():
        assert {getattr(layout, axis) for layout in layouts} == set(options), axis


def test_assignment_is_deterministic_and_depends_on_the_seed():
    assert assign_layouts(12, seed=3) == assign_layouts(12, seed=3)
    assert assign_layouts(12, seed=3) != assign_layouts(12, seed=4)
