"""Dagster helpers shared by several definition modules."""
