"""Data flows one way: no module imports from a stage after its own (see the README's Layout)."""

from __future__ import annotations

import ast
from pathlib import Path

import newsaudit

PACKAGE = Path(newsaudit.__file__).parent
# Lowest first. A module may import from its own stage and the stages before it.
STAGES = ["errors", "config", "schema", "atomic", "brat", "load", "clean", "segment", "sentiment", "sourcing",
          "tone", "stats", "export", "dask_engine", "pipeline", "plots", "views", "report", "evaluation", "api",
          "cli", "notebooks_strip"]


def stage(module: str) -> int:
    top = module.split(".")[0]
    if top in ("__init__", "__version__"):
        return -1  # the package itself: its version, its lazy names
    return STAGES.index("load" if top.startswith("load") else top)


def imported(path: Path) -> set[str]:
    """The package modules `path` imports (relative imports only; the package uses no other kind)."""
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    package = parts[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[:len(package) - node.level + 1]
            names = [node.module] if node.module else [alias.name for alias in node.names]
            found |= {".".join(base + name.split(".")) for name in names}
    return {name for name in found if name}


def test_no_module_imports_from_a_later_stage():
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = ".".join(path.relative_to(PACKAGE).with_suffix("").parts)
        for target in imported(path):
            if stage(target) > stage(module):
                wrong.append(f"{module} imports {target}")
    assert not wrong, wrong


def test_every_module_is_in_a_stage():
    modules = {path.relative_to(PACKAGE).parts[0].removesuffix(".py") for path in PACKAGE.rglob("*.py")}
    assert {m for m in modules if m != "__init__" and not m.startswith("load")} <= set(STAGES)
