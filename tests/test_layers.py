"""The package's layers: a lower layer never imports a higher one, and no import cycle exists.

Imports inside functions (lazy imports) count too: they are cycles all the same,
only hidden. The order is the one docs/design.md explains.
"""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

SRC = ROOT / "src" / "jiekun"

#: Lowest first. A module may import its own layer's modules and any lower layer.
LAYERS = ["text", "errors", "model", "io", "pipeline", "xlsx", "report", "render", "cli"]
#: Siblings: neither may import the other.
SIBLINGS = [{"report", "render"}]


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """Every jiekun module this file imports, at the top or inside a function."""
    found: set[str] = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("jiekun")}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join([*parts[: len(parts) - node.level + 1], base]).strip(".")
            if base.startswith("jiekun"):
                for a in node.names:  # "from jiekun.io import reading" imports a module
                    found.add(f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base)
    return {m for m in found if m in MODULES}


MODULES = {module_name(p): p for p in SRC.rglob("*.py")}
GRAPH = {m: imports(p) - {m} for m, p in MODULES.items()}


def layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in LAYERS else None


def test_layers_only_import_downwards():
    wrong = []
    for m, targets in GRAPH.items():
        lm = layer(m)
        if lm is None:  # jiekun/__init__.py, __main__.py: the public face, above everything
            continue
        for t in targets:
            lt = layer(t)
            if lt is None:  # the root: only __version__ and lazy names, it imports nothing eagerly
                continue
            if LAYERS.index(lt) > LAYERS.index(lm) or ({lm, lt} in SIBLINGS and lm != lt):
                wrong.append(f"{m} -> {t}")
    assert wrong == []


def test_no_import_cycles():
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(m: str, stack: list[str]) -> None:
        state[m] = 1
        for t in sorted(GRAPH[m]):
            if state.get(t) == 1:
                cycles.append([*stack[stack.index(t) :], t])
            elif t not in state:
                visit(t, [*stack, t])
        state[m] = 2

    for m in sorted(GRAPH):
        if m not in state:
            visit(m, [m])
    assert cycles == []


def test_the_checker_sees_lazy_imports():
    assert "jiekun.pipeline.summary" in GRAPH["jiekun.cli.common"]
