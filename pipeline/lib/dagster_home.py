"""The ``dagster.yaml`` of a Dagster home this project creates: Dagster's defaults, telemetry off."""

from __future__ import annotations

from pathlib import Path

import yaml

INSTANCE_CONFIG = yaml.safe_dump({"telemetry": {"enabled": False}}, sort_keys=False)


def write_instance_config(home: Path) -> None:
    """Writes the home's ``dagster.yaml``, unless an operator wrote one of their own."""
    config = home / "dagster.yaml"
    if not config.exists() or _written_by_an_earlier_version(config.read_text(encoding="utf-8")):
        config.write_text(INSTANCE_CONFIG, encoding="utf-8")


def _written_by_an_earlier_version(text: str) -> bool:
    # Earlier versions stored events through a storage class of this project, now gone: such a home would not load.
    return "pipeline.lib.event_log_storage" in text
