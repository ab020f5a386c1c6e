"""The ``scan`` inventory report (table or ``--format json``): totals per SDK and operation, and
the files where SDK calls were found, with their SDKs and counts, so a team can plan the
migration file by file; raw vendor HTTP API use (review items with the payload remap) and the
files a tracking plan could not read. JSON keeps version 1 (``operations`` and ``errors`` as
before; ``files``, ``api_uses`` and ``not_read`` were added within the version). Never reads files.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import orjson
from rich.table import Table
from rich.text import Text

from rewriter.codemod.report.console import make_console
from rewriter.codemod.report.registry import RenderOptions

if TYPE_CHECKING:
    from rewriter.codemod.api import ScanResult
    from rewriter.codemod.clients import Client


@dataclass
class FileRow:
    path: str
    sdks: list[str]
    automatic: int
    review: int


def file_rows(res: ScanResult) -> list[FileRow]:
    """One row per file (a file seen in both directions is merged), in path order."""
    rows: dict[str, FileRow] = {}
    for f in res.files:
        row = rows.setdefault(f.path, FileRow(f.path, [], 0, 0))
        row.sdks = sorted(set(row.sdks) | set(f.sdks))
        row.automatic += len(f.changes)
        row.review += len(f.review)
    return [rows[p] for p in sorted(rows)]


def to_dict(res: ScanResult) -> dict[str, Any]:
    ops = [
        {"sdk": sdk, "to": to, "operation": op, "automatic": c["automatic"], "review": c["review"]}
        for (sdk, to, op), c in sorted(res.by_operation.items())
    ]
    files = [
        {"path": r.path, "sdks": r.sdks, "automatic": r.automatic, "review": r.review} for r in file_rows(res)
    ]
    errors = [{"path": f.path, "error": f.error} for f in res.errors]
    clients = [client_dict(to, c) for to, c in res.clients]
    api_uses = [{"path": u.path, "line": u.line, "endpoint": u.endpoint, "message": u.message} for u in res.api_uses]
    return {"version": 1, "operations": ops, "files": files, "clients": clients, "errors": errors,
            "api_uses": api_uses, "not_read": list(res.not_read)}


def client_dict(to: str, c: Client) -> dict[str, Any]:
    """One SDK client as JSON: where it is created and exported, how many uses in how many files,
    how many migrate automatically, and why it stays when it is blocked."""
    return {
        "client": c.key, "sdk": c.sdk, "description": c.description, "to": to,
        "created": [f"{p}:{line}" for p, line in sorted(c.created)],
        "exported": [f"{p}:{line} as {name}" for p, name, line in sorted(c.exported)],
        "uses": c.uses, "files": len(c.files), "automatic": c.rewritten, "review": c.review, "blocked": c.blocked,
    }


def render_json(res: ScanResult) -> str:
    return orjson.dumps(to_dict(res), option=orjson.OPT_INDENT_2).decode() + "\n"


def render_console(res: ScanResult, options: RenderOptions) -> str:
    console = make_console(options)
    t = Table(title="SDK call sites", title_justify="left")
    for col in ("sdk", "migrates to", "operation", "automatic", "review"):
        t.add_column(col, justify="right" if col in ("automatic", "review") else "left", no_wrap=col == "sdk")
    for (sdk, to, op), c in sorted(res.by_operation.items()):
        t.add_row(sdk, to, op, str(c["automatic"]), str(c["review"]))
    console.print(t)
    rows = file_rows(res)
    if rows:
        ft = Table(title="files", title_justify="left")
        ft.add_column("path", no_wrap=True)
        ft.add_column("sdks")
        ft.add_column("automatic", justify="right")
        ft.add_column("review", justify="right")
        for r in rows:
            ft.add_row(Text(r.path), ", ".join(r.sdks), str(r.automatic), str(r.review))
        console.print(ft)
    if res.clients:
        ct = Table(title="clients (each migrates whole or not at all)", title_justify="left")
        for col in ("client", "migrates to", "created at", "uses", "files", "automatic", "review"):
            ct.add_column(col, justify="right" if col in ("uses", "files", "automatic", "review") else "left")
        for to, c in res.clients:
            created = ", ".join(f"{p}:{line}" for p, line in sorted(c.created)[:2]) + (" …" if len(c.created) > 2 else "")
            ct.add_row(Text(c.description), to, Text(created or "-"), str(c.uses), str(len(c.files)), str(c.rewritten),
                       str(c.review))
        console.print(ct)
        for to, c in res.clients:
            if c.blocked:
                console.print(Text.assemble(("blocked", "yellow"), f" ({to}) {c.blocked}"))
    auto = sum(c["automatic"] for c in res.by_operation.values())
    review = sum(c["review"] for c in res.by_operation.values())
    total = auto + review
    console.print(
        f"{len(rows)} files use an SDK; {total} call sites: {auto} automatic, {review} for review"
        + (f" ({auto / total:.0%} automatic)" if total else "")
    )
    if res.api_uses:
        at = Table(title="raw vendor HTTP API use (review: swap the API)", title_justify="left")
        at.add_column("path:line", no_wrap=True)
        at.add_column("endpoint", no_wrap=True)
        at.add_column("remap")
        for u in res.api_uses:
            at.add_row(Text(f"{u.path}:{u.line}"), Text(u.endpoint), Text(u.message))
        console.print(at)
        console.print(f"{len(res.api_uses)} raw HTTP API uses for review")
    for f in res.errors:
        console.print(Text.assemble(("error", "red"), f" {f.path}: {f.error}"))
    errored = {f.path for f in res.errors}
    for n in res.not_read:
        if n.split(": ", 1)[0] not in errored:
            console.print(Text.assemble(("not in the tracking plan", "yellow"), f" {n}"))
    if res.plan is not None and errored:
        console.print(f"the tracking plan leaves out the {len(errored)} files with errors above")
    return console.file.getvalue()  # type: ignore[attr-defined]
