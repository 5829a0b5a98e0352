"""The ``dagster.yaml`` of a Dagster home this project creates: telemetry off, events stored by
``PooledSqliteEventLogStorage`` in Dagster's default place (``history/runs``)."""

from __future__ import annotations

from pathlib import Path

import yaml

# What earlier versions wrote; a home that still has it gets the current default.
_EARLIER_DEFAULT = "telemetry:\n  enabled: false\n"


def instance_config(home: Path) -> str:
    return yaml.safe_dump(
        {
            "telemetry": {"enabled": False},
            "event_log_storage": {
                "module": "pipeline.lib.event_log_storage",
                "class": "PooledSqliteEventLogStorage",
                "config": {"base_dir": str(home / "history" / "runs")},
            },
        },
        sort_keys=False,
    )


def write_instance_config(home: Path) -> None:
    """Writes the home's ``dagster.yaml``, unless an operator wrote one of their own."""
    config = home / "dagster.yaml"
    if not config.exists() or config.read_text(encoding="utf-8") == _EARLIER_DEFAULT:
        config.write_text(instance_config(home), encoding="utf-8")
