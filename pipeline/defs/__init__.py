"""Dagster wiring only: every module here wraps domain code from sources/, parse/, checks/, read/ and load/."""
