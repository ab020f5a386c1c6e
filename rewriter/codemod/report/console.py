"""The default console report: a syntax-highlighted unified diff per file with the rule ids and
notes beside each hunk, the review list, then summary tables.

Written for the person who reads a migration before it lands: every hunk says which rule made it
and what behaviour drifts; every site left alone says why. Renders to any rich ``Console`` so tests
can capture it; it never touches files.
"""

from __future__ import annotations

import difflib
from collections import Counter

from rich.console import Console, Group
from rich.panel import Panel
from rich.syntax import Syntax
from rich.table import Table
from rich.text import Text

from rewriter.codemod.model import Change, FileResult, RunResult


def _hunks(f: FileResult) -> list[tuple[int, int, list[str]]]:
    """Unified-diff hunks as (old_start, old_len, lines)."""
    a = (f.original or "").splitlines(keepends=True)
    b = (f.rewritten or "").splitlines(keepends=True)
    out: list[tuple[int, int, list[str]]] = []
    lines = list(difflib.unified_diff(a, b, f"a/{f.path}", f"b/{f.path}", n=2))
    cur: list[str] | None = None
    start = length = 0
    for line in lines[2:]:
        if line.startswith("@@"):
            if cur is not None:
                out.append((start, length, cur))
            old = line.split()[1][1:]
            start, _, ln = old.partition(",")
            start, length = int(start), int(ln or 1)
            cur = [line]
        elif cur is not None:
            cur.append(line if line.endswith("\n") else line + "\n")
    if cur is not None:
        out.append((start, length, cur))
    return out


def _changes_in(changes: list[Change], start: int, length: int) -> list[Change]:
    return [c for c in changes if start <= c.line <= start + max(length, 1)]


def render_file(console: Console, f: FileResult) -> None:
    parts: list = []
    for start, length, lines in _hunks(f):
        text = "".join(lines).replace("\r", "")
        parts.append(Syntax(text.rstrip("\n"), "diff", theme="ansi_dark", background_color="default", word_wrap=True))
        for c in _changes_in(f.changes, start, length):
            label = Text("  ↳ ", style="dim")
            label.append(c.rule, style="bold cyan")
            label.append(f" (line {c.line})", style="dim")
            if c.note:
                label.append(f"  note: {c.note}", style="yellow")
            parts.append(label)
    for r in f.review:
        t = Text("  ⚠ review ", style="bold magenta")
        t.append(f"line {r.line} ", style="dim")
        t.append(r.rule, style="magenta")
        t.append(f": {r.message}")
        parts.append(t)
    title = f"[bold]{f.path}[/] [dim]({f.language}, {f.status})[/]"
    console.print(Panel(Group(*parts), title=title, title_align="left", border_style="blue"))


def render(run: RunResult, console: Console) -> None:
    for f in run.files:
        if f.status == "changed" or (f.review and f.status != "error"):
            render_file(console, f)
    errors = [f for f in run.files if f.status == "error"]
    for f in errors:
        console.print(f"[bold red]error[/] {f.path}: {f.error}", soft_wrap=True)
    render_summary(run, console)


def render_summary(run: RunResult, console: Console) -> None:
    s = run.summary()
    verb = "written" if run.write else "would change (dry run; pass --write to apply)"
    table = Table(title=f"{run.source} → {run.target}", show_header=False, title_justify="left")
    table.add_column("", style="bold")
    table.add_column("", justify="right")
    table.add_row("files scanned", str(s.files_scanned))
    table.add_row(f"files changed — {verb}", str(s.files_changed))
    table.add_row("files with errors", f"[red]{s.errors}[/]" if s.errors else "0")
    table.add_row("files skipped (minified/generated/binary)", str(s.files_skipped))
    table.add_row("call sites rewritten", str(s.sites_rewritten))
    table.add_row("call sites for review", str(s.sites_for_review))
    table.add_row("migrated automatically", f"{s.migrated_share:.0%}")
    console.print(table)
    per_rule = Counter(c.rule for f in run.files for c in f.changes)
    if per_rule:
        t = Table(title="rewritten per rule", title_justify="left")
        t.add_column("rule", style="cyan")
        t.add_column("sites", justify="right")
        for rule, n in sorted(per_rule.items()):
            t.add_row(rule, str(n))
        console.print(t)
    reviews = [(f.path, r) for f in run.files for r in f.review]
    if reviews:
        t = Table(title="left for review", title_justify="left")
        t.add_column("where")
        t.add_column("rule", style="magenta")
        t.add_column("reason")
        for path, r in reviews:
            t.add_row(f"{path}:{r.line}", r.rule, r.message)
        console.print(t)
    skipped = [f for f in run.files if f.status == "skipped"]
    if run.excluded or skipped:
        console.print("[dim]Not examined:[/]")
        for e in run.excluded[:50]:
            console.print(f"[dim]  {e}[/]", soft_wrap=True)
        if len(run.excluded) > 50:
            console.print(f"[dim]  … and {len(run.excluded) - 50} more[/]")
        for f in skipped[:50]:
            console.print(f"[dim]  {f.path} ({f.error})[/]", soft_wrap=True)
