"""Which document partitions a run targets: those left to read, never every partition when one report is new."""

from __future__ import annotations

import dagster as dg

from pipeline.defs.documents import covering_tags, documents_partitions, range_tags


def test_a_run_covers_the_documents_left_to_read_and_no_more() -> None:
    with dg.DagsterInstance.ephemeral() as instance:
        assert covering_tags(instance) == {}
        assert covering_tags(instance, []) == {}
        instance.add_dynamic_partitions(documents_partitions.name, ["a", "b", "c", "d"])
        assert covering_tags(instance) == range_tags(["a", "d"])
        assert covering_tags(instance, ["c"]) == range_tags(["c", "c"])
        # A range, in the order the partitions were added, from the first to the last document asked for.
        assert covering_tags(instance, ["d", "b"]) == range_tags(["b", "d"])
        # Nothing to read, yet files or the dbt project changed: the newest partition carries the run.
        assert covering_tags(instance, []) == range_tags(["d", "d"])
