"""A Dagster logger for people watching a terminal: one line per step started, failed step or failed check,
and the progress messages of the steps (marked with ``PROGRESS``)."""

import logging
import sys

import dagster as dg

from pipeline.lib.failures import explain_error

# A step's own log message meant for the terminal starts with this (dbt's hundreds of lines do not).
PROGRESS = "⋯ "


class _ProgressHandler(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        meta = getattr(record, "dagster_meta", None) or {}
        event = meta.get("dagster_event")
        if event is None:
            message = str(meta.get("orig_message", ""))
            if message.startswith(PROGRESS):
                print(f"  {message.removeprefix(PROGRESS)}", file=sys.stderr, flush=True)
            return
        kind = event.event_type_value
        if kind == "STEP_START":
            line = f"▶ {event.step_key}"
        elif kind == "STEP_FAILURE":
            line = f"✘ {event.step_key}: {explain_error(event.step_failure_data.error)}"
        elif kind == "ASSET_CHECK_EVALUATION" and not event.event_specific_data.passed:
            data = event.event_specific_data
            line = f"  ⚠ check {data.asset_key.to_user_string()}:{data.check_name} failed ({data.severity.value.lower()})"
        else:
            return
        print(line, file=sys.stderr, flush=True)


@dg.logger(description="One line per step started, failed step or failed asset check.")
def progress_logger(_init_context: dg.InitLoggerContext) -> logging.Logger:
    logger = logging.getLogger("fiscal.progress")
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    if not logger.handlers:
        logger.addHandler(_ProgressHandler())
    return logger
