"""The PDF table reader: statement tables and their numeric cells (``extract_tables``)."""

from pipeline.parse.pdf.tables import extract_tables

__all__ = ["extract_tables"]
