"""Swift syntax helpers shared by the adapter, its name resolution, reader and printer.

tree-sitter-swift 0.7.4 node shapes only: ``a.b`` / ``a?.b`` (navigation expressions), calls and
their labelled arguments, declared types, and a few tree predicates. No SDK knowledge here.
"""

from __future__ import annotations

from tree_sitter import Node

from rewriter.codemod.lang.ts_base import node_text


def unwrap(node: Node | None) -> Node | None:
    """Through parentheses and ``!`` (force unwrap): the expression itself."""
    while node is not None:
        if node.type == "tuple_expression" and len([c for c in node.children if c.is_named]) == 1:
            node = next(c for c in node.children if c.is_named)
            continue
        if node.type == "postfix_expression" and node.child_count == 2 and node.children[1].type == "bang":
            node = node.children[0]
            continue
        break
    return node


def nav_target(nav: Node) -> Node | None:
    """The object of ``a.b`` / ``a?.b`` (without the ``?``)."""
    for c in nav.children_by_field_name("target"):
        if c.is_named and c.type != "?":
            return c
    return None


def nav_name(nav: Node) -> Node | None:
    """The member name node of ``a.b``."""
    suffix = nav.child_by_field_name("suffix")
    return suffix.child_by_field_name("suffix") if suffix is not None else None


def call_parts(node: Node | None) -> tuple[Node | None, str, Node | None] | None:
    """``(receiver or None, callee name, name node)`` of a call, else None."""
    if node is None or node.type != "call_expression" or not node.children:
        return None
    callee = node.children[0]
    if callee.type == "simple_identifier":
        return None, node_text(callee), callee
    if callee.type == "navigation_expression":
        name = nav_name(callee)
        if name is not None and name.type == "simple_identifier":
            return nav_target(callee), node_text(name), name
    return None


def call_arguments(call: Node) -> list[Node]:
    """The ``value_argument`` nodes of a call (a trailing closure is not one)."""
    suffix = next((c for c in call.children if c.type == "call_suffix"), None)
    args = next((c for c in suffix.children if c.type == "value_arguments"), None) if suffix else None
    return [c for c in args.children if c.type == "value_argument"] if args is not None else []


def trailing_closure(call: Node) -> bool:
    suffix = next((c for c in call.children if c.type == "call_suffix"), None)
    return suffix is not None and any(c.type == "lambda_literal" for c in suffix.children)


def argument_label(arg: Node) -> str | None:
    """``eventType`` of ``eventType: "x"``; None for a positional argument."""
    label = arg.child_by_field_name("name")
    return node_text(label).strip() if label is not None else None


def argument_value(arg: Node) -> Node:
    value = arg.child_by_field_name("value")
    return value if value is not None else arg


def labelled(call: Node) -> dict[str, Node]:
    """A call's arguments by label (``_`` for positional ones, first wins)."""
    out: dict[str, Node] = {}
    for a in call_arguments(call):
        out.setdefault(argument_label(a) or "_", argument_value(a))
    return out


def type_name(node: Node | None) -> str | None:
    """Simple name of a declared type: ``Amplitude`` for ``Amplitude``, ``Amplitude?``, ``Amplitude!``."""
    while node is not None and node.type in ("optional_type", "implicitly_unwrapped_type", "type_annotation"):
        node = next((c for c in node.children if c.is_named), None)
    if node is None or node.type != "user_type":
        return None
    idents = [c for c in node.children if c.type == "type_identifier"]
    return node_text(idents[0]) if len(idents) == 1 else None


def contains(outer: Node, inner: Node) -> bool:
    return outer.start_byte <= inner.start_byte and inner.end_byte <= outer.end_byte
