"""The dbt sources and staging models are generated from pipeline/schemas.py: none may drift from it."""

from __future__ import annotations

import pytest

from pipeline import schemas
from pipeline.load import dbt_sources
from pipeline.settings import PROJECT_ROOT

GENERATED = dbt_sources.generated_files()


@pytest.mark.parametrize("path", sorted(GENERATED), ids=lambda path: path.name)
def test_the_generated_dbt_file_is_current(path) -> None:
    assert path.exists() and path.read_text(encoding="utf-8") == GENERATED[path], (
        f"{path.relative_to(PROJECT_ROOT)} differs from pipeline/schemas.py: run python -m pipeline.load.dbt_sources"
    )


def test_every_staging_view_is_generated() -> None:
    on_disk = set(dbt_sources.STAGING_DIR.glob("stg_*.sql"))
    assert on_disk == {path for path in GENERATED if path.suffix == ".sql"}


def test_a_declared_fact_of_a_column_becomes_its_dbt_test() -> None:
    text = dbt_sources.sources_yaml()
    assert "to: ref('quarantine_reasons')" in text
    for value in schemas.SECTIONS:
        assert f"- {value}\n" in text
    assert "cast(value as DECIMAL(24, 6)) as value_in_printed_unit" in dbt_sources.view_sql(schemas.NARRATIVE_FIGURES)
