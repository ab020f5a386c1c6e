"""The JSON report: a versioned contract other tools read (``--format json``).

Schema version 1 (documented in the README). Never add a field without keeping the old ones.
"""

from __future__ import annotations

from typing import Any

import orjson

from rewriter.codemod.model import RunResult

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
                "changes": [
                    {"rule": c.rule, "line": c.line, "before": c.before, "after": c.after, "note": c.note}
                    for c in f.changes
                ],
                "review": [{"rule": r.rule, "line": r.line, "message": r.message} for r in f.review],
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
        },
    }


def render(run: RunResult) -> bytes:
    return orjson.dumps(to_dict(run), option=orjson.OPT_INDENT_2) + b"\n"
