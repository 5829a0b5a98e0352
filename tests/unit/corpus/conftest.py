"""One small corpus for the whole module tree: 2 departments × 2 years (every layout option occurs at least
once in 4 documents) plus the seed pair, generated in memory once per session."""

from __future__ import annotations

import pytest

from tests.corpus.generate import GeneratedDocument, generate

YEARS = (2022, 2023)


@pytest.fixture(scope="session")
def corpus() -> list[GeneratedDocument]:
    return generate(departments=2, years=YEARS, seed=0, include_seed=True)


@pytest.fixture(scope="session")
def generated(corpus) -> list[GeneratedDocument]:
    """The random departments' documents (not the seed pair)."""
    return [d for d in corpus if not d.stem.startswith("liaoning-panjin-xinglongtai")]


@pytest.fixture(scope="session")
def seed_pair(corpus) -> dict[int, GeneratedDocument]:
    return {d.year: d for d in corpus if d.stem.startswith("liaoning-panjin-xinglongtai")}
