"""JavaScript / TypeScript / TSX adapter on tree-sitter.

Binding resolution lives here because it is syntax-specific: ESM imports (default, namespace,
named, aliased), ``require`` (plain and destructured), instance variables
(``const amp = amplitude.getInstance()``), class fields holding an instance, factories
(``Mixpanel.init``) and snippet globals (``amplitude``, ``window.amplitude``) that nothing in the
file shadows. A name only counts where it is not re-declared by an enclosing function's parameter
or a block-level declaration, so a local ``logEvent`` or another vendor's ``analytics.track`` is
never touched. This module must never write files; it only plans edits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from tree_sitter import Node, QueryCursor

from rewriter.codemod.clients import ProjectContext, current, default_key, global_key, module_key, named_key
from rewriter.codemod.edits import SpanIndex
from rewriter.codemod.lang.base import FileBindings, ParsedFile
from rewriter.codemod.lang.treesitter import (
    capture_nodes,
    first_error,
    get_parser,
    get_query,
    has_node_type,
)
from rewriter.codemod.lang.ts_base import TreeSitterAdapter, eol_of, indent_at, line_end, line_start, walk
from rewriter.codemod.match.patterns import SDK, Capture, MatchContext, Pattern, PNode, compile_tree
from rewriter.codemod.model import Edit, ReviewItem
from rewriter.codemod.packs.loader import RulePack
from rewriter.codemod.project import (
    canonical_bind_module,
    canonical_module,
    is_path_module,
    module_id,
    resolved_module,
)

TRIVIA = frozenset({",", ";", "(", ")", "[", "]", "{", "}", "'", '"', "`", ".", "?.", ":", "optional_chain"})
COMMENTS = frozenset({"comment", "html_comment"})
FUNCTIONS = frozenset(
    {"function_declaration", "function_expression", "arrow_function", "method_definition", "generator_function",
     "generator_function_declaration", "function"}
)
DECLS = frozenset({"lexical_declaration", "variable_declaration"})
BUILDERS = frozenset({"Identify", "Revenue"})
UNWRAP = frozenset({"parenthesized_expression", "non_null_expression"})
# Syntax around a value that leaves the value as it is.
VALUE_WRAPPERS = frozenset(
    {"parenthesized_expression", "non_null_expression", "as_expression", "satisfies_expression", "type_assertion"}
)
SCOPES = frozenset({"statement_block", "catch_clause", "for_statement", "for_in_statement", "program"})


def significant(node: Node) -> list[Node]:
    """Children that carry meaning for matching: no comments, punctuation or quotes."""
    return [c for c in node.children if c.type not in COMMENTS and (c.type not in TRIVIA)]


def _text(node: Node | None) -> str:
    return node.text.decode("utf-8", "replace") if node is not None and node.text is not None else ""


def _string_value(node: Node | None) -> str | None:
    if node is None or node.type not in ("string", "template_string"):
        return None
    if node.type == "template_string" and any(c.type == "template_substitution" for c in node.children):
        return None
    return "".join(_text(c) for c in node.children if c.type in ("string_fragment", "escape_sequence"))


@dataclass
class JsBindingData:
    """Names that denote the SDK in one file."""

    modules: dict[str, Node] = field(default_factory=dict)  # name -> declaring statement
    members: dict[str, tuple[str, Node, Node]] = field(default_factory=dict)  # local -> (export, spec, stmt)
    instances: dict[str, Node] = field(default_factory=dict)  # name -> declaring statement
    named_instances: dict[str, str] = field(default_factory=dict)  # name -> instance name
    fields: dict[str, Node] = field(default_factory=dict)  # this.<field> -> declaring statement/field
    globals: set[str] = field(default_factory=set)
    classes: dict[str, tuple[Node, Node]] = field(default_factory=dict)  # class import local -> (spec, stmt)
    imported: dict[str, str] = field(default_factory=dict)  # local name -> client key, imported from an app module
    imported_getters: dict[str, str] = field(default_factory=dict)  # imported `useX` -> key of the client `useX()` gives
    imported_contexts: dict[str, str] = field(default_factory=dict)  # imported React context -> key of its client
    # Client values followed inside the file (issue 10). A later project-wide pass reads these to
    # know which top-level names of this file denote a client:
    aliases: dict[str, str] = field(default_factory=dict)  # name -> the SDK name/expression it copies
    assignments: dict[str, list[Node]] = field(default_factory=dict)  # name -> statements assigning a client
    bare: dict[str, Node] = field(default_factory=dict)  # name -> its `let x;` (no value) declaration
    dynamic: dict[str, Node] = field(default_factory=dict)  # name -> `... = await import(sdk)` statement
    getters: dict[str, Node] = field(default_factory=dict)  # function name -> declaration; `f()` is a client
    methods: dict[str, Node] = field(default_factory=dict)  # method name -> definition; `this.m()` is a client
    accessors: dict[str, Node] = field(default_factory=dict)  # `get p()` -> definition; `this.p` is a client
    contexts: dict[str, Node] = field(default_factory=dict)  # React context name -> createContext/Provider
    review_roots: dict[str, str] = field(default_factory=dict)  # name -> why calls on it are only listed
    own_named: set[tuple[int, str]] = field(default_factory=set)  # (scope id, name): a getter, not a shadow
    review_decls: set[int] = field(default_factory=set)  # identifiers declaring a review root (still shadow globals)
    guard_off: bool = False  # set while asking "a client at all?" of a receiver behind `?.`
    inline_imports: list[Node] = field(default_factory=list)  # `import(sdk)` no declaration binds (listed)
    # name (a getter, alias, context; "this.p" for a method/accessor) -> the expression whose client it
    # carries on (a return value, an initialiser, a Provider value): the project pass keys uses by it.
    origins: dict[str, Node] = field(default_factory=dict)
    decl_nodes: set[int] = field(default_factory=set)  # ids of identifier nodes that declare bindings
    scopes: dict[int, ScopeNames] = field(default_factory=dict)  # block node id -> names it declares
    shadowed: dict[tuple[int, str, int], bool] = field(default_factory=dict)  # memo of _shadowed


@dataclass(frozen=True)
class ScopeNames:
    """What one block-like node (program, block, catch, for) declares, read once per node.

    ``_shadowed`` asks this for every SDK-looking name; re-reading a 5,000-statement program per
    question made big files quadratic. ``variables`` keeps the declaring identifiers' ids because
    whether one counts depends on ``decl_nodes``, which grows while bindings are resolved."""

    variables: dict[str, tuple[int, ...]]
    named: frozenset[str]  # function/class declarations; a catch clause's parameter


def js_bindings(fb: FileBindings) -> JsBindingData:
    """The JavaScript binding data of ``fb`` (set by ``JavaScriptAdapter.bind``)."""
    assert isinstance(fb.lang, JsBindingData), "not a JavaScript file's bindings"
    return fb.lang


class JavaScriptAdapter(TreeSitterAdapter):
    """One instance per language id: ``javascript``, ``typescript`` or ``tsx``."""

    family = "javascript"
    operations = frozenset({"init", "track", "profile", "group-profile", "identify", "reset", "opt-out"})
    reader_module = "rewriter.codemod.lang.js_read"
    printer_module = "rewriter.codemod.lang.js_emit"

    def __init__(self, lang_id: str) -> None:
        self.id = lang_id
        self.grammar = lang_id
        self.extensions = {
            "javascript": (".js", ".mjs", ".cjs", ".jsx"),
            "typescript": (".ts", ".mts", ".cts"),
            "tsx": (".tsx",),
        }[lang_id]

    # -- parsing: the tree-sitter base parses, verifies and reports errors ---------------------
    def value_kinds(self, node: Node) -> frozenset[str]:
        """Also the kind of the value under parentheses, ``as``/``satisfies``/``<T>`` casts and
        ``!``: ``(null)``, ``null as any`` and ``null!`` are all ``null``; ``void 0`` (any ``void``
        expression) is ``undefined``."""
        kinds = {node.type}
        cur: Node | None = node
        while cur is not None:
            kinds.add(cur.type)
            if cur.type == "unary_expression" and _text(cur.child_by_field_name("operator")) == "void":
                kinds.add("undefined")  # `void x` is undefined whatever x is
                break
            if cur.type not in VALUE_WRAPPERS:
                break
            inner = [c for c in cur.children if c.is_named and c.type not in COMMENTS]
            # `<T>value`: the type comes first; everywhere else the value does.
            cur = (inner[-1] if cur.type == "type_assertion" else inner[0]) if inner else None
        return frozenset(kinds)

    def fallbacks(self) -> tuple[str, ...]:
        """A ``.js`` file the JavaScript grammar cannot read is often Flow: the TSX grammar reads
        Flow's annotations, ``import type`` and exact object types."""
        return ("tsx",) if self.id == "javascript" else ()

    @lru_cache(maxsize=1024)  # noqa: B019 - adapters live for the whole process
    def compile_pattern(self, text: str) -> Pattern:
        source = text.encode()
        tree = get_parser(self.id).parse(source)
        err = first_error(tree.root_node)
        if err is not None:
            raise ValueError(f"syntax error at column {err.start_point[1] + 1} in {text!r}")
        stmts = [c for c in tree.root_node.children if c.type not in COMMENTS]
        if len(stmts) != 1:
            raise ValueError(f"a pattern must be one expression or statement: {text!r}")
        node = stmts[0]
        if node.type == "expression_statement" and text.rstrip()[-1:] != ";":
            node = significant(node)[0]
        return Pattern(source=text, root=compile_tree(node, source, significant))

    def pattern_key(self, pattern: Pattern) -> str | None:
        """The callee name a call/new pattern requires (``logEvent`` in ``$SDK.logEvent(...)``)."""
        root = pattern.root
        if root.type not in ("call_expression", "new_expression"):
            return None
        named = [c for c in root.children if c.type != c.text]
        if not named:
            return None
        callee = named[0]
        if callee.type == "member_expression" and callee.children:
            callee = callee.children[-1]
        if callee.meta is None and callee.text is not None and callee.type in ("property_identifier", "identifier"):
            return callee.text
        return None

    def candidates(
        self,
        parsed: ParsedFile,
        types: frozenset[str],
        keys: dict[str, frozenset[str] | None] | None = None,
        fb: FileBindings | None = None,
    ) -> list[Node]:
        """Nodes of ``types`` found by a compiled tree-sitter query (C speed), innermost first.

        For call/new expressions with known callee names (``keys``) the query filters on the
        name with ``#any-of?``, so the Python matcher only sees plausible sites."""
        parts = []
        for t in sorted(types):
            if not has_node_type(self.id, t):
                continue
            names = (keys or {}).get(t)
            if names and fb is not None and isinstance(fb.lang, JsBindingData):
                # A named import may be aliased (`import { track as ampTrack }`): its local name counts.
                names = names | {local for local, (export, _s, _st) in fb.lang.members.items() if export in names}
            if names and t in ("call_expression", "new_expression"):
                field = "function" if t == "call_expression" else "constructor"
                quoted = " ".join(f'"{n}"' for n in sorted(names))
                parts.append(
                    f"(({t} {field}: [(member_expression property: (property_identifier) @k) (identifier) @k])"
                    f" @n (#any-of? @k {quoted}))"
                )
            else:
                parts.append(f"({t}) @n")
        sdk_parts = self._sdk_call_parts(fb.lang) if fb is not None and isinstance(fb.lang, JsBindingData) else []
        if not parts and not sdk_parts:
            return []
        # One traversal answers both questions: rule candidates (@n) and SDK call sites (@s).
        cursor = QueryCursor(get_query(self.id, "\n".join(parts + sdk_parts)))
        span = _names_span(parsed.source, fb.lang) if fb is not None and isinstance(fb.lang, JsBindingData) else None
        if span is not None:
            cursor.set_byte_range(*span)
        caps = cursor.captures(parsed.tree.root_node)
        if fb is not None and isinstance(fb.lang, JsBindingData):
            fb.sdk_calls = _unique_sorted(caps.get("s", []))
        uniq = {(n.start_byte, n.end_byte, n.type): n for n in caps.get("n", [])}
        return sorted(uniq.values(), key=lambda n: (n.end_byte, -n.start_byte))

    # -- bindings ------------------------------------------------------------------------------
    def bind(self, parsed: ParsedFile, pack: RulePack) -> FileBindings:
        data = JsBindingData()
        root = parsed.tree.root_node
        spec = pack.bind
        style = "global"
        top_names: set[str] = set()
        module_set = _ModuleSet(spec.modules, parsed.path)
        project = current()
        # ESM imports and top-level names.
        for stmt in root.children:
            if stmt.type == "import_statement":
                src = _string_value(stmt.child_by_field_name("source"))
                clause = next((c for c in stmt.children if c.type == "import_clause"), None)
                if src is not None and src in module_set and clause is not None:
                    style = "esm"
                    for part in clause.children:
                        if part.type == "identifier":
                            self._declare(data.modules, data, part, stmt)
                        elif part.type == "namespace_import":
                            ident = next((c for c in part.children if c.type == "identifier"), None)
                            if ident is not None:
                                self._declare(data.modules, data, ident, stmt)
                        elif part.type == "named_imports" and (spec.named_imports or spec.classes):
                            for sp in part.children:
                                if sp.type != "import_specifier":
                                    continue
                                name = sp.child_by_field_name("name")
                                alias = sp.child_by_field_name("alias") or name
                                if name is not None and alias is not None and _text(name) in spec.classes:
                                    # The SDK's client class binds like a module (bind.classes).
                                    self._declare(data.modules, data, alias, stmt)
                                    data.classes[_text(alias)] = (sp, stmt)
                                elif name is not None and alias is not None and spec.named_imports:
                                    data.members[_text(alias)] = (_text(name), sp, stmt)
                                    data.decl_nodes.add(alias.id)
                                    if spec.all_names:  # `Experiment.initialize()` is an SDK call too
                                        data.modules[_text(alias)] = stmt
                elif src is not None and clause is not None and project is not None and project.exports:
                    self._bind_app_import(clause, resolved_module(src, parsed.path), pack.sdk, project, data)
                if clause is not None:
                    top_names.update(_text(i) for i in _idents(clause))
            elif stmt.type in DECLARING:
                top_names.update(_declared_names(stmt))
                if project is not None and project.exports and stmt.type in DECLS:
                    self._bind_app_require(stmt, parsed.path, pack.sdk, project, data)
        # Snippet globals: only when nothing in the file declares the name.
        if spec.globals and spec.global_allowed(parsed.source):
            for g in spec.globals:
                if g not in top_names and g not in data.modules :
                    data.globals.add(g)
        if not data.globals and not data.imported and not data.imported_getters and not data.imported_contexts and not any(
                w in parsed.source for w in _module_words(spec.modules)):
            # Nothing in this file can reach the SDK: skip the declaration scan entirely.
            fb = FileBindings(pack=pack, ctx=MatchContext(source=parsed.source, is_sdk=lambda n: False), style=style)
            fb.lang, fb.globals = data, data.globals
            return fb
        # require(), instances and factories: declarators or assignments whose value starts at an
        # SDK name (or any, when a require() of the SDK may introduce new names).
        for node in self._declaration_nodes(parsed, data, spec):
            if node.type == "variable_declarator":
                value = _unwrap(node.child_by_field_name("value"))
                name_node = node.child_by_field_name("name")
                if value is None or name_node is None:
                    continue
                stmt = node.parent if node.parent is not None and node.parent.type in DECLS else node
                if len([c for c in stmt.children if c.type == "variable_declarator"]) > 1:
                    stmt = node
                req = _require_source(value)
                if req is not None and req in module_set:
                    style = "cjs" if style == "global" else style
                    if name_node.type == "identifier":
                        self._declare(data.modules, data, name_node, stmt)
                    elif name_node.type == "object_pattern" and (spec.named_imports or spec.classes):
                        for prop in name_node.children:
                            key = prop.child_by_field_name("key") if prop.type == "pair_pattern" else prop
                            if _text(key) in spec.classes:  # `const { Mixpanel } = require(...)` (bind.classes)
                                local = prop.child_by_field_name("value") if prop.type == "pair_pattern" else prop
                                if local is not None and local.type in ("identifier", "shorthand_property_identifier_pattern"):
                                    self._declare(data.modules, data, local, stmt)
                                    data.classes[_text(local)] = (prop, stmt)
                                continue
                            if not spec.named_imports:
                                continue
                            if prop.type == "shorthand_property_identifier_pattern":
                                data.members[_text(prop)] = (_text(prop), prop, stmt)
                                data.decl_nodes.add(prop.id)
                            elif prop.type == "pair_pattern":
                                k, v = prop.child_by_field_name("key"), prop.child_by_field_name("value")
                                if k is not None and v is not None and v.type == "identifier":
                                    data.members[_text(v)] = (_text(k), prop, stmt)
                                    data.decl_nodes.add(v.id)
                    continue
                if name_node.type == "identifier":
                    kind = self._instance_kind(value, data, spec)
                    if kind == "instance":
                        self._declare(data.instances, data, name_node, stmt)
                    elif kind is not None:
                        data.named_instances[_text(name_node)] = kind
                        data.decl_nodes.add(name_node.id)
            elif node.type == "assignment_expression":
                left, right = node.child_by_field_name("left"), _unwrap(node.child_by_field_name("right"))
                if left is not None and left.type == "member_expression" and right is not None:
                    obj, prop = left.child_by_field_name("object"), left.child_by_field_name("property")
                    if obj is not None and obj.type == "this" and prop is not None:
                        if self._instance_kind(right, data, spec) == "instance":
                            stmt = node.parent if node.parent and node.parent.type == "expression_statement" else node
                            data.fields[_text(prop)] = stmt
            elif node.type in ("field_definition", "public_field_definition"):
                prop = node.child_by_field_name("property") or node.child_by_field_name("name")
                value = _unwrap(node.child_by_field_name("value"))
                if prop is not None and value is not None and self._instance_kind(value, data, spec) == "instance":
                    data.fields[_text(prop)] = node
        self._follow_clients(parsed, data, spec, module_set, pack)
        if style == "global" and any(n in data.modules for n in data.dynamic):
            style = "esm"  # a module loaded with import(): the target is imported, not a page global
        data.inline_imports = self._inline_imports(parsed, data, module_set)
        declarations = [*data.modules.values(), *data.instances.values(), *data.fields.values()]
        declarations += data.inline_imports  # the SDK is reached here: its calls must be listed
        declarations += [stmt for (_e, _s, stmt) in data.members.values()]
        if (data.imported or data.imported_getters or data.imported_contexts) and style == "global":
            style = "esm" if any(c.type == "import_statement" for c in root.children) else "cjs"
        if (data.imported or data.imported_getters or data.imported_contexts) and not declarations:
            declarations = [root]  # the app module's import binds the file; it is never removed
        ctx = MatchContext(
            source=parsed.source,
            is_sdk=lambda n: self._is_sdk(n, data, spec),
            special=lambda p, t, env, c: self._special(p, t, env, c, data),
            significant=significant,
        )
        fb = FileBindings(pack=pack, ctx=ctx, style=style, declarations=declarations)
        fb.lang, fb.globals = data, data.globals
        return fb

    @staticmethod
    def _bind_app_import(clause: Node, module: str | None, sdk: str, project: ProjectContext, data: JsBindingData) -> None:
        """``import amp from '../analytics'`` / ``import { amp as a } from '@/analytics'``: names an
        app module exports as a client of this pack's SDK (the project index says which)."""
        exported = project.exported(module, sdk)
        if not exported:
            return
        for part in clause.children:
            if part.type == "identifier" and "default" in exported:
                data.imported[_text(part)] = exported["default"]
                data.decl_nodes.add(part.id)
            elif part.type == "named_imports":
                for sp in part.children:
                    name = sp.child_by_field_name("name") if sp.type == "import_specifier" else None
                    alias = (sp.child_by_field_name("alias") or name) if name is not None else None
                    if name is not None and alias is not None and _text(name) in exported:
                        data.imported[_text(alias)] = exported[_text(name)]
                        data.decl_nodes.add(alias.id)
                    elif name is not None and alias is not None and _text(name) + "()" in exported:
                        # An imported getter (`useAnalytics()`): its calls are the client.
                        data.imported_getters[_text(alias)] = exported[_text(name) + "()"]
                        data.getters[_text(alias)] = clause.parent or clause
                        data.decl_nodes.add(alias.id)
                    elif name is not None and alias is not None and _text(name) + "{}" in exported:
                        # An imported React context (`useContext(AnalyticsContext)` is the client).
                        data.imported_contexts[_text(alias)] = exported[_text(name) + "{}"]
                        data.contexts[_text(alias)] = clause.parent or clause
                        data.decl_nodes.add(alias.id)

    @staticmethod
    def _bind_app_require(stmt: Node, path: str, sdk: str, project: ProjectContext, data: JsBindingData) -> None:
        """``const amp = require('./analytics')`` / ``const { amp } = require('./analytics')``."""
        for d in stmt.children:
            if d.type != "variable_declarator":
                continue
            value, name = _unwrap(d.child_by_field_name("value")), d.child_by_field_name("name")
            req = _require_source(value) if value is not None else None
            if req is None or name is None:
                continue
            exported = project.exported(resolved_module(req, path), sdk)
            if name.type == "identifier" and "default" in exported:
                data.imported[_text(name)] = exported["default"]
                data.decl_nodes.add(name.id)
            elif name.type == "object_pattern":
                for prop in name.children:
                    if prop.type == "shorthand_property_identifier_pattern" and _text(prop) in exported:
                        data.imported[_text(prop)] = exported[_text(prop)]
                        data.decl_nodes.add(prop.id)

    # -- the project-wide client model (codemod.clients) -----------------------------------------
    def client_ref(self, parsed: ParsedFile, fb: FileBindings, node: Node) -> tuple[str, str | None]:
        """The client a call talks to: the default singleton for a module import, a snippet
        global, a named instance, an instance a factory created in this module (keyed by module
        and name), or a client imported from an app module (which keeps its name)."""
        if not isinstance(fb.lang, JsBindingData):
            return super().client_ref(parsed, fb, node)
        fn = node.child_by_field_name("function") if node.type == "call_expression" else None
        fn = _unwrap(fn)
        recv = _unwrap(fn.child_by_field_name("object")) if fn is not None and fn.type == "member_expression" else None
        if node.type == "call_expression":
            kind = self._instance_kind(node, js_bindings(fb), fb.pack.bind)
            if kind is not None and kind != "instance":  # `getInstance('billing')` itself: that instance
                return named_key(fb.pack.sdk, kind), None
            if kind == "instance" and self._created_here(node, js_bindings(fb), fb.pack.bind):
                holder = next((n for n, st in js_bindings(fb).instances.items()  # `createInstance()`: a new client
                               if st.start_byte <= node.start_byte and node.end_byte <= st.end_byte), _text(node))
                return module_key(fb.pack.sdk, module_id(parsed.path), holder), None
        if node.type == "new_expression":
            holder = next((n for n, st in js_bindings(fb).instances.items()
                           if st.start_byte <= node.start_byte and node.end_byte <= st.end_byte), None)
            if holder is not None:
                return module_key(fb.pack.sdk, module_id(parsed.path), holder), None
        return self._client_of(recv, parsed, fb)

    def _client_of(self, recv: Node | None, parsed: ParsedFile, fb: FileBindings) -> tuple[str, str | None]:
        data, spec, sdk = js_bindings(fb), fb.pack.bind, fb.pack.sdk
        written = _unwrap(recv)
        recv = self._origin_of(recv, data, spec)  # an alias, getter, accessor or context: what it carries
        if recv is None:
            return default_key(sdk), None
        if recv.type == "identifier":
            name = _text(recv)
            if name in data.imported and not _shadowed(recv, name, data):
                return data.imported[name], name
            if name in data.globals and name not in data.modules and not _shadowed(recv, name, data):
                return global_key(sdk, name), None
            if name in data.named_instances:
                return named_key(sdk, data.named_instances[name]), None
            stmt = data.instances.get(name)
            if stmt is not None:
                value = next((_unwrap(d.child_by_field_name("value")) for d in ([stmt] if stmt.type == "variable_declarator"
                              else stmt.children) if d.type == "variable_declarator"
                              and _text(d.child_by_field_name("name")) == name), None) or _unwrap(_declared_value(stmt))
                if value is not None and self._created_here(value, data, spec):
                    return module_key(sdk, module_id(parsed.path), name), None
            return default_key(sdk), None
        if recv.type == "member_expression":
            obj, prop = recv.child_by_field_name("object"), _text(recv.child_by_field_name("property"))
            if obj is not None and obj.type == "this":
                return module_key(sdk, module_id(parsed.path), "this." + prop), None
            if obj is not None and _text(obj) == "window" and prop in data.globals:
                return global_key(sdk, prop), None
        if recv.type == "call_expression":
            fn = _unwrap(recv.child_by_field_name("function"))
            if fn is not None and fn.type == "identifier" and _text(fn) in data.imported_getters:
                # The getter's module makes what it returns the target client: calls keep their
                # receiver as written (`mp.track`, `useAnalytics().track`).
                keep = _text(written) if written is not None else None
                return data.imported_getters[_text(fn)], keep
            imported_ctx = self._imported_context(recv, data)
            if imported_ctx is not None:  # `useContext(AnalyticsContext)` of an app module's context
                return imported_ctx, _text(written) if written is not None else None
            kind = self._instance_kind(recv, data, spec)
            if kind is not None and kind != "instance":
                return named_key(sdk, kind), None
            if kind == "instance" and self._created_here(recv, data, spec):
                return module_key(sdk, module_id(parsed.path), _text(recv)), None
            if kind is None and fn is not None and fn.type == "member_expression":
                # `mixpanel.getPeople().set(...)`: a chained call belongs to its root's client.
                root = _unwrap(fn.child_by_field_name("object"))
                if root is not None and root.id != recv.id:
                    return self._client_of(root, parsed, fb)
        return default_key(sdk), None

    @staticmethod
    def _created_here(value: Node, data: JsBindingData, spec: Any) -> bool:
        """A factory call or constructor (a new client), not the default instance's getter."""
        if value.type == "await_expression":
            inner = [c for c in value.children if c.is_named]
            value = _unwrap(inner[0]) if inner else value
        if value.type == "new_expression":
            return True
        fn = value.child_by_field_name("function") if value.type == "call_expression" else None
        if fn is not None and fn.type == "identifier":  # `createInstance()` of `import { createInstance }`
            return _imported_factory(_text(fn), data, spec)
        return fn is not None and fn.type == "member_expression" and _text(fn.child_by_field_name("property")) in spec.factories

    def client_exports(self, parsed: ParsedFile, fb: FileBindings) -> list[tuple[str, Any, str, str | None, str | None]]:
        """Clients this module exports: ``export const amp = <client>``, ``export default <client>``,
        ``export { amp as analytics }``, ``module.exports = <client>``/``exports.amp = <client>``
        and re-exports of the SDK package itself. Each comes with the text that makes it the
        target client (None: nothing to write) or the reason it cannot be migrated."""
        if not isinstance(fb.lang, JsBindingData) or not fb.bound:
            return []
        data, target = js_bindings(fb), fb.pack.target.name
        out: list[tuple[str, Any, str, str | None, str | None]] = []
        module_set = _ModuleSet(fb.pack.bind.modules, parsed.path)

        def client(expr: Node | None, declared: Node | None = None) -> tuple[str, bool] | None:
            """(key, is a reference) for an SDK expression; a creation is not a reference."""
            expr = _unwrap(expr)
            if expr is None:
                return None
            if declared is not None and _text(declared) in data.instances:
                key = self._client_of(declared, parsed, fb)[0]  # `export const mp = Mixpanel.init(...)`
                return key, not self._created_here(expr, data, fb.pack.bind)
            if not self._is_sdk(expr, data, fb.pack.bind):
                return None
            key = self._client_of(expr, parsed, fb)[0]
            return key, "#" not in key

        for stmt in parsed.tree.root_node.children:
            if stmt.type == "export_statement":
                source = _string_value(stmt.child_by_field_name("source"))
                decl, value = stmt.child_by_field_name("declaration"), stmt.child_by_field_name("value")
                if source is not None:
                    if source in module_set:
                        out.append(("*", stmt, default_key(fb.pack.sdk), None,
                                    f"re-exports the SDK package '{source}'; change the re-export by hand"))
                    continue
                getter = self._exported_getter(decl, data, parsed, fb)
                if getter is not None:
                    out.extend(getter)
                elif decl is not None and decl.type in DECLS:
                    for d in decl.children:
                        name, val = d.child_by_field_name("name"), d.child_by_field_name("value")
                        got = client(val, name) if d.type == "variable_declarator" and name is not None else None
                        if got is not None and name is not None:
                            out.append(self._export(_text(name), _unwrap(val), got, target, None))
                elif value is not None:
                    got = client(value)
                    if got is not None:
                        out.append(self._export("default", _unwrap(value), got, target, None))
                else:
                    clause = next((c for c in stmt.children if c.type == "export_clause"), None)
                    for sp in clause.children if clause is not None else ():
                        if sp.type != "export_specifier":
                            continue
                        local = sp.child_by_field_name("name")
                        alias = sp.child_by_field_name("alias")
                        got = client(local) if local is not None else None
                        if got is not None and local is not None:
                            exported = _text(alias or local)
                            out.append(self._export(exported, local, got, target, f"{target} as {exported}" if alias is None
                                                    else target))
            elif stmt.type == "expression_statement":
                expr = _unwrap(stmt.children[0]) if stmt.children else None
                if expr is None or expr.type != "assignment_expression":
                    continue
                left, right = expr.child_by_field_name("left"), expr.child_by_field_name("right")
                lt = _text(left)
                name = "default" if lt == "module.exports" else (lt.rsplit(".", 1)[1] if lt.startswith(
                    ("exports.", "module.exports.")) and lt.count(".") == lt.startswith("module.") + 1 else None)
                got = client(right) if name is not None else None
                if got is not None and name is not None:
                    out.append(self._export(name, _unwrap(right), got, target, None))
        return out

    def _handed_on(self, ref: Node, data: JsBindingData, parsed: ParsedFile, fb: FileBindings) -> list[Node]:
        """Every place this file hands the client ``ref`` names on as a value (``createContext(mixpanel)``,
        ``<Ctx.Provider value={mixpanel}>``, ``return mixpanel``): what must become the target client
        together with an exported getter, so no carrier keeps the old SDK alive."""
        if ref.type != "identifier":
            return [ref]
        name = _text(ref)
        quoted = '"' + name.replace('"', '\\"') + '"'
        out = []
        for n in capture_nodes(get_query(self.id, f'((identifier) @i (#eq? @i {quoted}))'), parsed.tree.root_node, "i"):
            parent = n.parent
            if parent is None or n.id in data.decl_nodes or _shadowed(n, name, data):
                continue
            if parent.type in ("arguments", "jsx_expression", "array", "return_statement") or (
                parent.type in ("pair", "variable_declarator", "assignment_expression")
                and (parent.child_by_field_name("value") or parent.child_by_field_name("right")) == n
            ):
                out.append(n)
        return out or [ref]

    @staticmethod
    def _imported_context(call: Node, data: JsBindingData) -> str | None:
        """The client key of ``useContext(X)`` when ``X`` is a React context imported from an app module."""
        if not data.imported_contexts:
            return None
        fn = _unwrap(call.child_by_field_name("function"))
        if fn is None or _text(fn) not in ("useContext", "React.useContext"):
            return None
        ctx = _context_argument(call)
        return data.imported_contexts.get(_text(ctx)) if ctx is not None else None

    def _exported_getter(self, decl: Node | None, data: JsBindingData, parsed: ParsedFile, fb: FileBindings
                         ) -> list[tuple[str, Any, str, str | None, str | None]] | None:
        """``export function useAnalytics() { return useContext(Ctx) }`` (or an exported arrow
        getter): calling it gives a client, so importers' ``useAnalytics().track()`` are its uses.
        Exported as ``name()``; nothing to write here (the getter returns whatever it returns)."""
        if decl is None:
            return None
        names: list[tuple[str, Node]] = []
        if decl.type == "function_declaration":
            n = decl.child_by_field_name("name")
            names = [(_text(n), n)] if n is not None else []
        elif decl.type in DECLS:
            names = [(_text(d.child_by_field_name("name")), d) for d in decl.children
                     if d.type == "variable_declarator" and d.child_by_field_name("name") is not None]
        for name, node in names:
            origin = data.origins.get(name)
            if name in data.contexts and origin is not None and name not in data.imported_contexts:
                # `export const Ctx = createContext(mixpanel)`: importers' `useContext(Ctx)` is the
                # client; what the context carries becomes the target client (as for a getter).
                ref = _unwrap(self._origin_of(origin, data, fb.pack.bind))
                key = self._client_of(ref, parsed, fb)[0]
                if ref is None or self._created_here(ref, data, fb.pack.bind) or "#" in key.split(":", 1)[1]:
                    return [(name + "{}", node, key, None, "exports a context of a client created in this module: "
                                                           "its users cannot follow a new constructor; migrate it by hand")]
                return [(name + "{}", n, key, fb.pack.target.name, None) for n in self._handed_on(ref, data, parsed, fb)]
            if (name in data.getters or name in data.review_roots) and origin is not None:
                ref = _unwrap(self._origin_of(origin, data, fb.pack.bind))
                key = self._client_of(ref, parsed, fb)[0]
                if ref is None or self._created_here(ref, data, fb.pack.bind) or "#" in key.split(":", 1)[1]:
                    return [(name + "()", node, key, None, "exports a getter of a client created in this module: its "
                                                           "callers cannot follow a new constructor; migrate it by hand")]
                # What the getter hands out (`mixpanel` in `createContext(mixpanel)`, a Provider's
                # `value`) becomes the target client.
                return [(name + "()", n, key, fb.pack.target.name, None) for n in self._handed_on(ref, data, parsed, fb)]
        return None

    @staticmethod
    def _export(name: str, node: Node, got: tuple[str, bool], target: str, text: str | None
                ) -> tuple[str, Any, str, str | None, str | None]:
        key, reference = got
        if not reference:
            return (name, node, key, None, "exports a client created in this module: its importers cannot follow a "
                                             "new constructor; migrate the wrapper by hand")
        return (name, node, key, text or target, None)

    # -- client values followed inside one file (issue 10) --------------------------------------
    def _follow_clients(self, parsed: ParsedFile, data: JsBindingData, spec: Any, module_set: _ModuleSet,
                        pack: RulePack) -> None:
        """Names that receive a client from one already known: aliases (``const mp = mixpanel``),
        assignments (``a = amplitude.getInstance()``, ``client = Mixpanel.init(t)`` into a ``let``),
        ``await import(sdk)``, getter functions/methods/accessors returning a client, and React
        contexts whose value is a client. Repeated to a fixpoint (an alias of a getter's result...);
        each round is one query whose ``#match?`` runs in C, and a file whose text has none of these
        shapes costs one byte-regex search."""
        src = parsed.source
        done: set[int] = set()
        dynamic = b"import" in src and any(w in src for w in _module_words(spec.modules))
        for _ in range(6):
            if not (_carried_on(src, _needles(data)) or dynamic and re.search(rb"\bimport\s*\(", src)):
                return
            alts = self._follow_alternatives(data, src, dynamic)
            rx = r"^(\(\s*)*(await\s+)?(" + "|".join(alts) + r")([^A-Za-z0-9_$]|$)"
            rx_q = rx.replace("\\", "\\\\").replace('"', '\\"')
            parts = [f'(({t} {f}: (_) @v) @n (#match? @v "{rx_q}"))' for t, f in FOLLOW_FIELDS if has_node_type(self.id, t)]
            parts.append(f'((return_statement (_) @v) @n (#match? @v "{rx_q}"))')
            for t, f in (("variable_declarator", "value"), ("assignment_expression", "right")):
                for branch in ("consequence", "alternative"):  # `c ? (await import(sdk)).default : undefined`
                    parts.append(f'(({t} {f}: (ternary_expression {branch}: (_) @v)) @n (#match? @v "{rx_q}"))')
            parts.append(
                f'((call_expression function: (_) @f arguments: (arguments . (_) @v)) @n '
                f'(#match? @f "^(React\\.)?createContext$") (#match? @v "{rx_q}"))'
            )
            if has_node_type(self.id, "jsx_attribute"):
                parts.append(
                    f'((jsx_attribute (property_identifier) @k (jsx_expression (_) @v)) @n (#eq? @k "value") '
                    f'(#match? @v "{rx_q}"))'
                )
            nodes = capture_nodes(get_query(self.id, "\n".join(parts)), parsed.tree.root_node, "n")
            grew = False
            for node in sorted({n.id: n for n in nodes}.values(), key=lambda n: n.start_byte):
                if node.id not in done and self._follow_one(node, data, spec, module_set, pack):
                    done.add(node.id)
                    grew = True
            if not grew:
                return

    def _origin_of(self, recv: Node | None, data: JsBindingData, spec: Any) -> Node | None:
        """The expression whose client ``recv`` carries on, through aliases (``const mp = mixpanel``),
        getter calls, accessors and ``useContext(Ctx)`` (``origins``); ``recv`` itself otherwise.
        A name holding a client created right there (``a = Mixpanel.init(t)``) is its own origin."""
        for _ in range(8):
            cur = _unwrap_await(recv)
            if cur is None:
                return recv
            key: str | None = None
            if cur.type == "identifier" and _text(cur) in data.origins and not _shadowed(cur, _text(cur), data):
                key = _text(cur)
            elif cur.type == "member_expression":
                obj = _unwrap(cur.child_by_field_name("object"))
                if obj is not None and obj.type == "this" and _text(cur.child_by_field_name("property")) in data.accessors:
                    key = "this." + _text(cur.child_by_field_name("property"))
            elif cur.type == "call_expression" and self._derived_call(cur, data):
                fn = _unwrap(cur.child_by_field_name("function"))
                if fn is not None and fn.type == "identifier" and _text(fn) in data.getters:
                    key = _text(fn)
                elif fn is not None and fn.type == "member_expression":
                    prop = _text(fn.child_by_field_name("property"))
                    key = "this." + prop if prop in data.methods else None
                if key is None:  # useContext(Ctx)
                    args = [a for a in significant(cur.child_by_field_name("arguments")) if a.is_named]
                    key = _text(_unwrap(args[0])) if args else None
            origin = data.origins.get(key) if key is not None else None
            if origin is None or self._instance_kind(_unwrap_await(origin), data, spec) is not None and key in data.instances:
                return cur
            recv = origin
        return _unwrap_await(recv)

    def _follow_alternatives(self, data: JsBindingData, src: bytes, dynamic: bool) -> list[str]:
        """Regex alternatives for the text a client-carrying value starts with."""
        names = sorted({*data.modules, *data.instances, *data.globals, *data.getters, *data.named_instances})
        alts = [re.escape(n) for n in names]
        if data.globals:
            g = "|".join(re.escape(x) for x in sorted(data.globals))
            alts.append(rf"window\s*\.\s*({g})")
            alts.append(rf"window\s+as\s+[A-Za-z_$][\w$]*\s*\)\s*\.\s*({g})")
        this_names = sorted({*data.fields, *data.accessors, *data.methods})
        if this_names:
            alts.append(r"this\.#?(" + "|".join(re.escape(f.lstrip("#")) for f in this_names) + ")")
        if data.contexts:
            c = "|".join(re.escape(x) for x in sorted(data.contexts))
            alts.append(rf"(React\.)?useContext\s*(<[^>]*>\s*)?\(\s*({c})")
        if dynamic:
            alts.append(r"import\s*\(")
        return alts

    def _follow_one(self, node: Node, data: JsBindingData, spec: Any, module_set: _ModuleSet, pack: RulePack) -> bool:
        """Bind what ``node`` (a declarator, assignment, return, arrow, createContext call or JSX
        ``value`` attribute) makes a client; True when a name was bound."""
        if node.type == "variable_declarator":
            return self._follow_declarator(node, data, spec, module_set, pack)
        if node.type == "assignment_expression" or node.type == "augmented_assignment_expression" and _text(
            node.child_by_field_name("operator")
        ) in ("??=", "||="):
            return self._follow_assignment(node, data, spec, module_set, pack)
        if node.type in ("field_definition", "public_field_definition"):
            prop = node.child_by_field_name("property") or node.child_by_field_name("name")
            kind = self._client_value(node.child_by_field_name("value"), data, spec, module_set)
            if prop is None or kind not in ("instance", "module") or _text(prop) in data.fields:
                return False
            data.fields[_text(prop)] = node
            return True
        if node.type in ("return_statement", "arrow_function"):
            value = node.child_by_field_name("body") if node.type == "arrow_function" else next(
                (c for c in node.children if c.is_named and c.type not in COMMENTS), None)
            fn = node if node.type == "arrow_function" else _enclosing_function(node)
            kind = self._client_value(value, data, spec, module_set)
            if fn is None or kind is None or not self._bind_getter(fn, kind, data):
                return False
            name = _function_name(fn)
            if name is not None and kind in ("instance", "module") and value is not None:
                data.origins.setdefault("this." + name if fn.type == "method_definition" else name, value)
            return True
        if node.type == "call_expression":  # createContext(client)
            args = [a for a in significant(node.child_by_field_name("arguments")) if a.is_named]
            decl = _declarator_of(node)
            kind = self._client_value(args[0], data, spec, module_set) if args else None
            # A `new Mixpanel()` client in a context is followed too: its uses elsewhere must be
            # listed with it (the project pass keeps that client whole), never left unseen.
            if decl is None or kind is None or not (kind in ("instance", "module") or kind.startswith("constructed:")):
                return False
            if not self._bind_context(decl.child_by_field_name("name"), _statement_of_declarator(decl), data):
                return False
            data.origins.setdefault(_text(decl.child_by_field_name("name")), args[0])
            return True
        if node.type == "jsx_attribute":  # <Ctx.Provider value={client}>
            value = next((c for c in node.children if c.type == "jsx_expression"), None)
            inner = next((c for c in value.children if c.is_named), None) if value is not None else None
            element = node.parent
            name = element.child_by_field_name("name") if element is not None else None
            if name is None or name.type != "member_expression" or _text(name.child_by_field_name("property")) != "Provider":
                return False
            if self._client_value(inner, data, spec, module_set) not in ("instance", "module"):
                return False
            ctx = _unwrap(name.child_by_field_name("object"))
            if ctx is None or ctx.type != "identifier" or _text(ctx) in data.contexts:
                return False
            data.contexts[_text(ctx)] = node
            if inner is not None:
                data.origins.setdefault(_text(ctx), inner)
            return True
        return False

    def _client_value(self, value: Node | None, data: JsBindingData, spec: Any, module_set: _ModuleSet) -> str | None:
        """What ``value`` is: "module" (the SDK module/global itself), "dynamic" (a module loaded with
        ``import()``), "instance" (a default client), a named instance's name, or None."""
        v = _unwrap_await(value)
        if v is None:
            return None
        if v.type == "ternary_expression":
            # `process.client ? (await import(sdk)).default : undefined`: the client, or nothing.
            a, b = _unwrap(v.child_by_field_name("consequence")), _unwrap(v.child_by_field_name("alternative"))
            if a is None or b is None:
                return None
            for one, other in ((a, b), (b, a)):
                if other.type in ("null", "undefined") or _text(other) == "undefined":
                    kind = self._client_value(one, data, spec, module_set)
                    return "maybe-" + kind if kind in ("module", "instance", "dynamic") else None
            return None
        if _dynamic_import(v, module_set):
            return "dynamic"
        if v.type == "member_expression" and _text(v.child_by_field_name("property")) == "default":
            obj = _unwrap_await(v.child_by_field_name("object"))
            if _dynamic_import(obj, module_set):
                return "dynamic"
            if obj is not None and obj.type == "identifier" and _text(obj) in data.dynamic and _text(obj) in data.modules:
                return "module"  # `ns.default` of `const ns = await import(sdk)`
        if v.type == "identifier":
            name = _text(v)
            if self._is_module_ref(v, data):
                return "module"
            if name in data.instances and not _shadowed(v, name, data):
                stmt = data.instances[name]
                if data.classes and _constructed(_declared_value(stmt) or stmt, data):
                    # A `new Mixpanel()` client passed on: its init is refused (js_read), so what
                    # carries it on is listed, never rewritten onto a client nothing initialises.
                    return f"constructed:{name}:{stmt.start_point[0] + 1}"
                return "instance"
            if name in data.named_instances and not _shadowed(v, name, data):
                return data.named_instances[name]
            return None
        if v.type == "member_expression":
            obj = _unwrap(v.child_by_field_name("object"))
            if obj is not None and obj.type == "this":
                prop = _text(v.child_by_field_name("property"))
                return "instance" if prop in data.fields or prop in data.accessors else None
            return "module" if self._is_module_ref(v, data) else None
        if v.type in ("call_expression", "new_expression"):
            kind = self._instance_kind(v, data, spec)
            if kind is not None:
                return kind
            if v.type == "call_expression" and self._derived_call(v, data):
                return "instance"
        return None

    def _bind_name(self, ident: Node, kind: str, stmt: Node, data: JsBindingData, pack: RulePack,
                   source: Node | None) -> bool:
        """Record ``ident`` as a client of ``kind`` declared by ``stmt``."""
        name = _text(ident)
        if kind.startswith("maybe-") or kind == "assigned-dynamic":
            data.review_roots[name] = _maybe_reason(kind)
            data.review_decls.add(ident.id)
            if kind.endswith("dynamic"):
                data.dynamic[name] = stmt  # its import() is listed through the calls on it, not again
            return True
        if kind.startswith("constructed:"):
            data.review_roots[name] = _constructed_reason(kind)
            data.review_decls.add(ident.id)
            return True
        if kind == "dynamic" and _dynamic_form(pack) is None:
            data.review_roots[name] = "a client loaded with import(), which the target SDK cannot be loaded as here"
            data.dynamic[name] = stmt
            data.review_decls.add(ident.id)
            return True
        if source is not None:
            data.aliases[name] = _text(source)
            data.origins[name] = source
        if kind in ("module", "dynamic"):
            self._declare(data.modules, data, ident, stmt)
            if kind == "dynamic":
                data.dynamic[name] = stmt
        elif kind == "instance":
            self._declare(data.instances, data, ident, stmt)
        else:
            data.named_instances[name] = kind
            data.decl_nodes.add(ident.id)
        return True

    def _follow_declarator(self, node: Node, data: JsBindingData, spec: Any, module_set: _ModuleSet,
                           pack: RulePack) -> bool:
        name_node, value = node.child_by_field_name("name"), node.child_by_field_name("value")
        if name_node is None or value is None or name_node.id in data.decl_nodes:
            return False
        stmt = _statement_of_declarator(node)
        if value.type in ("arrow_function", "function_expression", "function"):
            return False  # a getter: its return value is followed instead
        kind = self._client_value(value, data, spec, module_set)
        if kind is None:
            return False
        if name_node.type == "identifier":
            return self._bind_name(name_node, kind, stmt, data, pack, value)
        if name_node.type != "object_pattern" or kind not in ("module", "dynamic"):
            return False
        bound = False
        for prop in name_node.children:  # `const { default: mixpanel } = await import(...)`, `const { track } = amplitude`
            key = prop.child_by_field_name("key") if prop.type == "pair_pattern" else prop
            local = prop.child_by_field_name("value") if prop.type == "pair_pattern" else prop
            if key is None or local is None or local.type not in ("identifier", "shorthand_property_identifier_pattern"):
                continue
            if local.id in data.decl_nodes:
                continue
            if _text(key) == "default" and kind == "dynamic":
                bound = self._bind_name(local, kind, stmt, data, pack, value) or bound
            elif spec.named_imports and kind == "module" or (kind == "dynamic" and spec.named_imports and _dynamic_form(pack)):
                data.members[_text(local)] = (_text(key), prop, stmt)
                data.decl_nodes.add(local.id)
                if kind == "dynamic":
                    data.dynamic[_text(local)] = stmt
                bound = True
            else:
                data.review_roots[_text(local)] = f"{_text(key)}, taken out of the SDK module (not followed)"
                data.review_decls.add(local.id)
                bound = True
        return bound

    def _follow_assignment(self, node: Node, data: JsBindingData, spec: Any, module_set: _ModuleSet,
                           pack: RulePack) -> bool:
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        if left is None or right is None or left.id in data.decl_nodes:
            return False
        kind = self._client_value(right, data, spec, module_set)
        if kind is None and left.type in ("member_expression", "subscript_expression") and _creates_client(right, data, spec):
            obj = _unwrap(left.child_by_field_name("object"))
            return obj is not None and obj.type != "this" and self._opaque_holder(node, left, data)
        if kind is None:
            return False
        stmt = node.parent if node.parent is not None and node.parent.type == "expression_statement" else node
        if left.type == "member_expression":
            obj, prop = _unwrap(left.child_by_field_name("object")), _text(left.child_by_field_name("property"))
            if obj is not None and obj.type == "this" and kind in ("instance", "module") and prop not in data.fields:
                data.fields[prop] = stmt
                return True
            if obj is not None and obj.type != "this":
                return self._opaque_holder(node, left, data)
            return False
        if left.type == "subscript_expression":
            return self._opaque_holder(node, left, data)
        if left.type != "identifier":
            return False
        name = _text(left)
        if name in data.instances or name in data.modules or name in data.review_roots:
            return False  # a re-assignment: its left side stays a live use, so the first declaration is kept
        declared = _declaring_ident(node, name)
        if declared is False:
            return False  # a parameter, or a name declared with a value of its own
        if kind == "dynamic":
            kind = "assigned-dynamic"  # loaded into a variable: its other users cannot get the target the same way
        if isinstance(declared, tuple):
            ident, decl_stmt = declared
            if kind in ("module", "instance"):
                data.decl_nodes.add(ident.id)
                data.bare[name] = decl_stmt
            else:
                data.review_decls.add(ident.id)
        data.assignments.setdefault(name, []).append(stmt)
        return self._bind_name(left, kind, stmt, data, pack, right)

    def _opaque_holder(self, node: Node, left: Node, data: JsBindingData) -> bool:
        """A client stored in a map or another object's property inside a named function
        (``instances[key] = mixpanel.init(...)``): the function's callers get a client this file
        cannot follow exactly, so calls on ``getX(...)`` are listed for review."""
        fn = _enclosing_function(node)
        name = _function_name(fn) if fn is not None else None
        if name is None or name in data.getters or name in data.review_roots:
            return False
        data.review_roots[name] = f"{name}(), which returns a client kept in {_text(left)} (not followed)"
        return True

    def _bind_getter(self, fn: Node, kind: str, data: JsBindingData) -> bool:
        """Record the function ``fn`` as returning a client (``kind``)."""
        name = _function_name(fn)
        if name is None:
            return False
        if kind not in ("instance", "module"):
            if name in data.review_roots or name in data.getters:
                return False
            if kind.startswith("constructed:"):
                data.review_roots[name] = _constructed_reason(kind)
            elif kind.startswith("maybe-") or kind == "dynamic":
                data.review_roots[name] = f"{name}(), which returns {_maybe_reason(kind)}"
            else:
                data.review_roots[name] = f"{name}(), which returns named instance {kind!r}"
            if fn.type in ("function_declaration", "generator_function_declaration") and fn.parent is not None:
                data.own_named.add((fn.parent.id, name))
            return True
        why = _impure_getter(fn, name)
        if why is not None:
            if name in data.review_roots or name in data.getters or fn.type == "method_definition":
                return False
            data.review_roots[name] = why
            if fn.type in ("function_declaration", "generator_function_declaration") and fn.parent is not None:
                data.own_named.add((fn.parent.id, name))
            return True
        if fn.type == "method_definition":
            table = data.accessors if any(c.type == "get" for c in fn.children) else data.methods
            if name in table:
                return False
            table[name] = fn
            return True
        if name in data.getters or name in data.review_roots:
            return False
        data.getters[name] = _getter_statement(fn)
        if fn.type in ("function_declaration", "generator_function_declaration") and fn.parent is not None:
            data.own_named.add((fn.parent.id, name))
        else:
            decl = _declarator_of(fn)
            if decl is not None and decl.child_by_field_name("name") is not None:
                data.decl_nodes.add(decl.child_by_field_name("name").id)
        data.shadowed.clear()
        return True

    def _bind_context(self, ident: Node | None, stmt: Node, data: JsBindingData) -> bool:
        if ident is None or ident.type != "identifier" or _text(ident) in data.contexts:
            return False
        data.contexts[_text(ident)] = stmt
        data.decl_nodes.add(ident.id)
        return True

    def _declaration_nodes(self, parsed: ParsedFile, data: JsBindingData, spec: Any) -> list[Node]:
        types = ("variable_declarator", "assignment_expression", "field_definition", "public_field_definition")
        src = parsed.source
        if not any(m.encode() in src for m in (*spec.instances, *spec.factories, *spec.classes)) and not (
            b"require" in src and any(w in src for w in _module_words(spec.modules))
        ):
            return []  # no instance can be created in this file, and no require() binds the SDK
        if b"require" in parsed.source and any(w in parsed.source for w in _module_words(spec.modules)):
            return self._nodes(parsed, types)
        factories = {m for m in data.members if _imported_factory(m, data, spec)}  # `import { createInstance }`
        roots = sorted({*data.modules, *data.globals, *factories})
        if not roots:
            return []
        alts = [re.escape(r) for r in roots] + [rf"window\.{re.escape(g)}" for g in sorted(data.globals)]
        rx = r"^(await\s+|new\s+)?\(?\s*(" + "|".join(alts) + r")([^A-Za-z0-9_$]|$)"
        rx_q = rx.replace("\\", "\\\\").replace('"', '\\"')
        fields = {"variable_declarator": "value", "assignment_expression": "right", "field_definition": "value",
                  "public_field_definition": "value"}
        parts = [
            f'(({t} {f}: (_) @v) @n (#match? @v "{rx_q}"))' for t, f in fields.items() if has_node_type(self.id, t)
        ]
        nodes = capture_nodes(get_query(self.id, "\n".join(parts)), parsed.tree.root_node, "n")
        return sorted({n.id: n for n in nodes}.values(), key=lambda n: n.start_byte)

    def _sdk_call_parts(self, data: JsBindingData) -> list[str]:
        """Query patterns capturing (@s) call/new expressions whose callee starts at an SDK name.

        The ``#match?``/``#any-of?`` predicates run in C, so files with thousands of unrelated
        calls cost almost nothing; the Python checks that follow stay exact."""
        roots = sorted({*data.modules, *data.instances, *data.globals, *data.named_instances, *data.imported,
                        *data.getters, *data.review_roots})
        alts = [re.escape(r) for r in roots] + [rf"window\.{re.escape(g)}" for g in sorted(data.globals)]
        this_names = sorted({*data.fields, *data.accessors, *data.methods})
        if this_names:
            alts.append(r"this\.#?(" + "|".join(re.escape(f.lstrip("#")) for f in this_names) + ")")
        if data.globals:  # `(window as any).amplitude`
            alts.append(r"window\s+as\s+[A-Za-z_$][\w$]*\s*\)\s*\.\s*(" + "|".join(re.escape(g) for g in sorted(data.globals)) + ")")
        if data.contexts:
            alts.append(r"(React\.)?useContext\s*(<[^>]*>\s*)?\(\s*(" + "|".join(re.escape(c) for c in sorted(data.contexts)) + ")")
        parts = []
        if alts:
            # Also behind `(`/`await`: `(await getClient()).track(...)`.
            rx = r"^(\(\s*)*(await\s+)?(" + "|".join(alts) + r")([^A-Za-z0-9_$]|$)"
            rx_q = rx.replace("\\", "\\\\").replace('"', '\\"')
            for t, f in (("call_expression", "function"), ("new_expression", "constructor")):
                parts.append(f'(({t} {f}: (member_expression object: (_) @o)) @s (#match? @o "{rx_q}"))')
        if data.members or data.review_roots:
            names = " ".join(f'"{m}"' for m in sorted({*data.members, *data.review_roots}))
            for t, f in (("call_expression", "function"), ("new_expression", "constructor")):
                parts.append(f"(({t} {f}: (identifier) @f) @s (#any-of? @f {names}))")
        if data.classes:  # `new Mixpanel(...)` outside a client declaration (bind.classes)
            names = " ".join(f'"{m}"' for m in sorted(data.classes))
            parts.append(f"((new_expression constructor: (identifier) @f) @s (#any-of? @f {names}))")
        return parts

    def _sdk_call_nodes(self, parsed: ParsedFile, fb: FileBindings) -> list[Node]:
        cached = fb.sdk_calls
        if cached is not None:
            return cached
        parts = self._sdk_call_parts(js_bindings(fb))
        if not parts:
            return []
        return _unique_sorted(capture_nodes(get_query(self.id, "\n".join(parts)), parsed.tree.root_node, "s"))

    def _nodes(self, parsed: ParsedFile, types: tuple[str, ...]) -> list[Node]:
        """All nodes of ``types`` in document order, via a cached query."""
        parts = [f"({t}) @n" for t in types if has_node_type(self.id, t)]
        nodes = capture_nodes(get_query(self.id, "\n".join(parts)), parsed.tree.root_node, "n")
        return sorted(nodes, key=lambda n: n.start_byte)

    @staticmethod
    def _declare(table: dict[str, Node], data: JsBindingData, ident: Node, stmt: Node) -> None:
        table[_text(ident)] = stmt
        data.decl_nodes.add(ident.id)

    def _instance_kind(self, value: Node, data: JsBindingData, spec: Any) -> str | None:
        """"instance" for a default instance expression, the instance name for a named one, else None."""
        if value.type == "await_expression":
            inner = [c for c in value.children if c.is_named]
            value = _unwrap(inner[0]) if inner else value
        if value.type == "new_expression" and data.classes:
            # `new Mixpanel(token, ...)` of a class bound by bind.classes creates a client.
            ctor = _unwrap(value.child_by_field_name("constructor"))
            ok = ctor is not None and ctor.type == "identifier" and _text(ctor) in data.classes
            return "instance" if ok and self._is_module_ref(ctor, data) else None
        if value.type != "call_expression":
            return None
        fn = value.child_by_field_name("function")
        if fn is not None and fn.type == "identifier":  # `createInstance()` of `import { createInstance }`
            ok = _imported_factory(_text(fn), data, spec) and not _shadowed(fn, _text(fn), data)
            return "instance" if ok else None
        if fn is None or fn.type != "member_expression":
            return None
        obj, prop = fn.child_by_field_name("object"), _text(fn.child_by_field_name("property"))
        if obj is None or not self._is_module_ref(obj, data):
            return None
        if prop in spec.factories:
            return "instance"
        if prop in spec.instances:
            args = [a for a in significant(value.child_by_field_name("arguments")) if a.is_named]
            if not args:
                return "instance"
            name = _string_value(args[0])
            if name is not None and name.lower() in ("", "$default_instance"):
                return "instance"
            return name if name is not None else _text(args[0])
        return None

    def _is_module_ref(self, node: Node, data: JsBindingData) -> bool:
        node = _unwrap(node)
        if node.type == "identifier":
            name = _text(node)
            return (name in data.modules or name in data.globals) and not _shadowed(node, name, data)
        if node.type == "member_expression":
            obj, prop = _unwrap(node.child_by_field_name("object")), _text(node.child_by_field_name("property"))
            if prop == "default" and obj is not None and obj.type == "identifier" and _text(obj) in data.dynamic:
                # `ns.default` of `const ns = await import(sdk)`
                return _text(obj) in data.modules and not _shadowed(obj, _text(obj), data)
            # `window.amplitude`, `(window as any).amplitude`
            return obj is not None and _text(obj) == "window" and prop in data.globals
        return False

    def _is_sdk(self, node: Node, data: JsBindingData, spec: Any) -> bool:
        node = _unwrap_await(node)
        if not data.guard_off and _optional_chain(node) and not self._never_nullish(node, data, spec):
            return False  # `?.` on a client that may be unset: listed (unaccounted_calls), not rewritten
        if node.type == "identifier":
            name = _text(node)
            if name in data.instances or name in data.modules or name in data.globals or name in data.imported:
                return not _shadowed(node, name, data)
            return False
        if node.type == "member_expression":
            obj, prop = _unwrap(node.child_by_field_name("object")), _text(node.child_by_field_name("property"))
            if obj is not None and obj.type == "this":
                return prop in data.fields or prop in data.accessors
            return self._is_module_ref(node, data)
        if node.type == "call_expression":
            return self._instance_kind(node, data, spec) == "instance" or self._derived_call(node, data)
        return False

    def _never_nullish(self, node: Node, data: JsBindingData, spec: Any, depth: int = 0) -> bool:
        """Whether the client under a ``?.`` chain is always set, so the rewrite may drop the guard:
        an imported or required module (and ``const`` aliases of one, and what its
        ``getInstance()``/factories return) and ``const`` clients created from one. Snippet globals,
        ``window.x``, fields, getter results, context values and clients assigned later may be
        unset, and the target call cannot keep the guard."""
        root = _chain_root(node)
        if root is None or root.type != "identifier":
            return False
        name = _text(root)
        if name in data.globals or name in data.assignments or _shadowed(root, name, data):
            return False
        called = root.parent
        while called is not None and called.type in VALUE_WRAPPERS:
            called = called.parent
        if called is not None and called.type == "call_expression" and _unwrap(called.child_by_field_name("function")) == root:
            return False  # `getMp()?.track()`: what a getter returns may be null
        origin = data.origins.get(name)
        if origin is not None and depth < 8:  # an alias is as set as what it copies
            return self._never_nullish(origin, data, spec, depth + 1)
        if name in data.modules:
            return True
        stmt = data.instances.get(name)
        if stmt is None or stmt.type != "lexical_declaration" or not _text(stmt).startswith("const"):
            return False
        # `const amp = amplitude.getInstance()` / `new Mixpanel(t)` is always set; a const holding
        # a getter's result, a context value or a field may be null.
        value = _unwrap_await(_declared_value(stmt))
        base = _chain_root(value) if value is not None and value.type in ("call_expression", "new_expression") else None
        if value is not None and value.type == "new_expression":
            base = _unwrap(value.child_by_field_name("constructor"))
        return base is not None and base.type == "identifier" and (_text(base) in data.modules or _text(base) in data.classes) \
            and _text(base) not in data.globals and self._instance_kind(value, data, spec) is not None

    def _derived_call(self, node: Node, data: JsBindingData) -> bool:
        """A call whose result is a client this file defines: a getter function (``getMp()``), a
        method (``this.client()``) or ``useContext(ClientContext)``."""
        fn = _unwrap(node.child_by_field_name("function"))
        if fn is None:
            return False
        if fn.type == "identifier":
            name = _text(fn)
            if name in data.getters:
                return not _shadowed(fn, name, data)
            if name != "useContext":
                return False
        elif fn.type == "member_expression":
            obj, prop = _unwrap(fn.child_by_field_name("object")), _text(fn.child_by_field_name("property"))
            if obj is not None and obj.type == "this":
                return prop in data.methods
            if not (prop == "useContext" and _text(obj) == "React"):
                return False
        else:
            return False
        ctx = _context_argument(node)
        return ctx is not None and _text(ctx) in data.contexts and not _shadowed(ctx, _text(ctx), data)

    def _special(self, p: PNode, t: Node, env: dict[str, Capture], ctx: MatchContext, data: JsBindingData) -> bool | None:
        """``$SDK.member`` in a pattern also matches a bare named import of ``member``."""
        if p.type != "member_expression" or len(p.children) != 2 or t.type != "identifier":
            return None
        obj, prop = p.children
        if obj.meta != SDK or prop.text is None:
            return None
        name = _text(t)
        bound = data.members.get(name)
        if bound is None or bound[0] != prop.text or _shadowed(t, name, data):
            return False
        env.setdefault(SDK, Capture((t,), False))
        return True

    # -- sites ---------------------------------------------------------------------------------
    def string_at(self, parsed: ParsedFile, start: int, end: int) -> Node | None:
        """The innermost string/template literal holding the span (or None: it is code)."""
        cur = parsed.tree.root_node.descendant_for_byte_range(start, end)
        while cur is not None:
            if cur.type in ("string", "template_string"):
                return cur
            cur = cur.parent
        return None

    def expand_site(self, node: Node, source: bytes) -> tuple[Node, str | None]:
        site = node
        parent = site.parent
        if (
            parent is not None
            and parent.type == "member_expression"
            and _text(parent.child_by_field_name("property")) == "promise"
            and parent.child_by_field_name("object") == site
        ):
            site = parent
            if site.parent is not None and site.parent.type == "await_expression":
                site = site.parent
        parent = site.parent
        if parent is not None and parent.type == "member_expression" and parent.child_by_field_name("object") == site:
            prop = _text(parent.child_by_field_name("property"))
            return site, f"its result is used (.{prop}); the target SDK returns nothing to chain on"
        return site, None

    def statement_of(self, node: Node) -> Node | None:
        """The expression statement whose whole expression is ``node``, if any."""
        parent = node.parent
        if parent is not None and parent.type == "expression_statement":
            return parent
        return None

    def unaccounted_calls(self, parsed: ParsedFile, fb: FileBindings) -> list[tuple[Node, str]]:
        data = js_bindings(fb)
        spec = fb.pack.bind
        out: list[tuple[Node, str]] = []
        if not fb.bound:
            return out
        out.extend(self._dynamic_import_sites(parsed, fb))
        for node in self._sdk_call_nodes(parsed, fb):
            fn = node.child_by_field_name("function") or node.child_by_field_name("constructor")
            if fn is None:
                continue
            fn = _unwrap(fn)
            if fn.type == "member_expression":
                why = self._unfollowed_receiver(fn.child_by_field_name("object"), data, spec)
                prop = _text(fn.child_by_field_name("property"))
                if why is not None:
                    if not _is_callee_object(node):
                        out.append((node, f"{prop}() {why}"))  # `x?.getInstance()` goes with the call on it
                    continue
            if node.type == "new_expression" and _text(fn).rsplit(".", 1)[-1] in BUILDERS:
                continue  # a builder value; the identify/revenue call that consumes it is the site
            if node.type == "new_expression" and fn.type == "identifier" and _text(fn) in data.classes:
                # A client of bind.classes: its declaration goes with its uses; any other is a site.
                if not _shadowed(fn, _text(fn), data) and not _is_client_declaration(node, data):
                    out.append((node, f"new {_text(fn)}() outside a client declaration"))
                continue
            if fn.type == "identifier":
                bound = data.members.get(_text(fn))
                if bound is not None and not _shadowed(fn, _text(fn), data):
                    out.append((node, f"{bound[0]}()"))
                elif _text(fn) in data.review_roots and _text(fn) not in data.getters and not _is_callee_object(node):
                    if not _shadowed_uncached(fn, _text(fn), data, allowed=data.review_decls):  # `const { track } = mixpanel`
                        out.append((node, f"{_text(fn)}() — {data.review_roots[_text(fn)]}"))
                continue
            if fn.type != "member_expression":
                continue
            obj, prop = fn.child_by_field_name("object"), _text(fn.child_by_field_name("property"))
            if obj is None:
                continue
            if self._is_sdk(obj, data, spec):
                if self._is_module_ref(obj, data) and prop in (*spec.instances, *spec.factories):
                    if self._instance_kind(node, data, spec) != "instance":
                        out.append((node, f"{prop}() of a named instance"))
                    continue
                out.append((node, f"{prop}()"))
            else:
                base = _unwrap(obj)
                if base.type == "identifier" and _text(base) in data.named_instances:
                    out.append((node, f"{prop}() on named instance {data.named_instances[_text(base)]!r}"))
        return out

    def _unfollowed_receiver(self, obj: Node | None, data: JsBindingData, spec: Any) -> str | None:
        """Why a call on ``obj`` is listed rather than rewritten, when ``obj`` is a client this file
        knows but cannot rewrite a call on: behind ``?.`` while it may be unset, or reached through
        a name in ``review_roots``."""
        if obj is None:
            return None
        node = _unwrap_await(obj)
        if node is None:
            return None
        if _optional_chain(node) and not self._never_nullish(node, data, spec) and self._is_sdk_unguarded(node, data, spec):
            return f"through ?. on {_guarded_text(node)}, which may be unset (the rewrite would drop the guard)"
        root = _chain_root(node)
        if root is not None and root.type == "identifier" and _text(root) in data.review_roots:
            if not _shadowed_uncached(root, _text(root), data, allowed=data.review_decls):
                return "on " + data.review_roots[_text(root)]
        return None

    def _is_sdk_unguarded(self, node: Node, data: JsBindingData, spec: Any) -> bool:
        """``_is_sdk`` without the optional-chain guard: is ``node`` a client at all?"""
        data.guard_off = True
        try:
            return self._is_sdk(node, data, spec)
        finally:
            data.guard_off = False

    def _inline_imports(self, parsed: ParsedFile, data: JsBindingData, module_set: _ModuleSet) -> list[Node]:
        """``import(sdk)`` calls that no followed declaration binds (``(await import(sdk)).track()``,
        ``import(sdk).then(m => ...)``); one byte search when the file has no ``import(``."""
        src = parsed.source
        if b"import" not in src or not any(w in src for w in _module_words(module_set.modules)):
            return []
        if not re.search(rb"\bimport\s*\(", src):
            return []
        bound = [*data.modules.values(), *data.dynamic.values(), *(stmt for (_e, _s, stmt) in data.members.values())]
        out = []
        for call in capture_nodes(get_query(self.id, "((call_expression function: (import)) @c)"), parsed.tree.root_node, "c"):
            if _in_type(call):
                continue  # `typeof import('mixpanel-browser')`: a type, not a load
            if _dynamic_import(call, module_set) and not any(
                d.start_byte <= call.start_byte and call.end_byte <= d.end_byte for d in bound
            ):
                out.append(call)
        return out

    def _dynamic_import_sites(self, parsed: ParsedFile, fb: FileBindings) -> list[tuple[Node, str]]:
        """The inline ``import(sdk)`` uses, listed whole — the rewrite cannot load the target the
        same way inline: ``(await import(sdk)).track(...)``, ``import(sdk).then(m => ...)``."""
        out: list[tuple[Node, str]] = []
        for call in js_bindings(fb).inline_imports:
            site, cur = call, call.parent
            while cur is not None and cur.type in (*VALUE_WRAPPERS, "await_expression", "member_expression", "call_expression"):
                if cur.type == "call_expression" and cur.child_by_field_name("function") != site:
                    break  # `site` is an argument of this call, not its callee
                site, cur = cur, cur.parent
            out.append((site, "the SDK loaded inline with import() (the rewrite cannot load the target the same way)"))
        return out

    # -- imports -------------------------------------------------------------------------------
    def import_edits(
        self, parsed: ParsedFile, fb: FileBindings, edits: list[Edit], reviews: list[ReviewItem]
    ) -> list[Edit]:
        data = js_bindings(fb)
        src = parsed.source
        out: list[Edit] = []
        removed: list[tuple[int, int]] = []
        rule = f"{fb.pack.sdk}/imports"

        def live_uses(name: str, own: Node, this_field: bool = False, before: bool = False) -> int:
            # `edits` is read each time: a factory call moved out of a kept declaration no longer
            # hides it. The uses come from a query with a name predicate (C speed) and the spans
            # from a bisection table: a tree walk and a scan of every edit per use made big files
            # quadratic. `before`: the uses in the file as it was (no edit counted).
            spans = SpanIndex([_span(own)] if before else [*((x.start, x.end) for x in edits), *removed, _span(own)])
            quoted = '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
            count = 0
            if this_field:
                query = f"((member_expression object: (this) property: (_) @p) @m (#eq? @p {quoted}))"
                for n in capture_nodes(get_query(self.id, query), parsed.tree.root_node, "m"):
                    if not spans.covers(n.start_byte, n.end_byte):
                        count += 1
                return count
            parts = [f"(({t}) @i (#eq? @i {quoted}))" for t in ("identifier", "shorthand_property_identifier")
                     if has_node_type(self.id, t)]
            for n in capture_nodes(get_query(self.id, "\n".join(parts)), parsed.tree.root_node, "i"):
                if n.id in data.decl_nodes or spans.covers(n.start_byte, n.end_byte) or _shadowed(n, name, data):
                    continue
                count += 1
            if not before:  # a rewrite that keeps the app's name for its client (`mp.track(...)`) uses it
                count += sum(1 for x in edits for w in x.needs if w == name or w.startswith((name + "(", name + ".")))
            return count

        if not edits:
            return out
        first_removed: Node | None = None
        # Named imports (and `const { track } = amplitude`): per statement, the specifiers left.
        by_stmt: dict[int, list[tuple[str, Node, Node]]] = {}
        for local, (_export, spec_node, stmt) in data.members.items():
            by_stmt.setdefault(stmt.id, []).append((local, spec_node, stmt))
        for local, (spec_node, stmt) in data.classes.items():
            by_stmt.setdefault(stmt.id, []).append((local, spec_node, stmt))
        dynamic_done: list[Node] = []
        handled: set[int] = set()

        def gone(stmt: Node) -> bool:
            return stmt.id in handled or any(s <= stmt.start_byte and stmt.end_byte <= e for s, e in removed)

        def drop(stmt: Node, until: Node | None = None) -> None:
            out.append(_remove_stmt(src, stmt, rule, until=until))
            removed.append((stmt.start_byte, (until or stmt).end_byte))
            handled.add(stmt.id)

        def instance(name: str, stmt: Node, is_field: bool) -> bool:
            """Instances: removing `const amp = amplitude.getInstance()` frees the module name."""
            nonlocal edits
            inner = [e for e in edits if stmt.start_byte <= e.start and e.end <= stmt.end_byte
                     and not e.rule.endswith("/exports")]  # an exported client made the target stays put
            exported = stmt.parent is not None and stmt.parent.type == "export_statement"
            value = _declared_value(stmt)
            semi = ";" if _text(stmt).rstrip().endswith(";") else ""
            if not exported and live_uses(name, stmt, this_field=is_field) == 0:
                bare = data.bare.get(name) if not is_field else None
                if bare is not None and not gone(bare):
                    # `let a;` whose only client assignment goes: it goes too (with the line right
                    # after it when that is the assignment, so no blank line is left twice).
                    if not inner and bare.next_named_sibling == stmt:
                        drop(bare, until=stmt)
                        handled.add(stmt.id)
                        return True
                    drop(bare)
                if inner and value is not None:
                    # A factory call (Mixpanel.init) that was itself rewritten stays as a statement.
                    text = _splice(src, value.start_byte, value.end_byte, inner)
                    out.append(Edit(stmt.start_byte, stmt.end_byte, text + semi, rule, needs=_needs(inner)))
                    for e in inner:
                        edits.remove(e)
                    removed.append(_span(stmt))
                    handled.add(stmt.id)
                    return True
                if not inner:
                    drop(stmt)
                    return True
            elif inner and value is not None:
                # The client is still used (a site left for review, an export): keep it, and run
                # the rewritten factory call as its own statement right after the declaration.
                holder = stmt.parent if exported else stmt
                at = line_end(src, holder.end_byte)
                lead = eol_of(src) if not src[:at].endswith(b"\n") else ""
                text = _splice(src, value.start_byte, value.end_byte, inner)
                out.append(Edit(at, at, lead + indent_at(src, holder.start_byte) + text + semi + eol_of(src), rule,
                                needs=_needs(inner)))
                for e in inner:
                    edits.remove(e)
                handled.add(stmt.id)
            return False

        def carrier(name: str, stmt: Node) -> bool:
            """Getter functions and contexts nothing uses any more (not exported, and used before
            the rewrite: an unused one is not this rewrite's to remove)."""
            if stmt.type == "jsx_attribute" or (stmt.parent is not None and stmt.parent.type == "export_statement"):
                return False
            if any(stmt.start_byte <= e.start and e.end <= stmt.end_byte for e in edits):
                return False
            if live_uses(name, stmt, before=True) == 0 or live_uses(name, stmt) > 0:
                return False
            drop(stmt)
            return True

        def named(specs: list[tuple[str, Node, Node]]) -> bool:
            """The whole statement goes when none of its specifiers is used (and no default import
            beside them is: `import amplitude, { track } from ...`)."""
            nonlocal first_removed
            stmt = specs[0][2]
            dead = [local for local, _sp, _ in specs if live_uses(local, stmt) == 0]
            other_live = any(st.id == stmt.id and n not in data.classes and n not in data.members and live_uses(n, st) > 0
                             for n, st in data.modules.items())
            if not dead or len(dead) != len(_specifiers(stmt)) or other_live:
                return False
            drop(stmt)
            if stmt.type == "import_statement" or stmt.parent is not None and stmt.parent.type == "program":
                first_removed = stmt if first_removed is None or stmt.start_byte < first_removed.start_byte else first_removed
            return True

        def module(name: str, stmt: Node) -> bool:
            nonlocal first_removed
            if name in data.classes or live_uses(name, stmt) > 0:
                return False  # a class specifier goes like a named import (above), not its statement
            if stmt.parent is not None and stmt.parent.type == "export_statement":
                return False  # `export const analytics = amplitude`: the export is the client's (codemod.clients)
            if any(st.id == stmt.id and live_uses(n, st) > 0 for n, (_e, _sp, st) in data.members.items()):
                return False  # `import amplitude, { track }` while `track` is still used
            if name in data.dynamic:
                dynamic_done.append(stmt)  # replaced below by the target loaded the same way, if used
                handled.add(stmt.id)
                return True
            drop(stmt)
            bare = data.bare.get(name)
            if bare is not None and not gone(bare):
                drop(bare)
            if stmt.type == "import_statement" or stmt.parent is not None and stmt.parent.type == "program":
                first_removed = stmt if first_removed is None or stmt.start_byte < first_removed.start_byte else first_removed
            return True

        # Latest first, and again while anything went: what carries a client on (an alias, a getter,
        # a context, a `let` assigned from a getter) is declared after what it reads.
        entries: list[tuple[str, Node, str]] = [(n, st, "instance") for n, st in data.instances.items()]
        entries += [(n, st, "field") for n, st in data.fields.items()]
        entries += [(n, st, "carrier") for n, st in (*data.getters.items(), *data.contexts.items())]
        entries += [(n, st, "module") for n, st in data.modules.items()]
        entries += [(str(i), specs[0][2], "named") for i, specs in by_stmt.items()]
        entries.sort(key=lambda x: (-x[1].start_byte, ["instance", "field", "carrier", "named", "module"].index(x[2])))
        progress = True
        while progress:
            progress = False
            for name, stmt, kind in entries:
                if gone(stmt):
                    continue
                if kind in ("instance", "field"):
                    progress = instance(name, stmt, kind == "field") or progress
                elif kind == "carrier":
                    progress = carrier(name, stmt) or progress
                elif kind == "named":
                    progress = named(by_stmt[int(name)]) or progress
                else:
                    progress = module(name, stmt) or progress
        for specs in by_stmt.values():  # statements that stay: drop their unused specifiers
            stmt = specs[0][2]
            if not gone(stmt):
                dead_ids = {sp.id for local, sp, _ in specs if live_uses(local, stmt) == 0}
                out.extend(_remove_specifiers(_specifiers(stmt), dead_ids, rule))
        # The target import, written the way this file writes imports.
        target = fb.pack.target
        template = {"esm": target.esm, "cjs": target.cjs}.get(fb.style)
        uses_target = any(target.name in e.needs for e in (*edits, *out))
        for stmt in dynamic_done:
            # `const { default: mixpanel } = await import('mixpanel-browser')` becomes the target
            # loaded the same way, so a lazily loaded SDK stays lazy.
            form = _dynamic_form(fb.pack)
            if uses_target and form is not None:
                out.append(Edit(stmt.start_byte, stmt.end_byte, _match_quotes(form, src, stmt), rule,
                                needs=frozenset({target.name})))
            else:
                out.append(_remove_stmt(src, stmt, rule))
            removed.append(_span(stmt))
        if dynamic_done and uses_target and _dynamic_form(fb.pack) is not None and all(
            any(_within_scope_of(d, e.start) for d in dynamic_done) for e in (*edits, *out) if target.name in e.needs
        ):
            return out  # every use of the target is where one of those dynamic imports loads it
        if template and uses_target and not _already_imports(parsed, template):
            anchor = first_removed or _first_decl(fb)
            text = _match_quotes(template, src, anchor)
            if target.setup and not _declares(target.name, src, [*edits, *out]):
                # A target SDK without a singleton (Mixpanel Node): this file gets its own client.
                text += eol_of(src) + _match_quotes(target.setup, src, anchor)
            if first_removed is not None:
                # Replace the removed import in place: same position, same line.
                for i, e in enumerate(out):
                    if e.start <= first_removed.start_byte and first_removed.end_byte <= e.end:
                        indent = indent_at(src, first_removed.start_byte)
                        end = min(e.end, line_end(src, first_removed.end_byte))  # keep a blank line after
                        out[i] = Edit(e.start, end, indent + text + eol_of(src), rule)
                        break
            elif anchor is not None and not _top_level(anchor):
                # Only clients declared inside functions (`const ns = await import(sdk)` in a method):
                # the import goes before the file's first statement, never into a block.
                first = next((c for c in parsed.tree.root_node.children if c.type not in COMMENTS), None)
                at = line_start(src, first.start_byte) if first is not None else len(src)
                out.append(Edit(at, at, text + eol_of(src), rule))
            elif anchor is not None:
                at_end = line_end(src, anchor.end_byte)
                out.append(Edit(at_end, at_end, indent_at(src, anchor.start_byte) + text + eol_of(src), rule))
        return out


# -- helpers -----------------------------------------------------------------------------------
def _declared_value(stmt: Node) -> Node | None:
    """The client value a declaration (``const a = X``) or assignment statement (``a = X;``) holds."""
    if stmt.type in DECLS:
        return next((d.child_by_field_name("value") for d in stmt.children if d.type == "variable_declarator"), None)
    if stmt.type == "expression_statement":
        expr = next((c for c in stmt.children if c.is_named), None)
        if expr is not None and expr.type == "assignment_expression":
            return expr.child_by_field_name("right")
    return None


CREATORS = frozenset({"init", "createInstance", "getInstance"})


def _creates_client(value: Node, data: JsBindingData, spec: Any) -> bool:
    """A call that makes a client (named ones too): ``mixpanel.init(t, {}, name)``,
    ``amplitude.createInstance()``, ``new Mixpanel(t)`` on the SDK."""
    v = _unwrap_await(value)
    if v is None or v.type not in ("call_expression", "new_expression"):
        return False
    if v.type == "new_expression":
        ctor = _unwrap(v.child_by_field_name("constructor"))
        return ctor is not None and _text(ctor) in data.classes
    fn = _unwrap(v.child_by_field_name("function"))
    if fn is None or fn.type != "member_expression":
        return False
    root = _chain_root(fn)
    prop = _text(fn.child_by_field_name("property"))
    known = {*data.modules, *data.globals, *data.instances}
    return root is not None and _text(root) in known and prop in {*CREATORS, *spec.instances, *spec.factories}


def _impure_getter(fn: Node, name: str) -> str | None:
    """Why calls through the getter ``fn`` cannot become plain target calls, or None: the rewrite
    drops the call to ``fn``, so its body may only return (behind ``if``s that only return) —
    a getter that initialises or re-creates the client on the way would lose that."""
    body = fn.child_by_field_name("body")
    if body is None or body.type != "statement_block":
        return None  # `() => client`
    for stmt in body.children:
        if stmt.is_named and stmt.type not in COMMENTS and not _only_returns(stmt):
            return f"{name}(), which does more than return the client (line {stmt.start_point[0] + 1}; the rewrite would skip it)"
    return None


def _only_returns(stmt: Node) -> bool:
    if stmt.type in ("return_statement", "empty_statement"):
        return True
    if stmt.type == "statement_block":
        return all(_only_returns(c) for c in stmt.children if c.is_named and c.type not in COMMENTS)
    if stmt.type == "if_statement":
        branches = [stmt.child_by_field_name("consequence"), stmt.child_by_field_name("alternative")]
        return all(_only_returns(b) for b in branches if b is not None)
    if stmt.type == "else_clause":
        return all(_only_returns(c) for c in stmt.children if c.is_named and c.type not in COMMENTS)
    return False


def _constructed(value: Node, data: JsBindingData) -> bool:
    """True when ``value`` creates a client of a ``bind.classes`` class (``new Mixpanel(...)``,
    ``Mixpanel.init(...)``)."""
    v = _unwrap_await(value)
    if v is None:
        return False
    if v.type == "new_expression":
        ctor = _unwrap(v.child_by_field_name("constructor"))
        return ctor is not None and _text(ctor) in data.classes
    if v.type == "call_expression":
        root = _chain_root(v)
        return root is not None and _text(root) in data.classes
    return False


def _top_level(node: Node) -> bool:
    """True for a statement of the program (also behind ``export``)."""
    parent = node.parent
    if parent is not None and parent.type == "export_statement":
        parent = parent.parent
    return parent is not None and parent.type == "program"


def _in_type(node: Node) -> bool:
    cur = node.parent
    while cur is not None:
        if cur.type in ("type_annotation", "type_query", "type_alias_declaration", "type_arguments", "generic_type"):
            return True
        if cur.type in ("expression_statement", "statement_block", "program"):
            return False
        cur = cur.parent
    return False


def _maybe_reason(kind: str) -> str:
    if kind == "assigned-dynamic":
        return "a client loaded with import() into a variable (not followed)"
    if kind == "dynamic":
        return "a client loaded with import() (not followed)"
    return "a client that may be undefined (chosen by a condition; not followed)"


def _constructed_reason(kind: str) -> str:
    _, name, line = kind.split(":", 2)
    return f"the client {name!r} made on line {line}, which stays as it is (a client passed on keeps its init)"


def _within_scope_of(stmt: Node, pos: int) -> bool:
    """True when ``pos`` is after ``stmt`` inside the block that declares it (where its name is in scope)."""
    block = stmt.parent
    return block is not None and stmt.start_byte <= pos < block.end_byte


def _is_client_declaration(node: Node, data: JsBindingData) -> bool:
    """True when ``node`` (a ``new Class(...)``) is the value of a client declaration."""
    for stmt in (*data.instances.values(), *data.fields.values()):
        if stmt.start_byte <= node.start_byte and node.end_byte <= stmt.end_byte:
            return True
    return False


def _names_span(source: bytes, data: JsBindingData) -> tuple[int, int] | None:
    """The bytes from the first to the last occurrence of any name that denotes the SDK here.

    Every rule pattern and every SDK call site contains one of them (``$SDK`` is one, a named
    import is one), so the candidate query only needs to visit nodes that intersect this span:
    in a big file with one SDK call at the end that is a few lines instead of the whole tree.
    None: no name (nothing to restrict, or nothing the span could be sure of)."""
    names: set[str] = {*data.modules, *data.members, *data.instances, *data.named_instances, *data.globals,
                       *data.classes, *data.imported, *data.aliases, *data.assignments, *data.dynamic, *data.getters,
                       *data.contexts, *data.review_roots}
    names |= {f.lstrip("#") for f in (*data.fields, *data.methods, *data.accessors)}
    names |= {o.rsplit(".", 1)[-1] for o in data.origins}
    if not names or any(not n for n in names):
        return None
    lo, hi = len(source), 0
    for n in names:
        b = n.encode()
        i = source.find(b)
        if i < 0:
            continue
        lo = min(lo, i)
        hi = max(hi, source.rfind(b) + len(b))
    return (lo, hi) if lo < hi else None


def _unique_sorted(nodes: list[Node]) -> list[Node]:
    uniq = {(n.start_byte, n.end_byte): n for n in nodes}
    return [uniq[k] for k in sorted(uniq)]






def _idents(node: Node | None) -> list[Node]:
    if node is None:
        return []
    if node.type in ("identifier", "shorthand_property_identifier_pattern"):
        return [node]
    return [i for c in node.children for i in _idents(c)]


def _imported_factory(name: str, data: JsBindingData, spec: Any) -> bool:
    """Whether ``name`` is a named import of one of the SDK's factories (``import { createInstance }``)."""
    bound = data.members.get(name)
    return bound is not None and bound[0] in spec.factories


def _context_argument(call: Node) -> Node | None:
    """The context named by ``useContext(Ctx)``'s one argument, when it is a plain identifier."""
    args = [a for a in significant(call.child_by_field_name("arguments")) if a.is_named]
    ctx = _unwrap(args[0]) if len(args) == 1 else None
    return ctx if ctx is not None and ctx.type == "identifier" else None


def _unwrap(node: Node | None) -> Node | None:
    """The value under parentheses, ``!`` and TypeScript casts (``(window as any)``, ``<T>x``,
    ``x satisfies T``): none of them changes which object the expression denotes."""
    while node is not None and node.type in VALUE_WRAPPERS:
        inner = [c for c in node.children if c.is_named and c.type not in COMMENTS]
        if not inner:
            break
        node = inner[-1] if node.type == "type_assertion" else inner[0]
    return node


def _unwrap_await(node: Node | None) -> Node | None:
    """``_unwrap``, also through ``await`` (``(await getClient()).track(...)``)."""
    node = _unwrap(node)
    while node is not None and node.type == "await_expression":
        inner = [c for c in node.children if c.is_named and c.type not in COMMENTS]
        if not inner:
            break
        node = _unwrap(inner[0])
    return node


def _optional_chain(node: Node) -> bool:
    """True when the receiver ``node`` is reached, or its member is called, through ``?.``:
    ``window.mixpanel?.track``, ``amp?.getInstance().logEvent``."""
    parent = node.parent
    while parent is not None and parent.type in VALUE_WRAPPERS:
        parent = parent.parent
    if parent is not None and parent.type == "member_expression" and _has_optional(parent):
        return True
    cur: Node | None = node
    while cur is not None:
        cur = _unwrap_await(cur)
        if cur is None:
            return False
        if cur.type == "member_expression":
            if _has_optional(cur):
                return True
            cur = cur.child_by_field_name("object")
        elif cur.type == "call_expression":
            if _has_optional(cur):
                return True
            cur = cur.child_by_field_name("function")
        else:
            return False
    return False


def _chain_root(node: Node | None) -> Node | None:
    """The object a member/call chain starts from (``amp`` in ``amp?.getInstance().x``)."""
    cur = _unwrap_await(node)
    while cur is not None:
        if cur.type == "member_expression":
            cur = _unwrap_await(cur.child_by_field_name("object"))
        elif cur.type == "call_expression":
            cur = _unwrap_await(cur.child_by_field_name("function"))
        else:
            return cur
    return None


def _guarded_text(node: Node) -> str:
    """The expression a ``?.`` in ``node``'s chain guards (``window.mixpanel`` in
    ``window.mixpanel?.track``), for review messages."""
    parent = node.parent
    while parent is not None and parent.type in VALUE_WRAPPERS:
        parent = parent.parent
    if parent is not None and parent.type == "member_expression" and _has_optional(parent):
        return _text(node)
    cur = _unwrap_await(node)
    guarded = node
    while cur is not None and cur.type in ("member_expression", "call_expression"):
        inner = cur.child_by_field_name("object" if cur.type == "member_expression" else "function")
        if _has_optional(cur) and inner is not None:
            guarded = inner
        cur = _unwrap_await(inner)
    return _text(guarded)


def _is_callee_object(call: Node) -> bool:
    """True when ``call`` is the object of a member that is called (``call.track(...)``)."""
    parent = call.parent
    while parent is not None and parent.type in VALUE_WRAPPERS:
        parent = parent.parent
    return parent is not None and parent.type == "member_expression" and parent.parent is not None and (
        parent.parent.type == "call_expression"
    )


def _has_optional(node: Node) -> bool:
    return any(c.type in ("optional_chain", "?.") for c in node.children)


def _module_words(modules: list[str]) -> tuple[bytes, ...]:
    """What an import of each module must contain: the name, or an app module's last segment."""
    return tuple((m.rstrip("/").rsplit("/", 1)[-1] if is_path_module(m) else m).encode() for m in modules)


class _ModuleSet:
    """The pack's ``bind.modules`` as seen from one file: package names compare as written; app
    modules named by path (``./src/services/amplitude``) match every import spelling that reaches
    them (relative paths at any depth, ``tsconfig``/``jsconfig`` ``paths`` and ``baseUrl``)."""

    def __init__(self, modules: list[str], importer: str) -> None:
        self.modules = modules
        self.names = set(modules)  # as written: an import spelled exactly like the pack always matches
        self.paths = {canonical_bind_module(m) for m in modules if is_path_module(m)}
        self.importer = importer

    def __contains__(self, spec: object) -> bool:
        if not isinstance(spec, str):
            return False
        if spec in self.names:
            return True
        return bool(self.paths) and canonical_module(spec, self.importer) in self.paths


# What may stand before a name whose client a value carries on: `= mp`, `(mp)`, `{mp}`, `, mp`,
# `return mp`, `=> mp`, through `(`, `await`, `window.`, `(window as any).`, `this.`, `useContext(`.
# After `(`, `{` and `,` only on the same line: a statement that starts a block is no value.
_CARRIER_BEFORE = re.compile(
    rb"(?:(?:=|\breturn|=>)\s*|[({,][ \t]*)(?:\(\s*)*(?:await\s+)?(?:\(?\s*window(?:\s+as\s+[\w$]+\s*\))?\s*\.\s*|"
    rb"this\.#?|(?:React\.)?useContext\s*(?:<[^>]*>\s*)?\(\s*)?$"
)


def _needles(data: JsBindingData) -> set[bytes]:
    """Names whose occurrences may start a value that carries a client on."""
    names = {*data.modules, *data.instances, *data.globals, *data.getters, *data.named_instances, *data.contexts}
    names |= {f.lstrip("#") for f in (*data.fields, *data.accessors, *data.methods)}
    return {n.encode() for n in names if n}


def _carried_on(src: bytes, needles: set[bytes]) -> bool:
    """Whether some occurrence of a needle is a value handed on (what ``_CARRIER_BEFORE`` says
    may precede it). Occurrences are found with ``bytes.find`` and only a short window before
    each is read, so a file that merely calls the SDK costs a few C-speed scans."""
    for needle in needles:
        at = src.find(needle)
        while at >= 0:
            end = at + len(needle)
            before_ok = at == 0 or not (src[at - 1 : at].isalnum() or src[at - 1 : at] in (b"_", b"$"))
            after_ok = end >= len(src) or not (src[end : end + 1].isalnum() or src[end : end + 1] in (b"_", b"$"))
            if before_ok and after_ok and _CARRIER_BEFORE.search(src, max(0, at - 80), at):
                return True
            at = src.find(needle, end)
    return False


FOLLOW_FIELDS = (
    ("variable_declarator", "value"), ("assignment_expression", "right"), ("augmented_assignment_expression", "right"),
    ("arrow_function", "body"),
    ("field_definition", "value"), ("public_field_definition", "value"),
)


def _dynamic_import(node: Node | None, module_set: _ModuleSet) -> bool:
    """True for ``import('sdk')`` (a call whose callee is ``import``) of one of the pack's modules."""
    if node is None or node.type != "call_expression":
        return False
    fn = node.child_by_field_name("function")
    if fn is None or fn.type != "import":
        return False
    args = [a for a in significant(node.child_by_field_name("arguments")) if a.is_named]
    return len(args) == 1 and _string_value(args[0]) in module_set


def _dynamic_form(pack: RulePack) -> str | None:
    """The target SDK loaded the way ``await import()`` loaded the source one, from the pack's
    ESM import: ``import * as a from 'm'`` -> ``const a = await import('m')``, ``import m from 'm'``
    -> ``const { default: m } = await import('m')``; None for any other form (named imports, a
    setup statement), where a dynamic client is listed instead."""
    target = pack.target
    if target.esm is None or target.setup:
        return None
    m = re.fullmatch(r"""import\s+(\*\s+as\s+)?([A-Za-z_$][\w$]*)\s+from\s+(['"][^'"]+['"]);?""", target.esm.strip())
    if m is None:
        return None
    if m.group(1):
        return f"const {m.group(2)} = await import({m.group(3)});"
    return f"const {{ default: {m.group(2)} }} = await import({m.group(3)});"


def _enclosing_function(node: Node) -> Node | None:
    cur = node.parent
    while cur is not None and cur.type not in FUNCTIONS:
        cur = cur.parent
    return cur


def _declarator_of(node: Node) -> Node | None:
    """The ``variable_declarator`` whose value is ``node`` (through casts and parentheses)."""
    cur = node.parent
    while cur is not None and cur.type in VALUE_WRAPPERS:
        cur = cur.parent
    return cur if cur is not None and cur.type == "variable_declarator" else None


def _statement_of_declarator(decl: Node) -> Node:
    stmt = decl.parent if decl.parent is not None and decl.parent.type in DECLS else decl
    if len([c for c in stmt.children if c.type == "variable_declarator"]) > 1:
        return decl
    return stmt


def _function_name(fn: Node) -> str | None:
    """The name callers use for ``fn``: a declaration's, a class method's or accessor's, or the
    ``const`` it is assigned to. Object-literal methods and anonymous callbacks have none."""
    if fn.type in ("function_declaration", "generator_function_declaration"):
        return _text(fn.child_by_field_name("name")) or None
    if fn.type == "method_definition":
        if fn.parent is None or fn.parent.type != "class_body":
            return None
        name = fn.child_by_field_name("name")
        return _text(name) if name is not None and name.type in ("property_identifier", "private_property_identifier") else None
    decl = _declarator_of(fn)
    name = decl.child_by_field_name("name") if decl is not None else None
    return _text(name) if name is not None and name.type == "identifier" else None


def _getter_statement(fn: Node) -> Node:
    if fn.type in ("function_declaration", "generator_function_declaration"):
        return fn
    decl = _declarator_of(fn)
    return _statement_of_declarator(decl) if decl is not None else fn


def _declaring_ident(node: Node, name: str) -> tuple[Node, Node] | bool:
    """Where ``name``, assigned at ``node``, is declared: ``(identifier, statement)`` for a
    ``let x;`` (or ``let x = undefined|null``) that only declares it, True when no declaration is
    in sight (an implicit global, or a ``let`` with several declarators), False for a parameter or a
    declaration with a value of its own (that value is what the name holds first)."""
    cur = node.parent
    while cur is not None:
        if cur.type in FUNCTIONS:
            params = cur.child_by_field_name("parameters") or cur.child_by_field_name("parameter")
            if params is not None and any(_text(i) == name for i in _idents(params)):
                return False
        if cur.type in SCOPES or cur.type == "class_body":
            for child in cur.children:
                decl = child.child_by_field_name("declaration") if child.type == "export_statement" else child
                if decl is None or decl.type not in DECLS:
                    continue
                for d in decl.children:
                    ident = d.child_by_field_name("name") if d.type == "variable_declarator" else None
                    if ident is None or ident.type != "identifier" or _text(ident) != name:
                        continue
                    value = _unwrap(d.child_by_field_name("value"))
                    if value is not None and not (value.type in ("null", "undefined") or _text(value) == "undefined"):
                        return False
                    alone = len([c for c in decl.children if c.type == "variable_declarator"]) == 1
                    return (ident, child if child.type == "export_statement" else decl) if alone else True
        cur = cur.parent
    return True


DECLARING = frozenset({"export_statement", "function_declaration", "class_declaration",
                       "generator_function_declaration", "lexical_declaration", "variable_declaration"})


def _declared_names(stmt: Node) -> set[str]:
    """Names a top-level statement declares, also behind ``export`` (``export const mixpanel =
    createTracker()`` is the app's own object, not the snippet global)."""
    if stmt.type == "export_statement":
        inner = stmt.child_by_field_name("declaration")
        return _declared_names(inner) if inner is not None else set()
    if stmt.type in ("function_declaration", "class_declaration", "generator_function_declaration"):
        return {_text(stmt.child_by_field_name("name"))}
    if stmt.type in DECLS:
        return {_text(i) for d in stmt.children if d.type == "variable_declarator"
                for i in _idents(d.child_by_field_name("name"))}
    return set()


def _require_source(value: Node) -> str | None:
    if value.type == "member_expression":  # require('x').default
        obj = value.child_by_field_name("object")
        if obj is not None and _text(value.child_by_field_name("property")) == "default":
            value = obj
    if value.type != "call_expression" or _text(value.child_by_field_name("function")) != "require":
        return None
    args = [a for a in significant(value.child_by_field_name("arguments")) if a.is_named]
    return _string_value(args[0]) if len(args) == 1 else None


def _scope_names(scope: Node, data: JsBindingData) -> ScopeNames:
    """The names ``scope`` declares at its own level, cached per node for this file's bindings."""
    hit = data.scopes.get(scope.id)
    if hit is not None:
        return hit
    variables: dict[str, list[int]] = {}
    named: set[str] = set()
    if scope.type == "program":
        for child in scope.children:
            if child.type in ("function_declaration", "class_declaration"):
                named.add(_text(child.child_by_field_name("name")))
    else:
        for child in scope.children:
            if child.type in DECLS:
                for d in child.children:
                    if d.type == "variable_declarator":
                        for i in _idents(d.child_by_field_name("name")):
                            variables.setdefault(_text(i), []).append(i.id)
            elif child.type in ("function_declaration", "class_declaration"):
                named.add(_text(child.child_by_field_name("name")))
            elif child.type == "identifier" and scope.type == "catch_clause":
                named.add(_text(child))
    out = ScopeNames({k: tuple(v) for k, v in variables.items()}, frozenset(named))
    data.scopes[scope.id] = out
    return out


def _shadowed(node: Node, name: str, data: JsBindingData) -> bool:
    """True when an enclosing function or block re-declares ``name`` (so it is not the SDK here).

    Every rule tried on a call asks this again for the same receiver, so answers are memoized;
    ``decl_nodes`` only grows, so its size tells a stale answer from a current one."""
    key = (node.id, name, len(data.decl_nodes))
    hit = data.shadowed.get(key)
    if hit is None:
        hit = data.shadowed[key] = _shadowed_uncached(node, name, data)
    return hit


def _shadowed_uncached(node: Node, name: str, data: JsBindingData, allowed: set[int] | None = None) -> bool:
    """``_shadowed`` without the memo; ``allowed``: declaring identifiers that do not count as a
    shadow here (a review root's own declaration, when asking about calls on it)."""
    if node.id in data.decl_nodes or allowed and node.id in allowed:
        return True
    cur = node.parent
    while cur is not None:
        if cur.type in FUNCTIONS:
            params = cur.child_by_field_name("parameters") or cur.child_by_field_name("parameter")
            if params is not None and any(_text(i) == name for i in _idents(params)):
                return True
            if cur.type in ("function_declaration", "function_expression") and _text(
                cur.child_by_field_name("name")
            ) == name and cur.type == "function_expression":
                return True
        elif cur.type in SCOPES:
            names = _scope_names(cur, data)
            if name in names.named and (cur.id, name) not in data.own_named:
                return True
            if any(i not in data.decl_nodes and not (allowed and i in allowed) for i in names.variables.get(name, ())):
                return True
        cur = cur.parent
    return False


def _span(n: Node) -> tuple[int, int]:
    return (n.start_byte, n.end_byte)


def _needs(edits: list[Edit]) -> frozenset[str]:
    return frozenset().union(*(e.needs for e in edits))


def _splice(src: bytes, start: int, end: int, edits: list[Edit]) -> str:
    out, pos = [], start
    for e in sorted(edits, key=lambda e: e.start):
        out.append(src[pos : e.start].decode("utf-8", "replace"))
        out.append(e.text)
        pos = e.end
    out.append(src[pos:end].decode("utf-8", "replace"))
    return "".join(out)










def _remove_stmt(src: bytes, stmt: Node, rule: str, until: Node | None = None) -> Edit:
    """Delete a statement (through ``until``, a later sibling, when given); when it sits alone on
    its lines, delete those whole lines too."""
    start, end = stmt.start_byte, (until or stmt).end_byte
    nxt = (until or stmt).next_sibling
    if nxt is not None and nxt.type == ";":  # class fields: the `;` is a sibling, not part of the node
        end = nxt.end_byte
    ls, le = line_start(src, start), line_end(src, end)
    if not src[ls:start].strip() and not src[end:le].strip():
        # Between two blank lines (or first in a block, before a blank line): also drop the
        # blank line after, so removing a declaration leaves no double or leading blank line.
        prev = src[line_start(src, ls - 1) : ls].strip() if ls > 0 else b"x"
        before_blank = not prev or prev.endswith(b"{")
        after = line_end(src, le)
        if le < len(src) and before_blank and not src[le:after].strip():
            le = after
        return Edit(ls, le, "", rule)
    return Edit(start, end, "", rule)


def _specifiers(stmt: Node) -> list[Node]:
    return [
        n for n in walk(stmt) if n.type in ("import_specifier", "shorthand_property_identifier_pattern", "pair_pattern")
    ]


def _remove_specifiers(specs: list[Node], dead: set[int], rule: str) -> list[Edit]:
    """Remove the ``dead`` specifiers of one import; adjacent ones go as one run, so the edits
    never overlap (``{ a, b, c }`` minus b and c is ``{ a }``)."""
    out: list[Edit] = []
    i = 0
    while i < len(specs):
        if specs[i].id not in dead:
            i += 1
            continue
        j = i
        while j + 1 < len(specs) and specs[j + 1].id in dead:
            j += 1
        first, last = specs[i], specs[j]
        if j + 1 < len(specs):  # a live specifier follows: eat up to it
            out.append(Edit(first.start_byte, specs[j + 1].start_byte, "", rule))
        elif i > 0:  # the run ends the list: eat from the end of the live one before it
            out.append(Edit(specs[i - 1].end_byte, last.end_byte, "", rule))
        else:
            out.append(Edit(first.start_byte, last.end_byte, "", rule))
        i = j + 1
    return out


def _first_decl(fb: FileBindings) -> Node | None:
    inline = {n.id for n in js_bindings(fb).inline_imports}  # an expression, not a place for an import
    decls = [d for d in fb.declarations if d is not None and d.id not in inline]
    return min(decls, key=lambda n: n.start_byte) if decls else None


def _declares(name: str, src: bytes, edits: list[Edit]) -> bool:
    """True when the file (or a planned edit) declares ``name`` as a variable."""
    rx = rf"\b(const|let|var)\s+{re.escape(name)}\b"
    return re.search(rx.encode(), src) is not None or any(re.search(rx, e.text) for e in edits)


def _already_imports(parsed: ParsedFile, template: str) -> bool:
    m = re.search(r"""['"]([^'"]+)['"]""", template)
    if not m or m.group(1).encode() not in parsed.source:
        return False
    return re.search(rb"""(from|require\()\s*['"]""" + re.escape(m.group(1).encode()) + rb"""['"]""", parsed.source) is not None


def _match_quotes(template: str, src: bytes, anchor: Node | None) -> str:
    """Write the import with the file's quote style and semicolon habit."""
    if anchor is None:
        return template
    text = _text(anchor)
    if '"' in text and "'" not in text:
        template = template.replace("'", '"')
    if not text.rstrip().endswith(";") and template.endswith(";"):
        template = template[:-1]
    return template
