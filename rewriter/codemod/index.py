"""Project index, then rewrite: the passes that make the client the unit of migration.

Pass 1 rewrites every file that names an SDK, as before, and each result also says which
clients it uses (rewritten or why not), which clients its module exports and which snippet
globals it loads (``codemod.clients``). The index built from those facts can change the answer
for some files, so they are rewritten again with it:

- files that import an app module exporting a client (found by the module's name in their bytes,
  then by the import itself: a file that names no SDK package is read only then);
- files that use a client found *blocked* — one of its uses somewhere cannot be rewritten, or it
  is a snippet global nothing in the project loads — so none of its uses, creation, exports or
  imports is rewritten anywhere, and each is listed naming the blocking site(s).

New importers can bring new blocking uses, so this repeats until nothing changes (a few rounds
at most: each round only blocks more clients or binds more imports). Pass 1 is the whole cost
when the project has no exported clients and nothing blocks, which is the common case for the
speed benchmark; ``IndexStats`` says how long the later rounds took.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from rewriter.codemod.clients import (
    GLOBAL,
    Client,
    ProjectContext,
    blocking_reasons,
    collect,
    describe,
)
from rewriter.codemod.engine import run_files
from rewriter.codemod.model import FileResult
from rewriter.codemod.packs.loader import RulePack
from rewriter.codemod.project import export_words

MAX_ROUNDS = 5


@dataclass
class IndexStats:
    """How the project passes went (``bench/`` reports the later rounds' share of the time)."""

    rounds: int = 1
    first_pass_s: float = 0.0
    later_s: float = 0.0
    reread: int = 0  # files rewritten again with the index


@dataclass
class ProjectRun:
    results: list[FileResult]
    without_sdk: int
    clients: dict[str, Client]
    stats: IndexStats = field(default_factory=IndexStats)


def run_project(
    items: Iterable[tuple[str, str]],
    packs: list[RulePack],
    jobs: int | None = None,
    texts: str = "all",
    on_file: Callable[[], None] | None = None,
    on_sites: Callable[[str, int, int], None] | None = None,
) -> ProjectRun:
    """Rewrite ``(display, real)`` files with project-wide clients; see the module docstring."""
    seen: list[tuple[str, str]] = []

    def remember(it: Iterable[tuple[str, str]]) -> Iterator[tuple[str, str]]:
        for item in it:
            seen.append(item)
            yield item

    stats = IndexStats()
    t0 = time.perf_counter()
    by_path: dict[str, FileResult] = {}
    without = 0
    for r in run_files(remember(items), packs, jobs, texts, on_sites, project=ProjectContext()):
        if on_file is not None:
            on_file()
        if r is None:
            without += 1
        else:
            by_path[r.path] = r
    stats.first_pass_s = time.perf_counter() - t0
    project = ProjectContext()
    clients = _clients(by_path.values())
    t1 = time.perf_counter()
    for _ in range(MAX_ROUNDS - 1):
        nxt = _context(by_path.values(), clients)
        # Blocking only grows: a client blocked by a file that then had nothing to rewrite (and
        # so no error) stays blocked, so the rounds cannot oscillate and always end.
        nxt = ProjectContext(nxt.exports, {**nxt.blocked, **project.blocked}, nxt.words)
        if nxt.blocked == project.blocked and nxt.exports == project.exports:
            break
        again = _to_reread(seen, by_path, project, nxt)
        project = nxt
        stats.rounds += 1
        for r in run_files(again, packs, jobs, texts, on_sites, project=project):
            if r is None:
                continue
            stats.reread += 1
            if r.path not in by_path:
                without -= 1  # it named no SDK, but it imports a client from an app module
            by_path[r.path] = r
        clients = _clients(by_path.values())
    stats.later_s = time.perf_counter() - t1
    for key, why in project.blocked.items():
        if key in clients:
            clients[key].blocked = why
    return ProjectRun(list(by_path.values()), max(0, without), clients, stats)


def _clients(results: Iterable[FileResult]) -> dict[str, Client]:
    results = list(results)
    return collect(((r.path, u) for r in results for u in r.clients), ((r.path, e) for r in results for e in r.exports))


def _context(results: Iterable[FileResult], clients: dict[str, Client]) -> ProjectContext:
    """What the next round knows: the exported clients, the blocked ones and why."""
    results = list(results)
    loaded = {g for r in results for g in r.loads}
    unloaded = [k for k in clients if _global_name(k) not in (None, *loaded)]
    found: dict[tuple[str, str], dict[str, str]] = {}  # (module, name) -> client -> exporting file
    words: dict[str, set[bytes]] = {}
    for r in sorted(results, key=lambda r: r.path):
        for e in r.exports:
            found.setdefault((e.module, e.name), {}).setdefault(e.client, r.path)
            words.setdefault(e.client.split(":", 1)[0], set()).update(export_words(e.module, e.name))
    exports: dict[str, dict[str, str]] = {}
    blocked = blocking_reasons(clients, unloaded)
    for (module, name), by_client in sorted(found.items()):
        exports.setdefault(module, {})[name] = min(by_client)
        if len(by_client) > 1:
            # Platform variants (index.ts / index.web.ts) export different clients under one
            # name: an importer's calls reach either, so none of them can move alone.
            where = ", ".join(f"{describe(k)} in {p}" for k, p in sorted(by_client.items()))
            for key in by_client:
                blocked.setdefault(key, f"the module's variants export different SDK clients as `{name}` ({where}); "
                                        "migrate them together by hand")
    return ProjectContext(exports, blocked, {k: tuple(sorted(v)) for k, v in words.items()})


def exports_context(results: Iterable[FileResult]) -> ProjectContext:
    """Only the exported clients of a finished run (what a read-only pass such as the tracking
    plan needs to follow a client into its importers; nothing is blocked there)."""
    ctx = _context(results, {})
    return ProjectContext(ctx.exports, {}, ctx.words)


def _global_name(key: str) -> str | None:
    parts = key.split(":")
    return parts[2] if len(parts) == 3 and parts[1] == GLOBAL else None


def _to_reread(
    seen: list[tuple[str, str]], by_path: dict[str, FileResult], old: ProjectContext, new: ProjectContext
) -> list[tuple[str, str]]:
    """Files whose answer may change: every file when new modules export clients (the worker then
    reads a file only if it names an SDK or one of those modules), else the files that use a
    client whose blocking changed."""
    if new.exports != old.exports:
        return list(seen)
    changed = {k for k in {*old.blocked, *new.blocked} if old.blocked.get(k) != new.blocked.get(k)}
    return [item for item in seen if (r := by_path.get(item[0])) is not None and any(u.client in changed for u in r.clients)]
