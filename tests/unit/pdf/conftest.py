"""A module-scoped reader of the real PDFs: each file is opened and read at most once per test module."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.unit.pdf.real import RealPdfs


@pytest.fixture(scope="module")
def real() -> Iterator[RealPdfs]:
    reader = RealPdfs()
    yield reader
    reader.close()
