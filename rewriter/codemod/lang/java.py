"""Java adapter: Android apps calling Mixpanel Android, the Amplitude Kotlin SDK or the legacy
Amplitude Android SDK (``com.amplitude.api``) from Java.

Everything language-neutral comes from ``ts_base`` and ``ts_clients`` (the client model), and
what an SDK call means is read and printed by the modules shared with Kotlin
(``android_read``/``android_emit``): the SDK calls are the same, only syntax differs. This module
knows Java syntax only: how a pattern snippet parses, imports, declarations (fields, locals,
parameters, assignments), which declaration a name resolves to (a lambda parameter or a local
shadows a field), the role of each reference (a call on the client, a type, a creation, the
client passed on), and the syntax hooks the shared reader asks (literal kinds, argument lists,
``new JSONObject(...)``). Java has no labelled arguments. Never writes files.
"""

from __future__ import annotations

import re
from typing import Any

from tree_sitter import Node

from rewriter.codemod.lang.base import ParsedFile
from rewriter.codemod.lang.treesitter import capture_nodes, get_query
from rewriter.codemod.lang.ts_base import ImportLine, inside, node_text
from rewriter.codemod.lang.ts_clients import ClientAdapter, ClientBindings, Declaration
from rewriter.codemod.match.patterns import Capture, MatchContext, Pattern, PNode
from rewriter.codemod.packs.loader import RulePack

CONSTRUCTOR_PATTERN = re.compile(r"^\$[A-Z_][A-Z0-9_]*\(")
PATTERN_PREFIX = b"class __RewriterPattern__ { void __p() {\n"
PATTERN_SUFFIX = b";\n} }\n"
COMMENTS = frozenset({"line_comment", "block_comment"})
WRAPPERS = frozenset({"parenthesized_expression", "cast_expression"})
DECLARATION_TYPES = (
    "field_declaration", "local_variable_declaration", "formal_parameter", "assignment_expression", "method_declaration",
)
BLOCKS = frozenset({"block", "constructor_body", "switch_block_statement_group"})
CLASS_BODIES = frozenset({"class_body", "enum_body"})
NUMBERS = frozenset({
    "decimal_integer_literal", "hex_integer_literal", "octal_integer_literal", "binary_integer_literal",
    "decimal_floating_point_literal", "hex_floating_point_literal",
})
#: Static factories of ``Map`` whose result is a map literal for the reader.
MAP_FACTORIES = frozenset({"of", "ofEntries", "emptyMap", "singletonMap"})
MAP_CLASSES = frozenset({"HashMap", "LinkedHashMap", "TreeMap", "ArrayMap"})
#: Client methods that return another SDK object whose calls are the real operation.
ACCESSORS = frozenset({"getPeople"})


def named(node: Node) -> list[Node]:
    return [c for c in node.children if c.is_named and c.type not in COMMENTS]


def unwrap(node: Node | None) -> Node | None:
    """Through parentheses and casts: the expression itself."""
    while node is not None and node.type in WRAPPERS:
        inner = node.child_by_field_name("value") if node.type == "cast_expression" else None
        if inner is None:
            kids = named(node)
            inner = kids[-1] if kids else None
        if inner is None:
            break
        node = inner
    return node


def call_parts(node: Node | None) -> tuple[Node | None, str, Node | None] | None:
    """``(receiver or None, method name, name node)`` of a method invocation, else None."""
    if node is None or node.type != "method_invocation":
        return None
    name = node.child_by_field_name("name")
    if name is None:
        return None
    return node.child_by_field_name("object"), node_text(name), name


def call_arguments(node: Node) -> list[Node]:
    """The argument expressions of a method invocation or ``new`` expression."""
    args = node.child_by_field_name("arguments")
    return named(args) if args is not None else []


def type_name(node: Node | None) -> str | None:
    """Simple name of a declared type: ``MixpanelAPI`` (a qualified or generic type: None)."""
    if node is not None and node.type == "type_identifier":
        return node_text(node)
    return None


class JavaAdapter(ClientAdapter):
    """``.java`` files."""

    PATTERN_PREFIX = PATTERN_PREFIX
    PATTERN_SUFFIX = PATTERN_SUFFIX
    id = "java"
    family = "java"
    grammar = "java"
    extensions = (".java",)
    operations = frozenset({"init", "track", "identify", "profile", "reset", "opt-out", "set-group", "flush"})
    reader_module = "rewriter.codemod.lang.android_read"
    printer_module = "rewriter.codemod.lang.android_emit"
    COMMENTS = COMMENTS
    TRIVIA = frozenset({"(", ")", ",", ".", '"', "{", "}", "[", "]", ";"})
    CALL = "method_invocation"
    STATEMENT_CONTAINERS = frozenset({"block", "constructor_body", "program", "switch_block_statement_group"})
    STATEMENT_WRAPPERS = frozenset({"expression_statement"})
    ARGUMENT_LIST = "argument_list"
    ARGUMENT = ""
    #: The spelling of syntax the shared printer writes.
    NEW = "new "
    STATEMENT_END = ";"

    # -- patterns --------------------------------------------------------------------------------
    def compile_pattern(self, text: str) -> Pattern:
        """Rules are written once for Kotlin and Java: a call whose callee is a metavariable
        (``$SDK($CONFIG)``) is a constructor call, which Java spells ``new $SDK($CONFIG)``."""
        if CONSTRUCTOR_PATTERN.match(text):
            text = "new " + text
        return super().compile_pattern(text)

    def callee_query(self, node_type: str, quoted_names: str) -> str | None:
        if node_type != "method_invocation":
            return None
        return f"((method_invocation name: (identifier) @k) @n (#any-of? @k {quoted_names}))"

    # -- syntax hooks ----------------------------------------------------------------------------
    def call_parts(self, node: Node | None) -> tuple[Node | None, str, Node | None] | None:
        return call_parts(node)

    def call_arguments(self, node: Node) -> list[Node]:
        return call_arguments(node)

    def unwrap(self, node: Node | None) -> Node | None:
        return unwrap(node)

    def bind_arguments(
        self, p: PNode, t: Node, env: dict[str, Capture], ctx: MatchContext, signatures: dict[str, list[str]]
    ) -> bool | None:
        return None  # no labelled arguments in Java: the matcher's own argument matching applies

    def read_problem(self, op: str, m: Any, pack: RulePack) -> str | None:
        from rewriter.codemod.lang.android_read import shape_problem

        return shape_problem(self, op, m, pack)

    def literal_kind(self, node: Any) -> str:
        """The ``ir.ValueKind`` of an expression, from syntax alone."""
        inner = unwrap(node)
        if inner is None:
            return "other"
        t = inner.type
        if t == "null_literal":
            return "null"
        if t in ("true", "false"):
            return "bool"
        if t == "string_literal":
            return "string"
        if t in NUMBERS:
            return "number"
        if t == "identifier":
            return "name"
        if self.map_builder(inner):
            return "map"
        if t == "lambda_expression":
            return "function"
        return "other"

    def string_value(self, node: Any) -> str | None:
        """The value of a plain string literal (no escapes to interpret, no text block)."""
        inner = unwrap(node)
        if inner is None or inner.type != "string_literal":
            return None
        parts = named(inner)
        if any(p.type != "string_fragment" for p in parts) or node_text(inner).startswith('"""'):
            return None
        return "".join(node_text(p) for p in parts)

    def map_builder(self, node: Node) -> bool:
        """``Map.of(...)``, ``new HashMap<>()``, ``Collections.emptyMap()``: a map built here."""
        if node.type == "method_invocation":
            parts = call_parts(node)
            return parts is not None and parts[0] is not None and node_text(parts[0]) in ("Map", "Collections") and (
                parts[1] in MAP_FACTORIES
            )
        if node.type == "object_creation_expression":
            return self.created_class(node) in MAP_CLASSES
        return False

    def created_class(self, node: Node | None) -> str | None:
        """``HashMap`` of ``new HashMap<String, Object>()``; None for anything else."""
        node = unwrap(node)
        if node is None or node.type != "object_creation_expression":
            return None
        t = node.child_by_field_name("type")
        if t is not None and t.type == "generic_type":
            t = next((c for c in t.children if c.type == "type_identifier"), None)
        return node_text(t) if t is not None and t.type == "type_identifier" else None

    def json_object(self, node: Any) -> bool:
        """True for ``new JSONObject(...)``: a value whose type is known to be a JSONObject."""
        return self.created_class(node) == "JSONObject"

    def json_map(self, node: Any) -> Any | None:
        """The map inside ``new JSONObject(Map.of(...))``, else None."""
        inner = unwrap(node)
        if self.created_class(inner) != "JSONObject":
            return None
        args = call_arguments(inner)
        return args[0] if len(args) == 1 and self.literal_kind(args[0]) == "map" else None

    def statement_of_call(self, node: Node) -> Node | None:
        """The ``expression_statement`` that is exactly this call, else None."""
        parent = node.parent
        if parent is not None and parent.type == "expression_statement":
            return parent
        return None

    def string_typed(self, node: Any) -> bool:
        """True when ``node`` is a name declared ``String`` (a parameter, field or local)."""
        inner = unwrap(node)
        if inner is None or inner.type != "identifier":
            return False
        decl = self.resolve(inner)
        holder = decl.parent if decl is not None else None
        if holder is not None and holder.type == "variable_declarator":
            holder = holder.parent
        t = holder.child_by_field_name("type") if holder is not None and holder.type in (
            "formal_parameter", "local_variable_declaration", "field_declaration") else None
        return t is not None and node_text(t) == "String"

    def local_initializer(self, ident: Node | None) -> tuple[Node, Node] | None:
        """``(declaration, value)`` of a local declared earlier in the same block when ``ident`` is
        its only other mention there (a builder the call absorbs), else None."""
        if ident is None or ident.type != "identifier":
            return None
        name = node_text(ident)
        block = ident.parent
        while block is not None and block.type not in BLOCKS:
            block = block.parent
        if block is None:
            return None
        for stmt in block.children:
            if stmt.start_byte >= ident.start_byte:
                break
            if stmt.type != "local_variable_declaration":
                continue
            decls = stmt.children_by_field_name("declarator")
            if len(decls) != 1:
                continue
            decl = decls[0].child_by_field_name("name")
            value = unwrap(decls[0].child_by_field_name("value"))
            if decl is None or node_text(decl) != name:
                continue
            query = get_query(self.grammar, "((identifier) @i)")
            mentions = [n for n in capture_nodes(query, block, "i") if node_text(n) == name and not (
                n.parent is not None and n.parent.type in ("method_invocation", "field_access")
                and n.parent.child_by_field_name("object") != n)]
            if value is None or len(mentions) != 2:
                return None
            return stmt, value
        return None

    # -- imports ---------------------------------------------------------------------------------
    def imports_of(self, parsed: ParsedFile) -> list[ImportLine]:
        out = []
        for stmt in parsed.tree.root_node.children:
            if stmt.type != "import_declaration" or any(c.type == "static" for c in stmt.children):
                continue
            path = next((c for c in stmt.children if c.type in ("scoped_identifier", "identifier")), None)
            if path is None:
                continue
            dotted = "".join(node_text(path).split())
            out.append(ImportLine(stmt, dotted, None, any(c.type == "asterisk" for c in stmt.children)))
        return out

    def import_line(self, qualified: str, alias: str | None = None) -> str:
        return f"import {qualified};"

    # -- declarations ----------------------------------------------------------------------------
    def declarations_of(self, parsed: ParsedFile, names: set[str]) -> list[Declaration]:
        src = parsed.source
        if not any(n.encode() in src for n in names):
            return []
        query = get_query(self.grammar, "\n".join(f"({t}) @d" for t in DECLARATION_TYPES))
        out: list[Declaration] = []
        for node in sorted(capture_nodes(query, parsed.tree.root_node, "d"), key=lambda n: n.start_byte):
            out.extend(self._declarations(node))
        return out

    def _declarations(self, node: Node) -> list[Declaration]:
        if node.type == "assignment_expression":
            left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
            if left is not None and left.type == "field_access":
                obj, field = left.child_by_field_name("object"), left.child_by_field_name("field")
                left = field if obj is not None and obj.type == "this" else None
            if left is None or left.type != "identifier":
                return []
            op = node.child_by_field_name("operator")
            if op is not None and node_text(op) != "=":
                return []
            return [Declaration(node_text(left), left, node, value=unwrap(right), assignment=True)]
        tnode = node.child_by_field_name("type")
        if node.type == "method_declaration":
            # An accessor (`static MixpanelAPI getMixpanel()`): each call of it denotes the client.
            params = node.child_by_field_name("parameters")
            ident = node.child_by_field_name("name")
            if ident is None or params is None or named(params) or type_name(tnode) is None:
                return []
            return [Declaration(node_text(ident), ident, node, tnode, type_name(tnode))]
        if node.type == "formal_parameter":
            ident = node.child_by_field_name("name")
            return [Declaration(node_text(ident), ident, node, tnode, type_name(tnode))] if ident is not None else []
        out = []
        for var in node.children_by_field_name("declarator"):
            ident = var.child_by_field_name("name")
            if ident is None or var.child_by_field_name("dimensions") is not None:
                continue
            value = unwrap(var.child_by_field_name("value"))
            out.append(Declaration(node_text(ident), ident, node, tnode, type_name(tnode), value))
        return out

    # -- name resolution -------------------------------------------------------------------------
    def resolve(self, ident: Node) -> Node | None:
        """The name node of the declaration ``ident`` refers to (None: declared elsewhere)."""
        name = node_text(ident)
        parent = ident.parent
        this_member = False
        if parent is not None and parent.type == "field_access" and parent.child_by_field_name("field") == ident:
            obj = parent.child_by_field_name("object")
            if obj is None or obj.type != "this":
                return None  # a member of some other object (`other.mixpanel`)
            this_member = True
        cur = ident.parent
        while cur is not None:
            if not this_member:
                found = self._declared_in(cur, name, ident)
                if found is not None:
                    return found
            if cur.type in CLASS_BODIES:
                return self._field(cur, name)
            if cur.type in ("object_creation_expression",) and this_member:
                return None
            cur = cur.parent
        return None

    def _declared_in(self, scope: Node, name: str, at: Node) -> Node | None:
        if scope.type in ("method_declaration", "constructor_declaration", "lambda_expression", "catch_clause"):
            params = scope.child_by_field_name("parameters")
            for p in named(params) if params is not None else ():
                ident = p if p.type == "identifier" else p.child_by_field_name("name")
                if ident is not None and node_text(ident) == name:
                    return ident
            if scope.type == "lambda_expression" and params is not None and params.type == "identifier":
                if node_text(params) == name:
                    return params
        if scope.type in ("for_statement", "enhanced_for_statement", "try_with_resources_statement"):
            for d in scope.children:
                if d.type == "local_variable_declaration":
                    for var in d.children_by_field_name("declarator"):
                        ident = var.child_by_field_name("name")
                        if ident is not None and node_text(ident) == name:
                            return ident
            ident = scope.child_by_field_name("name")
            if scope.type == "enhanced_for_statement" and ident is not None and node_text(ident) == name:
                return ident
        if scope.type in BLOCKS:
            for stmt in scope.children:
                if stmt.start_byte >= at.start_byte:
                    break
                if stmt.type == "local_variable_declaration":
                    for var in stmt.children_by_field_name("declarator"):
                        ident = var.child_by_field_name("name")
                        if ident is not None and node_text(ident) == name:
                            return ident
        return None

    def _field(self, body: Node, name: str) -> Node | None:
        for stmt in body.children:
            if stmt.type == "field_declaration":
                for var in stmt.children_by_field_name("declarator"):
                    ident = var.child_by_field_name("name")
                    if ident is not None and node_text(ident) == name:
                        return ident
        return None

    def is_client(self, node: Node, data: ClientBindings) -> bool:
        node = unwrap(node)
        if node is None:
            return False
        if node.type == "method_invocation":
            return self._accessor_call(node, data)
        if node.type == "field_access":
            obj = node.child_by_field_name("object")
            if obj is None or obj.type != "this":
                return False
            node = node.child_by_field_name("field")
        if node is None or node.type != "identifier" or node_text(node) not in data.clients:
            return False
        decl = self.resolve(node)
        return decl is not None and decl.id in data.decl_ids

    def _accessor_call(self, call: Node, data: ClientBindings) -> bool:
        """``getMixpanel()`` / ``this.getMixpanel()`` / ``Utils.getMixpanel()`` calling an accessor
        declared in an enclosing class of this file."""
        name = call.child_by_field_name("name")
        obj = call.child_by_field_name("object")
        if name is None or node_text(name) not in data.clients or call_arguments(call):
            return False
        cur = call.parent
        while cur is not None:
            if cur.type in CLASS_BODIES:
                owner = cur.parent.child_by_field_name("name") if cur.parent is not None else None
                if obj is None or obj.type == "this" or (owner is not None and node_text(obj) == node_text(owner)):
                    for stmt in cur.children:
                        ident = stmt.child_by_field_name("name") if stmt.type == "method_declaration" else None
                        if ident is not None and ident.id in data.decl_ids and node_text(ident) == node_text(name):
                            return True
                if obj is None or obj.type == "this":
                    return False
            cur = cur.parent
        return False

    def nodes_named(self, parsed: ParsedFile, names: set[str]) -> list[Node]:
        """Identifiers and type identifiers spelled as one of ``names`` (Java types are their own node)."""
        if not names:
            return []
        quoted = " ".join(f'"{n}"' for n in sorted(names))
        query = get_query(self.grammar, f"([(identifier) (type_identifier)] @i (#any-of? @i {quoted}))")
        return sorted(capture_nodes(query, parsed.tree.root_node, "i"), key=lambda n: n.start_byte)

    def chained_call(self, call: Node) -> Node | None:
        parent = call.parent
        if parent is not None and parent.type == "method_invocation" and parent.child_by_field_name("object") == call:
            return parent
        return None

    def creation_class(self, call: Node) -> Node | None:
        if call.type == "object_creation_expression":
            t = call.child_by_field_name("type")
            return t if t is not None and t.type == "type_identifier" else None
        obj = call.child_by_field_name("object")
        return obj if obj is not None and obj.type == "identifier" else None

    def classify(self, parsed: ParsedFile, data: ClientBindings, statics: list[str]) -> None:
        """Sort every reference to the SDK class and its clients: calls, types, creations, anything else."""
        for ident in self.nodes_named(parsed, set(data.classes) | set(data.clients)):
            if ident.id in data.decl_ids or inside(ident, "import_declaration"):
                continue
            name = node_text(ident)
            parent = ident.parent
            if name in data.classes and ident.type == "type_identifier":
                if parent is not None and parent.type == "object_creation_expression":
                    data.creations.append((parent, f"the client creation new {name}(...)"))
                    continue
                if parent is not None and parent.type == "scoped_type_identifier":
                    data.blockers.append((parent, f"the SDK's nested type {node_text(parent)}"))
                    continue
                data.types.append(ident)
                continue
            if name in data.classes and ident.type == "identifier":
                if parent is not None and parent.type == "method_invocation" and parent.child_by_field_name("object") == ident:
                    parts = call_parts(parent)
                    if parts is not None and parts[1] in statics:
                        outer = self.outermost_call(parent)
                        if outer is parent:
                            data.creations.append((parent, f"the client creation {name}.{parts[1]}(...)"))
                        else:  # `Amplitude.getInstance().logEvent(...)`: a call on the shared instance
                            data.class_refs.add(ident.id)
                            data.class_ref_use[ident.id] = outer.id
                            data.uses.append((outer, _chain_name(outer, parent)))
                        continue
                if name not in data.clients:
                    data.blockers.append((ident, f"{name} used as a value"))
                    continue
            if (
                ident.type == "identifier" and parent is not None and parent.type == "method_invocation"
                and parent.child_by_field_name("name") == ident and self._accessor_call(parent, data)
            ):
                ident = parent  # a call of a client accessor: the call is the client expression
                parent = ident.parent
            elif ident.type != "identifier" or name not in data.clients or not self.is_client(ident, data):
                continue
            if any(d.name_node.id == ident.id for ds in data.clients.values() for d in ds):
                continue
            recv: Node = ident
            if parent is not None and parent.type == "field_access" and parent.child_by_field_name("field") == ident:
                recv = parent
            while recv.parent is not None and recv.parent.type in WRAPPERS:
                recv = recv.parent
            call = recv.parent
            if call is not None and call.type == "method_invocation" and call.child_by_field_name("object") == recv:
                parts = call_parts(call)
                method = parts[1] if parts else "?"
                outer = self.chained_call(call) if method in ACCESSORS else None
                data.uses.append((outer, _chain_name(outer, call)) if outer is not None else (call, method))
                continue
            if call is not None and call.type == "field_access" and call.child_by_field_name("object") == recv:
                data.blockers.append((call, f"the client's field {node_text(call.child_by_field_name('field'))}"))
                continue
            if call is not None and self._flows_to_client(recv, call, data):
                continue  # `this.amplitude = amplitude`: one client handed to another, both migrate
            if call is not None and call.type == "binary_expression" and node_text(call).replace(" ", "").endswith("null"):
                continue  # `mixpanel != null`: a null check reads no SDK state
            data.blockers.append((recv, f"the client {name} passed on as a value"))

    # -- clients other files reach (the project index) ---------------------------------------------
    FOREIGN_CLIENTS = True

    def export_reach(self, d: Declaration) -> str | None:
        """A field that is not ``private`` (package-private reaches the package), or such an
        accessor method (``static MixpanelAPI getMixpanel()``): ``member``. Locals, parameters,
        members of a private, local or anonymous class: None."""
        holder = d.holder
        if holder.type not in ("field_declaration", "method_declaration") or _private(holder):
            return None
        cur = holder.parent
        while cur is not None and cur.type != "program":
            if cur.type in ("block", "constructor_body", "lambda_expression", "object_creation_expression"):
                return None
            if cur.type in ("class_declaration", "enum_declaration", "interface_declaration", "record_declaration") and (
                _private(cur)
            ):
                return None
            cur = cur.parent
        return "member"

    def reference(self, ident: Node) -> tuple[Node, bool] | None:
        if ident.type != "identifier" or inside(ident, "import_declaration") or inside(ident, "package_declaration"):
            return None
        parent = ident.parent
        if parent is None:
            return None
        if parent.type == "field_access":
            return (parent, True) if parent.child_by_field_name("field") == ident else (ident, False)
        if parent.type == "method_invocation" and parent.child_by_field_name("name") == ident:
            if call_arguments(parent):
                return None  # a method named so, not a client accessor
            return parent, True
        if parent.type in ("variable_declarator", "formal_parameter", "method_declaration", "class_declaration",
                           "element_value_pair", "labeled_statement", "break_statement", "continue_statement"):
            return None
        return ident, False

    def foreign_use(self, recv: Node) -> tuple[Node, str, str] | None:
        while recv.parent is not None and recv.parent.type in WRAPPERS:
            recv = recv.parent
        call = recv.parent
        if call is not None and call.type == "method_invocation" and call.child_by_field_name("object") == recv:
            parts = call_parts(call)
            method = parts[1] if parts else "?"
            outer = self.chained_call(call) if method in ACCESSORS else None
            if outer is not None:
                return outer, method, f"{_chain_name(outer, call)}()"
            return call, method, f"{method}()"
        if call is not None and call.type == "field_access" and call.child_by_field_name("object") == recv:
            what = node_text(call.child_by_field_name("field"))
            return call, what, f"its field {what}"
        return None

    def _flows_to_client(self, value: Node, parent: Node, data: ClientBindings) -> bool:
        """True when ``value`` is the right side of an assignment or initialiser of another client."""
        if parent.type == "assignment_expression" and parent.child_by_field_name("right") == value:
            return any(d.holder.id == parent.id for ds in data.clients.values() for d in ds)
        if parent.type == "return_statement":  # the body of a client accessor hands its client out
            cur = parent.parent
            while cur is not None and cur.type not in ("method_declaration", "lambda_expression", "class_body"):
                cur = cur.parent
            name = cur.child_by_field_name("name") if cur is not None and cur.type == "method_declaration" else None
            return name is not None and name.id in data.decl_ids
        if parent.type == "variable_declarator" and parent.child_by_field_name("value") == value:
            name = parent.child_by_field_name("name")
            return name is not None and name.id in data.decl_ids
        return False

    # -- sites -----------------------------------------------------------------------------------
    def expand_site(self, node: Node, source: bytes) -> tuple[Node, str | None]:
        parent = node.parent
        if parent is not None and parent.type == "method_invocation" and parent.child_by_field_name("object") == node:
            if self.on_class(node):
                return node, None  # a link of `Amplitude.getInstance()...`: the whole chain is the site
            return node, "its result is used; the other SDK's call returns something else"
        if node.type == "method_invocation" and not self.on_class(node) and parent is not None and parent.type not in (
            "expression_statement", "lambda_expression"
        ):
            return node, "its result is used; the other SDK's call returns something else"
        return node, None

    def creation_problem(self, call: Node) -> str | None:
        """Why a creation cannot be replaced in place: its new client must land in a declaration,
        an assignment, a return or a statement, never in another method's argument."""
        cur = call
        while cur.parent is not None and cur.parent.type in WRAPPERS:
            cur = cur.parent
        parent = cur.parent
        if parent is None or parent.type in (
            "variable_declarator", "assignment_expression", "return_statement", "expression_statement", "lambda_expression",
        ):
            return None
        return "the new client is passed on as a value"

    def on_class(self, call: Node) -> bool:
        """True when the chain ``call`` ends in starts at a class (``Amplitude.getInstance()``)."""
        cur: Node | None = call
        while cur is not None and cur.type == "method_invocation":
            cur = cur.child_by_field_name("object")
        return cur is not None and cur.type == "identifier" and node_text(cur)[:1].isupper()


def _private(node: Node) -> bool:
    """True when a declaration's modifiers say ``private``."""
    mods = next((c for c in node.children if c.type == "modifiers"), None)
    return mods is not None and any(c.type == "private" for c in mods.children)


def _chain_name(outer: Node, inner: Node) -> str:
    """``getInstance().logEvent`` for the calls from ``inner`` out to ``outer``."""
    names = []
    cur: Node | None = outer
    while cur is not None and cur.type == "method_invocation":
        parts = call_parts(cur)
        names.insert(0, parts[1] if parts else "?")
        if cur == inner:
            break
        cur = cur.child_by_field_name("object")
    return "().".join(names)
