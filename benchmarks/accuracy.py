"""Accuracy of the parser against truth files: per table kind (and the narrative), how many printed numbers it
reads, how many of them are right, and which ones it misses or invents.

    python benchmarks/accuracy.py                                   # tests/fixtures/truth + data/raw
    python benchmarks/accuracy.py --generated /tmp/corpus           # a corpus from python -m tests.corpus
    python benchmarks/accuracy.py --generate 3 --json /tmp/acc.json # generate 3 departments × 3 years first

For each ``*.truth.json`` (format: tests/fixtures/truth/README.md) the PDF it names is looked up beside it,
then in ``--real-dir``, and parsed with ``pipeline.parse.dispatch.parse_document``. Table cells match on
(table_kind, code or '', item, measure, value as a decimal without separators); narrative figures on (section,
label, value as a decimal); both as multisets, so two equal cells need two equal extractions. A document the
parser refuses (UnreadableDocument, e.g. unsupported_format while PDFs are not read yet) or fails on extracts
nothing: its truth counts as missed.

Precision of the narrative is measured over the extracted figures whose (section, label) the truth file lists
— truth files list headline figures only, so the parser's other figures are neither right nor wrong. A truth file
without ``tables`` (written for the panel only) scores no table cells.

Truth files with a ``panel`` (the department × year figures, stated priors and a 决算's 年初预算) are also scored
against the warehouse: their documents are ingested together, the whole pipeline (``benchmarks/panel.py``), and
the agreement is printed per metric (agree / wrong / missing / extra); so are the ``findings`` truth files list,
with the findings recall and the false findings. ``--no-panel`` skips it.

The exit code is 0 whatever the scores: this is a report, not a gate.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import argparse  # noqa: E402
import hashlib  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402
import tempfile  # noqa: E402
import unicodedata  # noqa: E402
from collections import Counter  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from decimal import Decimal, InvalidOperation  # noqa: E402

NARRATIVE = "narrative"
_BLANKS = re.compile(r"\s+")
_QUOTES = re.compile(r"[“”‘’\"']")
_SEPARATORS = re.compile(r"[,，\s]")


# ----------------------------------------------------------------------------------------------------------
# Matching


def to_decimal(printed) -> Decimal | str | None:
    """A printed number as a decimal (separators and blanks removed); what cannot be read stays a string, so
    it never matches a number."""
    if printed is None:
        return None
    if isinstance(printed, Decimal):
        return printed.normalize()
    text = _SEPARATORS.sub("", str(printed))
    try:
        return Decimal(text).normalize()
    except InvalidOperation:
        return text


def _text(value) -> str:
    return "" if value is None else _BLANKS.sub("", str(value))


def normalize_text(value) -> str:
    """How labels, items and measures are compared (truth README, "Matching"): NFKC, blanks and quote marks
    removed; None is the empty string (a row that prints no label)."""
    if value is None:
        return ""
    return _QUOTES.sub("", _BLANKS.sub("", unicodedata.normalize("NFKC", str(value))))


def cell_key(table_kind, code, item, measure, value) -> tuple:
    return (str(table_kind), _text(code), normalize_text(item), normalize_text(measure), to_decimal(value))


def figure_key(section, label, value) -> tuple:
    return (_text(section), normalize_text(label), to_decimal(value))


@dataclass
class KindScore:
    truth: int = 0
    extracted: int = 0
    matched: int = 0

    @property
    def precision(self) -> float | None:
        return self.matched / self.extracted if self.extracted else None

    @property
    def recall(self) -> float | None:
        return self.matched / self.truth if self.truth else None

    def add(self, other: KindScore) -> None:
        self.truth += other.truth
        self.extracted += other.extracted
        self.matched += other.matched

    def as_dict(self) -> dict:
        return {"truth": self.truth, "extracted": self.extracted, "matched": self.matched,
                "precision": self.precision, "recall": self.recall}


@dataclass
class Score:
    """Scores by table kind (and ``narrative``), with every miss and every false extraction."""

    kinds: dict[str, KindScore] = field(default_factory=dict)
    misses: list[dict] = field(default_factory=list)  # truth not extracted
    false_extractions: list[dict] = field(default_factory=list)  # extracted, not in the truth
    files: list[str] = field(default_factory=list)
    problems: list[dict] = field(default_factory=list)  # file, reason: unreadable, missing, parse errors

    def kind(self, name: str) -> KindScore:
        return self.kinds.setdefault(name, KindScore())

    @property
    def total(self) -> KindScore:
        out = KindScore()
        for score in self.kinds.values():
            out.add(score)
        return out

    def merge(self, other: Score) -> None:
        for name, score in other.kinds.items():
            self.kind(name).add(score)
        self.misses += other.misses
        self.false_extractions += other.false_extractions
        self.files += other.files
        self.problems += other.problems

    def as_dict(self) -> dict:
        return {
            "files": self.files,
            "kinds": {name: self.kinds[name].as_dict() for name in sorted(self.kinds)},
            "total": self.total.as_dict(),
            "misses": self.misses,
            "false_extractions": self.false_extractions,
            "problems": self.problems,
        }


def _frame(parsed, name: str):
    if parsed is None:
        return None
    try:
        return parsed[name]
    except (KeyError, TypeError):
        return None


def extracted_cells(parsed) -> list[dict]:
    """The parser's line items with the kind of their table: page, table_kind, code, item, measure, value."""
    items = _frame(parsed, "line_items")
    if items is None or items.height == 0:
        return []
    tables = _frame(parsed, "statement_tables")
    kinds: dict[tuple, str] = {}
    if tables is not None and tables.height:
        for row in tables.select("document_sha256", "table_index", "table_kind").iter_rows():
            kinds[(row[0], row[1])] = row[2]
    out = []
    for row in items.iter_rows(named=True):
        out.append(
            {
                "page": row.get("page"),
                "table_kind": kinds.get((row.get("document_sha256"), row.get("table_index")), "unknown"),
                "code": row.get("classification_code"),
                "item": row.get("item_name"),
                "measure": row.get("measure"),
                "value": row.get("value_printed"),
            }
        )
    return out


def extracted_figures(parsed) -> list[dict]:
    figures = _frame(parsed, "narrative_figures")
    if figures is None or figures.height == 0:
        return []
    return [
        {"section": r.get("section"), "label": r.get("label"),
         "value": r.get("value") if r.get("value") is not None else r.get("value_printed"),
         "value_printed": r.get("value_printed"), "unit": r.get("unit_printed"), "page": r.get("page")}
        for r in figures.iter_rows(named=True)
    ]


def _match(truth_rows: list[dict], extracted_rows: list[dict], key) -> tuple[list[dict], list[dict], Counter]:
    """Multiset matching: the truth rows left unmatched, the extracted rows left unmatched, and the number
    matched per kind."""
    available = Counter(key(r) for r in extracted_rows)
    misses = []
    matched: Counter = Counter()
    for row in truth_rows:
        k = key(row)
        if available[k] > 0:
            available[k] -= 1
            matched[row["_kind"]] += 1
        else:
            misses.append(row)
    unclaimed = Counter(key(r) for r in truth_rows)
    false = []
    for row in extracted_rows:
        k = key(row)
        if unclaimed[k] > 0:
            unclaimed[k] -= 1
        else:
            false.append(row)
    return misses, false, matched


def score(truth: dict, parsed, file: str | None = None) -> Score:
    """Scores one document: ``truth`` a truth-file dict, ``parsed`` a ParsedDocument (or any mapping of frame
    name → polars frame with ``line_items``, ``statement_tables``, ``narrative_figures``), or None when the
    parser extracted nothing."""
    file = file or truth.get("file", "?")
    result = Score(files=[file])

    def _cell_key(r):
        return cell_key(r["table_kind"], r["code"], r["item"], r["measure"], r["value"])

    truth_cells = [
        {"file": file, "_kind": t["table_kind"], "table_kind": t["table_kind"], "page": c.get("page"),
         "code": c.get("code"), "item": c.get("item"), "measure": c.get("measure"), "value": c.get("value")}
        for t in truth.get("tables", [])
        for c in t.get("cells", [])
    ]
    # A truth file that lists no tables (one written for the panel only) scores no table cells.
    got_cells = [{"file": file, "_kind": r["table_kind"], **r} for r in extracted_cells(parsed)] if "tables" in truth else []
    misses, false, matched = _match(truth_cells, got_cells, _cell_key)
    for row in truth_cells:
        result.kind(row["_kind"]).truth += 1
    for row in got_cells:
        result.kind(row["_kind"]).extracted += 1
    for kind, n in matched.items():
        result.kind(kind).matched += n
    result.misses += [_public(r) for r in misses]
    result.false_extractions += [_public(r) for r in false]

    def _figure_key(r):
        return figure_key(r["section"], r["label"], r["value"])

    truth_figures = [
        {"file": file, "_kind": NARRATIVE, "table_kind": NARRATIVE, "section": f.get("section"),
         "label": f.get("label"), "value": f.get("value"), "unit": f.get("unit")}
        for f in truth.get("narrative", [])
    ]
    scope = {(_text(f["section"]), normalize_text(f["label"])) for f in truth_figures}
    got_figures = [
        {"file": file, "_kind": NARRATIVE, "table_kind": NARRATIVE, **f}
        for f in extracted_figures(parsed)
        if (_text(f["section"]), normalize_text(f["label"])) in scope
    ]
    misses, false, matched = _match(truth_figures, got_figures, _figure_key)
    if truth_figures or got_figures:
        narrative = result.kind(NARRATIVE)
        narrative.truth += len(truth_figures)
        narrative.extracted += len(got_figures)
        narrative.matched += matched[NARRATIVE]
    result.misses += [_public(r) for r in misses]
    result.false_extractions += [_public(r) for r in false]
    return result


def _public(row: dict) -> dict:
    out = {k: v for k, v in row.items() if not k.startswith("_")}
    if isinstance(out.get("value"), Decimal):
        out["value"] = str(out["value"])
    return out


# ----------------------------------------------------------------------------------------------------------
# Running the parser over truth files


def find_pdf(truth_path: Path, truth: dict, search: list[Path]) -> Path | None:
    name = truth.get("file") or truth_path.name.replace(".truth.json", ".pdf")
    for folder in [truth_path.parent, *search]:
        candidate = folder / name
        if candidate.is_file():
            return candidate
    return None


def parse_pdf(path: Path):
    """The parser's result for ``path``; (None, reason) when it refuses or fails."""
    from pipeline.parse.dispatch import parse_document
    from pipeline.quarantine import UnreadableDocument

    data = path.read_bytes()
    try:
        return parse_document(data, sha256=hashlib.sha256(data).hexdigest(), source_path=path.name), None
    except UnreadableDocument as exc:
        return None, f"unreadable ({exc.reason_code}): {exc.reason}"
    except Exception as exc:  # noqa: BLE001 — a benchmark reports a crash, it does not stop on it
        return None, f"parse_error: {type(exc).__name__}: {exc}"


def score_truth_file(truth_path: Path, search: list[Path]) -> Score:
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    file = truth.get("file") or truth_path.name
    pdf = find_pdf(truth_path, truth, search)
    problems = []
    parsed = None
    if pdf is None:
        problems.append({"file": file, "reason": "the PDF was not found"})
    else:
        data_sha = hashlib.sha256(pdf.read_bytes()).hexdigest()
        if truth.get("sha256") and truth["sha256"] != data_sha:
            problems.append({"file": file, "reason": f"sha256 differs from the truth file's ({data_sha[:12]}…)"})
        parsed, reason = parse_pdf(pdf)
        if reason:
            problems.append({"file": file, "reason": reason})
    result = score(truth, parsed, file)
    result.problems += problems
    return result


def run(truth_files: list[Path], search: list[Path]) -> Score:
    total = Score()
    for path in truth_files:
        total.merge(score_truth_file(path, search))
    return total


# ----------------------------------------------------------------------------------------------------------
# Report


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.2%}"


def report(result: Score, out=None, max_list: int | None = None) -> None:
    out = out or sys.stdout
    print(f"{len(result.files)} truth files", file=out)
    width = max([len(k) for k in result.kinds] + [len("table_kind"), 5])
    print(f"{'table_kind':<{width}}  {'truth':>7}  {'extracted':>9}  {'matched':>7}  {'precision':>9}  {'recall':>7}",
          file=out)
    order = sorted(k for k in result.kinds if k != NARRATIVE) + ([NARRATIVE] if NARRATIVE in result.kinds else [])
    for name in [*order, "TOTAL"]:
        s = result.total if name == "TOTAL" else result.kinds[name]
        print(f"{name:<{width}}  {s.truth:>7}  {s.extracted:>9}  {s.matched:>7}  {_pct(s.precision):>9}  "
              f"{_pct(s.recall):>7}", file=out)
    if result.problems:
        print(f"\nProblems ({len(result.problems)}):", file=out)
        for p in result.problems:
            print(f"  {p['file']}: {p['reason']}", file=out)
    for title, rows in (("Misses (truth not extracted)", result.misses),
                        ("False extractions (extracted, not in the truth)", result.false_extractions)):
        print(f"\n{title}: {len(rows)}", file=out)
        shown = rows if max_list is None else rows[:max_list]
        for r in shown:
            if r["table_kind"] == NARRATIVE:
                print(f"  {r['file']}  narrative  {r.get('section')}  {r.get('label')}  {r.get('value')}", file=out)
            else:
                print(f"  {r['file']}  p.{r.get('page')}  {r['table_kind']}  {r.get('code') or ''}  {r.get('item')}  "
                      f"{r.get('measure')}  {r.get('value')}", file=out)
        if len(shown) < len(rows):
            print(f"  … {len(rows) - len(shown)} more (--max-list)", file=out)


def _resolve(path: Path) -> Path:
    return path if path.is_absolute() or path.exists() else ROOT / path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--generated", type=Path, help="a folder of generated PDFs with their truth files")
    source.add_argument("--generate", type=int, metavar="N", help="generate N departments into a temporary folder")
    parser.add_argument("--years", type=int, nargs="+", default=[2021, 2022, 2023], help="years for --generate")
    parser.add_argument("--seed", type=int, default=0, help="seed for --generate")
    parser.add_argument("--truth-dir", type=Path, default=None,
                        help="truth files of real reports (default tests/fixtures/truth when no corpus is given)")
    parser.add_argument("--real-dir", type=Path, default=ROOT / "data" / "raw", help="where the real PDFs are")
    parser.add_argument("--no-panel", action="store_true", help="score the parser only, not the panel (no ingest)")
    parser.add_argument("--json", type=Path, help="write the scores, misses and false extractions as JSON")
    parser.add_argument("--max-list", type=int, default=None, help="list at most this many misses / false extractions")
    args = parser.parse_args(argv)

    folders: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="accuracy-") as tmp:
        if args.generate is not None:
            from tests.corpus.generate import generate, write

            write(generate(args.generate, args.years, args.seed, include_seed=True), Path(tmp))
            folders.append(Path(tmp))
        elif args.generated is not None:
            folders.append(args.generated)
        if args.truth_dir is not None or not folders:
            folders.append(_resolve(args.truth_dir or Path("tests/fixtures/truth")))
        truth_files = sorted(p for folder in folders for p in folder.glob("*.truth.json"))
        search = [_resolve(args.real_dir), ROOT / "data" / "raw"]
        result = run(truth_files, search)
        panel = None
        if not args.no_panel:
            from benchmarks.panel import run_panel

            panel = run_panel(
                truth_files, lambda path, truth: find_pdf(path, truth, search), Path(tmp) / "panel"
            )
    if args.json:
        scores = result.as_dict() | ({"panel": panel.as_dict()} if panel else {})
        args.json.write_text(json.dumps(scores, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    try:
        report(result, max_list=args.max_list)
        if panel:
            from benchmarks.panel import report_panel

            report_panel(panel, max_list=args.max_list)
    except BrokenPipeError:  # the report piped into head: still a report, still exit 0
        sys.stderr.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
