"""Library entry points: what the CLI and the tests call.

``migrate`` plans (and with ``write=True`` applies) the rewrite of a set of paths; ``scan``
inventories SDK call sites in both directions without changing anything. Neither prints: they
return ``RunResult``/``ScanResult`` and the report renderers decide how to show them.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pathspec

from rewriter.codemod.baseline import Key, apply_baseline, apply_inline_ignores
from rewriter.codemod.clients import Client
from rewriter.codemod.discover import walk
from rewriter.codemod.index import exports_context, run_project
from rewriter.codemod.model import FileResult, RuleInfo, RunResult
from rewriter.codemod.packs.loader import RulePack, Vendor, builtin_rules_dir, load_packs, select_packs
from rewriter.codemod.tracking import ApiUse, TrackingPlan, collect, find_api_uses_in
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
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    base: str | None = None,
    on_file: Callable[[], None] | None = None,
    on_sites: Callable[[str, int, int], None] | None = None,
    accepted: Counter[Key] | None = None,
    root: str | None = None,
    manifests: bool = True,
    inline_ignores: bool = True,
) -> RunResult:
    """Rewrite SDK calls under ``paths`` to ``to``'s SDK. Dry run unless ``write``.

    ``diffs=False`` drops the file texts a diff needs (faster for JSON reports).
    ``include``/``exclude`` are gitignore-style patterns relative to ``base`` (default: the
    current directory). ``on_file`` is called once per file processed and ``on_sites(path, done,
    total)`` while a long file is rewritten (progress display).
    Sites are marked accepted by inline ``rewriter: ignore[...]`` comments and by the
    ``accepted`` baseline (paths relative to ``root``) before anything is written, so the gate
    reads the files as they were. ``manifests``: also move the SDK dependency in the
    ``package.json``/``requirements*.txt``/``pyproject.toml`` governing the changed code."""
    if to not in OTHER:
        raise UsageError(f"--to must be mixpanel or amplitude, not {to!r}")
    check_paths(paths)
    all_packs = packs if packs is not None else load_packs(rules)
    chosen = select_packs(all_packs, to, target_sdk)
    if target_sdk and not any(p.target.sdk == target_sdk for p in chosen):
        known = sorted({p.target.sdk for p in all_packs if p.to == to})
        raise UsageError(f"no rule pack targets {target_sdk!r}; known targets: {', '.join(known)}")
    excluded: list[str] = []
    texts = "all" if diffs else ("rewritten" if write else "none")
    manifest_files: list[str] | None = [] if manifests else None
    files = walk(paths, excluded, manifests=manifest_files)
    if include or exclude:
        files = _filtered(files, include, exclude, base or os.getcwd(), excluded)
    project = run_project(files, chosen, jobs, texts, on_file, on_sites)
    if os.environ.get("REWRITER_TIMINGS") == "1":  # bench/: how much the project index costs
        st = project.stats
        total = st.first_pass_s + st.later_s
        print(f"index: {st.rounds} rounds, first pass {st.first_pass_s:.2f} s, later rounds {st.later_s:.2f} s "
              f"({st.later_s / total:.0%} of the rewrite), {st.reread} files reread", file=sys.stderr)
    results, without_sdk = project.results, project.without_sdk
    results.sort(key=lambda r: r.path)
    run = RunResult(source=OTHER[to], target=to, files=results, excluded=excluded, write=write)
    run.files_without_sdk = without_sdk
    run.clients = project.clients
    run.rules = rule_infos(chosen)
    if manifests:
        from rewriter.codemod import manifests as deps

        run.files = sorted([*run.files, *deps.manifest_results(
                run, chosen, paths, root or project_root(paths[0]), partial=bool(include or exclude),
                seen=manifest_files)],
                           key=lambda r: r.path)
        run.rules |= deps.rule_infos(chosen)
    if inline_ignores:
        apply_inline_ignores(run)
    if accepted is not None:
        apply_baseline(run, accepted, root or project_root(paths[0]))
    if write:
        _write(run, force)
    return run


def _filtered(
    files: Iterable[tuple[str, str]], include: Sequence[str], exclude: Sequence[str], base: str, excluded: list[str]
) -> Iterator[tuple[str, str]]:
    """Keep files that match an ``include`` pattern (when there are any) and no ``exclude`` one."""
    inc = pathspec.GitIgnoreSpec.from_lines(include) if include else None
    exc = pathspec.GitIgnoreSpec.from_lines(exclude) if exclude else None
    for display, real in files:
        rel = os.path.relpath(os.path.abspath(real), base).replace(os.sep, "/")
        if inc is not None and not inc.match_file(rel):
            continue  # not part of the configured scope: not worth a line in the report
        if exc is not None and exc.match_file(rel):
            excluded.append(f"{display} (excluded by config)")
            continue
        yield display, real


def rule_infos(packs: list[RulePack]) -> dict[str, RuleInfo]:
    """Report-side metadata of every rule of ``packs`` (plus each pack's engine-made ``unmapped``
    rule), keyed by qualified id, so renderers never need the packs themselves."""
    out: dict[str, RuleInfo] = {}
    shipped = builtin_rules_dir().resolve()
    for p in packs:
        try:
            where = f"(shipped) {Path(p.path).resolve().relative_to(shipped).as_posix()}"
        except ValueError:
            where = p.path
        for r in p.rules:
            if r.review is not None:
                action, summary = "review", r.review
            elif r.fix is not None:
                action, summary = "fix", f"{r.match[0]} → {r.fix}"
            elif r.op is not None:
                action, summary = "op", f"{r.match[0]} → the {r.op} operation, translated from {p.sdk} to {p.target.sdk}"
            else:
                action, summary = "transform", f"{r.match[0]} → rewritten by the {r.transform} transform"
            out[p.qualified(r)] = RuleInfo(
                id=p.qualified(r),
                action=action,  # type: ignore[arg-type]
                summary=summary,
                fix=r.fix,
                note=r.note,
                rationale=r.rationale,
                suggestion=r.suggestion,
                source=f"{where}:{p.rule_lines.get(r.id, 1)}",
            )
        unmapped = f"{p.sdk}/unmapped"
        out.setdefault(
            unmapped,
            RuleInfo(unmapped, "unmapped", f"a {p.sdk} call that no rule of the pack maps; migrate it by hand",
                     source=where),
        )
    return out


def check_paths(paths: list[str]) -> None:
    """A path that does not exist is a usage error, not an empty run: a typo in CI must not pass
    the ``--check`` gate by checking nothing."""
    if not paths:
        raise UsageError("no paths given")
    missing = [p for p in paths if not os.path.exists(p)]
    if missing:
        raise UsageError(f"no such file or directory: {', '.join(missing)}")


def project_root(start: str = ".") -> str:
    """The git work tree containing ``start`` (reports show paths relative to it, as git,
    GitHub and SARIF viewers expect), else the current directory."""
    start = start if os.path.isdir(start) else os.path.dirname(os.path.abspath(start))
    try:
        res = subprocess.run(
            ["git", "-C", start, "rev-parse", "--show-toplevel"], capture_output=True, text=True, timeout=30
        )
    except (OSError, subprocess.SubprocessError):
        return os.getcwd()
    top = res.stdout.strip()
    return top if res.returncode == 0 and top else os.getcwd()


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
    api_uses: list[ApiUse] = field(default_factory=list)  # raw vendor HTTP API calls: review items
    not_read: list[str] = field(default_factory=list)  # "path: why" of files a tracking plan could not read
    plan: TrackingPlan | None = None  # with ``tracking_plan=True``
    clients: list[tuple[str, Client]] = field(default_factory=list)  # (migrates to, client), both directions


def scan_files(
    paths: list[str], include: Sequence[str] = (), exclude: Sequence[str] = (), base: str | None = None
) -> Iterator[tuple[str, str]]:
    """The ``(display, real)`` files a run over ``paths`` reads, narrowed by include/exclude."""
    excluded: list[str] = []
    files = walk(paths, excluded)
    if include or exclude:
        files = _filtered(files, include, exclude, base or os.getcwd(), excluded)
    return iter(files)


def scan(
    paths: list[str],
    *,
    rules: list[str] | None = None,
    jobs: int | None = None,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    base: str | None = None,
    tracking_plan: bool = False,
) -> ScanResult:
    """Run both directions as a dry run and count call sites per SDK and operation, and find raw
    vendor HTTP API use (review items). ``tracking_plan``: also collect the tracking plan
    (``codemod.tracking``) over the same files; its API uses and unreadable files are the scan's."""
    check_paths(paths)
    packs = load_packs(rules)
    op_of = {(p.sdk, p.qualified(r)): (r.operation or r.id) for p in packs for r in p.rules}
    out = ScanResult()
    errors: dict[str, FileResult] = {}
    runs: list[RunResult] = []
    for to in ("mixpanel", "amplitude"):
        run = migrate(paths, to, packs=packs, jobs=jobs, diffs=False,  # type: ignore[arg-type]
                      include=include, exclude=exclude, base=base, manifests=False, inline_ignores=False)
        out.excluded = run.excluded
        out.clients.extend((to, c) for c in run.clients.values() if c.uses or c.exported)
        runs.append(run)
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
    out.clients.sort(key=lambda tc: (tc[1].sdk, tc[1].key))
    if tracking_plan:
        project = exports_context(f for r in runs for f in r.files)
        out.plan = collect(paths, packs, files=scan_files(paths, include, exclude, base), project=project)
        out.api_uses, out.not_read = out.plan.api_uses, out.plan.not_read
    else:
        out.api_uses = find_api_uses_in(scan_files(paths, include, exclude, base))
    return out


def relpath(p: str) -> str:
    try:
        return str(Path(p).resolve().relative_to(Path.cwd()))
    except ValueError:
        return p
