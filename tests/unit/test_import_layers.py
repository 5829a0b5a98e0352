"""Data flows one way through the package: a stage imports only the stages before it, and no modules import each
other in a loop. Read from the source (every ``import``, those inside functions too), so that a loop Python
happens to tolerate today still fails here."""

from __future__ import annotations

import ast
import importlib
from collections import defaultdict
from pathlib import Path

import pytest

from pipeline.settings import PROJECT_ROOT

PACKAGE = PROJECT_ROOT / "pipeline"

# The stages in the order data flows; a unit may import its own layer and those before it. The first layer holds
# what every stage shares and which imports no stage. Inside parse: what a reader returns, then the text and table
# readers every format shares, then one folder per format, then the choice of reader.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("schemas", "quarantine", "sources_file", "settings", "reference"),
    ("sources",),
    ("parse.version", "parse.provenance", "parse.result"),
    ("parse.text", "parse.tables"),
    ("parse.body_blocks",),
    ("parse.pdf", "parse.html", "parse.word", "parse.spreadsheet"),
    ("parse.dispatch", "parse"),
    ("checks",),
    ("read",),
    ("load",),
    ("research",),
    ("lib",),
    ("defs", "definitions"),
    ("cli", "__main__"),
)
RANK = {unit: rank for rank, units in enumerate(LAYERS) for unit in units}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PROJECT_ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _imports(name: str, path: Path) -> set[str]:
    """The pipeline modules ``name`` imports (``from package import module`` names the module)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names if f"{base}.{alias.name}" in MODULES)
    return {module for module in found if module in MODULES and module != name}


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def _unit(module: str) -> str:
    """The stage a module belongs to: its folder under ``pipeline/``, or the module itself at the top; inside
    ``parse/``, its format folder or shared module."""
    parts = module.split(".")
    if len(parts) > 2 and parts[1] == "parse":
        return f"parse.{parts[2]}"
    return parts[1] if len(parts) > 1 else "pipeline"


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one node (Tarjan), each a loop of imports."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    loops: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                loops.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return loops


def test_every_stage_is_declared_in_the_layers() -> None:
    units = {_unit(module) for module in MODULES} - {"pipeline"}
    assert units <= set(RANK), f"declare {sorted(units - set(RANK))} in LAYERS"


def test_a_stage_imports_only_the_stages_before_it() -> None:
    backwards = sorted(
        f"{module} ({_unit(module)}) imports {target} ({_unit(target)})"
        for module, targets in GRAPH.items()
        for target in targets
        if _unit(module) in RANK and _unit(target) in RANK and RANK[_unit(target)] > RANK[_unit(module)]
    )
    assert backwards == []


def test_no_stage_folders_import_each_other_in_a_loop() -> None:
    units: dict[str, set[str]] = defaultdict(set)
    for module, targets in GRAPH.items():
        units[_unit(module)].update(_unit(target) for target in targets if _unit(target) != _unit(module))
    assert _cycles(units) == []


def test_no_modules_import_each_other_in_a_loop() -> None:
    assert _cycles(GRAPH) == []


def test_the_loop_finder_finds_a_loop() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


# The Dagster code location needs the dbt manifest, which only the tests that run dbt prepare.
_NEEDS_MANIFEST = ("pipeline.definitions", "pipeline.defs", "pipeline.cli", "pipeline.__main__")


@pytest.mark.parametrize(
    "module", [m for m in MODULES if not m.startswith(_NEEDS_MANIFEST)]
)
def test_every_module_imports(module: str) -> None:
    importlib.import_module(module)


# What starts Dagster or dbt, or loads the definitions that need dbt's manifest: the unit tests import none of it, so
# that ``pytest tests/unit`` runs without either (tests/dagster, tests/dbt_models and tests/integration do).
_NOT_IN_UNIT_TESTS = ("dagster", "dagster_dbt", "dbt", *_NEEDS_MANIFEST)


def test_the_unit_tests_import_neither_dagster_nor_dbt() -> None:
    offending = []
    for path in sorted((PROJECT_ROOT / "tests" / "unit").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [alias.name for alias in node.names] if isinstance(node, ast.Import)
                else [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            )
            offending += [
                f"{path.relative_to(PROJECT_ROOT)} imports {name}"
                for name in names
                if any(name == banned or name.startswith(f"{banned}.") for banned in _NOT_IN_UNIT_TESTS)
            ]
    assert offending == []
