"""Small JavaScript syntax helpers the reader and printer share: object literals, arguments, layout.

Everything returns ``None`` when the code is not the simple literal shape a faithful rewrite
needs; callers turn that into a review item instead of guessing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rewriter.codemod.lang.javascript import significant


@dataclass
class Prop:
    """One ``key: value`` of an object literal; ``key`` is the bare name when it is static."""

    key: str | None
    key_node: Any
    value: Any
    node: Any


def args_of(call: Any) -> list[Any]:
    """Named argument nodes of a call/new expression."""
    args = call.child_by_field_name("arguments")
    return [a for a in significant(args) if a.is_named] if args is not None else []


def object_props(node: Any) -> list[Prop] | None:
    """Pairs of a plain object literal (no spreads, methods or computed keys with side effects)."""
    if node is None or node.type != "object":
        return None
    out: list[Prop] = []
    for child in significant(node):
        if child.type == "pair":
            key = child.child_by_field_name("key")
            value = child.child_by_field_name("value")
            out.append(Prop(static_key(key), key, value, child))
        elif child.type == "shorthand_property_identifier":
            out.append(Prop(child.text.decode(), child, child, child))
        else:
            return None
    return out


def static_key(key: Any) -> str | None:
    if key is None:
        return None
    if key.type in ("property_identifier", "identifier"):
        return key.text.decode()
    if key.type == "string":
        return "".join(c.text.decode() for c in key.children if c.type == "string_fragment")
    return None










def statement_indent(source: bytes, pos: int) -> str:
    start = source.rfind(b"\n", 0, pos) + 1
    prefix = source[start:pos]
    return prefix.decode() if not prefix.strip() else ""


def eol(source: bytes) -> str:
    return "\r\n" if b"\r\n" in source else "\n"
