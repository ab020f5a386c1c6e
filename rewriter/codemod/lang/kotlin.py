"""Kotlin adapter: Amplitude Kotlin, legacy Amplitude Android and Mixpanel Android from Kotlin.

Everything language-neutral comes from ``ts_base`` (parse, verify, patterns, candidates,
imports) and ``ts_clients`` (the client model: bindings, all-or-nothing planning, labelled
arguments, import swap). This module only knows Kotlin syntax: how a pattern snippet parses
(``$X`` is not a Kotlin identifier), imports, declarations (properties, constructor and function
parameters, assignments), which declaration a name resolves to (so a lambda parameter or a local
``val amplitude = something()`` shadows the client), the role each reference plays (a call on
the client, a type, a creation, a property access, the client passed on), and what a labelled
argument looks like (``track(eventType = "x")``), and the syntax hooks the reader and printer
shared with Java ask (``android_read``/``android_emit``). Never writes files.
"""

from __future__ import annotations

from typing import Any

from tree_sitter import Node

from rewriter.codemod.lang.base import ParsedFile
from rewriter.codemod.lang.treesitter import capture_nodes, get_query
from rewriter.codemod.lang.ts_base import ImportLine, descendants, inside, node_text
from rewriter.codemod.lang.ts_clients import ClientAdapter, ClientBindings, Declaration
from rewriter.codemod.packs.loader import RulePack

PATTERN_PREFIX = b"fun __rewriter_pattern__() {\n"
PATTERN_SUFFIX = b"\n}\n"
WRAPPERS = frozenset({"parenthesized_expression"})
SCOPES_WITH_LOCALS = frozenset({"block", "statements", "control_structure_body", "lambda_literal"})
DECLARATION_TYPES = ("property_declaration", "class_parameter", "parameter", "assignment")
MAP_BUILDERS = frozenset({"mapOf", "mutableMapOf", "hashMapOf", "linkedMapOf", "emptyMap", "buildMap"})
#: Client methods (and Kotlin property forms) that return another SDK object whose calls are the operation.
ACCESSORS = frozenset({"getPeople"})
PROPERTY_ACCESSORS = frozenset({"people"})


def unwrap(node: Node | None) -> Node | None:
    """Through parentheses and ``!!``: the expression itself."""
    while node is not None:
        if node.type in WRAPPERS or (node.type == "unary_expression" and node_text(node).endswith("!!")):
            inner = [c for c in node.children if c.is_named and c.type not in KotlinAdapter.COMMENTS]
            if not inner:
                break
            node = inner[0]
            continue
        break
    return node


def call_parts(node: Node | None) -> tuple[Node | None, str, Node | None] | None:
    """``(receiver or None, callee name, name node)`` of a call, else None."""
    if node is None or node.type != "call_expression" or not node.children:
        return None
    callee = node.children[0]
    if callee.type == "identifier":
        return None, node_text(callee), callee
    if callee.type == "navigation_expression":
        named = [c for c in callee.children if c.is_named and c.type not in KotlinAdapter.COMMENTS]
        if len(named) == 2 and named[1].type == "identifier":
            return named[0], node_text(named[1]), named[1]
    return None


def type_name(node: Node | None) -> str | None:
    """Simple name of a declared type: ``Amplitude`` for ``Amplitude`` and ``Amplitude?``."""
    if node is not None and node.type == "nullable_type":
        node = next((c for c in node.children if c.type == "user_type"), None)
    if node is None or node.type != "user_type":
        return None
    idents = [c for c in node.children if c.type == "identifier"]
    return node_text(idents[0]) if len(idents) == 1 else None


def argument_label(arg: Node) -> str | None:
    """``eventType`` of ``eventType = "x"``; None for a positional argument."""
    kids = [c for c in arg.children if c.type not in KotlinAdapter.COMMENTS]
    if len(kids) >= 3 and kids[0].type == "identifier" and kids[1].type == "=":
        return node_text(kids[0])
    return None


def argument_value(arg: Node) -> Node:
    """The expression of a value argument (after its label, if any)."""
    named = [c for c in arg.children if c.is_named and c.type not in KotlinAdapter.COMMENTS]
    return named[-1] if named else arg


class KotlinAdapter(ClientAdapter):
    """``.kt`` / ``.kts`` files."""

    PATTERN_PREFIX = PATTERN_PREFIX
    PATTERN_SUFFIX = PATTERN_SUFFIX
    DOLLAR_IDENTIFIERS = False
    id = "kotlin"
    family = "kotlin"
    grammar = "kotlin"
    extensions = (".kt", ".kts")
    operations = frozenset({"init", "track", "identify", "profile", "reset", "opt-out", "set-group", "flush"})
    reader_module = "rewriter.codemod.lang.android_read"
    printer_module = "rewriter.codemod.lang.android_emit"
    COMMENTS = frozenset({"line_comment", "block_comment"})
    TRIVIA = frozenset({"(", ")", ",", ".", "?.", '"', '"""', "{", "}", "[", "]"})
    STATEMENT_CONTAINERS = frozenset({"block", "statements", "source_file", "control_structure_body", "lambda_literal"})
    ARGUMENT_LIST = "value_arguments"
    ARGUMENT = "value_argument"
    #: The spelling of syntax the shared printer writes.
    NEW = ""
    STATEMENT_END = ""
    # -- patterns --------------------------------------------------------------------------------
    def callee_query(self, node_type: str, quoted_names: str) -> str | None:
        if node_type != "call_expression":
            return None
        return (
            "((call_expression . [(navigation_expression (identifier) @k .) (identifier) @k]) @n"
            f" (#any-of? @k {quoted_names}))"
        )

    # -- syntax hooks ----------------------------------------------------------------------------
    def call_parts(self, node: Node | None) -> tuple[Node | None, str, Node | None] | None:
        return call_parts(node)

    def argument_label(self, arg: Node) -> str | None:
        return argument_label(arg)

    def argument_value(self, arg: Node) -> Node:
        return argument_value(arg)

    def read_problem(self, op: str, m: Any, pack: RulePack) -> str | None:
        from rewriter.codemod.lang.android_read import shape_problem

        return shape_problem(self, op, m, pack)

    # -- syntax hooks of the shared Android reader and printer -------------------------------------
    def call_arguments(self, node: Node) -> list[Node]:
        args = next((c for c in node.children if c.type == "value_arguments"), None)
        return [c for c in args.children if c.type == "value_argument"] if args is not None else []

    def unwrap(self, node: Node | None) -> Node | None:
        return unwrap(node)

    def literal_kind(self, node: Any) -> str:
        """The ``ir.ValueKind`` of an expression, from syntax alone."""
        inner = unwrap(node)
        if inner is None:
            return "other"
        text = node_text(inner)
        if inner.type == "identifier":
            if text == "null":
                return "null"
            return "bool" if text in ("true", "false") else "name"
        if inner.type == "string_literal":
            return "string"
        if inner.type == "number_literal":
            return "number"
        if _builder(inner) in MAP_BUILDERS:
            return "map"
        if inner.type in ("lambda_literal", "anonymous_function"):
            return "function"
        return "other"

    def string_value(self, node: Any) -> str | None:
        inner = unwrap(node)
        if inner is None or inner.type != "string_literal":
            return None
        if any(c.type not in ("string_content", '"') for c in inner.children):
            return None  # interpolation or escapes: not a plain value
        return "".join(node_text(c) for c in inner.children if c.type == "string_content")

    def created_class(self, node: Any) -> str | None:
        return None  # Kotlin constructors are plain calls (``call_parts`` gives their name)

    def json_map(self, node: Any) -> Any | None:
        """The map inside ``JSONObject(mapOf(...))`` (the properties a Mixpanel call builds inline)."""
        inner = unwrap(node)
        if _builder(inner) != "JSONObject":
            return None
        args = self.call_arguments(inner)
        if len(args) != 1 or argument_label(args[0]) is not None:
            return None
        value = argument_value(args[0])
        return value if self.literal_kind(value) == "map" else None

    def statement_of_call(self, node: Node) -> Node | None:
        """``node`` when it is a statement whose value nobody uses (a lambda's last expression is
        the lambda's value: not such a statement)."""
        parent = node.parent
        if parent is None or parent.type not in self.STATEMENT_CONTAINERS:
            return None
        lam = parent if parent.type == "lambda_literal" else parent.parent if parent.type == "statements" else None
        if lam is not None and lam.type == "lambda_literal":
            last = [c for c in parent.children if c.is_named and c.type not in self.COMMENTS]
            if last and last[-1].id == node.id:
                return None
        return node

    def creation_problem(self, call: Node) -> str | None:
        """Why a creation cannot be replaced in place: its new client must land in a declaration,
        an assignment, a return or a statement, never in another function's argument."""
        cur = call
        while cur.parent is not None and (cur.parent.type in WRAPPERS or cur.parent.type in ("annotated_lambda",)):
            cur = cur.parent
        parent = cur.parent
        if parent is None:
            return None
        if parent.type in ("property_declaration", "assignment", "jump_expression", "function_body", "property_delegate"):
            return None
        if parent.type in self.STATEMENT_CONTAINERS or parent.type in ("statements", "control_structure_body"):
            return None
        return "the new client is passed on as a value"

    def chained_call(self, call: Node) -> Node | None:
        nav = call.parent
        if nav is None or nav.type != "navigation_expression" or nav.children[0] != call:
            return None
        outer = nav.parent
        if outer is not None and outer.type == "call_expression" and outer.children[0] == nav:
            return outer
        return None

    def creation_of(self, value: Node, data: ClientBindings, statics: list[str]) -> bool:
        """``Amplitude("KEY", ctx) { ... }`` too: a creation with a trailing configuration lambda."""
        if value.type == "call_expression" and value.children and value.children[0].type == "call_expression" and any(
            c.type == "annotated_lambda" for c in value.children
        ):
            value = value.children[0]
        return super().creation_of(value, data, statics)

    def creation_class(self, call: Node) -> Node | None:
        callee = call.children[0] if call.children else None
        if callee is not None and callee.type == "navigation_expression":
            callee = callee.children[0]
        return callee if callee is not None and callee.type == "identifier" else None

    def imports_of(self, parsed: ParsedFile) -> list[ImportLine]:
        out = []
        for stmt in parsed.tree.root_node.children:
            if stmt.type != "import":
                continue
            path = next((c for c in stmt.children if c.type == "qualified_identifier"), None)
            if path is None:
                continue
            dotted = ".".join(node_text(c) for c in path.children if c.type == "identifier")
            alias = None
            kids = list(stmt.children)
            for i, c in enumerate(kids):
                if c.type == "as" and i + 1 < len(kids):
                    alias = node_text(kids[i + 1])
            out.append(ImportLine(stmt, dotted, alias, any(c.type == "*" for c in kids)))
        return out

    def import_line(self, qualified: str, alias: str | None = None) -> str:
        return f"import {qualified}" + (f" as {alias}" if alias else "")

    def declarations_of(self, parsed: ParsedFile, names: set[str]) -> list[Declaration]:
        src = parsed.source
        if not any(n.encode() in src for n in names):
            return []
        query = get_query(self.grammar, "\n".join(f"({t}) @d" for t in DECLARATION_TYPES))
        out = []
        for node in sorted(capture_nodes(query, parsed.tree.root_node, "d"), key=lambda n: n.start_byte):
            decl = self._declaration(node)
            if decl is not None:
                out.append(decl)
        return out

    def _declaration(self, node: Node) -> Declaration | None:
        if node.type == "assignment":
            left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
            if left is not None and left.type == "navigation_expression":
                named = [c for c in left.children if c.is_named]
                if len(named) == 2 and named[0].type == "this_expression":
                    left = named[1]
            if left is None or left.type != "identifier":
                return None
            return Declaration(node_text(left), left, node, value=unwrap(right), assignment=True)
        if node.type == "property_declaration":
            var = next((c for c in node.children if c.type == "variable_declaration"), None)
            if var is None:
                return None
            ident = next((c for c in var.children if c.type == "identifier"), None)
            tnode = next((c for c in var.children if c.type in ("user_type", "nullable_type")), None)
            kids = list(node.children)
            eq = next((i for i, c in enumerate(kids) if c.type == "="), None)
            value = unwrap(next((c for c in kids[eq + 1 :] if c.is_named), None)) if eq is not None else None
            if value is None:
                value = _lazy_value(node)
        else:  # class_parameter, parameter
            ident = next((c for c in node.children if c.type == "identifier"), None)
            tnode = next((c for c in node.children if c.type in ("user_type", "nullable_type")), None)
            value = None
        if ident is None:
            return None
        return Declaration(node_text(ident), ident, node, tnode, type_name(tnode), value)

    # -- name resolution -------------------------------------------------------------------------
    def resolve(self, ident: Node) -> Node | None:
        """The name node of the declaration ``ident`` refers to (None: declared elsewhere)."""
        name = node_text(ident)
        parent = ident.parent
        this_member = (
            parent is not None
            and parent.type == "navigation_expression"
            and parent.children[0].type == "this_expression"
            and ident != parent.children[0]
        )
        if parent is not None and parent.type == "navigation_expression" and ident != parent.children[0] and not this_member:
            return None  # a member of some other object (`other.amplitude`), not a name in scope
        cur = ident.parent
        while cur is not None:
            found = None if this_member else self._declared_in(cur, name, ident)
            if found is not None:
                return found
            if cur.type in ("class_declaration", "object_declaration", "companion_object"):
                found = self._class_member(cur, name)
                if found is not None or this_member:
                    return found
            cur = cur.parent
        return None

    def _declared_in(self, scope: Node, name: str, at: Node) -> Node | None:
        if scope.type in ("function_declaration", "anonymous_function"):
            params = next((c for c in scope.children if c.type == "function_value_parameters"), None)
            for p in params.children if params is not None else ():
                ident = next((c for c in p.children if c.type == "identifier"), None) if p.type == "parameter" else None
                if ident is not None and node_text(ident) == name:
                    return ident
        if scope.type == "lambda_literal":
            params = next((c for c in scope.children if c.type == "lambda_parameters"), None)
            for ident in _idents(params):
                if node_text(ident) == name:
                    return ident
            if name == "it" and params is None:
                return scope
        if scope.type in SCOPES_WITH_LOCALS or scope.type == "source_file":
            local = scope.type != "source_file"
            for stmt in scope.children:
                if local and stmt.start_byte >= at.start_byte:
                    break
                if stmt.type == "property_declaration":
                    var = next((c for c in stmt.children if c.type == "variable_declaration"), None)
                    ident = next((c for c in var.children if c.type == "identifier"), None) if var else None
                    if ident is not None and node_text(ident) == name:
                        return ident
        return None

    def _class_member(self, cls: Node, name: str) -> Node | None:
        for part in cls.children:
            if part.type == "primary_constructor":
                for p in descendants(part, "class_parameter"):
                    ident = next((c for c in p.children if c.type == "identifier"), None)
                    if ident is not None and node_text(ident) == name:
                        return ident
            if part.type == "class_body":
                for stmt in part.children:
                    if stmt.type == "property_declaration":
                        var = next((c for c in stmt.children if c.type == "variable_declaration"), None)
                        ident = next((c for c in var.children if c.type == "identifier"), None) if var else None
                        if ident is not None and node_text(ident) == name:
                            return ident
        return None

    def is_client(self, node: Node, data: ClientBindings) -> bool:
        node = unwrap(node)
        if node is None:
            return False
        if node.type == "navigation_expression":
            named = [c for c in node.children if c.is_named]
            if len(named) != 2 or named[0].type != "this_expression":
                return False
            node = named[1]
        if node.type != "identifier" or node_text(node) not in data.clients:
            return False
        decl = self.resolve(node)
        return decl is not None and decl.id in data.decl_ids

    def classify(self, parsed: ParsedFile, data: ClientBindings, statics: list[str]) -> None:
        """Sort every reference to the SDK class and its clients: calls, type references,
        creations, and anything else (which blocks the client)."""
        for ident in self.nodes_named(parsed, set(data.classes) | set(data.clients)):
            if ident.id in data.decl_ids or inside(ident, "import"):
                continue
            name = node_text(ident)
            parent = ident.parent
            if name in data.classes:
                if parent is not None and parent.type == "user_type":
                    if sum(1 for c in parent.children if c.type == "identifier") > 1:
                        data.blockers.append((parent, f"the SDK's nested type {node_text(parent)}"))
                    else:
                        data.types.append(ident)
                    continue
                call = _call_of_callee(self, ident, statics)
                if call is not None:
                    outer = self.outermost_call(call)
                    if outer is call or call.children[0] == ident:
                        data.creations.append((call, f"the client creation {node_text(call.children[0])}(...)"))
                    else:  # `Amplitude.getInstance().logEvent(...)`: a call on the shared instance
                        data.class_refs.add(ident.id)
                        data.class_ref_use[ident.id] = outer.id
                        data.uses.append((outer, _chain_name(self, outer, call)))
                    continue
                if name not in data.clients:
                    data.blockers.append((ident, f"{name} used as a value"))
                    continue
            if name not in data.clients or not self.is_client(ident, data):
                continue
            holder = self._holder_of_assignment(ident, data)
            if holder is not None:
                continue
            recv: Node = ident
            if parent is not None and parent.type == "navigation_expression" and parent.children[0].type == "this_expression":
                recv = parent
            while recv.parent is not None and (
                recv.parent.type in WRAPPERS or (recv.parent.type == "unary_expression" and node_text(recv.parent).endswith("!!"))
            ):
                recv = recv.parent
            nav = recv.parent
            if nav is not None and nav.type == "navigation_expression" and nav.children[0] == recv:
                call = nav.parent
                if call is not None and call.type == "call_expression" and call.children[0] == nav:
                    parts = self.call_parts(call)
                    method = parts[1] if parts else "?"
                    outer = self.chained_call(call) if method in ACCESSORS else None
                    data.uses.append((outer, _chain_name(self, outer, call)) if outer is not None else (call, method))
                    continue
                what = node_text(nav.children[-1])
                if what in PROPERTY_ACCESSORS and call is not None and call.type == "navigation_expression":
                    outer = call.parent
                    if outer is not None and outer.type == "call_expression" and outer.children[0] == call:
                        data.uses.append((outer, f"{what}.{node_text(call.children[-1])}"))
                        continue
                if call is not None and call.type == "assignment" and call.children[0] == nav:
                    data.uses.append((call, f"the client's property {what} written"))
                    continue
                data.blockers.append((nav, f"the client's property {what}"))
                continue
            data.blockers.append((recv, f"the client {name} passed on as a value"))

    # -- clients other files reach (the project index) ---------------------------------------------
    FOREIGN_CLIENTS = True

    def export_reach(self, d: Declaration) -> str | None:
        """A property that is not ``private`` (Kotlin's default is public; ``internal`` and
        ``protected`` reach other files too): ``top`` at the top level, ``member`` in a class,
        an ``object`` or a ``companion object`` (reached as ``App.mixpanel``), or a constructor's
        ``val``/``var`` parameter. Locals, parameters and members of a private class: None."""
        holder = d.holder
        if holder.type == "class_parameter":
            if not any(c.type in ("val", "var") for c in holder.children):
                return None  # a constructor parameter, not a property
        elif holder.type != "property_declaration":
            return None
        if _private(holder):
            return None
        container = holder.parent
        if holder.type == "class_parameter":  # class_declaration > primary_constructor > class_parameters
            ctor = container.parent if container is not None else None
            container = ctor.parent if ctor is not None else None
            if container is None or container.type != "class_declaration":
                return None
        elif container is not None and container.type == "source_file":
            return "top"
        cur = container
        while cur is not None and cur.type != "source_file":
            if cur.type in ("function_body", "block", "statements", "lambda_literal", "anonymous_function",
                            "object_literal", "control_structure_body", "getter", "setter"):
                return None  # a local, or a member of a local or anonymous class
            if cur.type in ("class_declaration", "object_declaration", "companion_object") and _private(cur):
                return None
            cur = cur.parent
        return "member"

    def reference(self, ident: Node) -> tuple[Node, bool] | None:
        if ident.type != "identifier" or inside(ident, "import") or inside(ident, "package_header"):
            return None
        parent = ident.parent
        if parent is None or parent.type in ("user_type", "variable_declaration"):
            return None
        if parent.type == "value_argument" and argument_label(parent) is not None and parent.children[0] == ident:
            return None  # a named argument's label
        if parent.type == "call_expression" and parent.children[0] == ident:
            return None  # a function named so
        if parent.type == "navigation_expression" and parent.children[0] != ident:
            call = parent.parent  # `app.getMixpanel()`: a Java getter called by its name
            if call is not None and call.type == "call_expression" and call.children[0] == parent:
                plain = len(call.children) == 2 and call.children[1].type == "value_arguments"
                return (call, True) if plain and not self.call_arguments(call) else None
            return parent, True
        return ident, False

    def foreign_use(self, recv: Node) -> tuple[Node, str, str] | None:
        while recv.parent is not None and (
            recv.parent.type in WRAPPERS or (recv.parent.type == "unary_expression" and node_text(recv.parent).endswith("!!"))
        ):
            recv = recv.parent
        nav = recv.parent
        if nav is None or nav.type != "navigation_expression" or nav.children[0] != recv:
            return None
        what = node_text(nav.children[-1])
        call = nav.parent
        if call is not None and call.type == "call_expression" and call.children[0] == nav:
            outer = self.chained_call(call) if what in ACCESSORS else None
            if outer is not None:
                return outer, what, f"{_chain_name(self, outer, call)}()"
            return call, what, f"{what}()"
        if what in PROPERTY_ACCESSORS and call is not None and call.type == "navigation_expression":
            outer = call.parent
            if outer is not None and outer.type == "call_expression" and outer.children[0] == call:
                return outer, what, f"{what}.{node_text(call.children[-1])}()"
        if call is not None and call.type == "assignment" and call.children[0] == nav:
            return call, what, f"its property {what} written"
        return nav, what, f"its property {what}"

    def _holder_of_assignment(self, ident: Node, data: ClientBindings) -> Node | None:
        for decls in data.clients.values():
            for d in decls:
                if d.name_node.id == ident.id:
                    return d.holder
        return None

    # -- sites -----------------------------------------------------------------------------------
    def expand_site(self, node: Node, source: bytes) -> tuple[Node, str | None]:
        parent = node.parent
        if parent is not None and parent.type == "navigation_expression" and parent.children[0] == node:
            if self.on_class(node):
                return node, None  # a link of `Amplitude.getInstance()...`: the whole chain is the site
            return node, "its result is used; the other SDK's call returns something else"
        if parent is not None and parent.type == "function_body" and self.expression_body_note(node) is not None:
            fun = parent.parent
            kids = list(fun.children) if fun is not None else []
            override = any(c.type == "modifiers" and "override" in node_text(c).split() for c in kids)
            params = next((i for i, c in enumerate(kids) if c.type == "function_value_parameters"), None)
            typed = params is not None and any(
                c.type in ("user_type", "nullable_type") for c in kids[params + 1 :] if c.type != "function_body"
            )
            if override or typed:
                return node, ("its result is the function's return value (an override or a declared return type), "
                              "and the other SDK's call returns something else")
        return node, None

    def local_initializer(self, ident: Node | None) -> tuple[Node, Node] | None:
        """``(declaration, value)`` of a ``val`` declared earlier in the same block when ``ident``
        is its only other mention there (a builder the call absorbs), else None."""
        if ident is None or ident.type != "identifier":
            return None
        name = node_text(ident)
        block = ident.parent
        while block is not None and block.type not in ("statements", "block", "lambda_literal", "source_file"):
            block = block.parent
        if block is None or block.type == "source_file":
            return None
        for stmt in block.children:
            if stmt.start_byte >= ident.start_byte:
                break
            if stmt.type != "property_declaration" or not any(c.type == "val" or node_text(c) == "val" for c in stmt.children):
                continue
            var = next((c for c in stmt.children if c.type == "variable_declaration"), None)
            decl = next((c for c in var.children if c.type == "identifier"), None) if var is not None else None
            if decl is None or node_text(decl) != name:
                continue
            kids = list(stmt.children)
            eq = next((i for i, c in enumerate(kids) if c.type == "="), None)
            value = unwrap(next((c for c in kids[eq + 1 :] if c.is_named), None)) if eq is not None else None
            mentions = [n for n in _idents(block) if node_text(n) == name and not (
                n.parent is not None and n.parent.type == "navigation_expression" and n.parent.children[0] != n)]
            if value is None or len(mentions) != 2:
                return None
            return stmt, value
        return None

    def string_typed(self, node: Any) -> bool:
        """True when ``node`` is a name declared ``String`` (a parameter, a typed property) or a
        ``val`` initialised with a string literal: enough to tell ``track(eventType, ...)`` from
        ``track(event: BaseEvent, ...)``."""
        inner = unwrap(node)
        if inner is None or inner.type != "identifier":
            return False
        decl = self.resolve(inner)
        holder = decl.parent if decl is not None else None
        if holder is not None and holder.type == "variable_declaration":
            tnode = next((c for c in holder.children if c.type in ("user_type", "nullable_type")), None)
            if tnode is None and holder.parent is not None and holder.parent.type == "property_declaration":
                kids = list(holder.parent.children)
                eq = next((i for i, c in enumerate(kids) if c.type == "="), None)
                value = next((c for c in kids[eq + 1 :] if c.is_named), None) if eq is not None else None
                return value is not None and value.type == "string_literal"
            return type_name(tnode) == "String"
        if holder is not None and holder.type in ("parameter", "class_parameter"):
            tnode = next((c for c in holder.children if c.type in ("user_type", "nullable_type")), None)
            return type_name(tnode) == "String"
        return False

    def expression_body_note(self, node: Node) -> str | None:
        """``fun f() = amplitude.track(...)``: the function's inferred return type follows the call."""
        parent = node.parent
        if parent is not None and parent.type == "function_body" and parent.children and parent.children[0].type == "=":
            return "this function's body is the call: its inferred return type changes with the target SDK's method"
        return None

    def on_class(self, call: Node) -> bool:
        """True when the chain ``call`` ends in starts at a class (``Amplitude.getInstance()``)."""
        cur: Node | None = call
        while (parts := self.call_parts(cur)) is not None and parts[0] is not None:
            cur = unwrap(parts[0])
        if parts is not None:
            return False
        return cur is not None and cur.type == "identifier" and node_text(cur)[:1].isupper()

# -- helpers ---------------------------------------------------------------------------------------
def _idents(node: Node | None) -> list[Node]:
    if node is None:
        return []
    if node.type == "identifier":
        return [node]
    return [i for c in node.children for i in _idents(c)]


def _call_of_callee(adapter: KotlinAdapter, ident: Node, statics: list[str]) -> Node | None:
    """The creation call ``ident`` starts: ``Amplitude(...)`` or ``MixpanelAPI.getInstance(...)``."""
    parent = ident.parent
    if parent is not None and parent.type == "call_expression" and parent.children[0] == ident:
        return parent
    if parent is not None and parent.type == "navigation_expression" and parent.children[0] == ident:
        call = parent.parent
        parts = adapter.call_parts(call) if call is not None else None
        if parts is not None and call.children[0] == parent and parts[1] in statics:
            return call
    return None


def _private(node: Node) -> bool:
    """True when a declaration's modifiers say ``private``."""
    mods = next((c for c in node.children if c.type == "modifiers"), None)
    return mods is not None and any(
        c.type == "visibility_modifier" and node_text(c) == "private" for c in mods.children
    )


def _builder(node: Any) -> str | None:
    """``mapOf`` for ``mapOf(...)``: the name of a plain function call, else None."""
    if node is None or node.type != "call_expression" or not node.children:
        return None
    callee = node.children[0]
    return node_text(callee) if callee.type == "identifier" else None


def _chain_name(adapter: KotlinAdapter, outer: Node, inner: Node) -> str:
    """``getInstance().logEvent`` for the calls from ``inner`` out to ``outer``."""
    names = []
    cur: Node | None = outer
    while cur is not None and cur.type == "call_expression":
        parts = adapter.call_parts(cur)
        names.insert(0, parts[1] if parts else "?")
        if cur == inner or parts is None or parts[0] is None:
            break
        cur = unwrap(parts[0])
    return "().".join(names)


def _lazy_value(node: Node) -> Node | None:
    """The value of ``val x by lazy { ... value }``: the lambda's last expression."""
    delegate = next((c for c in node.children if c.type == "property_delegate"), None)
    call = next((c for c in delegate.children if c.type == "call_expression"), None) if delegate is not None else None
    if call is None or not call.children or node_text(call.children[0]) != "lazy":
        return None
    lam = next((c for c in call.children if c.type == "annotated_lambda"), None)
    body = next((c for c in lam.children if c.type == "lambda_literal"), None) if lam is not None else None
    if body is None:
        return None
    stmts = next((c for c in body.children if c.type == "statements"), body)
    last = [c for c in stmts.children if c.is_named and c.type not in KotlinAdapter.COMMENTS and c.type != "lambda_parameters"]
    return unwrap(last[-1]) if last else None
