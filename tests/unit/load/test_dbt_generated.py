"""The dbt files generated from a declaration (pipeline/schemas.py, the table reader's kinds, the seed metric_codes)
are current: none may drift from what it declares."""

from __future__ import annotations

import pytest

from pipeline import schemas
from pipeline.load import dbt_generated
from pipeline.settings import PROJECT_ROOT

GENERATED = dbt_generated.generated_files()


@pytest.mark.parametrize("path", sorted(GENERATED), ids=lambda path: path.name)
def test_the_generated_dbt_file_is_current(path) -> None:
    assert path.exists() and path.read_text(encoding="utf-8") == GENERATED[path], (
        f"{path.relative_to(PROJECT_ROOT)} differs from pipeline/schemas.py: run python -m pipeline.load.dbt_generated"
    )


def test_every_staging_view_is_generated() -> None:
    on_disk = set(dbt_generated.STAGING_DIR.glob("stg_*.sql"))
    assert on_disk == {path for path in GENERATED if path.parent == dbt_generated.STAGING_DIR and path.suffix == ".sql"}


def test_a_declared_fact_of_a_column_becomes_its_dbt_test() -> None:
    text = dbt_generated.sources_yaml()
    assert "to: ref('quarantine_reasons')" in text
    for value in schemas.SECTIONS:
        assert f"- {value}\n" in text
    assert "cast(value as DECIMAL(24, 6)) as value_in_printed_unit" in dbt_generated.view_sql(schemas.NARRATIVE_FIGURES)


def test_a_metric_added_to_the_seed_becomes_a_column_of_the_wide_table(tmp_path, monkeypatch) -> None:
    seed = tmp_path / "metric_codes.csv"
    seed.write_text(
        dbt_generated.METRIC_CODES_CSV.read_text(encoding="utf-8")
        + 'conference_rooms,会议室支出,"Meeting rooms, ""shared""",其他,,999,department\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(dbt_generated, "METRIC_CODES_CSV", seed)
    assert "    'conference_rooms'\n]) }}" in dbt_generated.metrics_macro()
    yaml_text = dbt_generated.department_facts_yaml()
    assert '- name: conference_rooms_wan_yuan\n' in yaml_text
    assert 'Meeting rooms, \\"shared\\" in 万元 (metric conference_rooms' in yaml_text
    assert yaml_text.count("- name: total_income_wan_yuan\n") == 1
