"""The JSON report: a versioned contract other tools read (``--format json``).

Schema version 1 (documented in the README). Never add a field without keeping the old ones:
``col``/``end_line``/``end_col`` and ``accepted`` on sites, ``sites_accepted`` in the summary and
``parse_warning`` on a file (only when the file had parse errors the rewrite worked around) were
added within version 1 (readers of the first fields see no difference).
"""

from __future__ import annotations

from typing import Any

import orjson

from rewriter.codemod.model import RunResult, Span
from rewriter.codemod.report.registry import RenderOptions
from rewriter.codemod.report.scan import client_dict

SCHEMA_VERSION = 1


def to_dict(run: RunResult) -> dict[str, Any]:
    s = run.summary()
    return {
        "version": SCHEMA_VERSION,
        "from": run.source,
        "to": run.target,
        "written": run.write,
        "files": [
            {
                "path": f.path,
                "language": f.language,
                "status": f.status,
                "error": f.error,
            }
            | ({"parse_warning": f.parse_warning} if f.parse_warning else {})
            | {
                "changes": [
                    {"rule": c.rule, "line": c.line, "before": c.before, "after": c.after, "note": c.note}
                    | _span(c.span, c.line)
                    | ({"accepted": c.accepted} if c.accepted else {})
                    for c in f.changes
                ],
                "review": [
                    {"rule": r.rule, "line": r.line, "message": r.message}
                    | _span(r.span, r.line)
                    | ({"accepted": r.accepted} if r.accepted else {})
                    for r in f.review
                ],
            }
            for f in run.files
        ],
        "excluded": run.excluded,
        "summary": {
            "files_scanned": s.files_scanned,
            "files_changed": s.files_changed,
            "files_skipped": s.files_skipped,
            "sites_rewritten": s.sites_rewritten,
            "sites_for_review": s.sites_for_review,
            "errors": s.errors,
            "migrated_share": s.migrated_share,
            "sites_accepted": s.sites_accepted,
            "clients": s.clients,
            "clients_migrated": s.clients_migrated,
        },
        "clients": [client_dict(run.target, c) for c in sorted(run.clients.values(), key=lambda c: c.key) if c.uses],
    }


def _span(span: Span | None, line: int) -> dict[str, int]:
    if span is None:
        return {"col": 1, "end_line": line, "end_col": 1}
    return {"col": span.col, "end_line": span.end_line, "end_col": span.end_col}


def render(run: RunResult) -> bytes:
    return orjson.dumps(to_dict(run), option=orjson.OPT_INDENT_2) + b"\n"


class JsonRenderer:
    name = "json"
    description = "versioned JSON for other tools (schema v1)"
    needs_diffs = False

    def render(self, run: RunResult, options: RenderOptions) -> str:
        return render(run).decode("utf-8")


RENDERER = JsonRenderer()
