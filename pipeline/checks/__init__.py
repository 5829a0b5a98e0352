"""Checks over the parsed frames: the report's own inconsistencies, flagged and never corrected."""
