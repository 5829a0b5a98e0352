"""The 12 real PDFs, each opened and read once per test module that asks for it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import pdfplumber
import polars as pl

from pipeline.parse.pdf import extract_tables
from tests.conftest import REAL_PDFS

FILES = sorted(p.name for p in REAL_PDFS.glob("*.pdf"))


@dataclass
class Read:
    name: str
    pdf: pdfplumber.PDF
    tables: pl.DataFrame
    items: pl.DataFrame

    def table(self, kind: str, nth: int = 0) -> dict:
        rows = self.tables.filter(pl.col("table_kind") == kind).to_dicts()
        assert len(rows) > nth, f"{self.name}: no {kind} table #{nth}"
        return rows[nth]

    def cells(self, kind: str, nth: int = 0) -> pl.DataFrame:
        return self.items.filter(pl.col("table_index") == self.table(kind, nth)["table_index"])

    def cell(self, kind: str, **where: object) -> dict:
        """The one cell of a table of ``kind`` matching every column in ``where``."""
        frame = self.cells(kind)
        for column, value in where.items():
            frame = frame.filter(pl.col(column) == value)
        assert frame.height == 1, f"{self.name} {kind} {where}: {frame.height} cells"
        return frame.row(0, named=True)


@dataclass
class RealPdfs:
    """Reads a real PDF the first time a test asks for it; closes them all at the end of the module."""

    read: dict[str, Read] = field(default_factory=dict)

    def __call__(self, name: str) -> Read:
        if name not in self.read:
            path = REAL_PDFS / name
            pdf = pdfplumber.open(path)
            tables, items = extract_tables(pdf, sha256=hashlib.sha256(path.read_bytes()).hexdigest())
            self.read[name] = Read(name, pdf, tables, items)
        return self.read[name]

    def close(self) -> None:
        for read in self.read.values():
            read.pdf.close()
