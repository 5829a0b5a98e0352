"""Readers that turn a report's bytes into the frames of ``pipeline.schemas``: ``text/`` reads the narrative of
every format, ``tables/`` the statement tables every format draws, ``pdf/``, ``word/``, ``html/`` and
``spreadsheet/`` one format each; ``dispatch`` chooses the reader from the bytes."""

from pipeline.parse.version import PARSER_VERSION

__all__ = ["PARSER_VERSION"]
