"""Structural code patterns with ``$META`` / ``$$$META`` metavariables, matched against syntax trees.

A pattern is ordinary source code of the target language (``$SDK.logEvent($EVENT, $PROPS)``),
parsed once by the language adapter and turned into a small immutable ``PNode`` tree. Matching
compares node types and leaf text, skipping trivia (punctuation, quotes, comments) the adapter
names, so ``'a'`` matches ``"a"`` and a trailing comma never matters.

- ``$X`` matches one node and captures it; a second ``$X`` must have the same text.
- ``$$$X`` matches zero or more sibling nodes (an argument list tail, say).
- ``$_`` / ``$$$_`` match without capturing.
- ``$SDK`` matches only a node the file's bindings say denotes the SDK (binding-aware matching).

This module knows no language: adapters supply ``significant_children`` and a ``special`` hook for
language-specific equivalences (a named import standing for ``$SDK.member``). It never edits.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

META_RE = re.compile(r"^(\${1,3})([A-Z_][A-Z0-9_]*)$")
SDK = "SDK"


class SyntaxNode(Protocol):
    """The slice of a syntax-tree node the matcher needs (tree-sitter's ``Node`` satisfies it)."""

    @property
    def type(self) -> str: ...
    @property
    def start_byte(self) -> int: ...
    @property
    def end_byte(self) -> int: ...
    @property
    def is_named(self) -> bool: ...
    @property
    def children(self) -> Sequence[Any]: ...
    @property
    def parent(self) -> Any: ...


@dataclass(frozen=True, slots=True)
class PNode:
    """A compiled pattern node."""

    type: str
    text: str | None = None
    children: tuple[PNode, ...] = ()
    meta: str | None = None
    multi: bool = False


@dataclass(frozen=True, slots=True)
class Pattern:
    """A compiled pattern; ``root.type`` is used to index candidate nodes."""

    source: str
    root: PNode


@dataclass(slots=True)
class Capture:
    """What a metavariable matched: one node, or a (possibly empty) run of sibling nodes."""

    nodes: tuple[Any, ...]
    multi: bool
    empty_at: int = 0

    @property
    def node(self) -> Any:
        return self.nodes[0] if self.nodes else None

    @property
    def start(self) -> int:
        return self.nodes[0].start_byte if self.nodes else self.empty_at

    @property
    def end(self) -> int:
        return self.nodes[-1].end_byte if self.nodes else self.empty_at


@dataclass(slots=True)
class MatchContext:
    """Per-file facts the matcher consults: the source bytes and the SDK binding predicates."""

    source: bytes
    is_sdk: Callable[[Any], bool]
    special: Callable[[PNode, Any, dict[str, Capture], MatchContext], bool | None] = lambda *_: None
    significant: Callable[[Any], list[Any]] = lambda n: [c for c in n.children if c.is_named]

    def text(self, node: Any) -> str:
        return self.source[node.start_byte : node.end_byte].decode("utf-8", "replace")


@dataclass(slots=True)
class Match:
    """One successful match of a pattern at ``node``."""

    node: Any
    captures: dict[str, Capture] = field(default_factory=dict)


def compile_tree(node: Any, source: bytes, significant: Callable[[Any], list[Any]]) -> PNode:
    """Turn a parsed pattern subtree into a ``PNode`` tree, recognising metavariables."""
    text = source[node.start_byte : node.end_byte].decode()
    kids = significant(node)
    m = META_RE.match(text)
    if m and len(m.group(1)) != 2 and not [k for k in kids if k.is_named and significant(k)]:
        name = m.group(2)
        return PNode(type=node.type, meta=name, multi=len(m.group(1)) == 3)
    if not kids:
        return PNode(type=node.type, text=text)
    return PNode(type=node.type, children=tuple(compile_tree(k, source, significant) for k in kids))


def bind_capture(name: str, cap: Capture, env: dict[str, Capture], ctx: MatchContext) -> bool:
    """Record a capture; a metavariable seen before must capture the same text again."""
    if name == "_":
        return True
    prev = env.get(name)
    if prev is not None:
        return ctx.source[prev.start : prev.end] == ctx.source[cap.start : cap.end]
    env[name] = cap
    return True


def match_node(p: PNode, t: Any, env: dict[str, Capture], ctx: MatchContext) -> bool:
    """True when ``t`` matches ``p``; captures are added to ``env`` (caller snapshots on failure)."""
    if p.meta is not None and not p.multi:
        if not t.is_named:
            return False
        if p.meta == SDK and not ctx.is_sdk(t):
            return False
        return bind_capture(p.meta, Capture((t,), False), env, ctx)
    special = ctx.special(p, t, env, ctx)
    if special is not None:
        return special
    if p.type != t.type:
        return False
    if p.text is not None:
        kids = ctx.significant(t)
        if kids:
            return False
        return ctx.text(t) == p.text
    return _match_seq(p.children, ctx.significant(t), 0, 0, env, ctx, t.end_byte)


def _match_seq(
    ps: tuple[PNode, ...], ts: list[Any], i: int, j: int, env: dict[str, Capture], ctx: MatchContext, end: int
) -> bool:
    if i == len(ps):
        return j == len(ts)
    p = ps[i]
    if p.multi:
        rest_min = sum(1 for q in ps[i + 1 :] if not q.multi)
        for k in range(j, len(ts) - rest_min + 1):
            snapshot = dict(env)
            at = ts[j].start_byte if j < len(ts) else (ts[-1].end_byte if ts else end)
            cap = Capture(tuple(ts[j:k]), True, empty_at=at)
            if all(n.is_named for n in cap.nodes) and bind_capture(p.meta or "_", cap, env, ctx):
                if _match_seq(ps, ts, i + 1, k, env, ctx, end):
                    return True
            env.clear()
            env.update(snapshot)
        return False
    if j >= len(ts):
        return False
    snapshot = dict(env)
    if match_node(p, ts[j], env, ctx) and _match_seq(ps, ts, i + 1, j + 1, env, ctx, end):
        return True
    env.clear()
    env.update(snapshot)
    return False


def match(pattern: Pattern, node: Any, ctx: MatchContext) -> Match | None:
    """Match ``pattern`` exactly at ``node``."""
    env: dict[str, Capture] = {}
    if match_node(pattern.root, node, env, ctx):
        return Match(node, env)
    return None
