"""Dagster wiring only: every module here wraps domain code from parse/, normalize/, load/ and sources/."""
