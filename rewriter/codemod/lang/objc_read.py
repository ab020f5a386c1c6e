"""Objective-C values: what a captured expression is, for readers of any rule (the tracking plan
reads event names and property keys through ``value_of``). The Objective-C packs rewrite with
``fix:`` templates, so this module has no operation readers; it only tells literals apart:
``@"x"`` is a string, ``@{...}`` a dictionary with its entries, ``@1``/``@(x)`` a number or boxed
expression, ``nil`` null."""

from __future__ import annotations

from typing import Any

from rewriter.codemod.lang.ts_base import node_text
from rewriter.codemod.ops.ir import Entry, Value
from rewriter.codemod.ops.site import Site


def _literal(node: Any) -> str | None:
    if node is None or node.type != "string_literal":
        return None
    parts = [c for c in node.children if c.type not in ("@", '"')]
    if any(c.type != "string_content" for c in parts):
        return None  # escapes: not read as a literal
    return "".join(node_text(c) for c in parts)


def value_of(site: Site, node: Any) -> Value:
    """A ``Value`` of an Objective-C expression, with its literal kind."""
    t = node.type
    literal = None
    entries = None
    if t == "string_literal":
        kind, literal = "string", _literal(node)
    elif t == "number_literal" or (t == "at_expression" and any(c.type == "number_literal" for c in node.children)):
        kind = "number"
    elif t == "dictionary_literal":
        kind = "map"
        pairs = [c for c in node.children if c.type == "dictionary_pair"]
        items = []
        for pair in pairs:
            named = [c for c in pair.children if c.is_named]
            if len(named) != 2:
                items = None
                break
            items.append(Entry(value_of(site, named[0]), value_of(site, named[1]), _literal(named[0])))
        entries = tuple(items) if items is not None else None
    elif t in ("nil", "null") or node_text(node) == "nil":
        kind = "null"
    elif t == "identifier":
        kind = "name"
    else:
        kind = "other"
    return Value(site.text(node), kind, node.start_byte, node.end_byte, literal=literal, entries=entries, node=node)  # type: ignore[arg-type]
