"""The stages import one way only: a module never reaches back up the flow
(loading -> model <- questions <- output <- cli), and only cli/ imports click."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "asean_sec"
# what each stage may import of the package (besides itself and the shared leaf problems.py)
ALLOWED = {
    "model": set(),
    "loading": {"model"},
    "questions": {"model"},
    "output": {"model", "questions"},
    "cli": {"model", "loading", "questions", "output"},
}


def _imports(path: Path) -> list[tuple[str, int]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.append((node.module, node.lineno))
        elif isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
    return found


@pytest.mark.parametrize("stage", sorted(ALLOWED))
def test_no_module_imports_back_up_the_flow(stage):
    wrong = []
    for path in sorted((PACKAGE / stage).rglob("*.py")):
        for module, line in _imports(path):
            parts = module.split(".")
            if parts[0] == "click" and stage != "cli":
                wrong.append(f"{path.relative_to(PACKAGE)}:{line} imports click")
            if parts[0] != "asean_sec" or len(parts) < 2 or parts[1] in (stage, "problems"):
                continue
            if parts[1] not in ALLOWED[stage]:
                wrong.append(f"{path.relative_to(PACKAGE)}:{line} imports {module}")
    assert not wrong, wrong
