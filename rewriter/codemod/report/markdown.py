"""The pull-request comment (``--format markdown``): what a reviewer of a migration PR reads.

Order follows the reviewer's questions: how much moved (headline numbers), by which rules (table
of sites and files per rule), what must a human still decide (a checklist of every review site
with its ``path:line``, reason and a suggested replacement where the pack gives one), then the
diffs, one collapsed ``<details>`` block per file. GitHub refuses comments over 65,536 characters,
so the report stops adding blocks before ``RenderOptions.max_chars`` and says how many files (and
review sites) it left out, instead of a wall of text. The first line is a hidden marker the
GitHub Action uses to find and update its own comment. Never reads files.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from rewriter.codemod.model import FileResult, ReviewItem, RunResult
from rewriter.codemod.report.diff import hunks
from rewriter.codemod.report.registry import RenderOptions, relative

MARKER = "<!-- rewriter-report -->"
_FOOTER_RESERVE = 400  # room kept for the "N more files" line and the closing text


def code(text: str) -> str:
    """Inline code that survives backticks and newlines in ``text``."""
    text = " ".join(text.split())
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def prose(text: str) -> str:
    """Plain text safe inside Markdown tables and list items (no HTML, no table breaks)."""
    return (
        " ".join(text.split())
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("|", "\\|")
    )


def _where(path: str, line: int, options: RenderOptions) -> str:
    rel = relative(path, options.root)
    label = code(f"{rel}:{line}")
    if options.link_base:
        return f"[{label}]({options.link_base.rstrip('/')}/{rel}#L{line})"
    return label


def _headline(run: RunResult) -> list[str]:
    s = run.summary()
    mode = "written" if run.write else "dry run"
    parts = [
        f"**{s.files_scanned}** files scanned",
        f"**{s.files_changed}** changed ({mode})",
        f"**{s.sites_rewritten}** call sites rewritten",
        f"**{s.sites_for_review}** left for review",
        f"**{s.errors}** errors",
        f"**{s.migrated_share:.0%}** migrated automatically",
    ]
    if s.clients:
        parts.append(f"**{s.clients_migrated} of {s.clients}** SDK clients migrated whole")
    if s.sites_accepted:
        parts.append(f"**{s.sites_accepted}** accepted (baseline or inline ignore)")
    sdks = sorted({sdk for f in run.files for sdk in f.sdks})
    lines = [MARKER, f"## rewriter: {run.source} → {run.target}", "", " · ".join(parts)]
    if sdks:
        lines += ["", "SDKs found: " + ", ".join(code(x) for x in sdks)]
    clients = sorted((c for c in run.clients.values() if c.uses), key=lambda c: c.key)
    if clients:
        lines += ["", "| client | created at | uses | files | status |", "|---|---|---:|---:|---|"]
        for c in clients[:MAX_CLIENT_ROWS]:
            created = ", ".join(f"`{p}:{n}`" for p, n in sorted(c.created)[:2]) or "—"
            status = "migrated" if not (c.blocked or c.review) else "kept whole: " + (c.blocked or "uses left for review")
            lines.append(f"| {c.description} | {created} | {c.uses} | {len(c.files)} | {_cell(status)} |")
        if len(clients) > MAX_CLIENT_ROWS:
            lines.append(f"| … and {len(clients) - MAX_CLIENT_ROWS} more clients | | | | |")
    return lines


MAX_CLIENT_ROWS = 20


def _cell(text: str) -> str:
    """Table-cell safe: no pipes or newlines, and a cap (a blocking reason can be long)."""
    text = text.replace("|", "\\|").replace("\n", " ")
    return text if len(text) <= 300 else text[:297] + "…"


def _rule_table(run: RunResult) -> list[str]:
    sites: Counter[str] = Counter()
    files: defaultdict[str, set[str]] = defaultdict(set)
    kind: dict[str, str] = {}
    for f in run.files:
        for c in f.changes:
            sites[c.rule] += 1
            files[c.rule].add(f.path)
            kind[c.rule] = "rewritten"
        for r in f.review:
            sites[r.rule] += 1
            files[r.rule].add(f.path)
            kind.setdefault(r.rule, "review")
    if not sites:
        return []
    out = ["", "### Rules", "", "| rule | action | sites | files |", "|---|---|---:|---:|"]
    for rule in sorted(sites):
        out.append(f"| {code(rule)} | {kind[rule]} | {sites[rule]} | {len(files[rule])} |")
    return out


def _review_line(path: str, r: ReviewItem, run: RunResult, options: RenderOptions) -> str:
    box = "[x]" if r.accepted else "[ ]"
    line = f"- {box} {_where(path, r.line, options)} {code(r.rule)}: {prose(r.message)}"
    info = run.rules.get(r.rule)
    if info is not None and info.suggestion:
        line += f"<br>suggested: {code(info.suggestion)}"
    if r.accepted:
        line += f" _(accepted: {prose(r.accepted)})_"
    return line


def _fence(text: str) -> str:
    longest = max((len(m) for m in re.findall(r"`{3,}", text)), default=2)
    return "`" * (longest + 1)


def _file_block(f: FileResult, options: RenderOptions) -> str:
    body = "".join(h.text() for h in hunks(f, context=2)).replace("\r\n", "\n")
    fence = _fence(body)
    rules = Counter(c.rule for c in f.changes)
    what = ", ".join(f"{rule} ×{n}" if n > 1 else rule for rule, n in sorted(rules.items()))
    notes = sorted({c.note for c in f.changes if c.note})
    rel = relative(f.path, options.root)
    parts = [
        "<details>",
        f"<summary><code>{prose(rel)}</code>: {len(f.changes)} rewritten ({prose(what) or 'imports only'})</summary>",
        "",
    ]
    if f.parse_warning:
        parts.append(f"> parse warning: {prose(f.parse_warning)}")
    parts += [f"> note: {prose(n)}" for n in notes]
    if notes or f.parse_warning:
        parts.append("")
    parts += [f"{fence}diff", body.rstrip("\n"), fence, "", "</details>", ""]
    return "\n".join(parts)


class MarkdownRenderer:
    name = "markdown"
    description = "pull-request comment: numbers, rule table, review checklist, diffs"
    needs_diffs = True

    def render(self, run: RunResult, options: RenderOptions) -> str:
        budget = options.max_chars - _FOOTER_RESERVE
        lines = _headline(run) + _rule_table(run)
        reviews = [(f.path, r) for f in run.files for r in f.review]
        if reviews:
            open_ = sum(1 for _, r in reviews if not r.accepted)
            lines += ["", f"### Left for review ({open_} open, {len(reviews) - open_} accepted)", ""]
        text = "\n".join(lines) + "\n"
        shown = 0
        for path, r in reviews:
            item = _review_line(path, r, run, options) + "\n"
            if len(text) + len(item) > budget // 2:
                break
            text += item
            shown += 1
        if shown < len(reviews):
            text += f"- … and {len(reviews) - shown} more review sites (run `rewriter migrate` locally for the full list)\n"
        errors = [f for f in run.files if f.status == "error"]
        if errors:
            text += "\n### Errors (files left alone)\n\n"
            text += "".join(
                f"- {code(relative(f.path, options.root))}: {prose(f.error or '')}\n" for f in errors
            )
        warned = [f for f in run.files if f.parse_warning and f.status != "error"]
        if warned:
            text += "\n### Parse warnings (rewritten around errors the file already had)\n\n"
            text += "".join(
                f"- {code(relative(f.path, options.root))}: {prose(f.parse_warning or '')}\n" for f in warned
            )
        changed = [f for f in run.files if hunks(f)]
        if changed:
            text += f"\n### Changes ({len(changed)} files)\n\n"
        left = 0
        for i, f in enumerate(changed):
            block = _file_block(f, options)
            if len(text) + len(block) > budget:
                left = len(changed) - i
                break
            text += block
        if left:
            text += f"\n… and {left} more files not shown here (the comment is capped); see the `--patch` output or run the migration locally.\n"
        return text


RENDERER = MarkdownRenderer()
