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
        caps = QueryCursor(get_query(self.id, "\n".join(parts + sdk_parts))).captures(parsed.tree.root_node)
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
        if not data.globals and not data.imported and not any(w in parsed.source for w in _module_words(spec.modules)):
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
        declarations = [*data.modules.values(), *data.instances.values(), *data.fields.values()]
        declarations += [stmt for (_e, _s, stmt) in data.members.values()]
        if data.imported and not declarations:
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
        if module is None:
            return
        exported = {k: v for k, v in project.exported(module).items() if v.startswith(sdk + ":")}
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
            module = resolved_module(req, path)
            if module is None:
                continue
            exported = {k: v for k, v in project.exported(module).items() if v.startswith(sdk + ":")}
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
                              and _text(d.child_by_field_name("name")) == name), None)
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
            kind = self._instance_kind(recv, data, spec)
            if kind is not None and kind != "instance":
                return named_key(sdk, kind), None
            if kind == "instance" and self._created_here(recv, data, spec):
                return module_key(sdk, module_id(parsed.path), _text(recv)), None
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
                if decl is not None and decl.type in DECLS:
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

    @staticmethod
    def _export(name: str, node: Node, got: tuple[str, bool], target: str, text: str | None
                ) -> tuple[str, Any, str, str | None, str | None]:
        key, reference = got
        if not reference:
            return (name, node, key, None, "exports a client created in this module: its importers cannot follow a "
                                             "new constructor; migrate the wrapper by hand")
        return (name, node, key, text or target, None)

    def _declaration_nodes(self, parsed: ParsedFile, data: JsBindingData, spec: Any) -> list[Node]:
        types = ("variable_declarator", "assignment_expression", "field_definition", "public_field_definition")
        src = parsed.source
        if not any(m.encode() in src for m in (*spec.instances, *spec.factories, *spec.classes)) and not (
            b"require" in src and any(w in src for w in _module_words(spec.modules))
        ):
            return []  # no instance can be created in this file, and no require() binds the SDK
        if b"require" in parsed.source and any(w in parsed.source for w in _module_words(spec.modules)):
            return self._nodes(parsed, types)
        roots = sorted({*data.modules, *data.globals})
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
        roots = sorted({*data.modules, *data.instances, *data.globals, *data.named_instances, *data.imported})
        alts = [re.escape(r) for r in roots] + [rf"window\.{re.escape(g)}" for g in sorted(data.globals)]
        if data.fields:
            alts.append(r"this\.#?(" + "|".join(re.escape(f.lstrip("#")) for f in sorted(data.fields)) + ")")
        parts = []
        if alts:
            rx = "^(" + "|".join(alts) + r")([^A-Za-z0-9_$]|$)"
            rx_q = rx.replace("\\", "\\\\").replace('"', '\\"')
            for t, f in (("call_expression", "function"), ("new_expression", "constructor")):
                parts.append(f'(({t} {f}: (member_expression object: (_) @o)) @s (#match? @o "{rx_q}"))')
        if data.members:
            names = " ".join(f'"{m}"' for m in sorted(data.members))
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
            obj, prop = node.child_by_field_name("object"), _text(node.child_by_field_name("property"))
            return obj is not None and _text(obj) == "window" and prop in data.globals
        return False

    def _is_sdk(self, node: Node, data: JsBindingData, spec: Any) -> bool:
        node = _unwrap(node)
        if node.type == "identifier":
            name = _text(node)
            if name in data.instances or name in data.modules or name in data.globals or name in data.imported:
                return not _shadowed(node, name, data)
            return False
        if node.type == "member_expression":
            obj, prop = node.child_by_field_name("object"), _text(node.child_by_field_name("property"))
            if obj is not None and obj.type == "this":
                return prop in data.fields
            return self._is_module_ref(node, data)
        if node.type == "call_expression":
            return self._instance_kind(node, data, spec) == "instance"
        return False

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
        for node in self._sdk_call_nodes(parsed, fb):
            fn = node.child_by_field_name("function") or node.child_by_field_name("constructor")
            if fn is None:
                continue
            fn = _unwrap(fn)
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

    # -- imports -------------------------------------------------------------------------------
    def import_edits(
        self, parsed: ParsedFile, fb: FileBindings, edits: list[Edit], reviews: list[ReviewItem]
    ) -> list[Edit]:
        data = js_bindings(fb)
        src = parsed.source
        out: list[Edit] = []
        removed: list[tuple[int, int]] = []
        rule = f"{fb.pack.sdk}/imports"

        def live_uses(name: str, own: Node, this_field: bool = False) -> int:
            # `edits` is read each time: a factory call moved out of a kept declaration no longer
            # hides it. The uses come from a query with a name predicate (C speed) and the spans
            # from a bisection table: a tree walk and a scan of every edit per use made big files
            # quadratic.
            spans = SpanIndex([*((x.start, x.end) for x in edits), *removed, _span(own)])
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
            return count

        if not edits:
            return out
        # Instances first: removing `const amp = amplitude.getInstance()` frees the module name.
        for table, is_field in ((data.instances, False), (data.fields, True)):
            for name, stmt in table.items():
                inner = [e for e in edits if stmt.start_byte <= e.start and e.end <= stmt.end_byte
                         and not e.rule.endswith("/exports")]  # an exported client made the target stays put
                exported = stmt.parent is not None and stmt.parent.type == "export_statement"
                value = next(
                    (d.child_by_field_name("value") for d in stmt.children if d.type == "variable_declarator"), None
                ) if stmt.type in DECLS else None
                semi = ";" if _text(stmt).rstrip().endswith(";") else ""
                if not exported and live_uses(name, stmt, this_field=is_field) == 0:
                    if inner and value is not None:
                        # A factory call (Mixpanel.init) that was itself rewritten stays as a statement.
                        text = _splice(src, value.start_byte, value.end_byte, inner)
                        out.append(Edit(stmt.start_byte, stmt.end_byte, text + semi, rule, needs=_needs(inner)))
                        for e in inner:
                            edits.remove(e)
                        removed.append(_span(stmt))
                        continue
                    if not inner:
                        out.append(_remove_stmt(src, stmt, rule))
                        removed.append(_span(stmt))
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
        first_removed: Node | None = None
        for name, stmt in data.modules.items():
            if name in data.classes:
                continue  # a class specifier goes like a named import (below), not its statement
            if live_uses(name, stmt) == 0 and not any(s == stmt.start_byte for s, _ in removed):
                out.append(_remove_stmt(src, stmt, rule))
                removed.append(_span(stmt))
                first_removed = first_removed or stmt
        # Named imports: drop unused specifiers; the whole statement when none is left.
        by_stmt: dict[int, list[tuple[str, Node, Node]]] = {}
        for local, (_export, spec_node, stmt) in data.members.items():
            by_stmt.setdefault(stmt.id, []).append((local, spec_node, stmt))
        for local, (spec_node, stmt) in data.classes.items():
            by_stmt.setdefault(stmt.id, []).append((local, spec_node, stmt))
        for entries in by_stmt.values():
            stmt = entries[0][2]
            if any(s == stmt.start_byte for s, _ in removed):
                continue
            dead = [(local, sp) for local, sp, _ in entries if live_uses(local, stmt) == 0]
            all_specs = _specifiers(stmt)
            if len(dead) == len(all_specs) and dead:
                out.append(_remove_stmt(src, stmt, rule))
                removed.append(_span(stmt))
                first_removed = first_removed or stmt
            else:
                out.extend(_remove_specifiers(all_specs, {sp.id for _local, sp in dead}, rule))
        # The target import, written the way this file writes imports.
        target = fb.pack.target
        template = {"esm": target.esm, "cjs": target.cjs}.get(fb.style)
        uses_target = any(target.name in e.needs for e in (*edits, *out))
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
            elif anchor is not None:
                at_end = line_end(src, anchor.end_byte)
                out.append(Edit(at_end, at_end, indent_at(src, anchor.start_byte) + text + eol_of(src), rule))
        return out


# -- helpers -----------------------------------------------------------------------------------
def _is_client_declaration(node: Node, data: JsBindingData) -> bool:
    """True when ``node`` (a ``new Class(...)``) is the value of a client declaration."""
    for stmt in (*data.instances.values(), *data.fields.values()):
        if stmt.start_byte <= node.start_byte and node.end_byte <= stmt.end_byte:
            return True
    return False


def _unique_sorted(nodes: list[Node]) -> list[Node]:
    uniq = {(n.start_byte, n.end_byte): n for n in nodes}
    return [uniq[k] for k in sorted(uniq)]






def _idents(node: Node | None) -> list[Node]:
    if node is None:
        return []
    if node.type in ("identifier", "shorthand_property_identifier_pattern"):
        return [node]
    return [i for c in node.children for i in _idents(c)]


def _unwrap(node: Node | None) -> Node | None:
    while node is not None and node.type in UNWRAP:
        inner = [c for c in node.children if c.is_named and c.type not in COMMENTS]
        if not inner:
            break
        node = inner[0]
    return node


def _module_words(modules: list[str]) -> tuple[bytes, ...]:
    """What an import of each module must contain: the name, or an app module's last segment."""
    return tuple((m.rstrip("/").rsplit("/", 1)[-1] if is_path_module(m) else m).encode() for m in modules)


class _ModuleSet:
    """The pack's ``bind.modules`` as seen from one file: package names compare as written; app
    modules named by path (``./src/services/amplitude``) match every import spelling that reaches
    them (relative paths at any depth, ``tsconfig``/``jsconfig`` ``paths`` and ``baseUrl``)."""

    def __init__(self, modules: list[str], importer: str) -> None:
        self.names = set(modules)  # as written: an import spelled exactly like the pack always matches
        self.paths = {canonical_bind_module(m) for m in modules if is_path_module(m)}
        self.importer = importer

    def __contains__(self, spec: object) -> bool:
        if not isinstance(spec, str):
            return False
        if spec in self.names:
            return True
        return bool(self.paths) and canonical_module(spec, self.importer) in self.paths


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


def _shadowed_uncached(node: Node, name: str, data: JsBindingData) -> bool:
    if node.id in data.decl_nodes:
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
            if name in names.named:
                return True
            if any(i not in data.decl_nodes for i in names.variables.get(name, ())):
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










def _remove_stmt(src: bytes, stmt: Node, rule: str) -> Edit:
    """Delete a statement; when it sits alone on its lines, delete those whole lines too."""
    start, end = stmt.start_byte, stmt.end_byte
    nxt = stmt.next_sibling
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
    decls = [d for d in fb.declarations if d is not None]
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
