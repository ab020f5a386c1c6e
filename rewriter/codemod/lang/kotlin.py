"""Kotlin adapter (toy scope: ``track`` and login on Amplitude Kotlin ⇄ Mixpanel Android).

Everything language-neutral comes from ``ts_base``; this module only knows Kotlin syntax: how a
pattern snippet parses (``$X`` is not a Kotlin identifier), imports, declarations (properties,
constructor and function parameters, assignments), which declaration a name resolves to (so a
lambda parameter or a local ``val amplitude = something()`` shadows the client), the roles a
reference plays, and labelled arguments (``track(eventType = "x")``), bound by the parameter
names of the SDK profile's ``signatures`` through the matcher's ``special`` hook.

A file's client is migrated whole or not at all: when one reference cannot be rewritten (the
client is created here, passed on, has a property read, or a call no rule rewrites), nothing of
that client is rewritten and every reference is listed for review naming the blocking line. The
client keeps its variable name; only its type, import and calls change. Never writes files.
"""

from __future__ import annotations

import re
from typing import Any

from tree_sitter import Node

from rewriter.codemod.lang.base import FileBindings, ParsedFile
from rewriter.codemod.lang.treesitter import capture_nodes, get_query
from rewriter.codemod.lang.ts_base import (
    ClientBindings,
    Declaration,
    ImportLine,
    TreeSitterAdapter,
    node_text,
)
from rewriter.codemod.match.patterns import Capture, MatchContext, PNode, bind_capture, match, match_node
from rewriter.codemod.model import Edit, ReviewItem
from rewriter.codemod.ops.ir import Review, Translation
from rewriter.codemod.ops.profiles import load_profile
from rewriter.codemod.ops.site import Emitted, ReadResult, Site
from rewriter.codemod.packs.loader import RulePack

PATTERN_PREFIX = b"fun __rewriter_pattern__() {\n"
PATTERN_SUFFIX = b"\n}\n"
META_TOKEN = re.compile(rb"\$(\$\$)?(?=[A-Z_])")
WRAPPERS = frozenset({"parenthesized_expression"})
SCOPES_WITH_LOCALS = frozenset({"block", "statements", "control_structure_body", "lambda_literal"})
DECLARATION_TYPES = ("property_declaration", "class_parameter", "parameter", "assignment")


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


class KotlinAdapter(TreeSitterAdapter):
    """``.kt`` / ``.kts`` files."""

    id = "kotlin"
    family = "kotlin"
    grammar = "kotlin"
    extensions = (".kt", ".kts")
    operations = frozenset({"track", "identify"})
    COMMENTS = frozenset({"line_comment", "block_comment"})
    TRIVIA = frozenset({"(", ")", ",", ".", "?.", '"', '"""', "{", "}", "[", "]"})
    STATEMENT_CONTAINERS = frozenset({"block", "statements", "source_file", "control_structure_body", "lambda_literal"})

    # -- reader and printer ----------------------------------------------------------------------
    def read_op(self, name: str, site: Site) -> ReadResult:
        from rewriter.codemod.lang.kotlin_read import READERS

        reader = READERS.get(name)
        return reader(site) if reader is not None else Review(f"no Kotlin reader for {name}")

    def emit_ops(self, translation: Translation, site: Site) -> Emitted | Review:
        from rewriter.codemod.lang.kotlin_emit import emit

        return emit(translation, site)

    # -- patterns --------------------------------------------------------------------------------
    def pattern_source(self, text: str) -> tuple[bytes, bytes, int]:
        """``$X`` → ``_X`` (same length, a Kotlin identifier), inside a function body."""
        raw = text.encode()
        parse_src = META_TOKEN.sub(lambda m: b"_" * len(m.group(0)), raw)
        return (PATTERN_PREFIX + parse_src + PATTERN_SUFFIX, PATTERN_PREFIX + raw + PATTERN_SUFFIX, len(PATTERN_PREFIX))

    def callee_query(self, node_type: str, quoted_names: str) -> str | None:
        if node_type != "call_expression":
            return None
        return (
            "((call_expression . [(navigation_expression (identifier) @k .) (identifier) @k]) @n"
            f" (#any-of? @k {quoted_names}))"
        )

    # -- syntax hooks ----------------------------------------------------------------------------
    def call_parts(self, node: Node) -> tuple[Node | None, str, Node | None] | None:
        return call_parts(node)

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
            if cur.type == "class_declaration":
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
                for p in _descendants(part, "class_parameter"):
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

    # -- bindings --------------------------------------------------------------------------------
    def bind(self, parsed: ParsedFile, pack: RulePack) -> FileBindings:
        spec = pack.bind
        data = self.bind_clients(parsed, spec.modules, spec.instances, spec.factories)
        signatures = load_profile(pack.sdk).signatures
        statics = [*spec.instances, *spec.factories]
        live = {"on": False}
        ctx = MatchContext(
            source=parsed.source,
            is_sdk=lambda n: self._sdk_here(n, data, live["on"]),
            special=lambda p, t, env, c: self._arguments(p, t, env, c, signatures),
            significant=self.significant,
        )
        fb = FileBindings(pack=pack, ctx=ctx, style="kotlin")
        fb.data = {"kt": data}
        if not data.bound:
            return fb
        fb.declarations = [*{id(i.node): i.node for i in data.classes.values()}.values()]
        fb.declarations += [d.holder for ds in data.clients.values() for d in ds]
        self._classify(parsed, data, statics)
        live["on"] = True
        self._dry_run(parsed, fb, data)
        live["on"] = data.blocked is None
        return fb

    def _sdk_here(self, node: Node, data: ClientBindings, live: bool) -> bool:
        """``$SDK`` matches a client; when the client is kept whole, only at calls a review rule
        takes (so they keep their own reason) — never at a call that would be rewritten."""
        if not self._is_client(node, data):
            return False
        if live:
            return True
        nav = node.parent
        call = nav.parent if nav is not None else None
        return call is not None and call.id in data.review_calls

    def _is_client(self, node: Node, data: ClientBindings) -> bool:
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

    def _classify(self, parsed: ParsedFile, data: ClientBindings, statics: list[str]) -> None:
        """Sort every reference to the SDK class and its clients: calls, type references,
        creations, and anything else (which blocks the client)."""
        for ident in self.nodes_named(parsed, set(data.classes) | set(data.clients)):
            if ident.id in data.decl_ids or _inside(ident, "import"):
                continue
            name = node_text(ident)
            parent = ident.parent
            if name in data.classes:
                if parent is not None and parent.type == "user_type":
                    data.types.append(ident)
                    continue
                call = _call_of_callee(self, ident, statics)
                if call is not None:
                    data.creations.append((call, f"the client creation {node_text(call.children[0])}(...)"))
                    data.blockers.append(data.creations[-1])
                    continue
                if name not in data.clients:
                    data.blockers.append((ident, f"{name} used as a value"))
                    continue
            if name not in data.clients or not self._is_client(ident, data):
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
                    data.uses.append((call, parts[1] if parts else "?"))
                    continue
                what = node_text(nav.children[-1])
                data.blockers.append((nav, f"the client's property {what}"))
                continue
            data.blockers.append((recv, f"the client {name} passed on as a value"))

    def _holder_of_assignment(self, ident: Node, data: ClientBindings) -> Node | None:
        for decls in data.clients.values():
            for d in decls:
                if d.name_node.id == ident.id:
                    return d.holder
        return None

    def _dry_run(self, parsed: ParsedFile, fb: FileBindings, data: ClientBindings) -> None:
        """Decide before any rewrite whether every use of the client can be migrated: the first
        rule matching each call must rewrite it, and the reader must accept its shape."""
        from rewriter.codemod.lang.kotlin_read import shape_problem

        rules = [(r, [self.compile_pattern(p) for p in r.match]) for r in fb.pack.rules]
        for call, method in data.uses:
            for rule, pats in rules:
                m = next((m for p in pats if (m := match(p, call, fb.ctx)) is not None), None)
                if m is None:
                    continue
                problem = self.expand_site(call, parsed.source)[1]
                if rule.review is not None:
                    data.review_calls.add(call.id)
                    data.blockers.append((call, f"{method}(): {rule.review}"))
                elif problem is not None:
                    data.blockers.append((call, f"{method}(): {problem}"))
                elif rule.where:
                    data.blockers.append((call, f"{method}(): rule {rule.id} has where: constraints (not checked ahead here)"))
                elif rule.op is not None:
                    why = shape_problem(rule.op, m, fb.pack)
                    if why is not None:
                        data.blockers.append((call, f"{method}(): {why}"))
                break
            else:
                data.blockers.append((call, f"no rule maps {method}()"))
        if data.blockers:
            node, why = min(data.blockers, key=lambda b: b[0].start_byte)
            data.blocked = f"line {node.start_point[0] + 1}: {why}"
            data.blocked_line = node.start_point[0] + 1

    # -- labelled arguments ----------------------------------------------------------------------
    def _arguments(
        self, p: PNode, t: Node, env: dict[str, Capture], ctx: MatchContext, signatures: dict[str, list[str]]
    ) -> bool | None:
        """Match a pattern's positional arguments against a call's arguments, binding labelled
        ones by the SDK's parameter names; captures are the argument expressions (no labels)."""
        if p.type != "value_arguments" or t.type != "value_arguments":
            return None
        args = [c for c in t.children if c.type == "value_argument"]
        labels = [argument_label(a) for a in args]
        ordered: list[Node] = []
        if any(labels):
            parts = self.call_parts(t.parent) if t.parent is not None else None
            sig = signatures.get(parts[1]) if parts else None
            if sig is None:
                return False
            slots: dict[int, Node] = {}
            for i, (arg, label) in enumerate(zip(args, labels, strict=True)):
                at = i if label is None else (sig.index(label) if label in sig else -1)
                if at < 0 or at in slots:
                    return False
                slots[at] = arg
            if sorted(slots) != list(range(len(slots))):
                return False  # a skipped parameter cannot be written positionally
            args = [slots[i] for i in range(len(slots))]
        if any(node_text(a).lstrip().startswith("*") for a in args):
            return False
        ordered = [argument_value(a) for a in args]
        return _match_args(list(p.children), ordered, 0, 0, env, ctx, t.end_byte - 1)

    # -- sites -----------------------------------------------------------------------------------
    def expand_site(self, node: Node, source: bytes) -> tuple[Node, str | None]:
        parent = node.parent
        if parent is not None and parent.type == "navigation_expression" and parent.children[0] == node:
            return node, "its result is used; the other SDK's call returns something else"
        return node, None

    def unaccounted_calls(self, parsed: ParsedFile, fb: FileBindings) -> list[tuple[Any, str]]:
        """Every reference the rewrite did not cover: all of them when the client is kept whole."""
        data: ClientBindings = fb.data["kt"]
        if data.blocked is None:
            return [(call, f"{method}()") for call, method in data.uses]
        why = f"(the client stays whole because of line {data.blocked_line})"
        reasons = {node.id: desc for node, desc in data.blockers}
        out = [(call, reasons.get(call.id, f"{method}() {why}")) for call, method in data.uses
               if call.id not in data.review_calls]
        uses = {call.id for call, _ in data.uses}
        out += [(node, f"{desc} {why}") for node, desc in data.blockers if node.id not in uses]
        return sorted(out, key=lambda x: x[0].start_byte)

    # -- imports ---------------------------------------------------------------------------------
    def import_edits(
        self, parsed: ParsedFile, fb: FileBindings, edits: list[Edit], reviews: list[ReviewItem]
    ) -> list[Edit]:
        """Swap the SDK class's import and type references, only when every call was rewritten."""
        data: ClientBindings = fb.data["kt"]
        if data.blocked is not None:
            return []
        spans = [(e.start, e.end) for e in edits]
        if not all(any(s <= c.start_byte and c.end_byte <= e for s, e in spans) for c, _ in data.uses):
            return []  # a use was left for review after all: keep the client's import and types
        target = load_profile(fb.pack.target.sdk).imports
        if not target:
            return []
        qualified = target[0]
        rule = f"{fb.pack.sdk}/imports"
        out: list[Edit] = []
        seen: set[int] = set()
        for imp in data.classes.values():
            if imp.node.id not in seen:
                seen.add(imp.node.id)
                out.extend(self.swap_import_edits(parsed, imp, qualified, rule))
        simple = qualified.rsplit(".", 1)[-1]
        for ident in data.types:
            imp = data.classes.get(node_text(ident))
            if imp is not None and imp.alias is None:
                out.append(Edit(ident.start_byte, ident.end_byte, simple, rule))
        return out


# -- helpers ---------------------------------------------------------------------------------------
def _idents(node: Node | None) -> list[Node]:
    if node is None:
        return []
    if node.type == "identifier":
        return [node]
    return [i for c in node.children for i in _idents(c)]


def _descendants(node: Node, node_type: str) -> list[Node]:
    out, stack = [], [node]
    while stack:
        n = stack.pop()
        if n.type == node_type:
            out.append(n)
        stack.extend(n.children)
    return out


def _inside(node: Node, node_type: str) -> bool:
    cur = node.parent
    while cur is not None:
        if cur.type == node_type:
            return True
        cur = cur.parent
    return False


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


def _match_args(
    ps: list[PNode], ts: list[Node], i: int, j: int, env: dict[str, Capture], ctx: MatchContext, end: int
) -> bool:
    """Pattern arguments ``ps[i:]`` against argument expressions ``ts[j:]`` (``$$$X`` runs included)."""
    if i == len(ps):
        return j == len(ts)
    p = ps[i]
    if p.meta is not None and p.multi:
        for k in range(j, len(ts) + 1):
            snapshot = dict(env)
            at = ts[j].start_byte if j < len(ts) else end
            if bind_capture(p.meta, Capture(tuple(ts[j:k]), True, empty_at=at), env, ctx) and _match_args(
                ps, ts, i + 1, k, env, ctx, end
            ):
                return True
            env.clear()
            env.update(snapshot)
        return False
    if j >= len(ts):
        return False
    snapshot = dict(env)
    if p.meta is not None:
        ok = bind_capture(p.meta, Capture((ts[j],), False), env, ctx)
    elif p.type == "value_argument" and len(p.children) == 1:
        ok = match_node(p.children[0], ts[j], env, ctx)
    else:
        ok = False  # a labelled argument inside a pattern: not supported yet
    if ok and _match_args(ps, ts, i + 1, j + 1, env, ctx, end):
        return True
    env.clear()
    env.update(snapshot)
    return False
