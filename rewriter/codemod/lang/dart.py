"""Dart adapter (Flutter: ``amplitude_flutter`` ⇄ ``mixpanel_flutter``).

Everything language-neutral comes from ``ts_base`` (parse, verify, candidates, imports as data)
and ``ts_clients`` (the client model: all-or-nothing planning, labelled arguments). The Dart
grammar has no call node, so calls are virtual nodes (``dart_syntax``); this module knows the
rest of Dart: how a pattern snippet parses (``$X`` is a Dart identifier already, but a statement
needs a function body), package imports (a file imports a library URI, not a class: every
``package:amplitude_flutter/...`` import provides the package's classes), declarations (fields,
top-level and local variables, parameters, assignments incl. ``??=``), which declaration a name
resolves to, the role each reference plays (a call on the client, a type, a creation, the
``await amplitude.isBuilt`` wait, anything else), and the import swap.

A broken or missing ``tree-sitter-dart`` wheel degrades Dart alone: ``parse`` turns
``LanguageUnavailable`` into a file-level error naming the wheel, never an exception. Never
writes files.
"""

from __future__ import annotations

import re
from typing import Any

from tree_sitter import Node

from rewriter.codemod.clients import current, describe
from rewriter.codemod.lang.base import FileBindings, ParsedFile
from rewriter.codemod.lang.dart_scope import assignment_target, class_member, declaration, declared_in
from rewriter.codemod.lang.dart_syntax import (
    VNode,
    argument_label,
    argument_value,
    call_parts,
    callee_name_of_arguments,
    grouped,
    gwalk,
    unwrap,
    vparent,
)
from rewriter.codemod.lang.treesitter import (
    LanguageUnavailable,
    capture_nodes,
    first_error,
    get_parser,
    get_query,
)
from rewriter.codemod.lang.ts_base import (
    ImportLine,
    eol_of,
    inside,
    line_end,
    line_start,
    node_text,
    remove_lines,
)
from rewriter.codemod.lang.ts_clients import (
    ClientAdapter,
    ClientBindings,
    Declaration,
    client_bindings,
    sdk_members,
)
from rewriter.codemod.match.arguments import CallArg, PatternArg, match_arguments
from rewriter.codemod.match.patterns import Capture, MatchContext, Pattern, PNode, compile_tree
from rewriter.codemod.model import Edit, ReviewItem
from rewriter.codemod.ops.profiles import load_profile
from rewriter.codemod.packs.loader import RulePack
from rewriter.codemod.project import module_id

PATTERN_PREFIX = b"void __rewriter_pattern__() async {\n"
PATTERN_SUFFIX = b";\n}\n"
ARGUMENTS = frozenset({"argument", "named_argument"})
#: Methods whose result is the client's profile accessor: ``mixpanel.getPeople().set(k, v)`` is one use.
ACCESSORS = frozenset({"getPeople", "getGroup"})
#: Calls that return a Future in both SDKs: their ``await`` stays (every other awaited call is
#: replaced with its await: mixpanel_flutter's calls return void, which Dart does not let a program await).
KEEPS_AWAIT = frozenset({"flush"})
PACKAGE_URI = re.compile(r"^package:([A-Za-z0-9_]+)/")


class DartAdapter(ClientAdapter):
    """``.dart`` files."""

    id = "dart"
    family = "dart"
    grammar = "dart"
    extensions = (".dart",)
    operations = frozenset({"init", "profile", "group-profile", "ready"})
    reader_module = "rewriter.codemod.lang.dart_read"
    printer_module = "rewriter.codemod.lang.dart_emit"
    COMMENTS = frozenset({"comment", "documentation_comment"})
    TRIVIA = frozenset({"(", ")", ",", ".", "?.", "..", "?..", '"', "'", "{", "}", "[", "]", ";", ":"})
    STATEMENT_CONTAINERS = frozenset({"block", "program"})
    STATEMENT_WRAPPERS = frozenset({"expression_statement"})
    ARGUMENT_LIST = "arguments"
    ARGUMENT = "argument"
    unavailable = "tree-sitter-dart"  # why the grammar could not be loaded, once it failed

    # -- parsing (the grammar may be unavailable) -------------------------------------------------
    def parse(self, path: str, source: bytes) -> ParsedFile:
        try:
            return super().parse(path, source)
        except LanguageUnavailable as exc:
            self.unavailable = str(exc)
            return ParsedFile(path=path, source=source, tree=None, language=self.id)

    def syntax_error(self, parsed: ParsedFile) -> str | None:
        if parsed.tree is None:
            return f"none found: the Dart grammar is unavailable, so the file was not read ({self.unavailable})"
        return super().syntax_error(parsed)

    def error_spans(self, parsed: ParsedFile) -> list[tuple[int, int]] | None:
        return None if parsed.tree is None else super().error_spans(parsed)

    # -- patterns --------------------------------------------------------------------------------
    def significant(self, node: Any) -> list[Any]:
        return [c for c in grouped(node) if c.type not in self.COMMENTS and c.type not in self.TRIVIA]

    def compile_pattern(self, text: str) -> Pattern:  # type: ignore[override]
        return _compile(self, text)

    def callee_query(self, node_type: str, quoted_names: str) -> str | None:
        return None

    def candidates(
        self, parsed: ParsedFile, types: frozenset[str], keys: dict[str, frozenset[str] | None] | None = None,
        fb: Any = None,
    ) -> list[Any]:
        """Virtual calls (and real nodes) of ``types``, innermost first, calls filtered by name."""
        found = []
        for n in gwalk(parsed.tree.root_node):
            if n.type not in types:
                continue
            names = (keys or {}).get(n.type)
            if names and n.type == "call_expression":
                parts = call_parts(n)
                if parts is None or parts[1] not in names:
                    continue
            found.append(n)
        return sorted(found, key=lambda n: (n.end_byte, -n.start_byte))

    def statement_of(self, node: Any) -> Any | None:
        parent = vparent(node)
        while parent is not None and parent.type == "unary_expression":
            parent = vparent(parent)
        if parent is None:
            return None
        if parent.type in self.STATEMENT_WRAPPERS:
            return parent
        return None

    # -- syntax hooks ----------------------------------------------------------------------------
    def call_parts(self, node: Any) -> tuple[Any | None, str, Any] | None:
        return call_parts(node)

    def argument_label(self, arg: Any) -> str | None:
        return argument_label(arg)

    def argument_value(self, arg: Any) -> Any:
        return argument_value(arg)

    def read_problem(self, op: str, m: Any, pack: RulePack) -> str | None:
        from rewriter.codemod.lang.dart_read import shape_problem

        return shape_problem(op, m, pack)

    def bind_arguments(
        self, p: PNode, t: Any, env: dict[str, Capture], ctx: MatchContext, signatures: dict[str, list[str]]
    ) -> bool | None:
        """As ``ClientAdapter.bind_arguments`` for Dart's two argument node types; the signature is
        looked up by the name the argument list is called on (Dart has no call node)."""
        if p.type != self.ARGUMENT_LIST or t.type != self.ARGUMENT_LIST:
            return None
        call = [CallArg(a, argument_value(a), argument_label(a)) for a in t.children if a.type in ARGUMENTS]
        sig = None
        if any(c.label for c in call):
            name = callee_name_of_arguments(t)
            found = signatures.get(name) if name else None
            if found is None and not all(q.meta is not None and q.multi for q in p.children):
                return False  # `($$$ARGS)` takes any arguments; anything else needs the parameter names
            sig = tuple(found) if found is not None else None
        pattern: list[PatternArg] = []
        for q in p.children:
            if q.meta is not None:
                pattern.append(PatternArg(q, rest="$$$" if q.multi else ""))
            elif q.type == "argument" and len(q.children) == 1:
                pattern.append(PatternArg(q.children[0]))
            else:
                return False
        return match_arguments(pattern, call, sig, env, ctx, t.end_byte - 1)

    # -- imports ---------------------------------------------------------------------------------
    def imports_of(self, parsed: ParsedFile) -> list[ImportLine]:
        """``import 'package:P/x.dart' [as a];`` as a wildcard import of package ``P``."""
        out = []
        for top in parsed.tree.root_node.children:
            if top.type != "import_or_export":
                continue
            spec = next((n for n in gwalk(top) if n.type == "import_specification"), None)
            uri = next((n for n in gwalk(spec) if n.type == "uri"), None) if spec is not None else None
            if uri is None:
                continue
            m = PACKAGE_URI.match(node_text(uri).strip("'\""))
            if m is None:
                continue
            kids = list(spec.children)  # type: ignore[union-attr]
            alias = next((node_text(kids[i + 1]) for i, c in enumerate(kids) if c.type == "as" and i + 1 < len(kids)), None)
            out.append(ImportLine(top, m.group(1), alias, True))
        return out

    def import_line(self, qualified: str, alias: str | None = None) -> str:
        return f"import '{qualified}';"

    # -- bindings --------------------------------------------------------------------------------
    def bind(self, parsed: ParsedFile, pack: RulePack) -> FileBindings:
        fb = super().bind(parsed, pack)
        data = client_bindings(fb)
        if not data.bound:
            self._reached(parsed, fb, data)
            return fb
        # A use whose rule refused its shape keeps that rule: `$SDK` still binds there, so the
        # rule's reader (or the site check) reports it under the rule's own id and reason.
        uses = {call.id for call, _ in data.uses}
        data.review_calls |= {n.id for n, d in data.blockers if n.id in uses and not _sentence(d).startswith("no rule maps")}
        if data.bound and data.blocked is None:
            imps = [i for i in self.imports_of(parsed) if i.alias and any(i.provides(q) for q in pack.bind.modules)]
            if imps:  # `import '...' as amp;`: `amp.Amplitude` is not read yet
                data.blockers.append((imps[0].node, f"the SDK is imported with a prefix ({imps[0].alias}); migrate by hand"))
                data.blocked_line = imps[0].node.start_point[0] + 1
                data.blocked = f"line {data.blocked_line}: prefixed import"
                fb.ctx.is_sdk = lambda n: self.sdk_here(n, data, False)
        return fb

    # -- clients other files reach (the project index) ---------------------------------------------
    def export_reach(self, d: Declaration) -> str | None:
        """Public top-level variables (``top``) and public fields, static or not (``member``):
        ``ClientAdapter.client_exports`` exports them; other files' calls are ``_reached``."""
        reach = _reach(d)
        return None if reach is None else "top" if reach == "top" else "member"

    def _reached(self, parsed: ParsedFile, fb: FileBindings, data: ClientBindings) -> None:
        """In a file that does not import the SDK: the calls on clients other files of the
        project declare (``mixpanel.track(...)`` on a top-level ``mixpanel`` of another library,
        ``service.client?.track(...)`` on a public field). They are not rewritten here (the
        receiver's type is another file's), so each is listed and keeps its client whole: never
        silent, and never a declaration migrated under calls still written for the old SDK."""
        project = current()
        if project is None or fb.pack.review_only or parsed.tree is None:
            return
        own = module_id(parsed.path)
        names: dict[str, str] = {}
        for module in project.exports:
            if module != own:
                for name, key in project.exported(module, fb.pack.sdk).items():
                    names.setdefault(name, key)
        if not names:
            return
        methods = sdk_members(fb.pack)
        found: list[tuple[Any, str, str]] = []
        seen: set[int] = set()
        spelled = {n.lstrip(".") for n in names}
        declared = {d.name_node.id for d in self.declarations_of(parsed, spelled) if not d.assignment}
        for ident in self.nodes_named(parsed, spelled):
            if ident.id in declared or ident.parent.type == "formal_parameter":
                continue  # the file declares a name of its own (a parameter, a local, a field)
            if inside(ident, "import_or_export") or self.resolve(ident) is not None:
                continue  # this file's own declaration of the name (a local, a member of its class)
            text = node_text(ident)
            parent = vparent(ident)
            member = parent is not None and parent.type == "member_expression" and parent.children[-1] == ident
            if member and parent.children[0].type == "this":
                continue
            key = names.get(text) if text in names else names.get(f".{text}")
            if key is None or (not member and text not in names):
                continue  # a bare name that is only some class's field elsewhere
            recv = parent if member else ident
            use = self._use_of(recv)
            generic = member and text not in names  # `x.client`: any object may have a `client`
            if use is None or not use[2]:
                if generic:
                    continue
                node, why = recv, f"{node_text(recv)} ({describe(key)}) used as a value"
            else:
                node, method, _ = use
                if generic and method.split("(", 1)[0] not in methods:
                    continue
                why = f"{_called(method)} on {describe(key)}"
            if node.id in seen:
                continue
            seen.add(node.id)
            found.append((node, f"{why}: the client is declared in another file and its calls from other files "
                                "are not migrated, so it stays whole; migrate it by hand", key))
        if found:
            data.foreign = found
            data.blocked = "calls on a client declared in another file"
            fb.declarations = [n for n, _, _ in found]

    def bind_clients(
        self, parsed: ParsedFile, modules: list[str], instances: list[str], factories: list[str]
    ) -> ClientBindings:
        data = super().bind_clients(parsed, modules, instances, factories)
        data.statics = [*instances, *factories]  # type: ignore[attr-defined]
        data.factories = list(factories)  # type: ignore[attr-defined]
        # `final Amplitude a = ...; a = other` keeps being a client; assignments to a client name
        # declared elsewhere in the file are its creations too.
        return data

    def creation_of(self, value: Any, data: ClientBindings, statics: list[str]) -> bool:
        return super().creation_of(unwrap(value), data, statics)

    def declarations_of(self, parsed: ParsedFile, names: set[str]) -> list[Declaration]:
        out: list[Declaration] = []
        for n in _all(parsed.tree.root_node):
            decl = declaration(n)
            if decl is not None:
                out.extend(decl)
        return out

    def resolve(self, ident: Node) -> Node | None:
        """The name node of the declaration ``ident`` refers to (None: declared elsewhere)."""
        name = node_text(ident)
        parent = vparent(ident)
        this_member = False
        if parent is not None and parent.type == "member_expression" and parent.children[1] == ident:
            if parent.children[0].type != "this":
                return None  # `other.amplitude`: a member of some other object
            this_member = True
        cur = ident.parent
        while cur is not None:
            if not this_member:
                found = declared_in(cur, name, ident)
                if found is not None:
                    return found
            if cur.type == "class_body":
                found = class_member(cur, name)
                if found is not None or this_member:
                    return found
            cur = cur.parent
        return None

    def is_client(self, node: Any, data: ClientBindings) -> bool:
        node = _strip(node)
        if node is None:
            return False
        statics = getattr(data, "statics", [])
        if node.type == "identifier" and node_text(node) in data.classes:
            # `Amplitude(...)` (a creation) and `Mixpanel.init(...)` (a factory) bind `$SDK`.
            parent = vparent(node)
            if parent is not None and parent.type == "call_expression" and parent.children[0] == node:
                return True
            if parent is not None and parent.type == "member_expression" and parent.children[0] == node:
                return node_text(parent.children[1]) in statics
            return False
        if node.type == "call_expression":  # `Amplitude.getInstance()`: the legacy instance form
            parts = call_parts(node)
            return (parts is not None and parts[0] is not None and parts[0].type == "identifier"
                    and node_text(parts[0]) in data.classes and parts[1] in statics
                    and parts[1] not in getattr(data, "factories", []))
        if node.type == "member_expression" and node.children[0].type == "this":
            node = node.children[1]
        if node.type != "identifier" or node_text(node) not in data.clients:
            return False
        decl = self.resolve(node)
        return decl is not None and decl.id in data.decl_ids

    def sdk_here(self, node: Any, data: ClientBindings, live: bool) -> bool:
        """As ``ClientAdapter.sdk_here``, walking the grouped tree: when the client is kept whole,
        ``$SDK`` still binds at calls a review rule takes (through ``getPeople()``)."""
        if not self.is_client(node, data):
            return False
        if live:
            return True
        cur = vparent(node)
        for _ in range(4):
            if cur is None:
                return False
            if cur.id in data.review_calls:
                return True
            cur = vparent(cur)
        return False

    def classify(self, parsed: ParsedFile, data: ClientBindings, statics: list[str]) -> None:
        """Sort every reference to the SDK class and its clients: calls (the use is the whole
        call, through ``getPeople()``), types, creations, the ``isBuilt`` wait, and anything
        else (which keeps the client whole)."""
        classes = set(data.classes)
        query = get_query(self.grammar, "(type_identifier) @t")
        for t in get_query_captures(query, parsed.tree.root_node):
            if node_text(t) in classes:
                data.types.append(t)
        seen: set[int] = set()
        if current() is None:
            # One file alone (no project index): a client other files reach directly cannot be
            # followed there. With the index, those files report their uses (``_reached``).
            for decls in data.clients.values():
                for d in decls:
                    if _reach(d) in ("top", "static"):
                        data.blockers.append((d.holder, f"the client {d.name} is public and static (or top-level): "
                                              "other files reach it directly, and this run reads one file at a time; "
                                              "make it private behind methods, or migrate by hand"))
        for ident in self.nodes_named(parsed, classes | set(data.clients)):
            if ident.id in data.decl_ids or inside(ident, "import_or_export") or ident.parent.type == "constructor_param":
                continue  # `Session(this.amplitude)` initialises the field: a declaration, not a use
            name = node_text(ident)
            recv: Any = ident
            if name in classes:
                parent = vparent(ident)
                if parent is not None and parent.type == "call_expression" and parent.children[0] == ident:
                    data.uses.append((parent, name))
                    data.creations.append((parent, f"the client creation {name}(...)"))
                    continue
                if parent is not None and parent.type == "member_expression" and parent.children[0] == ident:
                    call = vparent(parent)
                    method = node_text(parent.children[1])
                    if call is not None and call.type == "call_expression" and method in statics:
                        if self.is_client(call, data):
                            recv = call  # legacy `Amplitude.getInstance()`: calls on it are uses
                        else:
                            data.uses.append((call, f"{name}.{method}"))
                            data.creations.append((call, f"the client creation {name}.{method}(...)"))
                            continue
                if recv is ident:
                    if name not in data.clients:
                        data.blockers.append((ident, f"{name} used as a value"))
                        continue
            if recv is ident and (name not in data.clients or not self.is_client(ident, data)):
                continue
            if recv is ident:
                parent = vparent(ident)
                if parent is not None and parent.type == "member_expression" and parent.children[0].type == "this":
                    recv = parent
                if assignment_target(ident):
                    continue
            if _null_check(recv) or (recv.type != "call_expression" and self._assigned_to_client(recv, data)):
                # `_amp != null`, `_amp = amp` (both clients of this file): not a use. The legacy
                # instance assigned to a client (`a = Amplitude.getInstance(...)`) is one: its rule lists it.
                continue
            use = self._use_of(recv)
            if use is None and recv is not ident and recv.type == "call_expression":
                use = (recv, f"{name}.getInstance", True)  # the legacy instance itself: its rule reviews it
            if use is None:
                ret = _returned_as_sdk_type(recv, classes)
                if ret is not None:  # `return _instance!;` from `Future<Mixpanel> init()`: the type is swapped too
                    escapes = getattr(data, "escapes", [])
                    escapes.append((ret, f"{node_text(ret)} (it returns the client: its declared type is migrated here, "
                                    "its callers where their own files are; the Dart analyzer flags any left)"))
                    data.escapes = escapes  # type: ignore[attr-defined]
                    continue
                data.blockers.append((recv, f"the client {node_text(recv)} passed on as a value"))
                continue
            node, desc, ok = use
            if node.id in seen:
                continue
            seen.add(node.id)
            (data.uses if ok else data.blockers).append((node, desc))

    def _assigned_to_client(self, recv: Any, data: ClientBindings) -> bool:
        """``_amp = amp``: the value of an assignment whose target is a client of this file too."""
        parent = vparent(recv)
        if parent is None or parent.type != "assignment_expression" or grouped(parent)[-1] != recv:
            return False
        left = parent.child_by_field_name("left")
        target = next((c for c in left.children if c.type == "identifier"), None) if left is not None else None
        return target is not None and target.id in data.decl_ids

    def _use_of(self, recv: Any) -> tuple[Any, str, bool] | None:
        """What the client expression ``recv`` is used for: ``(node, description, is a use)``."""
        while (p := vparent(recv)) is not None and p.type in ("nullable_receiver", "non_null_expression",
                                                              "parenthesized_expression"):
            recv = p
        member = vparent(recv)
        if member is None or member.type != "member_expression" or member.children[0] != recv:
            return None
        name = node_text(member.children[1])
        call = vparent(member)
        if call is None or call.type != "call_expression" or call.children[0] != member:
            if name == "isBuilt":
                wait = vparent(member)
                if wait is not None and wait.type == "await_expression":
                    return wait, "await isBuilt", True
            return member, f"the client's property {name}", False
        desc = f"{name}"
        if name in ACCESSORS:
            outer_member = vparent(call)
            outer = vparent(outer_member) if outer_member is not None else None
            if (outer_member is not None and outer_member.type == "member_expression" and outer_member.children[0] == call
                    and outer is not None and outer.type == "call_expression" and outer.children[0] == outer_member):
                return outer, f"{name}().{node_text(outer_member.children[1])}", True
        return call, desc, True

    # -- sites -----------------------------------------------------------------------------------
    def expand_site(self, node: Any, source: bytes) -> tuple[Any, str | None]:
        """A call whose result is used is refused; an awaited call is replaced with its ``await``
        (the other SDK's call may return void, which Dart does not let a program await)."""
        parent = vparent(node)
        if parent is not None and parent.type in ("member_expression", "cascade_expression") and parent.children[0] == node:
            return node, "its result is used; the other SDK's call returns something else"
        if node.type == "call_expression" and parent is not None and parent.type == "await_expression":
            parts = call_parts(node)
            if parts is None or parts[1] not in KEEPS_AWAIT:
                return parent, None
        if node.type == "await_expression":  # `await amplitude.isBuilt;`: the statement, with its line
            stmt = self.statement_of(node)
            if stmt is not None:
                start, end = stmt.start_byte, stmt.end_byte
                ls, le = line_start(source, start), line_end(source, end)
                if not source[ls:start].strip() and not source[end:le].strip():
                    start, end = ls, le
                return VNode("statement_line", [stmt], start, end, stmt.parent), None
        return node, None

    def unaccounted_calls(self, parsed: ParsedFile, fb: FileBindings) -> list[tuple[Any, str]]:
        """As the client model's, plus the places a migrated client leaves the file (listed,
        never blocking: the declared type that carries it is migrated with it)."""
        data = client_bindings(fb)
        foreign = data.foreign
        if foreign is not None:
            return [(n, why) for n, why, _ in foreign]
        out: list[tuple[Any, str]] = []
        if data.blocked is None:
            out = [(call, f"no rule maps {_called(m)}; migrate by hand") for call, m in data.uses]
            out += [(n, f"no rule maps {d}; migrate by hand") for n, d in getattr(data, "escapes", [])]
            if not data.uses and data.types:  # nothing to rewrite, so the import and type swap never run
                out += [(t, f"{node_text(t)} is named here but no call on it is: change the type and the "
                            "import by hand when its client moves") for t in data.types]
        else:
            why = f"it stays as it is: the client stays whole because of line {data.blocked_line}; migrate by hand"
            reasons = {node.id: desc for node, desc in data.blockers}
            uses = {call.id for call, _ in data.uses}
            for call, m in data.uses:
                if call.id in data.review_calls:
                    continue
                out.append((call, _sentence(reasons[call.id]) if call.id in reasons else f"{_called(m)}: {why}"))
            out += [(node, _sentence(desc)) for node, desc in data.blockers if node.id not in uses]
        return sorted(out, key=lambda x: x[0].start_byte)

    # -- imports ---------------------------------------------------------------------------------
    def import_edits(
        self, parsed: ParsedFile, fb: FileBindings, edits: list[Edit], reviews: list[ReviewItem]
    ) -> list[Edit]:
        """Once every use was rewritten: the source package's imports go (the first one's line
        becomes the target's imports), the SDK class in type positions is renamed, and a class of
        the source package still named outside the rewrites keeps its import, with a review item."""
        data = client_bindings(fb)
        if data.blocked is not None:
            return []
        spans = [(e.start, e.end) for e in edits]
        if not all(any(s <= c.start_byte and c.end_byte <= e for s, e in spans) for c, _ in data.uses):
            return []
        source, target = load_profile(fb.pack.sdk), load_profile(fb.pack.target.sdk)
        if not target.imports:
            return []
        rule = f"{fb.pack.sdk}/imports"
        src = parsed.source
        new_text = " ".join(e.text for e in edits)
        wanted = [target.imports[0]] + [u for u in target.imports[1:] if re.search(rf"\b{_class_of(u)}\(", new_text)]
        wanted = [u.split("#", 1)[0] for u in wanted]
        have = {i.node.id for i in self.imports_of(parsed)}
        present = [i for i in self.imports_of(parsed) if any(i.provides(f"{PACKAGE_URI.match(u).group(1)}.X") for u in wanted)]  # type: ignore[union-attr]
        wanted = [u for u in wanted if not any(node_text(i.node).find(u) >= 0 for i in present)]
        source_imports = [i for i in self.imports_of(parsed) if i.node.id in have and any(i.provides(q) for q in fb.pack.bind.modules)]
        leftovers = _leftover_classes(parsed, source, data, spans)
        out: list[Edit] = []
        eol = eol_of(src)
        if leftovers:
            node, name = leftovers[0]
            line = node.start_point[0] + 1
            reviews.append(ReviewItem(rule, line, f"{name} of {source.id} is still used here: its import stays; "
                                      "migrate it by hand", node_text(node)))
            at = line_end(src, source_imports[-1].node.end_byte) if source_imports else 0
            if wanted:
                out.append(Edit(at, at, "".join(f"import '{u}';{eol}" for u in wanted), rule))
        else:
            for k, imp in enumerate(source_imports):
                if k == 0 and wanted:
                    node = imp.node
                    out.append(Edit(node.start_byte, node.end_byte,
                                    eol.join(f"import '{u}';" for u in wanted), rule))
                else:
                    out.append(remove_lines(src, imp.node.start_byte, imp.node.end_byte, rule))
        simple = _class_of(target.imports[0])
        for ident in data.types:
            out.append(Edit(ident.start_byte, ident.end_byte, simple, rule))
        return out


# -- helpers ---------------------------------------------------------------------------------------
def get_query_captures(query: Any, root: Node) -> list[Node]:
    return capture_nodes(query, root, "t")


def _class_of(uri: str) -> str:
    """``Configuration`` for ``package:amplitude_flutter/configuration.dart``; the client class of
    a profile's first import is its ``#Class`` suffix or the file stem in CamelCase."""
    if "#" in uri:
        return uri.rsplit("#", 1)[1]
    stem = uri.rsplit("/", 1)[-1].removesuffix(".dart")
    return "".join(p.capitalize() for p in stem.split("_"))


def _null_check(recv: Any) -> bool:
    """``client == null`` / ``client != null``: a test of the variable, not a use of the SDK."""
    parent = vparent(recv)
    if parent is None or parent.type != "equality_expression":
        return False
    return any(c.type == "null_literal" for c in grouped(parent))


def _reach(d: Declaration) -> str | None:
    """How other libraries reach a client declaration: ``top`` (a public top-level variable),
    ``static`` (a public static field), ``field`` (a public instance field), or None (private,
    local, a parameter, an assignment). Dart privacy is per library: ``_x`` never leaves the file."""
    if d.assignment or d.name.startswith("_") or d.holder.type == "formal_parameter":
        return None
    cur: Any = d.holder
    while cur is not None:
        if cur.type == "program":
            return "top"
        if cur.type == "class_body":
            decl = d.holder if d.holder.type == "declaration" else None
            return "static" if decl is not None and any(c.type == "static" for c in decl.children) else "field"
        if cur.type in ("function_body", "block", "function_expression", "formal_parameter_list", "lambda_expression"):
            return None
        cur = cur.parent
    return None


def _called(method: str) -> str:
    """``track()`` for a method name; descriptions that are phrases already stay."""
    return method if "(" in method or " " in method else f"{method}()"


def _sentence(desc: str) -> str:
    """A blocker's description as a whole review message (pack ``unmapped: "{call}"``)."""
    if desc.endswith("()") and ":" not in desc and not desc.startswith("no rule maps"):
        return f"no rule maps {desc}; migrate by hand"
    return desc if "by hand" in desc else f"{desc}; migrate by hand"


def _returned_as_sdk_type(recv: Any, classes: set[str]) -> Any | None:
    """The ``return`` statement giving back ``recv`` (through ``!``/``?``) from a function whose
    declared return type names the SDK class, else None."""
    cur = vparent(recv)
    while cur is not None and cur.type in ("non_null_expression", "nullable_receiver", "parenthesized_expression"):
        cur = vparent(cur)
    if cur is None or cur.type != "return_statement":
        return None
    body = cur.parent
    while body is not None and body.type not in ("function_body", "function_expression_body"):
        body = body.parent
    sig = body.prev_sibling if body is not None else None
    if sig is None or sig.type not in ("function_signature", "method_signature"):
        return None
    fsig = sig if sig.type == "function_signature" else next((c for c in sig.children if c.type == "function_signature"), None)
    name = fsig.child_by_field_name("name") if fsig is not None else None
    head = fsig.text[: name.start_byte - fsig.start_byte] if fsig is not None and name is not None else b""
    return cur if any(re.search(rb"\b" + c.encode() + rb"\b", head) for c in classes) else None


def _strip(node: Any) -> Any:
    while node is not None and node.type in ("nullable_receiver", "non_null_expression", "parenthesized_expression"):
        kids = [c for c in grouped(node) if c.is_named]
        node = kids[0] if kids else None
    return node


def _all(root: Node) -> list[Node]:
    out, stack = [], [root]
    while stack:
        n = stack.pop()
        out.append(n)
        stack.extend(reversed(n.children))
    return out


# Classes of the source packages other than the client: still named outside the rewrites, they
# keep the package's import (deleting it would break the build).
SDK_CLASSES = {
    "amplitude_flutter": ("Configuration", "BaseEvent", "Identify", "EventOptions", "Revenue", "ServerZone",
                          "DefaultTrackingOptions", "TrackingOptions", "LogLevel", "IdentifyEvent", "Plan"),
    "mixpanel_flutter": ("People", "MixpanelGroup"),
}


def _leftover_classes(parsed: ParsedFile, source: Any, data: ClientBindings, spans: list[tuple[int, int]]) -> list[tuple[Node, str]]:
    packages = {i.path for i in data.classes.values()}
    names = {c for p in packages for c in SDK_CLASSES.get(p, ())}
    if not names:
        return []
    src = parsed.source
    if not any(n.encode() in src for n in names):
        return []
    quoted = " ".join(f'"{n}"' for n in sorted(names))
    query = get_query("dart", f"([(identifier) (type_identifier)] @t (#any-of? @t {quoted}))")
    out = []
    for n in sorted(get_query_captures(query, parsed.tree.root_node), key=lambda n: n.start_byte):
        if inside(n, "import_or_export"):
            continue
        if not any(s <= n.start_byte and n.end_byte <= e for s, e in spans):
            out.append((n, node_text(n)))
    return out


def _compile(adapter: DartAdapter, text: str) -> Pattern:
    """Parse a pattern snippet as a statement of an async function body and compile the grouped
    node that spans it exactly (``$X`` is already a Dart identifier)."""
    raw = text.encode()
    source = PATTERN_PREFIX + raw + PATTERN_SUFFIX
    tree = get_parser("dart").parse(source)
    err = first_error(tree.root_node)
    if err is not None:
        raise ValueError(f"syntax error at column {err.start_point[1] + 1} in {text!r}")
    start = len(PATTERN_PREFIX)
    end = start + len(text.rstrip().encode())
    best = None
    for n in gwalk(tree.root_node):  # outer nodes first: the last exact one is the innermost
        if n.start_byte == start and n.end_byte == end and n.type not in ("expression_statement",):
            best = n
    if best is None:
        raise ValueError(f"a pattern must be one expression: {text!r}")
    return Pattern(source=text, root=compile_tree(best, source, adapter.significant))


__all__ = ["DartAdapter", "VNode"]
