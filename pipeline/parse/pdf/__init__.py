"""The PDF reader: the text layer through PDFium into the text reader, the drawn tables into the shared table
reader (``extract_tables``)."""

from pipeline.parse.pdf.tables import extract_tables

__all__ = ["extract_tables"]
