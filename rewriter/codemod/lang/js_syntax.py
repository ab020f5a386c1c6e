"""Small readers for JavaScript syntax that transforms share: object literals, literals, chains.

Everything returns ``None`` when the code is not the simple literal shape a faithful rewrite
needs; callers turn that into a review item instead of guessing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rewriter.codemod.lang.javascript import significant

LITERAL_TYPES = frozenset({"string", "number", "true", "false", "null", "undefined", "template_string"})


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


def string_value(node: Any) -> str | None:
    if node is None or node.type != "string":
        return None
    return "".join(c.text.decode() for c in node.children if c.type in ("string_fragment", "escape_sequence"))


def quote_of(node: Any, default: str = "'") -> str:
    if node is not None and node.type == "string":
        return node.text.decode()[:1]
    return default


def key_source(ctx: Any, node: Any) -> str:
    """A key expression usable inside an object literal: strings/names verbatim, others computed."""
    if node.type in ("string", "number", "property_identifier"):
        return ctx.text(node)
    if node.type == "identifier":
        return f"[{ctx.text(node)}]"
    return f"[{ctx.text(node)}]"


def is_nullish(node: Any) -> bool:
    return node is not None and node.type in ("null", "undefined") or (
        node is not None and node.type == "identifier" and node.text == b"undefined"
    )


def statement_indent(source: bytes, pos: int) -> str:
    start = source.rfind(b"\n", 0, pos) + 1
    prefix = source[start:pos]
    return prefix.decode() if not prefix.strip() else ""


def eol(source: bytes) -> str:
    return "\r\n" if b"\r\n" in source else "\n"


def insert_into_object(ctx: Any, obj: Any, entry: str) -> str:
    """Source text of object literal ``obj`` with ``entry`` appended as its last property."""
    text = ctx.text(obj)
    inner = text[1:-1]
    body = inner.rstrip()
    if not body.strip():
        return "{ " + entry + " }"
    trailing = inner[len(body) :]
    if body.endswith(","):
        return "{" + body + " " + entry + "," + trailing + "}"
    return "{" + body + ", " + entry + trailing + "}"


def remove_from_object(ctx: Any, obj: Any, prop: Prop) -> str:
    """Source text of ``obj`` without ``prop`` (and its separating comma)."""
    src = ctx.parsed.source
    s, e = prop.node.start_byte, prop.node.end_byte
    j = e
    while j < obj.end_byte and src[j : j + 1] in (b" ", b"\t"):
        j += 1
    if src[j : j + 1] == b",":
        e = j + 1
        while e < obj.end_byte and src[e : e + 1] in (b" ", b"\t"):
            e += 1
    else:
        k = s
        while k > obj.start_byte and src[k - 1 : k] in (b" ", b"\t", b"\n", b"\r"):
            k -= 1
        if src[k - 1 : k] == b",":
            s = k - 1
    out = ctx.render(obj.start_byte, s) + ctx.render(e, obj.end_byte)
    return "{}" if not out[1:-1].strip() else out
