"""Swift name resolution: which declaration a name refers to, lexically.

Parameters and closure parameters, ``if``/``guard let`` bindings (the shorthand ``if let x``
unwraps the outer ``x``), locals declared before the use, members of the enclosing type (and of
its other bodies in the file: ``extension S`` sees ``class S``'s stored properties) and
top-level declarations. ``self.x`` looks at members only; ``other.x`` is never a name in scope.
A mixin of ``SwiftAdapter`` (lang/swift.py), kept apart so each module stays small.
"""

from __future__ import annotations

from tree_sitter import Node, QueryCursor

from rewriter.codemod.lang.base import ParsedFile
from rewriter.codemod.lang.swift_syntax import contains, nav_name, nav_target, type_name
from rewriter.codemod.lang.treesitter import get_query
from rewriter.codemod.lang.ts_base import descendants, node_text
from rewriter.codemod.lang.ts_clients import Declaration

#: Scopes whose statements may declare locals used after them.
BLOCKS = frozenset({"statements"})
#: Scopes whose members are visible everywhere inside them.
MEMBER_SCOPES = frozenset({"class_body", "protocol_body", "enum_class_body", "source_file"})
FUNCTIONS = frozenset({"function_declaration", "init_declaration"})
BINDING_STATEMENTS = frozenset({"if_statement", "guard_statement", "while_statement"})


class SwiftScopes:
    """Declarations and lexical resolution (needs ``self.grammar``)."""

    grammar: str = "swift"

    def declarations_of(self, parsed: ParsedFile, names: set[str]) -> list[Declaration]:
        """Every binding of the file in document order: properties and locals, parameters,
        ``if``/``guard let`` bindings (values are read later, so a binding from a client is a
        client too)."""
        query = get_query(
            self.grammar,
            "(property_declaration) @d (parameter) @d (if_statement) @d (guard_statement) @d",
        )
        nodes = sorted(QueryCursor(query).captures(parsed.tree.root_node).get("d", []), key=lambda n: n.start_byte)
        out: list[Declaration] = []
        for node in nodes:
            out.extend(self._declarations(node))
        return out

    def _declarations(self, node: Node) -> list[Declaration]:
        if node.type == "property_declaration":
            pattern = node.child_by_field_name("name")
            ident = pattern.child_by_field_name("bound_identifier") if pattern is not None else None
            if ident is None:
                return []
            tnode = next((c for c in node.children if c.type == "type_annotation"), None)
            value = node.child_by_field_name("value")
            return [Declaration(node_text(ident), ident, node, tnode, type_name(tnode), value)]
        if node.type == "parameter":
            ident = node.child_by_field_name("name")
            tnode = next((c for c in node.children_by_field_name("name") if c.type != "simple_identifier"), None)
            if ident is None or ident.type != "simple_identifier":
                return []
            return [Declaration(node_text(ident), ident, node, tnode, type_name(tnode))]
        out = []
        kids = list(node.children)
        for i, c in enumerate(kids):
            if c.type == "simple_identifier" and node.field_name_for_child(i) == "bound_identifier":
                # `if let x = v`; the shorthand `if let x` / `guard let x` unwraps the outer `x`
                # (its own name stands for the value, resolved from outside the statement).
                value = c
                if i + 2 < len(kids) and kids[i + 1].type == "=":
                    value = kids[i + 2]
                out.append(Declaration(node_text(c), c, node, None, None, value))
        return out

    # -- name resolution -------------------------------------------------------------------------
    def resolve(self, ident: Node) -> Node | None:
        """The binding ``ident`` refers to (None: declared elsewhere)."""
        name = node_text(ident)
        parent = ident.parent
        self_member = False
        if parent is not None and parent.type == "navigation_expression" and nav_name(parent) is not None:
            if nav_name(parent) == ident or (parent.child_by_field_name("suffix") is not None
                                             and ident.parent == parent.child_by_field_name("suffix")):
                target = nav_target(parent)
                if target is None or target.type != "self_expression":
                    return None  # a member of some other object
                self_member = True
        if parent is not None and parent.type == "navigation_suffix":
            nav = parent.parent
            target = nav_target(nav) if nav is not None else None
            if target is None or target.type != "self_expression":
                return None
            self_member = True
        cur = ident.parent
        prev = ident
        while cur is not None:
            if not self_member:
                found = self._declared_in(cur, name, ident, prev)
                if found is not None:
                    return found
            if cur.type in MEMBER_SCOPES:
                found = self._member(cur, name)
                if found is None and cur.type != "source_file":
                    found = self._extension_member(cur, name)
                if found is not None or (self_member and cur.type != "source_file"):
                    return found
            prev = cur
            cur = cur.parent
        return None

    def _declared_in(self, scope: Node, name: str, at: Node, child: Node) -> Node | None:
        if scope.type in FUNCTIONS:
            for p in scope.children:
                if p.type == "parameter":
                    ident = p.child_by_field_name("name")
                    if ident is not None and ident.type == "simple_identifier" and node_text(ident) == name:
                        return ident
        if scope.type == "lambda_literal":
            for p in descendants(scope.child_by_field_name("type"), "lambda_parameter"):
                ident = p.child_by_field_name("name")
                if ident is not None and node_text(ident) == name:
                    return ident
        if scope.type in BINDING_STATEMENTS and scope.type != "guard_statement":
            for d in self._declarations(scope):
                if d.name == name and d.name_node != at and (d.value is None or not contains(d.value, at)):
                    return d.name_node
        if scope.type in BLOCKS:
            for stmt in scope.children:
                if stmt.start_byte >= at.start_byte:
                    break
                if stmt.type == "guard_statement" and contains(stmt, at):
                    continue  # `guard let x` names the outer `x` in its own condition
                if stmt.type in ("property_declaration", "guard_statement"):
                    for d in self._declarations(stmt):
                        if d.name == name:
                            return d.name_node
        return None

    def _extension_member(self, body: Node, name: str) -> Node | None:
        """A member declared in another body of the same type in this file (``extension S``
        uses the stored properties of ``class S``)."""
        decl = body.parent
        tname = decl.child_by_field_name("name") if decl is not None else None
        if decl is None or tname is None:
            return None
        root = decl
        while root.parent is not None:
            root = root.parent
        for other in root.children:
            oname = other.child_by_field_name("name") if other.type == "class_declaration" else None
            if other.id == decl.id or oname is None or node_text(oname) != node_text(tname):
                continue
            obody = other.child_by_field_name("body")
            found = self._member(obody, name) if obody is not None else None
            if found is not None:
                return found
        return None

    def _member(self, scope: Node, name: str) -> Node | None:
        for stmt in scope.children:
            if stmt.type == "property_declaration":
                for d in self._declarations(stmt):
                    if d.name == name:
                        return d.name_node
        return None
