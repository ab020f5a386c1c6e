"""What an Amplitude Identify means, independent of the language it is written in.

Both the JavaScript and the Python transforms turn an Identify chain into Mixpanel profile calls
(and back). The semantics live here once: which operations have no Mixpanel counterpart, that an
Identify keeps only the first operation on a key (trap 8), how operations group into one call per
kind, and the notes a reviewer needs. Language modules only read and write syntax.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TypeVar

T = TypeVar("T")

UNION_NOTE = "{op} ↔ union: union merges without duplicates; closest pair, not identical"
APPEND_NOTE = "append of a list value may differ between vendors (unverified server-side)"
_CANONICAL = {"setOnce": "set_once", "postInsert": "post_insert", "preInsert": "pre_insert", "clearAll": "clear_all"}
_NO_EQUIVALENT = {
    "prepend": "Mixpanel has no prepend operation",
    "pre_insert": "Mixpanel has no ordered insert ({op})",
    "clear_all": "{op} has no Mixpanel equivalent (deleting the whole profile is the only counterpart)",
}


def canonical(op: str) -> str:
    """``setOnce`` and ``set_once`` are the same operation."""
    return _CANONICAL.get(op, op)


def arity(op: str) -> int:
    """Arguments an Identify operation takes: ``unset(key)``, every other one ``(key, value)``."""
    return 1 if canonical(op) in ("unset", "clear_all") else 2


def validate(ops: Sequence[tuple[str, bool, str]], allowed: Iterable[str]) -> str | None:
    """Why a chain cannot be rewritten faithfully, or None.

    ``ops`` holds ``(op as spelled, arguments usable, key text)`` in chain order; ``allowed`` the
    spelled operations the target can express."""
    allowed = set(allowed)
    if not ops:
        return "empty Identify: nothing to migrate"
    seen: set[str] = set()
    for op, args_ok, key in ops:
        reason = _NO_EQUIVALENT.get(canonical(op))
        if reason is not None:
            return reason.format(op=op)
        if op not in allowed:
            return f"Identify.{op} has no faithful equivalent here"
        if not args_ok:
            return f"Identify.{op} called with unusual arguments (expected {arity(op)}); migrate by hand"
        if key in seen:
            return f"Identify applies only the first operation on key {key}; the rewrite would differ"
        seen.add(key)
    return None


def grouped(ops: Iterable[tuple[str, T]], kind_of: Mapping[str, str]) -> list[tuple[str, list[T]]]:
    """Entries per target call kind, kinds in order of first appearance."""
    groups: dict[str, list[T]] = {}
    for op, entry in ops:
        groups.setdefault(kind_of[op], []).append(entry)
    return list(groups.items())


def notes(kinds: Sequence[str], extra: Iterable[str | None] = (), union_op: str = "postInsert") -> str | None:
    """The review notes for a rewrite producing calls of ``kinds``."""
    out = [n for n in extra if n]
    if any(k.endswith("union") for k in kinds):
        out.append(UNION_NOTE.format(op=union_op))
    if any(k.endswith("append") for k in kinds):
        out.append(APPEND_NOTE)
    if len(kinds) > 1:
        out.append(f"one Identify became {len(kinds)} Mixpanel requests (not atomic)")
    return "; ".join(out) or None
