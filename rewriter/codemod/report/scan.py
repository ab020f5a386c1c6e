"""The ``scan`` inventory report (table or ``--format json``): totals per SDK and operation, and
the files where SDK calls were found, with their SDKs and counts, so a team can plan the
migration file by file. JSON keeps version 1 (``operations`` and ``errors`` as before; ``files``
was added within the version). Never reads files.
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
    return {"version": 1, "operations": ops, "files": files, "errors": errors}


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
    auto = sum(c["automatic"] for c in res.by_operation.values())
    review = sum(c["review"] for c in res.by_operation.values())
    total = auto + review
    console.print(
        f"{len(rows)} files use an SDK; {total} call sites: {auto} automatic, {review} for review"
        + (f" ({auto / total:.0%} automatic)" if total else "")
    )
    for f in res.errors:
        console.print(Text.assemble(("error", "red"), f" {f.path}: {f.error}"))
    return console.file.getvalue()  # type: ignore[attr-defined]
