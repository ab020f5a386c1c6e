"""The two products stay apart: the codemod never imports the importer, and the other way round.

Checked on the source text (every ``import``/``from`` statement, including ones inside functions),
so a lazy import inside a function counts as much as a top-level one."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "rewriter"


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.add(node.module)
    return out


@pytest.mark.parametrize(("product", "forbidden"), [("codemod", "rewriter.importer"), ("importer", "rewriter.codemod")])
def test_products_do_not_import_each_other(product: str, forbidden: str) -> None:
    offenders = [
        f"{p.relative_to(PACKAGE.parent)} imports {m}"
        for p in sorted((PACKAGE / product).rglob("*.py"))
        for m in _imported_modules(p)
        if m == forbidden or m.startswith(forbidden + ".")
    ]
    assert offenders == []


def test_no_codemod_modules_left_at_the_top_level() -> None:
    """Only the shared front (CLI, launcher, entry points) lives directly under rewriter/."""
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert top == ["__init__.py", "__main__.py", "cli.py", "launcher.py"]
