"""Library entry points: what the CLI and the tests call.

``migrate`` plans (and with ``write=True`` applies) the rewrite of a set of paths; ``scan``
inventories SDK call sites in both directions without changing anything. Neither prints: they
return ``RunResult``/``ScanResult`` and the report renderers decide how to show them.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from rewriter.codemod.discover import walk
from rewriter.codemod.engine import run_files
from rewriter.codemod.model import FileResult, RunResult
from rewriter.codemod.packs.loader import RulePack, Vendor, load_packs, select_packs
from rewriter.codemod.writer import atomic_write, dirty_files

OTHER: dict[str, Vendor] = {"mixpanel": "amplitude", "amplitude": "mixpanel"}


class UsageError(ValueError):
    """Bad arguments (exit code 2 at the CLI)."""


def migrate(
    paths: list[str],
    to: Vendor,
    *,
    write: bool = False,
    rules: list[str] | None = None,
    target_sdk: str | None = None,
    jobs: int | None = None,
    force: bool = False,
    packs: list[RulePack] | None = None,
    diffs: bool = True,
) -> RunResult:
    """Rewrite SDK calls under ``paths`` to ``to``'s SDK. Dry run unless ``write``.

    ``diffs=False`` drops the file texts a diff needs (faster for JSON reports)."""
    if to not in OTHER:
        raise UsageError(f"--to must be mixpanel or amplitude, not {to!r}")
    all_packs = packs if packs is not None else load_packs(rules)
    chosen = select_packs(all_packs, to, target_sdk)
    if target_sdk and not any(p.target.sdk == target_sdk for p in chosen):
        known = sorted({p.target.sdk for p in all_packs if p.to == to})
        raise UsageError(f"no rule pack targets {target_sdk!r}; known targets: {', '.join(known)}")
    excluded: list[str] = []
    texts = "all" if diffs else ("rewritten" if write else "none")
    results: list[FileResult] = []
    without_sdk = 0
    for r in run_files(walk(paths, excluded), chosen, jobs, texts):
        if r is None:
            without_sdk += 1
        else:
            results.append(r)
    results.sort(key=lambda r: r.path)
    run = RunResult(source=OTHER[to], target=to, files=results, excluded=excluded, write=write)
    run.files_without_sdk = without_sdk
    if write:
        _write(run, force)
    return run


def _write(run: RunResult, force: bool) -> None:
    changed = [f for f in run.files if f.status == "changed" and f.rewritten is not None]
    dirty = None if force else dirty_files([f.path for f in changed])
    for f in changed:
        if dirty is not None and os.path.realpath(f.path) in dirty:
            f.status = "error"
            f.error = "has uncommitted changes in git; commit or stash them, or pass --force"
            continue
        try:
            atomic_write(f.path, f.rewritten.encode("utf-8"))  # type: ignore[union-attr]
            f.written = True
        except OSError as exc:
            f.status = "error"
            f.error = f"could not write: {exc.strerror or exc}"


@dataclass
class ScanResult:
    """Inventory of SDK usage: per (sdk, operation) how many sites migrate automatically."""

    files: list[FileResult] = field(default_factory=list)
    by_operation: dict[tuple[str, str, str], Counter[str]] = field(default_factory=dict)
    excluded: list[str] = field(default_factory=list)
    errors: list[FileResult] = field(default_factory=list)


def scan(paths: list[str], *, rules: list[str] | None = None, jobs: int | None = None) -> ScanResult:
    """Run both directions as a dry run and count call sites per SDK and operation."""
    packs = load_packs(rules)
    op_of = {(p.sdk, p.qualified(r)): (r.operation or r.id) for p in packs for r in p.rules}
    out = ScanResult()
    errors: dict[str, FileResult] = {}
    for to in ("mixpanel", "amplitude"):
        run = migrate(paths, to, packs=packs, jobs=jobs, diffs=False)  # type: ignore[arg-type]
        out.excluded = run.excluded
        for f in run.files:
            if f.status == "error":
                errors[f.path] = f
                continue
            if not (f.changes or f.review):
                continue
            out.files.append(f)
            for c in f.changes:
                sdk = c.rule.split("/")[0]
                key = (sdk, to, op_of.get((sdk, c.rule), c.rule.split("/")[-1]))
                out.by_operation.setdefault(key, Counter())["automatic"] += 1
            for r in f.review:
                sdk = r.rule.split("/")[0]
                key = (sdk, to, op_of.get((sdk, r.rule), r.rule.split("/")[-1]))
                out.by_operation.setdefault(key, Counter())["review"] += 1
    out.errors = sorted(errors.values(), key=lambda f: f.path)
    return out


def relpath(p: str) -> str:
    try:
        return str(Path(p).resolve().relative_to(Path.cwd()))
    except ValueError:
        return p
