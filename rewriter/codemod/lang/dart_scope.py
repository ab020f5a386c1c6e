"""Dart declarations and scopes: which names a file declares and which one a name refers to.

Fields and top-level variables (the type is a sibling before the names), locals, parameters
(typed, and untyped lambda parameters), constructor field parameters, and assignments
(``=``, ``??=``, ``this.x =``). ``lang/dart.py`` asks these to find the clients and to tell a
client from a look-alike that shadows it. Only reads trees.
"""

from __future__ import annotations

from typing import Any

from tree_sitter import Node

from rewriter.codemod.lang.dart_syntax import grouped
from rewriter.codemod.lang.ts_base import node_text
from rewriter.codemod.lang.ts_clients import Declaration


def assignment_target(ident: Node) -> bool:
    p = ident.parent
    return p is not None and p.type == "assignable_expression" and p.parent is not None and p.parent.type == "assignment_expression"


def _type_before(kids: list[Node], i: int) -> tuple[Node | None, str | None]:
    """The declared type among ``kids[:i]`` (``Amplitude`` of ``late final Amplitude? a``)."""
    for c in reversed(kids[:i]):
        if c.type == "type_identifier":
            return c, node_text(c)
        if c.type in ("nullable_type", "final_builtin", "const_builtin", "late", "static", "inferred_type", "covariant"):
            continue
        break
    return None, None


def _value_after_eq(node: Node) -> Any:
    kids = grouped(node)
    for i, c in enumerate(kids):
        if c.type == "=" and i + 1 < len(kids):
            return kids[i + 1]
    return None


def declaration(n: Node) -> list[Declaration] | None:
    t = n.type
    if t == "initialized_identifier_list":  # fields and top-level variables: the type is a sibling before
        holder = n.parent
        if holder is None:
            return None
        kids = list(holder.children)
        tnode, tname = _type_before(kids, kids.index(n)) if n in kids else (None, None)
        out = []
        for ii in n.children:
            if ii.type != "initialized_identifier":
                continue
            ident = next((c for c in ii.children if c.type == "identifier"), None)
            if ident is not None:
                out.append(Declaration(node_text(ident), ident, holder, tnode, tname, _value_after_eq(ii)))
        return out
    if t == "static_final_declaration":
        ident = next((c for c in n.children if c.type == "identifier"), None)
        holder = n.parent.parent if n.parent is not None and n.parent.parent is not None else n
        kids = list(holder.children) if holder is not n else []
        at = kids.index(n.parent) if n.parent in kids else 0
        tnode, tname = _type_before(kids, at) if kids else (None, None)
        return [Declaration(node_text(ident), ident, n, tnode, tname, _value_after_eq(n))] if ident is not None else None
    if t == "initialized_variable_definition":
        ident = n.child_by_field_name("name")
        if ident is None:
            return None
        kids = list(n.children)
        tnode, tname = _type_before(kids, kids.index(ident)) if ident in kids else (None, None)
        return [Declaration(node_text(ident), ident, n, tnode, tname, _value_after_eq(n))]
    if t == "formal_parameter":
        ident = n.child_by_field_name("name")
        if ident is None:
            return None
        kids = list(n.children)
        tnode, tname = _type_before(kids, kids.index(ident)) if ident in kids else (None, None)
        return [Declaration(node_text(ident), ident, n, tnode, tname)]
    if t == "assignment_expression":
        left = n.child_by_field_name("left")
        if left is None:
            return None
        inner = [c for c in left.children if c.is_named]
        if len(inner) == 1 and inner[0].type == "identifier":
            ident = inner[0]
        elif len(inner) == 2 and inner[0].type == "this" and inner[1].type == "unconditional_assignable_selector":
            ident = next((c for c in inner[1].children if c.type == "identifier"), None)
            if ident is None:
                return None
        else:
            return None
        kids = grouped(n)
        value = kids[-1] if kids else None
        return [Declaration(node_text(ident), ident, n, value=value, assignment=True)]
    return None


def declared_in(scope: Node, name: str, at: Node) -> Node | None:
    """A parameter or an earlier local of ``scope`` named ``name``."""
    if scope.type == "function_body":
        sig = scope.prev_sibling
        while sig is not None and sig.type in ("comment",):
            sig = sig.prev_sibling
        for p in _params(sig):
            if node_text(p) == name:
                return p
    if scope.type == "function_expression":
        for p in _params(scope):
            if node_text(p) == name:
                return p
    if scope.type in ("block", "program"):
        for stmt in scope.children:
            if scope.type == "block" and stmt.start_byte >= at.start_byte:
                break
            for d in _local_names(stmt):
                if node_text(d) == name:
                    return d
    return None


def _params(sig: Node | None) -> list[Node]:
    if sig is None:
        return []
    out = []
    stack = [sig]
    while stack:
        n = stack.pop()
        if n.type in ("function_body", "block"):
            continue
        if n.type == "formal_parameter":
            ident = n.child_by_field_name("name")
            if ident is not None:
                out.append(ident)
            else:  # `(a) => ...`: an untyped lambda parameter
                out += [c for c in n.children if c.type == "identifier"][-1:]
            continue
        stack.extend(n.children)
    return out


def _local_names(stmt: Node) -> list[Node]:
    if stmt.type == "local_variable_declaration":
        defn = next((c for c in stmt.children if c.type == "initialized_variable_definition"), None)
        ident = defn.child_by_field_name("name") if defn is not None else None
        return [ident] if ident is not None else []
    if stmt.type == "initialized_identifier_list":
        return [c for ii in stmt.children if ii.type == "initialized_identifier" for c in ii.children[:1] if c.type == "identifier"]
    if stmt.type == "static_final_declaration_list":
        return [c for d in stmt.children if d.type == "static_final_declaration" for c in d.children[:1] if c.type == "identifier"]
    return []


def class_member(body: Node, name: str) -> Node | None:
    for decl in body.children:
        if decl.type != "declaration":
            continue
        for lst in decl.children:
            for d in _local_names(lst):
                if node_text(d) == name:
                    return d
    return None
