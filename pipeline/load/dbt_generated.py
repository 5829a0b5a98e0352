"""The raw tables as dbt sees them, generated from ``pipeline.schemas``: the sources YAML, and for each table its
staging view (SQL: rename and cast only) and the view's YAML; the seed of the table kinds the table reader knows
(``pipeline.parse.tables.titles``); and from the seed ``metric_codes``, the metrics of the panel's wide table
(``fct_department_year``: a macro listing them, and its columns' YAML between two marker comments); from the
rules of ``pipeline.checks.rules``, the seed ``finding_rules``, the rule list of docs/checks.md (between two
marker lines) and the seed ``required_tables``; from the seed ``disclosure_rubric``, the rubric of
docs/research.md. Nothing here is written by hand; a test fails when a file on disk differs from what this module
makes (``python -m pipeline.load.dbt_generated`` writes them).

From each column's declaration come its type, its bilingual description, its ``not_null`` test (a required
column), an ``accepted_values`` test (``values``), a ``relationships`` test to the seed that lists its codes
(``codes``) and its name in staging (``staged_as``); every row of a document's frame must belong to a document.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import yaml

from pipeline import schemas
from pipeline.checks.rules import ERROR_SHARE, REQUIRED_SECTIONS, REQUIRED_TABLES, RULES
from pipeline.load.ddl import RAW_SCHEMA, duckdb_type
from pipeline.parse.tables.titles import ECONOMIC_KINDS, KIND_PATTERNS, UNKNOWN_KIND
from pipeline.parse.text.outline import SECTIONS
from pipeline.settings import DBT_PROJECT_DIR, PROJECT_ROOT

SOURCE = "disclosures"
STAGING_DIR = DBT_PROJECT_DIR / "models" / "staging" / SOURCE
SOURCES_YAML = STAGING_DIR / f"_{SOURCE}__sources.yml"
MODELS_YAML = STAGING_DIR / f"_{SOURCE}__models.yml"
TABLE_KINDS_CSV = DBT_PROJECT_DIR / "seeds" / "table_kinds.csv"
METRIC_CODES_CSV = DBT_PROJECT_DIR / "seeds" / "metric_codes.csv"
FINDING_RULES_CSV = DBT_PROJECT_DIR / "seeds" / "finding_rules.csv"
SEVERITY_MACRO = DBT_PROJECT_DIR / "macros" / "finding_severity.sql"
REQUIRED_TABLES_CSV = DBT_PROJECT_DIR / "seeds" / "required_tables.csv"
REQUIRED_SECTIONS_CSV = DBT_PROJECT_DIR / "seeds" / "required_sections.csv"
RUBRIC_CSV = DBT_PROJECT_DIR / "seeds" / "disclosure_rubric.csv"
RESEARCH_DOC = PROJECT_ROOT / "docs" / "research.md"
_RUBRIC_BEGIN = (
    "<!-- rubric: generated from dbt_project/seeds/disclosure_rubric.csv by pipeline/load/dbt_generated.py -->\n"
)
_RUBRIC_END = "<!-- rubric: end -->\n"
CHECKS_DOC = PROJECT_ROOT / "docs" / "checks.md"
_DOC_BEGIN = "<!-- rules: generated from pipeline/checks/rules.py by pipeline/load/dbt_generated.py -->\n"
_DOC_END = "<!-- rules: end -->\n"
METRICS_MACRO = DBT_PROJECT_DIR / "macros" / "department_metric_codes.sql"
DEPARTMENT_FACTS_YAML = DBT_PROJECT_DIR / "models" / "marts" / "_marts__department_facts.yml"
_BLOCK_BEGIN = (
    "      # 以下各列由 pipeline/load/dbt_generated.py 依种子 metric_codes 生成 / generated from the seed metric_codes "
    "by pipeline/load/dbt_generated.py: begin\n"
)
_BLOCK_END = "      # generated: end\n"



def _generated(source: str, comment: str = "# ") -> str:
    """The lines that open a generated file: what it was generated from, and that it is not to be edited."""
    return (
        f"{comment}由 pipeline/load/dbt_generated.py 依 {source} 生成，请勿手改。\n"
        f"{comment}Generated from {source} by pipeline/load/dbt_generated.py; do not edit "
        "(python -m pipeline.load.dbt_generated).\n"
    )


_GENERATED = _generated("pipeline/schemas.py")

# The staging views' tests that are no fact of one column: a value left null only where a finding says why (a
# number printed beyond what the warehouse holds), and a table cell placed either on a page or in a sheet.
_LOCATION_OF_FIGURE = "'L' || checked_rows.line_no || ':' || checked_rows.char_start || '-' || checked_rows.char_end"
_LOCATION_OF_CELL = (
    "coalesce(checked_rows.cell_ref, 'p' || checked_rows.page || ':' || format('{:.0f},{:.0f},{:.0f},{:.0f}', "
    "checked_rows.bbox_x0, checked_rows.bbox_top, checked_rows.bbox_x1, checked_rows.bbox_bottom))"
)
_VIEW_TESTS: dict[str, list[dict]] = {
    schemas.NARRATIVE_FIGURES.name: [
        {"null_only_where_flagged": {
            "name": "stg_disclosures__narrative_figures_value_null_only_where_flagged",
            "arguments": {"column_name": "value_in_printed_unit", "location": _LOCATION_OF_FIGURE},
        }},
    ],
    schemas.LINE_ITEMS.name: [
        {"null_only_where_flagged": {
            "name": "stg_disclosures__line_items_value_null_only_where_flagged",
            "arguments": {"column_name": "value_wan_yuan", "location": _LOCATION_OF_CELL},
        }},
        {"expression_is_true": {"arguments": {"expression": (
            "(bbox_x0 is not null and bbox_top is not null and bbox_x1 is not null and bbox_bottom is not null) "
            "<> (cell_ref is not null)"
        )}}},
    ],
}


def view_name(schema: schemas.FrameSchema) -> str:
    return f"stg_{SOURCE}__{schema.name}"


def _description(item: schemas.Column | schemas.FrameSchema) -> str:
    return f"{item.zh} / {item.en}"


def _column_tests(schema: schemas.FrameSchema, column: schemas.Column) -> list[dict]:
    tests: list[dict] = []
    if column.name == "document_sha256" and schema in schemas.DOCUMENT_FRAMES and schema is not schemas.DOCUMENTS:
        tests.append({"relationships": {"arguments": {
            "to": f"source('{SOURCE}', '{schemas.DOCUMENTS.name}')", "field": "document_sha256"
        }}})
    if column.values:
        accepted: dict = {"arguments": {"values": list(column.values)}}
        if not all(isinstance(value, str) for value in column.values):
            accepted["arguments"]["quote"] = False
        if column.values_warn:
            accepted["config"] = {"severity": "warn"}
        tests.append({"accepted_values": accepted})
    if column.codes:
        tests.append({"relationships": {"arguments": {"to": f"ref('{column.codes}')", "field": column.name}}})
    return tests


def sources_yaml() -> str:
    tables = []
    for schema in schemas.WAREHOUSE_FRAMES:
        columns = []
        for column in schema.columns:
            entry = {"name": column.name, "data_type": duckdb_type(column.dtype), "description": _description(column)}
            if tests := _column_tests(schema, column):
                entry["data_tests"] = tests
            columns.append(entry)
        tables.append({"name": schema.name, "description": _description(schema), "columns": columns})
    document = {"version": 2, "sources": [{
        "name": SOURCE, "description": '{{ doc("disclosures_source") }}', "schema": RAW_SCHEMA, "tables": tables,
    }]}
    return _GENERATED + _dump(document)


def models_yaml() -> str:
    models = []
    for schema in schemas.WAREHOUSE_FRAMES:
        required = [column.staged_name for column in schema.columns if not column.nullable]
        models.append({
            "name": view_name(schema),
            "description": f'{{{{ doc("{view_name(schema)}") }}}}',
            "data_tests": [
                {"not_null_columns": {"arguments": {"column_names": required}}}, *_VIEW_TESTS.get(schema.name, [])
            ],
            "columns": [
                {
                    "name": column.staged_name, "data_type": duckdb_type(column.dtype),
                    "description": _description(column),
                }
                for column in schema.columns
            ],
        })
    return _GENERATED + _dump({"version": 2, "models": models})


def view_sql(schema: schemas.FrameSchema) -> str:
    casts = ",\n".join(
        f"        cast({column.name} as {duckdb_type(column.dtype)}) as {column.staged_name}"
        for column in schema.columns
    )
    return (
        _generated("pipeline/schemas.py", "-- ")
        + f"-- {view_name(schema)}: {_description(schema)}\n"
        + "-- 只做重命名与类型转换 / rename and cast only; no joins, no derived values.\n"
        + f"with source as (\n\n    select * from {{{{ source('{SOURCE}', '{schema.name}') }}}}\n\n),\n\n"
        + f"renamed as (\n\n    select\n{casts}\n    from source\n\n)\n\nselect * from renamed\n"
    )


def table_kinds_csv() -> str:
    """One row per table kind: the report it belongs to and the code system of its rows (a seed has no comments:
    its YAML in seeds/_seeds.yml says it is generated)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["table_kind", "report_kind", "code_system"])
    for kind, _ in KIND_PATTERNS:
        report_kind = "final_account" if kind.startswith("final_") else "budget"
        writer.writerow([kind, report_kind, "economic" if kind in ECONOMIC_KINDS else "function"])
    writer.writerow([UNKNOWN_KIND, "", ""])
    return out.getvalue()


def department_metrics() -> list[dict[str, str]]:
    """The metrics a department reports once a year (grain ``department``), in the seed's display order."""
    with METRIC_CODES_CSV.open(encoding="utf-8", newline="") as seed:
        rows = [row for row in csv.DictReader(seed) if row["grain"] == "department"]
    return sorted(rows, key=lambda row: int(row["display_order"]))


def metrics_macro() -> str:
    codes = ",\n".join(f"    '{row['metric_code']}'" for row in department_metrics())
    return (
        "{#- " + _generated("seeds/metric_codes.csv", "").rstrip("\n")
        + "\n  The metrics of fct_department_year, one column each: the seed's department-grain codes in display order."
        + " -#}\n"
        + "{% macro department_metric_codes() %}\n{{ return([\n" + codes + "\n]) }}\n{% endmacro %}\n"
    )


def _metric_description(row: dict[str, str]) -> str:
    text = (
        f"{row['label_zh']}（万元；表格优先，否则说明文字） / {row['label_en']} in 万元 "
        f"(metric {row['metric_code']}; table figure, else narrative)"
    )
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def department_facts_yaml() -> str:
    """``_marts__department_facts.yml`` with fct_department_year's metric columns as the seed declares them."""
    text = DEPARTMENT_FACTS_YAML.read_text(encoding="utf-8")
    start, end = text.index(_BLOCK_BEGIN) + len(_BLOCK_BEGIN), text.index(_BLOCK_END)
    columns = "".join(
        f"      - name: {row['metric_code']}_wan_yuan\n"
        "        data_type: decimal(24,6)\n"
        f"        description: {_metric_description(row)}\n"
        for row in department_metrics()
    )
    return text[:start] + columns + text[end:]


def finding_rules_csv() -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["check_name", "name_zh", "name_en", "compares", "unit", "report_kinds", "runs_in", "severity"])
    for rule in RULES:
        writer.writerow([
            rule.check_name, rule.zh, rule.en, rule.compares, rule.unit or "", " ".join(rule.report_kinds),
            rule.runs_in, rule.severity,
        ])
    return out.getvalue()


def required_tables_csv() -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["report_kind", "standard_table_zh", "standard_table_en", "table_kind"])
    for table in REQUIRED_TABLES:
        for kind in table.table_kinds:
            writer.writerow([table.report_kind, table.zh, table.en, kind])
    return out.getvalue()


def required_sections_csv() -> str:
    names = {section.code: section for section in SECTIONS}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["report_kind", "section_code", "section_zh", "section_en"])
    for report_kind, code in REQUIRED_SECTIONS:
        writer.writerow([report_kind, code, names[code].zh, names[code].en])
    return out.getvalue()


def severity_macro() -> str:
    """``rules.severity`` in SQL, for the findings the warehouse makes where two sources meet."""
    header = _generated("pipeline/checks/rules.py", "").rstrip("\n")
    return (
        "{#- " + header + "\n"
        "  A finding's severity (pipeline.checks.rules.severity): info where the rounding of the printed terms\n"
        "  explains the difference, else error from " + f"{ERROR_SHARE * 100:.0f}%" + " of the figure "
        "(or a figure of 0), warning below; at most a warning where the report may legitimately differ. -#}\n"
        "{% macro finding_severity(difference, expected, tolerance, may_be_legitimate='false') %}\n"
        "    case\n"
        "        when abs({{ difference }}) <= coalesce({{ tolerance }}, 0) then 'info'\n"
        "        when {{ may_be_legitimate }} then 'warning'\n"
        "        when ({{ expected }}) = 0\n"
        f"            or abs({{{{ difference }}}}) >= {ERROR_SHARE} * abs({{{{ expected }}}}) then 'error'\n"
        "        else 'warning'\n"
        "    end\n"
        "{% endmacro %}\n"
    )


def checks_doc() -> str:
    """docs/checks.md with its rule list as ``pipeline.checks.rules`` declares it."""
    text = CHECKS_DOC.read_text(encoding="utf-8")
    start, end = text.index(_DOC_BEGIN) + len(_DOC_BEGIN), text.index(_DOC_END)
    rows = "".join(
        f"| `{rule.check_name}` | {rule.zh} / {rule.en} | {rule.compares} | {rule.unit or 'as printed'} | "
        f"{', '.join(rule.report_kinds)} | {rule.runs_in} | {rule.severity} |\n"
        for rule in RULES
    )
    table = (
        "| check_name | rule | compares | unit | reports | runs in | severity |\n|---|---|---|---|---|---|---|\n"
        + rows
    )
    return text[:start] + table + text[end:]


def research_doc() -> str:
    """docs/research.md with the disclosure score's rubric as the seed ``disclosure_rubric`` declares it."""
    text = RESEARCH_DOC.read_text(encoding="utf-8")
    start, end = text.index(_RUBRIC_BEGIN) + len(_RUBRIC_BEGIN), text.index(_RUBRIC_END)
    with RUBRIC_CSV.open(encoding="utf-8", newline="") as seed:
        rows = "".join(
            f"| `{row['item']}` | {row['weight']} | {row['name_zh']} / {row['name_en']} | {row['scored_as']} |\n"
            for row in csv.DictReader(seed)
        )
    return text[:start] + "| item | weight | what | scored as |\n|---|---|---|---|\n" + rows + text[end:]


def generated_files() -> dict[Path, str]:
    """Every file this module makes, by path."""
    return {
        TABLE_KINDS_CSV: table_kinds_csv(),
        FINDING_RULES_CSV: finding_rules_csv(),
        SEVERITY_MACRO: severity_macro(),
        REQUIRED_TABLES_CSV: required_tables_csv(),
        REQUIRED_SECTIONS_CSV: required_sections_csv(),
        RESEARCH_DOC: research_doc(),
        CHECKS_DOC: checks_doc(),
        METRICS_MACRO: metrics_macro(),
        DEPARTMENT_FACTS_YAML: department_facts_yaml(),
        SOURCES_YAML: sources_yaml(),
        MODELS_YAML: models_yaml(),
        **{STAGING_DIR / f"{view_name(schema)}.sql": view_sql(schema) for schema in schemas.WAREHOUSE_FRAMES},
    }


def _dump(document: dict) -> str:
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=120, default_flow_style=False)


def main() -> None:
    for path, text in generated_files().items():
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(PROJECT_ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
