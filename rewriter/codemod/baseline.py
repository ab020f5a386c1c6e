"""The ``--check`` gate on a migrated codebase: which sites a human has already accepted.

Two ways to accept a site, so the gate fails only on *new* calls of the old vendor:

* an inline comment on the site's line or alone on the line above it:
  ``// rewriter: ignore[amplitude-js/revenue] refunds stay on Amplitude until Q3`` (``#`` in
  Python; the id may be qualified or bare, several ids are comma-separated);
* a baseline file (``--baseline .rewriter-baseline.json``, written by ``--update-baseline``):
  sites are matched by path, rule and a fingerprint of the site's code with whitespace
  collapsed, never by line number, so unrelated edits above a site do not break the gate; a
  count per fingerprint keeps a copied call from hiding behind an accepted one.

Acceptance only marks sites (``accepted`` on ``Change``/``ReviewItem``) for the gate and the
reports; it never changes what ``--write`` rewrites. Files that failed are never accepted.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

import orjson

from rewriter.codemod.model import Change, FileResult, ReviewItem, RunResult
from rewriter.codemod.report.registry import relative

BASELINE_VERSION = 1
IGNORE_RE = re.compile(r"(?:#|//|/\*)\s*rewriter:\s*ignore\[([^\]]*)\]\s*(.*?)\s*(?:\*/)?\s*$")

Site = Change | ReviewItem
Key = tuple[str, str, str]  # (path from the root, rule, fingerprint)


class BaselineError(ValueError):
    """A baseline file that cannot be read (exit code 2)."""


def fingerprint(rule: str, code: str) -> str:
    """Stable id of a site's code: whitespace-insensitive, line-number free."""
    norm = " ".join(code.split())
    return hashlib.sha256(f"{rule}\0{norm}".encode()).hexdigest()[:16]


def _code(site: Site) -> str:
    return site.before if isinstance(site, Change) else site.code


def _sites(f: FileResult) -> list[Site]:
    return [*f.review, *f.changes]


def _set(f: FileResult, site: Site, accepted: str) -> None:
    if isinstance(site, Change):
        f.changes = [replace(c, accepted=accepted) if c is site else c for c in f.changes]
    else:
        f.review = [replace(r, accepted=accepted) if r is site else r for r in f.review]


# -- inline comments --------------------------------------------------------------------------
def _ignores(line: str) -> tuple[set[str], str] | None:
    m = IGNORE_RE.search(line)
    if m is None:
        return None
    ids = {x.strip() for x in m.group(1).split(",") if x.strip()}
    return ids, m.group(2)


def _covers(ids: set[str], rule: str) -> bool:
    return rule in ids or rule.split("/", 1)[-1] in ids


def _text(f: FileResult) -> str | None:
    """The file's text when it may hold an inline ignore (None otherwise: most files hold none,
    so the bytes are checked before anything is decoded)."""
    if f.original is not None:
        return f.original
    try:
        data = Path(f.path).read_bytes()
    except OSError:
        return None
    if b"rewriter:" not in data:
        return None
    return data.decode("utf-8", "replace").removeprefix("\ufeff")


def apply_inline_ignores(run: RunResult) -> None:
    """Mark sites whose line (or the comment line just above) says ``rewriter: ignore[rule]``."""
    for f in run.files:
        if f.status == "error" or not _sites(f):
            continue
        text = _text(f)
        if text is None or "rewriter:" not in text:
            continue
        lines = text.split("\n")
        for site in _sites(f):
            if site.accepted:
                continue
            candidates = [site.line - 1]
            above = site.line - 2
            if above >= 0 and lines[above].lstrip().startswith(("//", "#", "/*")):
                candidates.append(above)
            for i in candidates:
                found = _ignores(lines[i]) if 0 <= i < len(lines) else None
                if found and _covers(found[0], site.rule):
                    _set(f, site, f"inline: {found[1]}" if found[1] else "inline")
                    break


# -- baseline file ----------------------------------------------------------------------------
def load_baseline(path: str | Path) -> Counter[Key]:
    """The accepted sites of a baseline file (a missing file is an empty baseline)."""
    p = Path(path)
    if not p.exists():
        return Counter()
    try:
        data = orjson.loads(p.read_bytes())
        if data.get("version") != BASELINE_VERSION:
            raise BaselineError(f"{p}: unsupported baseline version {data.get('version')!r}")
        return Counter(
            {(s["path"], s["rule"], s["fingerprint"]): int(s.get("count", 1)) for s in data["sites"]}
        )
    except (OSError, orjson.JSONDecodeError, KeyError, TypeError, ValueError, AttributeError) as exc:
        if isinstance(exc, BaselineError):
            raise
        raise BaselineError(f"{p}: not a rewriter baseline file ({exc})") from exc


def apply_baseline(run: RunResult, accepted: Counter[Key], root: str) -> None:
    """Mark sites the baseline accepts, each baseline entry at most ``count`` times."""
    if not accepted:
        return  # no baseline (the common case): nothing to match, no path or fingerprint to compute
    left = Counter(accepted)
    for f in run.files:
        if f.status == "error":
            continue
        rel = relative(f.path, root)
        for site in _sites(f):
            if site.accepted:
                continue
            key = (rel, site.rule, fingerprint(site.rule, _code(site)))
            if left[key] > 0:
                left[key] -= 1
                _set(f, site, "baseline")


def baseline_bytes(run: RunResult, root: str) -> bytes:
    """A baseline accepting every site of ``run`` (sorted, so it diffs well in review)."""
    counts: Counter[Key] = Counter()
    code: dict[Key, str] = {}
    for f in run.files:
        if f.status == "error":
            continue
        rel = relative(f.path, root)
        for site in _sites(f):
            key = (rel, site.rule, fingerprint(site.rule, _code(site)))
            counts[key] += 1
            code.setdefault(key, " ".join(_code(site).split())[:120])
    sites = [
        {"path": k[0], "rule": k[1], "fingerprint": k[2], "count": n, "code": code[k]}
        for k, n in sorted(counts.items())
    ]
    doc = {"version": BASELINE_VERSION, "tool": "rewriter", "sites": sites}
    return orjson.dumps(doc, option=orjson.OPT_INDENT_2) + b"\n"


def open_sites(run: RunResult) -> int:
    """Sites the gate fails on: neither rewritten-and-accepted nor reviewed-and-accepted."""
    return sum(1 for f in run.files for s in _sites(f) if not s.accepted)
