"""Per-file rewrite pipeline: parse once, bind, match every rule on that one tree, plan edits,
apply, verify. Plus the process pool that runs it over many files.

``rewrite_source`` never raises for a bad file: syntax errors, undecodable bytes, rules that
produce overlapping or unparsable output all come back as a ``FileResult`` with status "error",
so one bad file never stops a run. It never writes; ``api.migrate`` decides what gets written.

Parse errors: with a recovering parser (tree-sitter) a file the grammar reads with errors is
still rewritten outside them (a bare ``&`` in JSX text is valid TSX the grammar rejects; a Flow
``.js`` file may read cleanly with the TSX grammar). A site touching an error region goes to
review; SDK names on a line the parser could not read, with nothing rewritable, leave the file
refused as before; the output must have the same error nodes, shifted, and no new ones; the
result's ``parse_warning`` says so. Without error recovery (libcst) a file must parse.

Cost per file is linear in its size and call count: the planner keeps live edits sorted,
lines come from a ``LineIndex``, "is this covered?" from a ``SpanIndex``.
"""

from __future__ import annotations

import itertools
import os
import re
from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from rewriter.codemod.clients import (
    ClientExport,
    ClientUse,
    ProjectContext,
    blocked_message,
    current,
    default_key,
    global_key,
    use_context,
)
from rewriter.codemod.discover import content_skip_reason
from rewriter.codemod.edits import EditConflict, LineIndex, SpanIndex, apply_edits, render_range
from rewriter.codemod.lang import adapter_for_path, get_adapter, pack_languages_for
from rewriter.codemod.lang.base import FileBindings, LanguageAdapter, ParsedFile
from rewriter.codemod.lang.treesitter import LanguageUnavailable
from rewriter.codemod.match.patterns import Capture, Match, Pattern, PNode, match
from rewriter.codemod.model import Change, Edit, FileResult, ReviewItem, span_of
from rewriter.codemod.packs.loader import Rule, RulePack
from rewriter.codemod.probe import Probe, make_probe
from rewriter.codemod.transforms import TRANSFORMS

BOM = b"\xef\xbb\xbf"
META_SUB = re.compile(r"\$\$\$([A-Z_][A-Z0-9_]*)|\$([A-Z_][A-Z0-9_]*)")


@dataclass(frozen=True)
class CompiledRule:
    rule: Rule
    qualified: str
    patterns: tuple[Pattern, ...]
    metas: tuple[frozenset[str], ...] = ()  # per pattern, the metavariables it names
    needs: frozenset[str] = frozenset()  # a fix template that writes the target client needs its import

    def names(self) -> frozenset[str]:
        """Every metavariable some pattern of the rule names."""
        return frozenset().union(*self.metas)


def _metas(node: PNode) -> frozenset[str]:
    out = {node.meta} if node.meta else set()
    for child in node.children:
        out |= _metas(child)
    return frozenset(out)


_COMPILED: dict[tuple[str, int], tuple[RulePack, dict[str, list[CompiledRule]]]] = {}


def _compiled(adapter: LanguageAdapter, pack: RulePack) -> dict[str, list[CompiledRule]]:
    """Rules of ``pack`` indexed by the node type their patterns start with (once per process)."""
    key = (adapter.id, id(pack))
    hit = _COMPILED.get(key)
    if hit is not None and hit[0] is pack:
        return hit[1]
    index: dict[str, list[CompiledRule]] = {}
    for rule in pack.rules:
        pats = tuple(adapter.compile_pattern(p) for p in rule.match)
        needs = frozenset({pack.target.name}) if rule.fix is not None and _writes_name(rule.fix, pack.target.name) else frozenset()
        cr = CompiledRule(rule, pack.qualified(rule), pats, tuple(_metas(p.root) for p in pats), needs)
        for t in dict.fromkeys(p.root.type for p in pats):
            index.setdefault(t, []).append(cr)
    _COMPILED[key] = (pack, index)
    return index


def _rename_client(template: str, name: str, keep: str) -> str:
    """A fix template calling the target client ``name`` made to call it ``keep`` instead (code
    only: strings and metavariables are left as written)."""
    parts = re.split(r"('(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|\$\$\$[A-Z_][A-Z0-9_]*|\$[A-Z_][A-Z0-9_]*)", template)
    rx = re.compile(rf"(?<![\w$.]){re.escape(name)}\b")
    return "".join(p if i % 2 else rx.sub(keep, p) for i, p in enumerate(parts))


def _writes_name(template: str, name: str) -> bool:
    """Whether a fix template writes ``name`` as an identifier (outside its metavariables): the
    template is rule data, read once when the pack is compiled."""
    code = re.sub(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"", "''", META_SUB.sub("", template))  # not inside strings
    return re.search(rf"(?<![\w$.]){re.escape(name)}\b", code) is not None


_KEYS: dict[tuple[str, int], dict[str, frozenset[str] | None]] = {}


def _keys(adapter: LanguageAdapter, pack: RulePack, index: dict[str, list[CompiledRule]]) -> dict[str, frozenset[str] | None]:
    """Per node type, the callee names some pattern requires (None: any node of that type)."""
    cache_key = (adapter.id, id(pack))
    hit = _KEYS.get(cache_key)
    if hit is not None:
        return hit
    out: dict[str, frozenset[str] | None] = {}
    for t, rules in index.items():
        names: set[str] | None = set()
        for cr in rules:
            for pat in cr.patterns:
                if pat.root.type != t:
                    continue
                k = adapter.pattern_key(pat)
                if k is None:
                    names = None
                    break
                names.add(k)  # type: ignore[union-attr]
            if names is None:
                break
        out[t] = frozenset(names) if names is not None else None
    _KEYS[cache_key] = out
    return out


def _where_ok(rule: Rule, m: Match, source: bytes, adapter: LanguageAdapter, names: frozenset[str]) -> bool:
    """Check ``where`` constraints on the captures of one match of a pattern naming ``names``.

    A constraint on a metavariable the matched pattern does not name does not apply: one rule may
    list ``setUserId($ID)`` (constrained) beside ``setUserId()``. A named but missing capture
    fails. ``kind`` asks the adapter what a node counts as, so ``(null)``/``null as any`` count
    as ``null`` and ``void 0`` as ``undefined``."""
    for name, w in rule.where.items():
        if name not in names:
            continue
        cap = m.captures.get(name)
        if cap is None:
            return False
        text = source[cap.start : cap.end].decode("utf-8", "replace")
        if w.regex is not None and not re.search(w.regex, text):
            return False
        if w.not_regex is not None and re.search(w.not_regex, text):
            return False
        if w.kind is not None and (len(cap.nodes) != 1 or adapter.value_kinds(cap.nodes[0]).isdisjoint(w.kind)):
            return False
        if w.max_items is not None and len(cap.nodes) > w.max_items:
            return False
        if w.min_items is not None and len(cap.nodes) < w.min_items:
            return False
    return True


class _Planner:
    """Collects edits/changes/reviews for one file; inner edits compose into outer ones.

    Live edits never overlap (a new edit either absorbs the edits strictly inside it or is
    refused), so they are kept sorted by ``(start, end)`` and every question — what does a new
    edit absorb or collide with, which edits lie inside a range to render — is a bisection plus
    a walk over the edits it concerns. Scanning every edit per new edit made a file with
    thousands of calls quadratic. ``edits`` still lists them in the order they were planned.
    """

    def __init__(self, parsed: ParsedFile) -> None:
        self.parsed = parsed
        self.src = parsed.source
        self.changes: list[tuple[Edit, Change]] = []
        self.reviews: list[ReviewItem] = []
        self.handled: list[tuple[int, int]] = []
        self._live: dict[int, Edit] = {}  # planning order -> edit
        self._keys: list[tuple[int, int, int]] = []  # (start, end, order) of live edits, sorted
        self._next = 0
        self._journal: list[tuple[bool, int, Edit]] | None = None  # (added?, order, edit) since begin()
        self._changes_at = 0
        self._lines: LineIndex | None = None
        self.errors: list[tuple[int, int]] = []  # pre-existing parse errors, sorted, disjoint
        self._error_starts: list[int] = []
        self.blocked = 0  # sites sent to review because they touch a parse error
        self.uses: list[ClientUse] = []  # every client use seen, for the project-wide client model
        self.exports: list[ClientExport] = []

    def use(self, key: str, node: Any, rewritten: bool, reason: str | None = None, kind: str = "call") -> None:
        """Record a use of client ``key`` at ``node``: rewritten, or listed (``reason`` set when this
        site itself cannot be migrated, None when it only waits for its client)."""
        code = " ".join(self.snippet(node.start_byte, node.end_byte).split()) if reason is not None else ""
        if len(code) > 80:
            code = code[:77] + "..."
        self.uses.append(ClientUse(key, self.line(node.start_byte), rewritten, reason, kind, code))  # type: ignore[arg-type]

    def set_errors(self, spans: list[tuple[int, int]]) -> None:
        self.errors = sorted(spans)
        self._error_starts = [a for a, _ in self.errors]

    def error_at(self, start: int, end: int) -> int | None:
        """Line of a pre-existing parse error that ``[start, end]`` touches, or None.

        A missing node (zero width) touches a range that contains its position; an error node
        touches a range it overlaps. Rewriting there would build on a guess of the parser."""
        i = bisect_right(self._error_starts, end) - 1
        while i >= 0:
            a, b = self.errors[i]
            if b < start:
                break  # disjoint and sorted: every earlier error ends before this one
            if (a <= end and start <= a) if a == b else (a < end and start < b):
                return self.line(a)
            i -= 1
        return None

    def block(self, rule: str, node: Any, line: int) -> None:
        self.blocked += 1
        self.review(rule, node, f"touches code the parser could not read (parse error on line {line}); migrate by hand")

    # -- edits -----------------------------------------------------------------------------------
    @property
    def edits(self) -> list[Edit]:
        """Live edits in planning order."""
        return [self._live[k] for k in sorted(self._live)]

    def mark(self) -> int:
        """A point in planning order; ``planned_since(mark)`` says whether live edits came after it."""
        return self._next

    def planned_since(self, mark: int) -> bool:
        return any(k >= mark for k in self._live)

    def adopt(self, edits: list[Edit]) -> None:
        """Keep only the live edits still in ``edits`` (an adapter's import planning may take some
        out of the list it was given, e.g. a factory call folded into a removed declaration)."""
        keep = {id(e) for e in edits}
        for k, e in list(self._live.items()):
            if id(e) not in keep:
                self._remove(k, e)

    def _add(self, k: int, e: Edit) -> None:
        self._live[k] = e
        insort(self._keys, (e.start, e.end, k))
        if self._journal is not None:
            self._journal.append((True, k, e))

    def _remove(self, k: int, e: Edit) -> None:
        del self._live[k]
        del self._keys[bisect_left(self._keys, (e.start, e.end, k))]
        if self._journal is not None:
            self._journal.append((False, k, e))

    def begin(self) -> None:
        """Start recording, so a transform whose rewrites do not all fit can be taken back whole."""
        self._journal = []
        self._changes_at = len(self.changes)

    def rollback(self) -> None:
        journal, self._journal = self._journal or [], None
        for added, k, e in reversed(journal):
            if added:
                self._remove(k, e)
            else:
                self._add(k, e)
        del self.changes[self._changes_at :]

    def commit(self) -> None:
        self._journal = None

    def _inside(self, start: int, end: int) -> list[tuple[int, Edit]]:
        """Live edits ``e`` with ``start <= e.start and e.end <= end``, in source order."""
        keys = self._keys
        out = []
        i = bisect_left(keys, (start,))
        while i < len(keys) and keys[i][0] <= end:
            s, e, k = keys[i]
            if e <= end:
                out.append((k, self._live[k]))
            i += 1
        return out

    # -- planning --------------------------------------------------------------------------------
    def line(self, offset: int) -> int:
        if self._lines is None:
            self._lines = LineIndex(self.src)
        return self._lines.line(offset)

    def render(self, start: int, end: int) -> str:
        return render_range(self.src, start, end, [e for _k, e in self._inside(start, end)])

    def snippet(self, start: int, end: int) -> str:
        return self.src[start:end].decode("utf-8", "replace")

    def review(self, rule: str, node: Any, message: str) -> None:
        self.review_span(rule, node.start_byte, node.end_byte, message)

    def review_span(self, rule: str, start: int, end: int, message: str) -> None:
        line = self.line(start)
        self.reviews.append(ReviewItem(rule, line, message, self.snippet(start, end), span_of(self.src, start, end, line)))
        self.handled.append((start, end))

    def rewrite(
        self, rule: str, start: int, end: int, text: str, note: str | None, primary: bool, needs: frozenset[str] = frozenset()
    ) -> bool:
        """Add an edit; edits strictly inside it are absorbed (already rendered into ``text``).

        Refused (False) when it would overlap a live edit it does not contain, or repeat one."""
        keys = self._keys
        # Edits starting before `start` that reach past it (live edits are nested-free, so their
        # ends grow with their starts: walk back until one ends at or before `start`).
        i = bisect_left(keys, (start,))
        j = i - 1
        while j >= 0 and keys[j][1] > start:
            if keys[j][0] < end:  # starts before `start` and ends after it: overlaps
                return False
            j -= 1
        inner: list[tuple[int, Edit]] = []
        while i < len(keys) and keys[i][0] <= end:
            s, e, k = keys[i]
            if (s, e) == (start, end):
                return False
            if e <= end:
                inner.append((k, self._live[k]))
            elif s < end:
                return False
            i += 1
        for k, e in inner:
            self._remove(k, e)
        new = Edit(start, end, text, rule, note, needs.union(*(e.needs for _k, e in inner)) if inner else needs)
        self._add(self._next, new)
        self._next += 1
        if primary:
            before = self.snippet(start, end)
            line = self.line(start)
            self.changes.append((new, Change(rule, line, before, text, note, span_of(self.src, start, end, line))))
        return True


def substitute(template: str, captures: dict[str, Capture], render: Any) -> str:
    def repl(m: re.Match[str]) -> str:
        cap = captures.get(m.group(1) or m.group(2))
        return "" if cap is None else render(cap.start, cap.end)

    return META_SUB.sub(repl, template)


def review_message(template: str, names: frozenset[str], captures: dict[str, Capture], text: Any) -> str:
    """A rule's review text with its metavariables replaced by what they captured, verbatim.

    The reason then quotes the real code (``setUserId(null as any)``), not the pattern. Only the
    rule's own metavariables are replaced (a ``$VAR`` it does not name stays as written); one
    its matched pattern did not bind reads as empty (``setUserId($ID)`` for ``setUserId()``)."""

    def repl(m: re.Match[str]) -> str:
        name = m.group(1) or m.group(2)
        if name not in names:
            return m.group(0)
        cap = captures.get(name)
        return "" if cap is None else text(cap.start, cap.end)

    return META_SUB.sub(repl, template)


Progress = Callable[[int, int], None]
LONG_FILE_SITES = 500  # candidate sites from which a file reports its progress
PROGRESS_EVERY = 100


def rule_matches(
    adapter: LanguageAdapter, parsed: ParsedFile, fb: FileBindings, progress: Progress | None = None
) -> Iterator[tuple[CompiledRule, Match]]:
    """The first rule of ``fb.pack`` that matches each candidate node, innermost nodes first.

    Shared by the rewrite (``_apply_pack``) and by read-only passes such as the tracking plan.
    ``progress(done, total)`` hears about a long file's candidates every ``PROGRESS_EVERY``."""
    pack = fb.pack
    index = _compiled(adapter, pack)
    nodes = adapter.candidates(parsed, frozenset(index), _keys(adapter, pack, index), fb)
    report = progress if progress is not None and len(nodes) >= LONG_FILE_SITES else None
    for i, node in enumerate(nodes):
        if report is not None and i % PROGRESS_EVERY == 0:
            report(i, len(nodes))
        for cr in index[node.type]:
            m = None
            for pat, names in zip(cr.patterns, cr.metas, strict=True):
                m = match(pat, node, fb.ctx)
                if m is not None and _where_ok(cr.rule, m, parsed.source, adapter, names):
                    break
                m = None
            if m is None:
                continue
            yield cr, m
            break


def _apply_pack(
    adapter: LanguageAdapter, parsed: ParsedFile, fb: FileBindings, plan: _Planner, progress: Progress | None = None
) -> None:
    for cr, m in rule_matches(adapter, parsed, fb, progress):
        _handle(adapter, parsed, fb, plan, cr, m)


def _handle(adapter: LanguageAdapter, parsed: ParsedFile, fb: FileBindings, plan: _Planner, cr: CompiledRule, m: Match) -> None:
    rule = cr.rule
    node = m.node
    key, keep = adapter.client_ref(parsed, fb, node)
    kind = _kind(rule)

    def listed(message: str) -> None:
        plan.review(cr.qualified, node, message)
        plan.use(key, node, False, message, kind)

    if rule.review is not None:
        listed(review_message(rule.review, cr.names(), m.captures, plan.snippet))
        return
    project = current()
    why = project.blocked.get(key) if project is not None else None

    def waits() -> bool:
        """A site that could be rewritten, of a client that stays whole (codemod.clients): listed
        with the client's reason, and not a blocker itself (a site that cannot move always gives
        its own reason, so the blocking is the same in every round)."""
        if why is None:
            return False
        plan.review(cr.qualified, node, blocked_message(why))
        plan.use(key, node, False, kind=kind)
        return True

    site, problem = adapter.expand_site(node, parsed.source)
    if problem is not None:
        listed(problem)
        return
    bad = plan.error_at(site.start_byte, site.end_byte) if plan.errors else None
    if bad is not None:
        plan.block(cr.qualified, node, bad)
        plan.use(key, node, False, "touches code the parser could not read", kind)
        return
    if rule.fix is not None:
        if waits():
            return
        needs = cr.needs
        template = rule.fix
        if keep is not None and needs:  # a client imported from an app module keeps its name
            template, needs = _rename_client(template, fb.pack.target.name, keep), frozenset({keep})
        text = substitute(template, m.captures, plan.render)
        if not plan.rewrite(cr.qualified, site.start_byte, site.end_byte, text, rule.note, True, needs):
            listed("overlaps another rewrite; migrate by hand")
            return
        plan.handled.append((site.start_byte, site.end_byte))
        plan.use(key, node, True, kind=kind)
        return
    # Operations and profiles load on first use: a run of one-line fixes never imports them.
    from rewriter.codemod.ops.profiles import load_profile
    from rewriter.codemod.ops.run import run_op
    from rewriter.codemod.ops.site import Site

    pack = fb.pack
    at = Site(adapter, parsed, fb, pack, rule, m, site, plan.render, load_profile(pack.sdk), load_profile(pack.target.sdk),
              receiver=keep)
    result = run_op(rule.op, at) if rule.op is not None else TRANSFORMS[rule.transform or ""](at)
    if result.review is not None:
        listed(result.review.message)
        return
    if waits():
        return
    note = "; ".join(n for n in (rule.note, result.note) if n) or None
    for rw in result.rewrites if plan.errors else ():
        bad = plan.error_at(rw.start, rw.end)
        if bad is not None:
            plan.block(cr.qualified, node, bad)
            plan.use(key, node, False, "touches code the parser could not read", kind)
            return
    plan.begin()
    for rw in result.rewrites:
        primary = (rw.start, rw.end) == (site.start_byte, site.end_byte)
        if not plan.rewrite(cr.qualified, rw.start, rw.end, rw.text, note, primary, result.needs):
            plan.rollback()
            listed("overlaps another rewrite; migrate by hand")
            return
    plan.commit()
    plan.handled.extend((rw.start, rw.end) for rw in result.rewrites)
    plan.handled.append((site.start_byte, site.end_byte))
    plan.use(key, node, True, kind=kind)


def _kind(rule: Rule) -> str:
    """An init rule's site creates its client (scan lists where clients are created)."""
    return "creation" if rule.op == "init" or rule.operation == "init" else "call"


def _export_clients(adapter: LanguageAdapter, parsed: ParsedFile, fb: FileBindings, plan: _Planner) -> None:
    """Record the clients this module exports and, for a client that is not blocked, make the
    exported expression the target client (``export const amp = amplitude.getInstance()`` →
    ``export const amp = mixpanel``): its importers keep calling ``amp``, now the target SDK.

    Only with a project context: one file alone cannot know whether every importer migrates."""
    project = current()
    if project is None:
        return
    from rewriter.codemod.project import module_id

    pack = fb.pack
    if pack.review_only:
        return  # an unsupported SDK has no target client to export; its calls are listed as such
    target = pack.target.name
    rule = f"{pack.sdk}/exports"
    for name, node, key, text, problem in adapter.client_exports(parsed, fb):
        line = plan.line(node.start_byte)
        plan.exports.append(ClientExport(module_id(parsed.path), name, key, line))
        if problem is not None:
            plan.review(rule, node, problem)
            plan.use(key, node, False, problem, kind="export")
            continue
        if key in project.blocked:
            plan.review(rule, node, blocked_message(project.blocked[key]))
            plan.use(key, node, False, kind="export")
            continue
        if text is None or plan.snippet(node.start_byte, node.end_byte) == text:
            continue
        note = f"the exported client becomes the {pack.target.sdk} client; its importers keep their name for it"
        ok = plan.rewrite(rule, node.start_byte, node.end_byte, text, note, True, frozenset({target}))
        if ok:
            plan.handled.append((node.start_byte, node.end_byte))
            plan.use(key, node, True, kind="export")
        else:
            plan.review(f"{pack.sdk}/exports", node, "exported client overlaps another rewrite; migrate by hand")
            plan.use(key, node, False, "exported client overlaps another rewrite", kind="export")


SNIPPET_CODE = re.compile(
    rb"\b(amplitude|mixpanel)(?:\.getInstance\([^)]*\))?\.(?:init|logEvent|track|identify|setUserId|people|register|"
    rb"_?q\.push)\b|cdn\.amplitude\.com|cdn\.mxpnl\.com|mixpanel-(?:2|js)-latest|amplitude-(?:js|analytics)[\w.-]*\.js"
)


VENDOR_WORDS = (b"amplitude", b"mixpanel", b"mxpnl")


def _near_vendor_words(source: bytes, rx: re.Pattern[bytes], before: int, after: int
                       ) -> Iterator[tuple[int, re.Match[bytes]]]:
    """``(offset of a vendor word, match of rx in a window around it)``: SDK text always names
    its vendor, so a pattern is only tried near those words (``bytes.find`` runs at memory
    speed; a regex scan of every file costs a full pass per file)."""
    for word in VENDOR_WORDS:
        i = source.find(word)
        while i >= 0:
            m = rx.search(source, max(0, i - before), i + after)
            if m is not None:
                yield i, m
            i = source.find(word, i + len(word))


def _snippet_hits(source: bytes) -> list[re.Match[bytes]]:
    """Snippet-like text, in source order."""
    out: dict[tuple[int, int], re.Match[bytes]] = {}
    for i, m in _near_vendor_words(source, SNIPPET_CODE, 4, 160):
        if m.start() <= i:
            out.setdefault(m.span(), m)
    return [out[k] for k in sorted(out)]


def _review_sdk_code_in_strings(adapter: LanguageAdapter, parsed: ParsedFile, packs: list[RulePack], plan: _Planner) -> None:
    """Never silent: SDK code inside a string or template literal (a snippet injected with
    ``dangerouslySetInnerHTML``, a page built by a script) is listed for review under the first
    applicable pack of that vendor; it is never rewritten (it is not code to the parser).

    The text is searched first (one C regex over the file); only a hit asks the adapter whether
    it sits inside a string, so files without snippet-like text cost one scan."""
    hits = _snippet_hits(parsed.source)
    if not hits:
        return
    handled = SpanIndex(plan.handled)
    seen: set[tuple[int, int]] = set()
    for m in hits:
        if handled.covers(m.start(), m.end()):  # a rewritten or listed site, or a page's loader
            continue
        node = adapter.string_at(parsed, m.start(), m.end())
        if node is None or (node.start_byte, node.end_byte) in seen or handled.covers(node.start_byte, node.end_byte):
            continue
        seen.add((node.start_byte, node.end_byte))
        text = m.group(0).decode("utf-8", "replace")
        vendor = "mixpanel" if ("mixpanel" in text or "mxpnl" in text) else "amplitude"
        pack = next((p for p in packs if p.from_ == vendor), None)
        if pack is None:
            continue
        plan.review(f"{pack.sdk}/unmapped", node,
                    f"{vendor} SDK code inside a string ({text}…): a snippet or generated page; migrate it by hand")


def rewrite_source(path: str, source: bytes, packs: list[RulePack], progress: Progress | None = None) -> FileResult:
    """Run every applicable pack over one file's bytes. Never raises for bad input."""
    adapter = adapter_for_path(path)
    if adapter is None:
        return FileResult(path, "unknown", "skipped", error="no language adapter for this file type")
    adapter = adapter.for_source(source)  # a page's <script lang="ts"> picks the TypeScript grammar
    try:
        return _rewrite(adapter, path, source, packs, progress)
    except RecursionError:
        return FileResult(path, adapter.report_language(), "error", error="file too deeply nested to analyse")


_PER_PACK: list[Any] = []  # [packs list, per_pack] of the last lookup (a per-process cache)


def _per_pack(packs: list[RulePack]) -> list[tuple[RulePack, tuple[bytes, ...]]]:
    """Each pack with its byte needles, computed once per packs list (asked for every file)."""
    if _PER_PACK and _PER_PACK[0] is packs:
        return _PER_PACK[1]  # type: ignore[no-any-return]
    per_pack = [(p, p.prefilter_needles()) for p in packs]
    _PER_PACK[:] = [packs, per_pack]
    return per_pack


_NEEDLE_PLANS: dict[tuple[bytes, ...], tuple[list[bytes], list[tuple[bytes, bytes, int]]]] = {}


def _present_needles(source: bytes, needles: list[bytes]) -> set[bytes]:
    """Which pack needles occur in ``source``, at the cost of finding the few short ones.

    A long needle that contains a short one (``@amplitude/unified`` holds ``amplitude``) can only
    occur where the short one does, so it is checked at those offsets instead of by a scan of
    its own: a file is searched once per short needle, however many packs there are."""
    key = tuple(sorted(set(needles)))
    plan = _NEEDLE_PLANS.get(key)
    if plan is None:
        uniq = list(key)
        short = [n for n in uniq if not any(o != n and o in n for o in uniq)]
        long_ = [(n, s, n.find(s)) for n in uniq if n not in short for s in [next(x for x in short if x in n)]]
        plan = (short, long_)
        _NEEDLE_PLANS[key] = plan
    short, long_ = plan
    found: set[bytes] = set()
    hits: dict[bytes, list[int]] = {}
    for n in short:
        i = source.find(n)
        if i >= 0:
            found.add(n)
            at = hits.setdefault(n, [])
            while i >= 0:
                at.append(i)
                i = source.find(n, i + 1)
    for n, s, k in long_:
        if any(source.startswith(n, i - k) for i in hits.get(s, ()) if i >= k):
            found.add(n)
    return found


_EXT_PROBES: dict[tuple[int, str], tuple[list[RulePack], Probe]] = {}


def _probe_for(packs: list[RulePack], path: str) -> Probe:
    """The byte probe for one file: only the needles of packs for its language (a Swift pack's
    ``userId:`` label must not make every JavaScript file with a ``userId:`` key an SDK file).
    A few plain ``bytes`` searches (memchr speed) beat one regex alternation over the file."""
    dot = path.rfind(".")
    ext = path[dot:] if dot >= 0 else ""
    key = (id(packs), ext)
    hit = _EXT_PROBES.get(key)
    if hit is not None and hit[0] is packs:
        return hit[1]
    langs = pack_languages_for(path)
    needles = {n for p in packs if not langs or langs & set(p.languages) for n in p.prefilter_needles()}
    needles = {n for n in needles if not any(o != n and o in n for o in needles)}
    probe = make_probe(needles)
    _EXT_PROBES[key] = (packs, probe)
    return probe


def probe_for(packs: list[RulePack], path: str) -> Probe:
    """The byte probe file ``path`` must pass to be parsed at all (read-only passes use it too)."""
    return _probe_for(packs, path)


def _recover(
    adapter: LanguageAdapter, path: str, body: bytes, parsed: ParsedFile
) -> tuple[LanguageAdapter, ParsedFile, list[tuple[int, int]], str] | None:
    """Read a file that did not parse cleanly, or None when it cannot be read at all.

    A grammar gap (a bare ``&`` in JSX text) must not cost the whole file: with a recovering
    parser the engine rewrites outside the error nodes and the final check becomes "no new
    errors". A fallback grammar (Flow-annotated ``.js`` read as TSX) is used when it leaves fewer
    bytes in error; it may read the file cleanly. Returns the adapter to use from here on, its
    parse, the error spans left and the warning the result carries."""
    spans = adapter.error_spans(parsed)
    if spans is None:
        return None  # no error recovery (libcst): the file must parse
    best = (adapter, parsed, spans)
    for alt_id in adapter.fallbacks():
        try:
            alt = get_adapter(alt_id)
            alt_parsed = alt.parse(path, body)
        except LanguageUnavailable:
            continue
        alt_spans = alt.error_spans(alt_parsed)
        if alt_spans is not None and _error_bytes(alt_spans) < _error_bytes(best[2]):
            best = (alt, alt_parsed, alt_spans)
    reader, read, left = best
    if reader is not adapter:
        how = f"the {adapter.id} grammar could not read this file (Flow syntax?); it was read with the {reader.id} grammar"
        if left:
            how += f", which still finds {_regions(left)}: rewritten outside them"
        return reader, read, left, how
    return adapter, parsed, spans, f"the file already has {_regions(spans)} (a gap of the {adapter.id} grammar?): rewritten outside them"


def _refused(path: str, lang: str, err: str | None, text: str) -> FileResult:
    """The result for a file left alone because of its syntax error (as before error recovery)."""
    return FileResult(path, lang, "error", error=f"syntax error at {err}; file left alone", original=text)


def _unhandled_mention(body: bytes, lo: int, hi: int, needles: list[bytes], handled: SpanIndex) -> bool:
    """True when a needle occurs in ``body[lo:hi]`` outside every handled site."""
    for n in needles:
        i = body.find(n, lo, hi)
        while i >= 0:
            if not handled.covers(i, i + len(n)):
                return True
            i = body.find(n, i + 1, hi)
    return False


def _error_bytes(spans: list[tuple[int, int]]) -> int:
    """Bytes in error; a missing node counts as one, so any error outweighs a clean parse."""
    return sum(max(1, b - a) for a, b in spans)


def _regions(spans: list[tuple[int, int]]) -> str:
    return f"{len(spans)} parse error{'s' if len(spans) != 1 else ''}"


LOADER = re.compile(
    rb"cdn\.amplitude\.com|d24n15hnbwhuhn\.cloudfront\.net/libs/amplitude|cdn\.mxpnl\.com|mixpanel-(?:2|js)-latest"
    rb"|amplitude-(?:js|analytics)[\w.-]*\.js"
    rb"|\bdeclare\s+(?:const|let|var)\s+(amplitude|mixpanel)\b|\bwindow\s*(?:\.\s*|\[\s*['\"])(amplitude|mixpanel)['\"\]\s]*=[^=]"
)


def _loaded_globals(source: bytes) -> tuple[str, ...]:
    """The vendor globals this file loads or declares: a CDN script or snippet, ``declare const
    amplitude``, ``window.mixpanel = ...``. A snippet global nothing in the project loads is not
    migrated (codemod.clients); only files that already passed the byte prefilter are searched,
    and only around the vendor words (this runs for every SDK file of a run)."""
    found: set[str] = set()
    for _i, m in _near_vendor_words(source, LOADER, 48, 80):
        text = m.group(0)
        found.add("mixpanel" if (b"mixpanel" in text or b"mxpnl" in text) else "amplitude")
        if len(found) == 2:
            break
    return tuple(sorted(found))


DECLARED_GLOBAL = re.compile(
    rb"\bdeclare\s+(?:const|let|var)\s+(amplitude|mixpanel)\b[^;\n]*|\bwindow\s*\.\s*(amplitude|mixpanel)\s*=(?!=)[^;\n]*")


def _review_global_declarations(parsed: ParsedFile, packs: list[RulePack], plan: _Planner) -> None:
    """A ``declare const amplitude: any`` or ``window.mixpanel = ...`` is part of the snippet
    global's client (its loader, for the type checker or the page): listed so it moves with the
    calls, never left behind silently. Only the source vendors' names, outside handled sites."""
    vendors = {p.from_ for p in packs}
    handled = SpanIndex(plan.handled)
    for m in DECLARED_GLOBAL.finditer(parsed.source):
        name = (m.group(1) or m.group(2)).decode()
        if name not in vendors or handled.covers(m.start(), m.end()):
            continue
        pack = next(p for p in packs if p.from_ == name)
        plan.review_span(f"{pack.sdk}/loader", m.start(), m.end(),
                         f"declares or loads the `{name}` global (part of its client): change it with the snippet that "
                         f"loads the SDK when the calls move")


def _left_alone(result: FileResult, plan: _Planner, loads: tuple[str, ...]) -> FileResult:
    """A file the engine could not rewrite keeps every client use it has: each one blocks its
    client, so no other file migrates a client this one still calls the old way."""
    why = f"its file is left alone ({result.error})"
    result.clients = [ClientUse(u.client, u.line, False, u.reason or why, u.kind, u.code or "") for u in plan.uses]
    result.exports = plan.exports
    result.loads = loads
    return result


def _page_reviews(
    adapter: LanguageAdapter, parsed: ParsedFile, pack: RulePack, plan: _Planner, rewritten: bool, vendor_packs: list[RulePack]
) -> None:
    """Plan the adapter's file-level items for ``pack`` (a page's SDK loader, a server template),
    once each: a span another pack already handled is skipped. An item with a text is a rewrite
    (a loader replaced by the target's, decided by ``lang.loaders.loader_migrates`` from what this
    file lists of the same vendor, ``vendor_packs``, and, in a project run, whether the snippet
    global the loader defines is blocked). A page loader is a use of that global's clients
    (kind "loader"): moved, waiting for a blocked client, or blocking it with its own reason."""
    if type(adapter).page_reviews is LanguageAdapter.page_reviews:
        return  # not a page: no file-level items (and no blocker list to build per file)
    sdks = {p.sdk for p in vendor_packs}
    waiting = blocked_message("")  # a use that only waits for its blocked client is not the page's own blocker
    blockers = tuple(f"line {r.line}: {r.rule}" for r in plan.reviews
                     if r.rule.split("/", 1)[0] in sdks and not r.message.startswith(waiting))
    project = current()
    # The loader defines the global; `amplitude.getInstance()` on it is that SDK's default client.
    keys = [k for p in vendor_packs if p.bind.globals
            for k in (*(global_key(p.sdk, g) for g in p.bind.globals), *((default_key(p.sdk),) if p.bind.instances else ()))]
    why = next((project.blocked[k] for k in keys if k in project.blocked), None) if project is not None else None
    # The page's own answer first (in a project run the global's other uses are the project's
    # business: True), so a loader that cannot move gives its own reason in every round.
    for item in adapter.page_reviews(parsed, pack, rewritten, blockers, None if project is None else True):
        if SpanIndex(plan.handled).covers(item.start, item.end):
            continue
        waits = item.text is not None and why is not None  # it could move, but its client is blocked
        moved = not waits and item.text is not None and plan.rewrite(item.rule, item.start, item.end, item.text,
                                                                     item.message, True)
        if moved:
            plan.handled.append((item.start, item.end))
        else:
            plan.review_span(item.rule, item.start, item.end, blocked_message(why) if waits and why else item.message)
        if project is not None and item.rule.endswith(("/loader", "/template")):
            at = SimpleNamespace(start_byte=item.start, end_byte=item.end)
            for key in keys:
                plan.use(key, at, moved, None if moved or waits else item.message,
                         kind="loader" if item.rule.endswith("/loader") else "call")


def _rewrite(
    adapter: LanguageAdapter, path: str, source: bytes, packs: list[RulePack], progress: Progress | None = None
) -> FileResult:
    lang = adapter.report_language()
    per_pack = _per_pack(packs)
    project = current()
    words = project.words if project is not None else {}
    if words:  # a file importing an app module that exports a client needs no SDK name of its own
        per_pack = [(p, ns + words.get(p.sdk, ())) for p, ns in per_pack]
    elif not _probe_for(packs, path)(source):
        return FileResult(path, lang, "unchanged")
    present = _present_needles(source, [n for p, ns in per_pack if adapter.id in p.languages for n in ns])
    applicable = [p for p, ns in per_pack if adapter.id in p.languages and any(n in present for n in ns)]
    loads = _loaded_globals(source) if project is not None else ()
    if not applicable:
        return FileResult(path, lang, "unchanged", loads=loads)
    bom = source.startswith(BOM)
    body = source[len(BOM) :] if bom else source
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        return FileResult(path, lang, "error", error=f"not UTF-8 (byte {exc.start}); file left alone")
    parsed = adapter.parse(path, body)
    err = adapter.syntax_error(parsed)
    errors: list[tuple[int, int]] = []
    warning: str | None = None
    if err is not None:
        recovered = _recover(adapter, path, body, parsed)
        if recovered is None:
            return _refused(path, lang, err, text)
        adapter, parsed, errors, warning = recovered
    plan = _Planner(parsed)
    plan.set_errors(errors)
    sdks: list[str] = []
    import_edits: list[Edit] = []
    bound: list[RulePack] = []
    rewrote: list[RulePack] = []
    for pack in applicable:
        fb = adapter.bind(parsed, pack)
        if not fb.bound:
            continue
        bound.append(pack)
        sdks.append(pack.sdk)
        before = plan.mark()
        _apply_pack(adapter, parsed, fb, plan, progress)
        _export_clients(adapter, parsed, fb, plan)
        handled = SpanIndex(plan.handled)
        for node, desc in adapter.unaccounted_calls(parsed, fb):
            if not handled.covers(node.start_byte, node.end_byte):
                message = pack.unmapped.format(call=desc) if pack.unmapped else f"no rule maps {desc}; migrate by hand"
                plan.review(f"{pack.sdk}/unmapped", node, message)
                plan.use(adapter.client_ref(parsed, fb, node)[0], node, False, message)
                handled.add(node.start_byte, node.end_byte)  # a call nested in this one is covered
        rewritten = plan.planned_since(before)
        if rewritten:
            live = plan.edits
            import_edits.extend(adapter.import_edits(parsed, fb, live, plan.reviews))
            plan.adopt(live)
            rewrote.append(pack)
    # File-level items (a page's SDK loader, a server template), once each: packs that rewrote
    # this file speak first, then the bound ones.
    rewrote_ids, bound_ids = {id(p) for p in rewrote}, {id(p) for p in bound}  # identity: pydantic == is slow
    for pack in sorted(applicable, key=lambda p: (id(p) not in rewrote_ids, id(p) not in bound_ids)):
        _page_reviews(adapter, parsed, pack, plan, any(p.from_ == pack.from_ for p in rewrote),
                      [p for p in applicable if p.from_ == pack.from_])
    _review_sdk_code_in_strings(adapter, parsed, applicable, plan)
    if loads:
        _review_global_declarations(parsed, applicable, plan)
    if errors:
        # Never silent: an SDK name on a line the parser could not read whole may be a site
        # nobody saw (`amplitude.logEvent('a', {;` reads as a member expression and an ERROR).
        needles = [n for p, ns in per_pack if p in applicable for n in ns]
        handled = SpanIndex(plan.handled)
        for a, b in plan.errors:
            lo = body.rfind(b"\n", 0, a) + 1
            hi = body.find(b"\n", b)
            hi = len(body) if hi < 0 else hi
            if _unhandled_mention(body, lo, hi, needles, handled):
                plan.blocked += 1
                plan.review_span("parse-error", lo, hi, "names the SDK on a line the parser could not read; migrate by hand")
        if plan.blocked and not plan.edits:
            return _refused(path, lang, err, text)  # nothing rewritable; SDK code in the unreadable part
        if any(plan.error_at(e.start, e.end) is not None for e in import_edits):
            return _left_alone(FileResult(path, lang, "error", original=text, review=plan.reviews, sdks=tuple(sdks),
                                          error=f"syntax error at {err}; the import changes would touch it; file left alone"),
                               plan, loads)
    edits = plan.edits + import_edits
    changes = [c for e, c in plan.changes]
    result = FileResult(path, lang, "unchanged", changes=changes, review=plan.reviews, original=text, sdks=tuple(sdks),
                        parse_warning=warning, clients=plan.uses, exports=plan.exports, loads=loads)
    if not edits:
        return result
    try:
        new_body = apply_edits(body, edits)
    except EditConflict as exc:
        return _left_alone(FileResult(path, lang, "error", error=f"conflicting rewrites ({exc}); file left alone",
                                      original=text, review=plan.reviews, sdks=tuple(sdks)), plan, loads)
    check = adapter.check_rewrite(parsed, edits, new_body)
    if check is not None:
        return _left_alone(FileResult(path, lang, "error", error=f"the rewrite would not parse ({check}); file left alone",
                                      original=text, review=plan.reviews, sdks=tuple(sdks), parse_warning=warning),
                           plan, loads)
    if new_body == body:
        return result
    result.status = "changed"
    result.rewritten = (BOM if bom else b"").decode() + new_body.decode("utf-8")
    if bom:
        result.original = text
    return result


# -- running over many files -------------------------------------------------------------------
_WORKER_PACKS: list[RulePack] = []
_WORKER_TEXTS = "all"


def _init_worker(packs: list[RulePack], texts: str = "all", project: ProjectContext | None = None) -> None:
    global _WORKER_PACKS, _WORKER_TEXTS
    _WORKER_PACKS = packs
    _WORKER_TEXTS = texts
    use_context(project)


def _imports_client_module(data: bytes) -> bool:
    """Whether a file without an SDK name may import an app module that exports a client (the
    project context's words); the adapter's bindings then decide from the import itself."""
    project = current()
    return project is not None and any(w in data for ws in project.words.values() for w in ws)


def _read(path: str) -> bytes:
    """A file's bytes with two system calls for a small file: every file of the tree is read once
    to be probed, and ``open()``'s buffered file object costs more than the read itself."""
    fd = os.open(path, os.O_RDONLY)
    try:
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
    finally:
        os.close(fd)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def _work(item: tuple[str, str], on_sites: Callable[[str, int, int], None] | None = None) -> FileResult | None:
    """Rewrite one file; None when it names no SDK at all (the common case, kept cheap to ship)."""
    display, real = item
    try:
        data = _read(real)
    except OSError as exc:
        return FileResult(display, "unknown", "error", error=f"cannot read: {exc.strerror or exc}")
    sdk_named = _probe_for(_WORKER_PACKS, display)(data)
    if not sdk_named and not _imports_client_module(data):
        return None
    reason = content_skip_reason(data)
    if reason is not None:
        return FileResult(display, "unknown", "skipped", error=reason)
    progress = (lambda done, total: on_sites(display, done, total)) if on_sites is not None else None
    res = rewrite_source(display, data, _WORKER_PACKS, progress)
    if not sdk_named and res.status == "unchanged" and not (res.changes or res.review or res.clients):
        return None  # it only named an app module's word: no client reached it
    # Shipping whole file texts back to the parent costs more than rewriting them: send only
    # what the caller will use (diffs need both, --write needs the new text, JSON needs neither).
    if _WORKER_TEXTS != "all":
        res.original = None
        if _WORKER_TEXTS == "none":
            res.rewritten = None
    return res


def run_files(
    items: Iterable[tuple[str, str]],
    packs: list[RulePack],
    jobs: int | None = None,
    texts: str = "all",
    on_sites: Callable[[str, int, int], None] | None = None,
    project: ProjectContext | None = None,
) -> Iterator[FileResult | None]:
    """Rewrite ``(display_path, real_path)`` pairs, in parallel when it pays off. Order is kept.

    A None result stands for a file that names no SDK (read, prefiltered, nothing to report).

    ``texts`` says which file texts results carry: "all" (for diffs), "rewritten" (to write) or
    "none" (counts and JSON only). ``on_sites(path, done, total)`` hears how far a long file is
    (in-process runs only: a small run, which is where one long file is the whole wait).
    ``project``: what the project-wide client model knows (codemod.clients); None rewrites each
    file on its own."""
    it = iter(items)
    head = list(itertools.islice(it, 256))
    jobs = jobs or os.cpu_count() or 1
    if jobs <= 1 or len(head) < 256:
        # Small runs: a process pool costs more to start than it saves.
        _init_worker(packs, texts, project)
        try:
            for item in itertools.chain(head, it):
                yield _work(item, on_sites)
        finally:
            use_context(None)  # this process rewrites files on their own again
        return
    # ``items`` may be a lazy directory walk: the workers start on the first chunks while the
    # walk goes on, so discovery overlaps with rewriting.
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(packs, texts, project)) as pool:
        yield from pool.map(_work, itertools.chain(head, it), chunksize=128)
