"""Dart call syntax as nodes: the tree-sitter Dart grammar has no call or member node.

``amplitude.track(x)`` parses as three flat siblings (``identifier``, ``selector(.track)``,
``selector(argument_part)``) inside whatever holds the expression, so no node spans "the call".
The matcher, the client model and the readers all work on call nodes, so this module groups
each flat postfix run into virtual nodes with the shape the other tree-sitter languages have:

- ``call_expression``: ``[callee, arguments]`` (``arguments`` is the real node);
- ``member_expression``: ``[receiver, name]``; for ``a?.b`` the receiver is a
  ``nullable_receiver`` spanning ``a?``, so a fix template writing ``$SDK.name(...)`` keeps the
  null-aware access;
- ``non_null_expression`` (``a!``) and ``cascade_expression`` (``Identify()..set(k, v)``, the
  cascade sections stay real nodes).

Virtual nodes are rebuilt on demand (cheap, per real node) and compare equal, and hash, by
(type, span), so an ``id`` is stable across rebuilds. This module only reads trees.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from tree_sitter import Node

POSTFIX = frozenset(
    {"selector", "cascade_section", "unconditional_assignable_selector", "conditional_assignable_selector"}
)
VIRTUAL = frozenset({"call_expression", "member_expression", "nullable_receiver", "non_null_expression",
                     "cascade_expression", "postfix_expression"})
SELECTOR_PARTS = frozenset({"selector", "unconditional_assignable_selector", "conditional_assignable_selector",
                            "argument_part"})
WRAPPERS = frozenset({"nullable_receiver", "non_null_expression", "parenthesized_expression"})


class VNode:
    """A virtual node over a run of real sibling nodes (see the module docstring)."""

    __slots__ = ("children", "container", "end_byte", "parent", "start_byte", "type")
    is_named = True
    is_error = False
    is_missing = False

    def __init__(self, type_: str, children: list[Any], start: int, end: int, container: Node) -> None:
        self.type = type_
        self.children = children
        self.start_byte = start
        self.end_byte = end
        self.container = container  # the real node whose children the run is part of
        self.parent: Any = container
        for c in children:
            if isinstance(c, VNode):
                c.parent = self

    @property
    def id(self) -> int:
        return hash((self.type, self.start_byte, self.end_byte))

    @property
    def text(self) -> bytes:
        base = self.container.start_byte
        return self.container.text[self.start_byte - base : self.end_byte - base]  # type: ignore[index]

    @property
    def start_point(self) -> Any:
        return _first_real(self).start_point

    @property
    def end_point(self) -> Any:
        return _last_real(self).end_point

    @property
    def has_error(self) -> bool:
        return any(c.has_error for c in self.children)

    @property
    def child_count(self) -> int:
        return len(self.children)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, VNode) and (self.type, self.start_byte, self.end_byte) == (
            other.type, other.start_byte, other.end_byte)

    def __hash__(self) -> int:
        return self.id

    def __repr__(self) -> str:
        return f"<VNode {self.type} {self.start_byte}-{self.end_byte}>"


def _first_real(n: Any) -> Any:
    while isinstance(n, VNode):
        n = n.children[0]
    return n


def _last_real(n: Any) -> Any:
    while isinstance(n, VNode):
        n = n.children[-1]
    return n


def grouped(node: Any) -> list[Any]:
    """The children of ``node`` with every flat postfix run grouped into one virtual node."""
    if isinstance(node, VNode):
        return node.children
    kids = node.children
    if not any(c.type in POSTFIX for c in kids):
        return list(kids)
    out: list[Any] = []
    i = 0
    while i < len(kids):
        c = kids[i]
        j = i + 1
        if c.is_named and c.type not in POSTFIX:
            while j < len(kids) and kids[j].type in POSTFIX:
                j += 1
        if j > i + 1:
            out.append(_chain(node, c, kids[i + 1 : j]))
        else:
            out.append(c)
        i = j
    return out


def _chain(container: Node, primary: Any, parts: list[Node]) -> Any:
    cur = primary
    for s in parts:
        if s.type == "cascade_section":
            if isinstance(cur, VNode) and cur.type == "cascade_expression":
                cur = VNode("cascade_expression", [*cur.children, s], cur.start_byte, s.end_byte, container)
            else:
                cur = VNode("cascade_expression", [cur, s], cur.start_byte, s.end_byte, container)
            continue
        inner = s.children[0] if s.type == "selector" and s.children else s
        if inner.type == "argument_part":
            args = next((c for c in inner.children if c.type == "arguments"), None)
            if args is None:
                cur = VNode("postfix_expression", [cur, s], cur.start_byte, s.end_byte, container)
                continue
            cur = VNode("call_expression", [cur, args], cur.start_byte, s.end_byte, container)
        elif inner.type in ("unconditional_assignable_selector", "conditional_assignable_selector"):
            name = next((c for c in reversed(inner.children) if c.type == "identifier"), None)
            if name is None:  # an index selector `a[0]`
                cur = VNode("postfix_expression", [cur, s], cur.start_byte, s.end_byte, container)
                continue
            recv = cur
            if inner.type == "conditional_assignable_selector":
                q = inner.children[0]
                recv = VNode("nullable_receiver", [cur], cur.start_byte, q.start_byte + 1, container)
            cur = VNode("member_expression", [recv, name], cur.start_byte, s.end_byte, container)
        elif inner.type == "!":
            cur = VNode("non_null_expression", [cur], cur.start_byte, s.end_byte, container)
        else:
            cur = VNode("postfix_expression", [cur, s], cur.start_byte, s.end_byte, container)
    return cur


def vparent(node: Any) -> Any:
    """The parent of ``node`` in the grouped tree (a virtual node when ``node`` is inside a run)."""
    if isinstance(node, VNode):
        return node.parent
    real = node.parent
    if real is None:
        return None
    while real.type in SELECTOR_PARTS and real.parent is not None:
        real = real.parent  # a name or argument list inside a selector: its run is one level up
    for g in grouped(real):
        if g.start_byte <= node.start_byte and node.end_byte <= g.end_byte:
            if not isinstance(g, VNode):
                return real
            return _holder_in(g, node)
    return real


def _holder_in(v: VNode, node: Any) -> Any:
    cur = v
    while True:
        nxt = None
        for c in cur.children:
            if c.start_byte <= node.start_byte and node.end_byte <= c.end_byte:
                if not isinstance(c, VNode) or (c.type, c.start_byte, c.end_byte) == (node.type, node.start_byte, node.end_byte):
                    return cur
                nxt = c
                break
        if nxt is None:
            return cur
        cur = nxt


def gwalk(node: Any) -> Iterator[Any]:
    """Every node under ``node`` in the grouped tree, in document order."""
    stack = [node]
    while stack:
        n = stack.pop()
        yield n
        stack.extend(reversed(grouped(n)))


def unwrap(node: Any) -> Any:
    """Through ``a?``, ``a!``, parentheses and ``await``: the expression itself."""
    while node is not None:
        if node.type in WRAPPERS:
            inner = [c for c in grouped(node) if c.is_named and c.type not in ("comment",)]
            if not inner:
                break
            node = inner[0]
        elif node.type in ("unary_expression", "await_expression"):
            inner = [c for c in grouped(node) if c.is_named]
            if len(inner) != 1:
                break
            node = inner[0]
        else:
            break
    return node


def call_parts(node: Any) -> tuple[Any | None, str, Any] | None:
    """``(receiver or None, callee name, name node)`` of a virtual call, else None."""
    if node is None or node.type != "call_expression" or not isinstance(node, VNode):
        return None
    callee = node.children[0]
    if callee.type == "identifier":
        return None, _text(callee), callee
    if callee.type == "member_expression":
        return callee.children[0], _text(callee.children[1]), callee.children[1]
    return None


def _text(node: Any) -> str:
    t = node.text
    return t.decode("utf-8", "replace") if t is not None else ""


def callee_name_of_arguments(args: Node) -> str | None:
    """The name a real ``arguments`` node is called on (``track`` in ``a.track(x)``,
    ``set`` in a cascade ``..set(k, v)``): signatures are looked up by it."""
    part = args.parent
    if part is None or part.type != "argument_part":
        return None
    holder = part.parent
    if holder is None:
        return None
    if holder.type == "cascade_section":
        sel = next((c for c in holder.children if c.type == "cascade_selector"), None)
        ident = next((c for c in sel.children if c.type == "identifier"), None) if sel is not None else None
        return _text(ident) if ident is not None else None
    prev = holder.prev_sibling
    if prev is None:
        return None
    if prev.type == "identifier":
        return _text(prev)
    if prev.type == "selector" and prev.children:
        inner = prev.children[0]
        ident = next((c for c in reversed(inner.children) if c.type == "identifier"), None)
        return _text(ident) if ident is not None else None
    return None


def argument_label(arg: Any) -> str | None:
    """``eventProperties`` of ``eventProperties: {...}``; None for a positional argument."""
    if arg.type != "named_argument":
        return None
    label = next((c for c in arg.children if c.type == "label"), None)
    ident = next((c for c in label.children if c.type == "identifier"), None) if label is not None else None
    return _text(ident) if ident is not None else None


def argument_value(arg: Any) -> Any:
    """The expression of an argument (after its label, if any), grouped into one node."""
    kids = [c for c in grouped(arg) if c.is_named and c.type not in ("label", "comment")]
    return kids[0] if len(kids) == 1 else arg


def arguments_of(call: Any) -> list[Any]:
    """The ``argument``/``named_argument`` nodes of a virtual call."""
    args = call.children[-1]
    return [c for c in args.children if c.type in ("argument", "named_argument")]
