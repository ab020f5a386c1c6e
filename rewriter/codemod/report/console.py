"""The default console report: a syntax-highlighted unified diff per file with the rule ids and
notes beside each hunk, the review list, then summary tables.

Written for the person who reads a migration before it lands: every hunk says which rule made it
and what behaviour drifts; every site left alone says why. Renders to any rich ``Console`` so tests
can capture it; it never touches files.
"""

from __future__ import annotations

from collections import Counter
from io import StringIO

from rich.console import Console, Group
from rich.panel import Panel
from rich.syntax import Syntax
from rich.table import Table
from rich.text import Text

from rewriter.codemod.model import Change, FileResult, RunResult
from rewriter.codemod.report.diff import hunks
from rewriter.codemod.report.registry import RenderOptions

# Width for output that is not a terminal (a pipe, a file, CI logs): wide enough that nothing
# (a long path:line, a rule id) is cut or folded; panels and tables shrink to their content.
UNBOUNDED_WIDTH = 1000


def _changes_in(changes: list[Change], start: int, length: int) -> list[Change]:
    return [c for c in changes if start <= c.line <= start + max(length, 1)]


def render_file(console: Console, f: FileResult) -> None:
    parts: list = []
    for h in hunks(f):
        start, length = h.old_start, h.old_len
        text = h.text().replace("\r", "")
        parts.append(Syntax(text.rstrip("\n"), "diff", theme="ansi_dark", background_color="default", word_wrap=True))
        for c in _changes_in(f.changes, start, length):
            label = Text("  ↳ ", style="dim")
            label.append(c.rule, style="bold cyan")
            label.append(f" (line {c.line})", style="dim")
            if c.note:
                label.append(f"  note: {c.note}", style="yellow")
            if c.accepted:
                label.append(f"  (accepted: {c.accepted})", style="green")
            parts.append(label)
    for r in f.review:
        t = Text("  ⚠ review ", style="bold magenta")
        t.append(f"line {r.line} ", style="dim")
        t.append(r.rule, style="magenta")
        t.append(f": {r.message}")
        if r.accepted:
            t.append(f"  (accepted: {r.accepted})", style="green")
        parts.append(t)
    if f.parse_warning:
        parts.append(Text.assemble(("  ⚠ parse warning: ", "bold yellow"), (f.parse_warning, "yellow")))
    title = Text.assemble((f.path, "bold"), (f" ({f.language}, {f.status})", "dim"))
    console.print(Panel(Group(*parts), title=title, title_align="left", border_style="blue", expand=False))


def make_console(options: RenderOptions) -> Console:
    """A console that renders into a string: ANSI colours only when asked for, and no 80-column
    cut when the output is not a terminal (``width=None``)."""
    return Console(
        file=StringIO(),
        width=options.width or UNBOUNDED_WIDTH,
        force_terminal=options.color,
        no_color=not options.color,
        color_system="standard" if options.color else None,
        highlight=False,
        soft_wrap=False,
    )


class ConsoleRenderer:
    name = "console"
    description = "diff per file, review list and summary"
    needs_diffs = True

    def render(self, run: RunResult, options: RenderOptions) -> str:
        console = make_console(options)
        render(run, console)
        return console.file.getvalue()  # type: ignore[attr-defined]


RENDERER = ConsoleRenderer()


def render(run: RunResult, console: Console) -> None:
    for f in run.files:
        if f.status == "changed" or (f.review and f.status != "error"):
            render_file(console, f)
    errors = [f for f in run.files if f.status == "error"]
    for f in errors:
        console.print(Text.assemble(("error", "bold red"), f" {f.path}: {f.error}"), soft_wrap=True)
    for f in run.files:
        if f.parse_warning and f.status != "error":
            console.print(Text.assemble(("parse warning", "bold yellow"), f" {f.path}: {f.parse_warning}"),
                          soft_wrap=True)
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
    if s.clients:
        table.add_row("SDK clients migrated whole", f"{s.clients_migrated} of {s.clients}")
    console.print(table)
    per_rule = Counter(c.rule for f in run.files for c in f.changes)
    if per_rule:
        t = Table(title="rewritten per rule", title_justify="left")
        t.add_column("rule", style="cyan", no_wrap=True)
        t.add_column("sites", justify="right")
        for rule, n in sorted(per_rule.items()):
            t.add_row(rule, str(n))
        console.print(t)
    reviews = [(f.path, r) for f in run.files for r in f.review]
    if reviews:
        t = Table(title="left for review", title_justify="left")
        t.add_column("where", no_wrap=True)
        t.add_column("rule", style="magenta", no_wrap=True)
        t.add_column("reason")
        for path, r in reviews:
            reason = r.message + (f" [accepted: {r.accepted}]" if r.accepted else "")
            t.add_row(f"{path}:{r.line}", r.rule, Text(reason))
        console.print(t)
    skipped = [f for f in run.files if f.status == "skipped"]
    if run.excluded or skipped:
        console.print("[dim]Not examined:[/]")
        for e in run.excluded[:50]:
            console.print(Text(f"  {e}", style="dim"), soft_wrap=True)
        if len(run.excluded) > 50:
            console.print(f"[dim]  … and {len(run.excluded) - 50} more[/]")
        for f in skipped[:50]:
            console.print(Text(f"  {f.path} ({f.error})", style="dim"), soft_wrap=True)
