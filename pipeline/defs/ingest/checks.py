"""Checks on the parsed frames: one blocking schema check per frame, and the documents' own findings."""

import dagster as dg

from pipeline import schemas
from pipeline.defs.ingest.assets import parsed_documents
from pipeline.lib.markdown import markdown_table
from pipeline.parse.dispatch import ParseBatch


def _schema_check(schema: schemas.FrameSchema) -> dg.AssetChecksDefinition:
    @dg.asset_check(
        asset=parsed_documents,
        name=f"{schema.name}_matches_schema",
        blocking=True,
        description=f"帧结构符合声明 / The {schema.name} frame has the declared columns, types and unique keys.",
    )
    def check(parsed_documents: ParseBatch) -> dg.AssetCheckResult:
        problems = schema.problems(parsed_documents.frame(schema.name))
        return dg.AssetCheckResult(passed=not problems, metadata={"problems": problems})

    return check


schema_checks = [_schema_check(schema) for schema in (*schemas.PARSED_FRAMES, schemas.QUARANTINE)]


@dg.asset_check(
    asset=parsed_documents,
    description="所有文件均可读取 / Every document in the drop folder could be read; the rest are quarantined.",
)
def every_document_readable(parsed_documents: ParseBatch) -> dg.AssetCheckResult:
    quarantine = parsed_documents.quarantine
    return dg.AssetCheckResult(
        passed=quarantine.height == 0,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={
            "quarantined": quarantine.height,
            "documents": dg.MetadataValue.md(markdown_table(quarantine.select("source_path", "reason_code", "reason"))),
        },
    )


@dg.asset_check(
    asset=parsed_documents,
    description="报告自身数字一致 / No report contradicts its own arithmetic (error-severity findings).",
)
def reports_internally_consistent(parsed_documents: ParseBatch) -> dg.AssetCheckResult:
    findings = parsed_documents.frames[schemas.FINDINGS.name]
    errors = findings.filter(findings["severity"] == "error")
    return dg.AssetCheckResult(
        passed=errors.height == 0,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={"errors": errors.height, "warnings": findings.height - errors.height},
    )
