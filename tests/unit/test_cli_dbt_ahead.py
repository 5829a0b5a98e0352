"""Which runs start dbt ahead of its invocation: the nightly kind, a few documents, not a backfill."""

from __future__ import annotations

import pytest

from pipeline.cli import starts_dbt_ahead
from pipeline.load.pending import PendingWork
from pipeline.parse.batch import WORKERS_ENV


def _pending(documents: int, *, dbt_stale: bool = False) -> PendingWork:
    return PendingWork(to_parse=[f"{n:064x}" for n in range(documents)], files_changed=False, dbt_stale=dbt_stale)


@pytest.mark.parametrize(
    ("pending", "ahead"),
    [
        (None, False),  # no warehouse yet: everything is to read
        (_pending(0, dbt_stale=True), True),  # a rebuild of the dbt models alone
        (_pending(1), True),
        (_pending(2), True),
        (_pending(3), False),
        (_pending(1000), False),
    ],
)
def test_dbt_starts_ahead_for_at_most_one_document_per_parse_worker(monkeypatch, pending, ahead: bool) -> None:
    monkeypatch.setenv(WORKERS_ENV, "2")

    assert starts_dbt_ahead(pending) is ahead
