"""Readers that turn a report's bytes into the frames of ``pipeline.schemas``."""
