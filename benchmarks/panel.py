"""Agreement of the research panel with hand-verified truth: for each truth file with a ``panel``
(tests/fixtures/truth/README.md, "Panel figures"), the department × year figures the warehouse gives
(``fct_department_metric``), the prior the report states (``fct_yoy_change``) and a 决算's own 年初预算.

The documents the truth files name are ingested together — the whole pipeline, Dagster and dbt, in a subprocess
with its own DAGSTER_HOME — so that a report's figures meet their companion files and their other years as they
do in production. Each expected entry is then one of:

- ``agree``: the value (compared exactly, in 万元), the status and, where the truth gives one, the page (and the
  file, for a report published as two files) are the warehouse's;
- ``wrong``: the warehouse has something else (the reason says what);
- ``missing``: the truth has a figure, the warehouse says not disclosed / has none;
- ``extra``: the truth says not disclosed / states no prior / prints no budget, the warehouse has one.

A truth file's ``findings`` (every identity of the report that fails as printed) are scored against
``fct_finding`` the same way, per rule: ``agree`` (the same rule, printed and implied values, severity and page),
``wrong`` (found, another severity or page), ``missing`` (not found: the recall's loss), ``extra`` (a finding the
truth does not list: a false finding).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

OUTCOMES = ("agree", "wrong", "missing", "extra")
_TO_WAN = {"万元": Decimal(1), "元": Decimal("0.0001"), "亿元": Decimal(10000)}
_NOT_DISCLOSED = "not_disclosed"


def wan_yuan(value: str | None, unit: str | None) -> Decimal | None:
    """A printed amount in 万元: ``"31,214,205.80"`` 元 → 3121.420580."""
    if value is None:
        return None
    return Decimal(str(value).replace(",", "").replace("，", "").strip()) * _TO_WAN[unit or "万元"]


@dataclass
class Outcome:
    file: str
    part: str  # figure | prior | budget | finding
    metric: str
    outcome: str
    reason: str = ""


@dataclass
class PanelScore:
    outcomes: list[Outcome] = field(default_factory=list)
    problems: list[dict] = field(default_factory=list)

    def counts(self, part: str) -> dict[str, Counter]:
        """Per metric, how many entries of ``part`` fall in each outcome."""
        by_metric: dict[str, Counter] = {}
        for o in self.outcomes:
            if o.part == part:
                by_metric.setdefault(o.metric, Counter())[o.outcome] += 1
        return by_metric

    def as_dict(self) -> dict:
        return {
            "counts": {
                part: {metric: dict(c) for metric, c in sorted(self.counts(part).items())}
                for part in ("figure", "prior", "budget", "finding")
            },
            "disagreements": [o.__dict__ for o in self.outcomes if o.outcome != "agree"],
            "problems": self.problems,
        }


# ----------------------------------------------------------------------------------------------------------
# Scoring a warehouse


def score_panel(truth: dict, con, file_names: dict[str, str]) -> list[Outcome]:
    """The outcomes of one truth file's panel against the warehouse ``con``; ``file_names`` maps a document's
    sha256 to its file name (the document a figure was read from, for a report published as two files)."""
    file = truth["file"]
    report = con.execute(
        "SELECT department_key, report_scope, fiscal_year, report_kind FROM dim_document "
        "WHERE document_sha256 = ? AND state = 'loaded'",
        [truth["sha256"]],
    ).fetchone()
    panel = truth["panel"]
    if report is None:
        return [
            Outcome(file, "figure", f["metric"], "missing", "the document is not loaded")
            for f in panel["figures"]
            if f["status"] != _NOT_DISCLOSED
        ]
    rows = {
        r[0]: r
        for r in con.execute(
            "SELECT metric_code, value_wan_yuan, disclosure_status, page, document_sha256, budget_wan_yuan, "
            "budget_page FROM fct_department_metric WHERE department_key = ? AND report_scope = ? "
            "AND fiscal_year = ? AND report_kind = ?",
            list(report),
        ).fetchall()
    }
    priors = {
        r[0]: r
        for r in con.execute(
            "SELECT metric_code, implied_prior_value_wan_yuan, comparison_basis, statement_page "
            "FROM fct_yoy_change WHERE department_key = ? AND report_scope = ? AND fiscal_year = ? "
            "AND report_kind = ? AND function_class_code IS NULL AND implied_prior_value_wan_yuan IS NOT NULL",
            list(report),
        ).fetchall()
    }
    outcomes = [_figure(file, f, rows.get(f["metric"]), file_names) for f in panel["figures"]]
    outcomes += _priors(file, panel.get("stated_priors", []), priors, {f["metric"] for f in panel["figures"]})
    outcomes += _budgets(file, panel.get("budgets", []), rows, {f["metric"] for f in panel["figures"]})
    return outcomes


def finding_key(finding: dict) -> tuple:
    """What identifies a finding: its rule and its two values; for a finding without values (a table missing, a
    name that differs) its subject, which says what."""
    observed = finding.get("observed")
    return (finding["check_name"], observed, finding.get("expected"), finding["subject"] if observed is None else None)


def score_findings(truth: dict, con) -> list[Outcome]:
    """The outcomes of one truth file's ``findings`` against the document's rows of ``fct_finding``."""
    file = truth["file"]
    found = [
        {"check_name": r[0], "severity": r[1], "observed": r[2], "expected": r[3], "page": r[4], "subject": r[5]}
        for r in con.execute(
            "SELECT check_name, severity, observed_value::DECIMAL(18, 2)::VARCHAR, "
            "expected_value::DECIMAL(18, 2)::VARCHAR, page, subject FROM fct_finding WHERE document_sha256 = ?",
            [truth["sha256"]],
        ).fetchall()
    ]
    outcomes = []
    for want in truth["findings"]:
        match = next((f for f in found if finding_key(f) == finding_key(want)), None)
        if match is None:
            reason = want["subject"] if want.get("observed") is None else f"{want['observed']} vs {want['expected']}"
            outcomes.append(Outcome(file, "finding", want["check_name"], "missing", reason))
            continue
        found.remove(match)
        differences = [
            f"{field} {match[field]} ≠ {want[field]}" for field in ("severity", "page") if match[field] != want[field]
        ]
        outcome = "wrong" if differences else "agree"
        outcomes.append(Outcome(file, "finding", want["check_name"], outcome, "; ".join(differences)))
    outcomes += [
        Outcome(
            file, "finding", f["check_name"], "extra",
            f"{f['subject'] if f['observed'] is None else f['observed'] + ' vs ' + f['expected']} "
            f"({f['severity']}, p{f['page']})",
        )
        for f in found
    ]
    return outcomes


def _figure(file: str, expected: dict, row, file_names: dict[str, str]) -> Outcome:
    metric = expected["metric"]
    status = row[2] if row else _NOT_DISCLOSED
    if expected["status"] == _NOT_DISCLOSED:
        if status == _NOT_DISCLOSED:
            return Outcome(file, "figure", metric, "agree")
        return Outcome(file, "figure", metric, "extra", f"warehouse {status} {row[1]} (p{row[3]})")
    if status == _NOT_DISCLOSED:
        return Outcome(file, "figure", metric, "missing", f"truth {expected['status']} {expected.get('value')}")
    want = Decimal(0) if expected["status"] == "stated_zero" else wan_yuan(expected["value"], expected.get("unit"))
    got_value, got_page, got_file = row[1], row[3], file_names.get(row[4])
    differences = []
    if got_value is None or Decimal(got_value) != want:
        differences.append(f"value {got_value} ≠ {want}")
    if status != expected["status"]:
        differences.append(f"status {status} ≠ {expected['status']}")
    if expected.get("page") is not None and got_page != expected["page"]:
        differences.append(f"page {got_page} ≠ {expected['page']}")
    if expected.get("file") and got_file != expected["file"]:
        differences.append(f"file {got_file} ≠ {expected['file']}")
    return Outcome(file, "figure", metric, "wrong" if differences else "agree", "; ".join(differences))


def _priors(file: str, expected: list[dict], priors: dict, metrics: set[str]) -> list[Outcome]:
    def differences(want: dict, got) -> list[str]:
        found = []
        if Decimal(got[1]) != wan_yuan(want["prior_value"], want.get("unit")):
            found.append(f"value {got[1]} ≠ {want['prior_value']}")
        if got[2] != want["basis"]:
            found.append(f"basis {got[2]} ≠ {want['basis']}")
        return found

    return _paired(file, "prior", {p["metric"]: p for p in expected}, priors, metrics, differences,
                   lambda want: f"{want['prior_value']} ({want['basis']})", lambda got: f"{got[1]} ({got[2]})")


def _budgets(file: str, expected: list[dict], rows: dict, metrics: set[str]) -> list[Outcome]:
    def differences(want: dict, got) -> list[str]:
        found = []
        if Decimal(got[5]) != wan_yuan(want["value"], want.get("unit")):
            found.append(f"value {got[5]} ≠ {want['value']}")
        if want.get("page") is not None and got[6] != want["page"]:
            found.append(f"page {got[6]} ≠ {want['page']}")
        return found

    printed = {metric: row for metric, row in rows.items() if row[5] is not None}
    return _paired(file, "budget", {b["metric"]: b for b in expected}, printed, metrics, differences,
                   lambda want: want["value"], lambda got: got[5])


def _paired(file, part, expected: dict, found: dict, metrics: set[str], differences, shown_want, shown_got):
    """The outcome of each metric that the truth or the warehouse holds an entry of: missing, extra, or compared."""
    outcomes = []
    for metric in sorted(metrics):
        want, got = expected.get(metric), found.get(metric)
        if want is None and got is None:
            continue
        if want is None:
            outcomes.append(Outcome(file, part, metric, "extra", f"warehouse {shown_got(got)}"))
        elif got is None:
            outcomes.append(Outcome(file, part, metric, "missing", f"truth {shown_want(want)}"))
        else:
            found_differences = differences(want, got)
            outcomes.append(
                Outcome(file, part, metric, "wrong" if found_differences else "agree", "; ".join(found_differences))
            )
    return outcomes


# ----------------------------------------------------------------------------------------------------------
# Building the warehouse


def ingest(documents: list[Path], work: Path) -> Path:
    """Copies ``documents`` into ``work/raw`` and ingests them into ``work/warehouse.duckdb`` through the CLI."""
    raw = work / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    for path in documents:
        shutil.copy2(path, raw / path.name)
    warehouse = work / "warehouse.duckdb"
    env = dict(os.environ, DAGSTER_HOME=str(work / "dagster"))
    (work / "dagster").mkdir(exist_ok=True)
    root = Path(__file__).resolve().parents[1]
    subprocess.run(
        [sys.executable, "-m", "pipeline", "ingest", "--raw", str(raw), "--warehouse", str(warehouse)],
        cwd=root, env=env, check=True, stdout=subprocess.DEVNULL,
    )
    return warehouse


def run_panel(truth_files: list[Path], find_document, work: Path) -> PanelScore:
    """Ingests every document the truth files name (``find_document(truth_path, truth) -> Path | None``) and
    scores the panels they hold."""
    import duckdb

    result = PanelScore()
    truths = [(path, json.loads(path.read_text(encoding="utf-8"))) for path in truth_files]
    documents = {}
    for path, truth in truths:
        found = find_document(path, truth)
        if found is None:
            result.problems.append({"file": truth.get("file", path.name), "reason": "the document was not found"})
        else:
            documents[found.name] = found
    with_panels = [(path, truth) for path, truth in truths if "panel" in truth]
    with_findings = [truth for _, truth in truths if "findings" in truth]
    if not with_panels and not with_findings:
        return result
    warehouse = ingest(sorted(documents.values()), work)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        file_names = {
            sha: Path(source).name
            for sha, source in con.execute("SELECT document_sha256, first_source_path FROM dim_document").fetchall()
        }
        for _, truth in with_panels:
            result.outcomes += score_panel(truth, con, file_names)
        for truth in with_findings:
            result.outcomes += score_findings(truth, con)
    return result


def report_panel(result: PanelScore, out=None, max_list: int | None = None) -> None:
    out = out or sys.stdout
    parts = (
        ("figure", "Panel figures"), ("prior", "Stated priors"), ("budget", "年初预算 in 决算"),
        ("finding", "Findings (missing: recall's loss; extra: false findings)"),
    )
    for part, title in parts:
        counts = result.counts(part)
        if not counts:
            continue
        print(f"\n{title}: agreement per metric", file=out)
        width = max(len(m) for m in [*counts, "metric", "TOTAL"])
        print(f"{'metric':<{width}}  " + "  ".join(f"{o:>7}" for o in OUTCOMES) + f"  {'agree %':>8}", file=out)
        total = Counter()
        for metric in sorted(counts):
            total.update(counts[metric])
            print(_row(metric, counts[metric], width), file=out)
        print(_row("TOTAL", total, width), file=out)
    findings = Counter(o.outcome for o in result.outcomes if o.part == "finding")
    if findings:
        listed = findings["agree"] + findings["wrong"] + findings["missing"]
        print(
            f"\nFindings recall: {findings['agree'] + findings['wrong']} of {listed}; false findings: "
            f"{findings['extra']}; severity or page differing: {findings['wrong']}",
            file=out,
        )
    disagreements = [o for o in result.outcomes if o.outcome != "agree"]
    print(f"\nPanel disagreements: {len(disagreements)}", file=out)
    shown = disagreements if max_list is None else disagreements[:max_list]
    for o in shown:
        print(f"  {o.file}  {o.part}  {o.metric}  {o.outcome}  {o.reason}", file=out)
    if len(shown) < len(disagreements):
        print(f"  … {len(disagreements) - len(shown)} more (--max-list)", file=out)
    for p in result.problems:
        print(f"  problem: {p['file']}: {p['reason']}", file=out)


def _row(name: str, counts: Counter, width: int) -> str:
    n = sum(counts.values())
    share = f"{counts['agree'] / n:.1%}" if n else "-"
    return f"{name:<{width}}  " + "  ".join(f"{counts[o]:>7}" for o in OUTCOMES) + f"  {share:>8}"
