"""A Dagster logger that prints one line per step and check, for people watching a terminal."""

from __future__ import annotations

import logging
import sys

import dagster as dg

_SHOWN = {
    "STEP_START": "▶ {step}",
    "STEP_SUCCESS": "✔ {step}",
    "STEP_FAILURE": "✘ {step}: {message}",
    "ASSET_CHECK_EVALUATION": "  check {message}",
}


class _ProgressHandler(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        meta = getattr(record, "dagster_meta", None) or {}
        event = meta.get("dagster_event")
        template = _SHOWN.get(event.event_type_value) if event is not None else None
        if template is None:
            return
        step = event.step_key or ""
        message = meta.get("orig_message") or record.getMessage()
        if event.event_type_value == "ASSET_CHECK_EVALUATION":
            data = event.event_specific_data
            status = "passed" if data.passed else f"FAILED ({data.severity.value.lower()})"
            message = f"{data.asset_key.to_user_string()}:{data.check_name} {status}"
        print(template.format(step=step, message=message.strip().splitlines()[0]), file=sys.stderr, flush=True)


@dg.logger(description="One line per step and asset check.")
def progress_logger(_init_context: dg.InitLoggerContext) -> logging.Logger:
    logger = logging.getLogger("fiscal.progress")
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    if not logger.handlers:
        logger.addHandler(_ProgressHandler())
    return logger
