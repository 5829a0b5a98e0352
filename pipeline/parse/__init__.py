"""Readers that turn a report's bytes into the frames of ``pipeline.schemas``."""

from pipeline.parse.version import PARSER_VERSION

__all__ = ["PARSER_VERSION"]
