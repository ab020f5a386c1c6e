"""SARIF 2.1.0 (``--format sarif``) for code-scanning UIs (GitHub code scanning, VS Code viewers).

One ``warning`` result per site left for review and, unless turned off, one ``note`` per rewritten
site, each with a region (start/end line and column, columns in code points as the run declares)
and the site's code as snippet. Rule metadata (help text, mapping rationale, where the rule is
defined) comes from the packs through ``RunResult.rules``; only rules that have results are
listed. Sites accepted by an inline ignore or the baseline carry a SARIF ``suppression``, so
viewers hide them without losing them. Files that could not be processed become tool execution
notifications (level ``error``); a file rewritten around parse errors it already had gets a
``note``-level notification with the parse warning. Each result carries the baseline's line-free fingerprint as a partial
fingerprint, so code-scanning alerts survive unrelated edits above a site. Paths are relative to ``%SRCROOT%`` (the repository root). Never reads files.
"""

from __future__ import annotations

from collections import Counter
from importlib.metadata import PackageNotFoundError, version
from typing import Any
from urllib.parse import quote

import orjson

from rewriter.codemod.baseline import fingerprint
from rewriter.codemod.model import RuleInfo, RunResult, Span
from rewriter.codemod.report.registry import RenderOptions, relative

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def tool_version() -> str:
    try:
        return version("rewriter")
    except PackageNotFoundError:
        return "0"


def _region(span: Span | None, line: int, snippet: str) -> dict[str, Any]:
    region: dict[str, Any] = {"startLine": line}
    if span is not None:
        region |= {"startColumn": span.col, "endLine": span.end_line, "endColumn": span.end_col}
    if snippet:
        region["snippet"] = {"text": snippet}
    return region


def _location(path: str, span: Span | None, line: int, snippet: str, root: str) -> dict[str, Any]:
    return {
        "physicalLocation": {
            "artifactLocation": {"uri": quote(relative(path, root)), "uriBaseId": "%SRCROOT%"},
            "region": _region(span, line, snippet),
        }
    }


def _rule(rule_id: str, info: RuleInfo | None, level: str) -> dict[str, Any]:
    if info is None:
        return {
            "id": rule_id,
            "shortDescription": {"text": rule_id},
            "defaultConfiguration": {"level": level},
        }
    help_lines = [info.summary]
    for label, value in (("Note", info.note), ("Rationale", info.rationale), ("Suggested", info.suggestion)):
        if value:
            help_lines.append(f"{label}: {value}")
    # The pack file without its line: a line number would churn every consumer's baseline of
    # rule metadata whenever a pack is edited; `rewriter explain` gives the full story.
    help_lines.append(f"Rule pack: {info.source.rsplit(':', 1)[0]}. More: rewriter explain {rule_id}")
    out: dict[str, Any] = {
        "id": rule_id,
        "name": rule_id.replace("/", "-"),
        "shortDescription": {"text": info.summary.splitlines()[0][:1000]},
        "fullDescription": {"text": info.rationale or info.note or info.summary},
        "help": {"text": "\n".join(help_lines)},
        "defaultConfiguration": {"level": "warning" if info.action in ("review", "unmapped") else "note"},
        "properties": {"action": info.action},
    }
    return out


def _suppressions(accepted: str | None) -> dict[str, Any]:
    if not accepted:
        return {}
    kind = "inSource" if accepted.startswith("inline") else "external"
    return {"suppressions": [{"kind": kind, "justification": accepted}]}


def to_sarif(run: RunResult, options: RenderOptions) -> dict[str, Any]:
    results: list[dict[str, Any]] = []
    levels: dict[str, str] = {}
    seen: Counter[str] = Counter()

    def site_id(path: str, rule: str, code: str) -> str:
        """Line-free id of a site: path, rule, code fingerprint and which copy in that file."""
        key = f"{relative(path, options.root)}:{fingerprint(rule, code)}"
        seen[key] += 1
        return f"{key}:{seen[key]}"

    for f in run.files:
        for r in f.review:
            levels.setdefault(r.rule, "warning")
            results.append(
                {
                    "ruleId": r.rule,
                    "level": "warning",
                    "message": {"text": r.message},
                    "locations": [_location(f.path, r.span, r.line, r.code, options.root)],
                    "partialFingerprints": {"rewriterSite/v1": site_id(f.path, r.rule, r.code)},
                }
                | _suppressions(r.accepted)
            )
        if not options.rewrites_as_notes:
            continue
        for c in f.changes:
            levels.setdefault(c.rule, "note")
            text = f"Rewritten to: {c.after}" + (f" (note: {c.note})" if c.note else "")
            results.append(
                {
                    "ruleId": c.rule,
                    "level": "note",
                    "message": {"text": text},
                    "locations": [_location(f.path, c.span, c.line, c.before, options.root)],
                    "partialFingerprints": {"rewriterSite/v1": site_id(f.path, c.rule, c.before)},
                }
                | _suppressions(c.accepted)
            )
    rule_ids = sorted(levels)
    index = {rid: i for i, rid in enumerate(rule_ids)}
    for res in results:
        res["ruleIndex"] = index[res["ruleId"]]
    notifications = [
        {
            "level": "error",
            "message": {"text": f.error or "error"},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {
                            "uri": quote(relative(f.path, options.root)),
                            "uriBaseId": "%SRCROOT%",
                        }
                    }
                }
            ],
        }
        for f in run.files
        if f.status == "error"
    ] + [
        {
            "level": "note",
            "message": {"text": f"parse warning: {f.parse_warning}"},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {
                            "uri": quote(relative(f.path, options.root)),
                            "uriBaseId": "%SRCROOT%",
                        }
                    }
                }
            ],
        }
        for f in run.files
        if f.parse_warning and f.status != "error"
    ]
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "rewriter",
                        "version": tool_version(),
                        "rules": [_rule(rid, run.rules.get(rid), levels[rid]) for rid in rule_ids],
                    }
                },
                "automationDetails": {"id": f"rewriter/{run.source}-to-{run.target}/"},
                "columnKind": "unicodeCodePoints",
                "invocations": [{"executionSuccessful": True, "toolExecutionNotifications": notifications}],
                "results": results,
            }
        ],
    }


class SarifRenderer:
    name = "sarif"
    description = "SARIF 2.1.0 for code-scanning UIs"
    needs_diffs = False

    def render(self, run: RunResult, options: RenderOptions) -> str:
        return orjson.dumps(to_sarif(run, options), option=orjson.OPT_INDENT_2).decode() + "\n"


RENDERER = SarifRenderer()
