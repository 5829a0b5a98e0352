"""Benchmarks of the parser (see accuracy.py)."""
