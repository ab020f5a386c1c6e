"""Labelled-argument binding, shared by every language whose calls name their arguments.

Python keywords, Kotlin and Dart named arguments and Swift labels let the same call be written
several ways: ``mp.track(uid, "x")`` and ``mp.track(distinct_id=uid, event_name="x")`` are one call.
Given the callee's signature (parameter names in positional order, from verified SDK data), both a
call's arguments and a pattern's arguments are bound to parameter names, and the pattern matches
when every parameter it names matches — in any order, positional or labelled, optional ones
(``name=$X?``) allowed to be absent, and a ``$$$X`` / splat capture taking what is left.

A language adapter turns its syntax into ``CallArg``/``PatternArg`` lists; nothing here knows a
language. It never edits.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from rewriter.codemod.match.patterns import Capture, MatchContext, PNode, bind_capture, match_node

A = TypeVar("A", bound="CallArg")


@dataclass
class CallArg:
    """One argument of a call in source: ``label`` is None when positional; ``star`` is "", "*" or
    "**" (a splat: ``*args``, ``**kwargs``, Kotlin ``*array``)."""

    node: Any  # the whole argument (label included)
    value: Any
    label: str | None
    star: str = ""

    @property
    def kw(self) -> str | None:  # the Python spelling, kept for the Python reader
        return self.label


@dataclass
class BoundArgs(Generic[A]):
    """Arguments bound to parameter names by a known signature; what did not bind is kept apart."""

    named: dict[str, A]
    positional: list[A]
    stars: list[A]
    ok: bool = True


def bind_args(args: Sequence[A], params: tuple[str, ...] | None) -> BoundArgs[A]:
    """Bind call arguments to ``params`` (positional order) the way Python/Kotlin would: positional
    ones fill parameters in order until a splat, labelled ones go to their name; a parameter bound
    twice makes the call not ``ok``."""
    named: dict[str, A] = {}
    positional: list[A] = []
    stars: list[A] = []
    ok = True
    i = 0
    for a in args:
        if a.star:
            stars.append(a)
            continue
        if a.label is None:
            if params is not None and i < len(params) and not any(s.star == "*" for s in stars):
                if params[i] in named:
                    ok = False
                named[params[i]] = a
            else:
                positional.append(a)
            i += 1
        else:
            if a.label in named:
                ok = False
            named[a.label] = a
    return BoundArgs(named, positional, stars, ok)


@dataclass
class PatternArg:
    """One argument of a compiled pattern call. ``rest`` is "" for a plain argument, or the kind
    of leftover capture: "$$$" (any), "*" (positional splat only), "**" (labelled only)."""

    value: PNode
    label: str | None = None
    optional: bool = False
    rest: str = ""


def match_arguments(
    pattern: Sequence[PatternArg],
    args: Sequence[CallArg],
    signature: tuple[str, ...] | None,
    env: dict[str, Capture],
    ctx: MatchContext,
    empty_at: int,
) -> bool:
    """True when the call's ``args`` match the pattern's arguments under ``signature``.

    ``empty_at`` is where an empty leftover capture sits (just before the closing parenthesis)."""
    bound = bind_args(args, signature)
    if not bound.ok:
        return False
    named: list[tuple[str, PNode, bool]] = []
    positional: list[PNode] = []
    rest: PatternArg | None = None
    index = 0
    for a in pattern:
        if a.rest:
            rest = a
            continue
        if a.label is not None:
            named.append((a.label, a.value, a.optional))
            continue
        if rest is None and signature is not None and index < len(signature):
            named.append((signature[index], a.value, a.optional))
        else:
            positional.append(a.value)
        index += 1
    used: set[int] = set()
    for label, value, optional in named:
        ta = bound.named.get(label)
        if ta is None:
            if optional:
                continue
            return False
        if not match_node(value, ta.value, env, ctx):
            return False
        used.add(id(ta))
    free = list(bound.positional)
    if len(positional) > len(free):
        return False
    for pv, ta in zip(positional, free, strict=False):
        if not match_node(pv, ta.value, env, ctx):
            return False
        used.add(id(ta))
    left = [a for a in args if id(a) not in used]
    if rest is None:
        return not left
    if rest.rest == "**" and any(a.label is None and a.star != "**" for a in left):
        return False
    if rest.rest == "*" and any(a.label is not None or a.star == "**" for a in left):
        return False
    cap = Capture(tuple(a.node for a in left), True, empty_at=empty_at)
    return bind_capture(rest.value.meta or "_", cap, env, ctx)
