"""The one place that knows which report formats exist (``--format`` choices come from here).

Every renderer turns the same ``RunResult`` into text; the CLI only picks one by name and writes
what it returns to stdout or ``--output``. Renderer modules are imported on first use, so listing
the formats (for ``--help``) costs nothing. Renderers never print, write files or change the run.
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass
from typing import Protocol

from rewriter.codemod.model import RunResult


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """What a renderer may need besides the run.

    ``root`` is the directory paths are shown relative to (the git work tree, else the current
    directory); ``color``/``width`` only matter to the console; ``link_base`` turns Markdown
    ``path:line`` into links (e.g. ``https://github.com/o/r/blob/<sha>/``); ``max_chars`` caps the
    Markdown report (GitHub comments stop at 65,536 characters)."""

    root: str = "."
    color: bool = False
    width: int | None = None
    link_base: str | None = None
    max_chars: int = 60_000
    rewrites_as_notes: bool = True


class Renderer(Protocol):
    """A report format. ``needs_diffs``: it shows file texts, so the run must keep them."""

    name: str
    description: str
    needs_diffs: bool

    def render(self, run: RunResult, options: RenderOptions) -> str: ...


# name -> (module, one-line description); each module has a module-level ``RENDERER``.
_FORMATS: dict[str, tuple[str, str]] = {
    "console": ("rewriter.codemod.report.console", "diff per file, review list and summary (default)"),
    "json": ("rewriter.codemod.report.json", "versioned JSON for other tools (schema v1)"),
    "markdown": ("rewriter.codemod.report.markdown", "pull-request comment: numbers, checklist, diffs"),
    "sarif": ("rewriter.codemod.report.sarif", "SARIF 2.1.0 for code-scanning UIs"),
    "github": ("rewriter.codemod.report.github", "GitHub Actions workflow annotations"),
}


def names() -> list[str]:
    """Format names in the order ``--help`` lists them."""
    return list(_FORMATS)


def describe() -> str:
    return "; ".join(f"{n}: {d}" for n, (_, d) in _FORMATS.items())


def get(name: str) -> Renderer:
    """The renderer called ``name``; ``KeyError`` for an unknown one."""
    module, _ = _FORMATS[name]
    renderer: Renderer = importlib.import_module(module).RENDERER
    return renderer


def relative(path: str, root: str) -> str:
    """``path`` relative to ``root`` with ``/`` separators (as git, SARIF and GitHub want it);
    unchanged when it lies outside ``root``."""
    rel = os.path.relpath(os.path.abspath(path), os.path.abspath(root))
    if rel == ".." or rel.startswith(".." + os.sep):
        return path.replace(os.sep, "/")
    return rel.replace(os.sep, "/")
