"""Swift adapter: AmplitudeSwift, legacy Amplitude-iOS from Swift, and Mixpanel Swift.

Everything language-neutral comes from ``ts_base`` and ``ts_clients`` (all-or-nothing clients,
labelled arguments bound by the profile's ``signatures``). What Swift adds:

- a file reaches an SDK by importing its *module* (``import AmplitudeSwift``, ``import Mixpanel``),
  and the pack's ``bind.classes`` name the classes that module brings (``Amplitude``,
  ``Mixpanel``, ``MixpanelInstance``); the legacy Objective-C SDK may also come in through a
  bridging header, so ``Amplitude.instance()`` binds the legacy pack without an import;
- clients are variables typed as or created from the class (``let amplitude = Amplitude(...)``,
  ``var mp: MixpanelInstance?``, ``if let amp = amplitude``) *and* shared-instance expressions
  (``Amplitude.instance()``, ``Amplitude.instance()?``, ``Mixpanel.mainInstance()``);
- the creation itself (``Amplitude(configuration:)``, ``Mixpanel.initialize(token:...)``) is a
  call on the SDK class that a rule rewrites, so ``$SDK`` also matches the class name there;
- a name resolves lexically (parameters, closure parameters, ``if``/``guard let``, locals
  declared before, members of the enclosing type, top-level declarations), so a closure
  parameter named like the client is not the client.

Never writes files and never decides what a call means.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tree_sitter import Node

from rewriter.codemod.lang.base import FileBindings, ParsedFile
from rewriter.codemod.lang.swift_scope import SwiftScopes
from rewriter.codemod.lang.swift_syntax import (  # noqa: F401  (re-exported for the reader and printer)
    argument_label,
    argument_value,
    call_arguments,
    call_parts,
    contains,
    labelled,
    nav_name,
    nav_target,
    trailing_closure,
    type_name,
    unwrap,
)
from rewriter.codemod.lang.treesitter import get_query
from rewriter.codemod.lang.ts_base import ImportLine, inside, node_text
from rewriter.codemod.lang.ts_clients import ClientAdapter, ClientBindings, client_bindings
from rewriter.codemod.match.patterns import MatchContext
from rewriter.codemod.model import Edit, ReviewItem
from rewriter.codemod.ops.profiles import load_profile
from rewriter.codemod.packs.loader import RulePack

PATTERN_PREFIX = b"func __rewriter_pattern__() {\n"
PATTERN_SUFFIX = b"\n}\n"


@dataclass
class SwiftBindings(ClientBindings):
    """Client bindings plus the class's shared-instance and creating methods (from the pack)."""

    instances: tuple[str, ...] = ()
    factories: tuple[str, ...] = ()
    client_type: str | None = None  # the class whose type references are swapped (profile methods.type)
    signatures: dict[str, list[str]] = field(default_factory=dict)  # the source SDK's labels, for strays
    people_methods: frozenset[str] = frozenset()  # methods that are the SDK's only on `.people`


class SwiftAdapter(SwiftScopes, ClientAdapter):
    """``.swift`` files."""

    id = "swift"
    family = "swift"
    grammar = "swift"
    extensions = (".swift",)
    PATTERN_PREFIX = PATTERN_PREFIX
    PATTERN_SUFFIX = PATTERN_SUFFIX
    DOLLAR_IDENTIFIERS = False
    operations = frozenset({"init", "track", "identify", "profile", "set-group", "reset", "flush"})
    reader_module = "rewriter.codemod.lang.swift_read"
    printer_module = "rewriter.codemod.lang.swift_emit"
    COMMENTS = frozenset({"comment", "multiline_comment"})
    TRIVIA = frozenset({"(", ")", ",", ".", "?", '"', '"""', "{", "}", "[", "]"})
    IDENTIFIER = "simple_identifier"
    STATEMENT_CONTAINERS = frozenset({"statements", "source_file"})
    ARGUMENT_LIST = "value_arguments"
    ARGUMENT = "value_argument"

    # -- patterns --------------------------------------------------------------------------------
    def callee_query(self, node_type: str, quoted_names: str) -> str | None:
        if node_type != "call_expression":
            return None
        return (
            "((call_expression . [(navigation_expression suffix: (navigation_suffix suffix: (simple_identifier) @k))"
            f" (simple_identifier) @k]) @n (#any-of? @k {quoted_names}))"
        )

    # -- syntax hooks ----------------------------------------------------------------------------
    def call_parts(self, node: Node | None) -> tuple[Node | None, str, Node | None] | None:
        """As ``call_parts``; the ``call_suffix`` holding an argument list stands for its call."""
        if node is not None and node.type == "call_suffix":
            node = node.parent
        return call_parts(node)

    def argument_label(self, arg: Node) -> str | None:
        return argument_label(arg)

    def argument_value(self, arg: Node) -> Node:
        return argument_value(arg)

    def read_problem(self, op: str, m: Any, pack: RulePack) -> str | None:
        from rewriter.codemod.lang.swift_read import shape_problem

        return shape_problem(op, m, pack)

    def statement_of(self, node: Node) -> Node | None:
        parent = node.parent
        return node if parent is not None and parent.type in self.STATEMENT_CONTAINERS else None

    def imports_of(self, parsed: ParsedFile) -> list[ImportLine]:
        out = []
        for stmt in parsed.tree.root_node.children:
            if stmt.type != "import_declaration":
                continue
            ident = next((c for c in stmt.children if c.type == "identifier"), None)
            if ident is None:
                continue
            parts = [node_text(c) for c in ident.children if c.type == "simple_identifier"]
            # `import class Mixpanel.MixpanelInstance` names one symbol of module Mixpanel.
            out.append(ImportLine(stmt, parts[0] if parts else node_text(ident), None, True))
        return out

    def import_line(self, qualified: str, alias: str | None = None) -> str:
        return f"import {qualified}"

    # -- bindings --------------------------------------------------------------------------------
    def bind(self, parsed: ParsedFile, pack: RulePack) -> FileBindings:
        spec = pack.bind
        data = self.bind_swift(parsed, pack)
        signatures = load_profile(pack.sdk).signatures
        live = {"on": False}
        ctx = MatchContext(
            source=parsed.source,
            is_sdk=lambda n: self.sdk_here(n, data, live["on"]),
            special=lambda p, t, env, c: self.bind_arguments(p, t, env, c, signatures),
            significant=self.significant,
        )
        fb = FileBindings(pack=pack, ctx=ctx, style=self.family)
        fb.lang = data
        if not data.bound:
            return fb
        fb.declarations = [*{id(i.node): i.node for i in data.classes.values() if i is not None}.values()]
        fb.declarations += [d.holder for ds in data.clients.values() for d in ds]
        if not fb.declarations:  # a bridging header brought the legacy SDK: its class is the root
            fb.globals = set(data.classes)
        self.classify(parsed, data, [*spec.instances, *spec.factories])
        live["on"] = True
        self.plan_uses(parsed, fb, data)
        live["on"] = data.blocked is None
        return fb

    def bind_swift(self, parsed: ParsedFile, pack: RulePack) -> SwiftBindings:
        """The SDK classes (by module import, or by a shared-instance call of a legacy SDK that
        a bridging header brings in) and the file's client declarations."""
        spec = pack.bind
        data = SwiftBindings(instances=tuple(spec.instances), factories=tuple(spec.factories),
                             client_type=load_profile(pack.sdk).methods.get("type"),
                             signatures=load_profile(pack.sdk).signatures,
                             people_methods=frozenset(load_profile(pack.sdk).profile_ops.get("user", {}))
                             if load_profile(pack.sdk).methods.get("people") else frozenset())
        imports = self.imports_of(parsed)
        imp = next((i for i in imports if i.path in spec.modules), None)
        if imp is not None:
            for cls in spec.classes:
                data.classes[cls] = imp
        elif spec.instances and not any(i.path in OTHER_MODULES.get(pack.sdk, ()) for i in imports):
            found = self._singleton_calls(parsed, set(spec.classes), set(spec.instances))
            if found:
                for cls in spec.classes:
                    data.classes[cls] = None  # type: ignore[assignment]  # bound without an import
        if not data.classes and self._stray_calls(parsed, data):
            # Swift lets a file call members of a type it does not import (a client declared in
            # another file): its SDK-shaped calls are listed, never left silent.
            for cls in spec.classes:
                data.classes[cls] = None  # type: ignore[assignment]
        if not data.classes:
            return data
        for decl in self.declarations_of(parsed, set(data.classes)):
            typed = decl.type_name in data.classes
            created = decl.value is not None and self.client_value(decl.value, data)
            if typed or created:
                data.clients.setdefault(decl.name, []).append(decl)
                data.decl_ids.add(decl.name_node.id)
        return data

    def _singleton_calls(self, parsed: ParsedFile, classes: set[str], statics: set[str]) -> list[Node]:
        query = get_query(
            self.grammar,
            "((call_expression (navigation_expression target: (simple_identifier) @c"
            " suffix: (navigation_suffix suffix: (simple_identifier) @m))) @n)",
        )
        from tree_sitter import QueryCursor

        out = []
        for _, caps in QueryCursor(query).matches(parsed.tree.root_node):
            if node_text(caps["c"][0]) in classes and node_text(caps["m"][0]) in statics:
                out.append(caps["n"][0])
        return out

    def is_singleton(self, node: Node | None, data: Any) -> bool:
        """``Amplitude.instance()`` / ``Mixpanel.mainInstance()`` (a shared-instance call)."""
        node = unwrap(node)
        parts = call_parts(node)
        if parts is None or parts[0] is None or call_arguments(node) or trailing_closure(node):  # type: ignore[arg-type]
            return False
        recv, name, _ = parts
        return recv.type == "simple_identifier" and node_text(recv) in data.classes and name in data.instances

    def is_creation(self, node: Node | None, data: Any) -> bool:
        """``Amplitude(configuration: ...)`` or ``Mixpanel.initialize(...)``."""
        parts = call_parts(unwrap(node))
        if parts is None:
            return False
        recv, name, _ = parts
        if recv is None:
            return name in data.classes and name in data.factories
        return recv.type == "simple_identifier" and node_text(recv) in data.classes and name in data.factories

    def client_value(self, value: Node, data: Any) -> bool:
        value = unwrap(value)  # type: ignore[assignment]
        if value is None:
            return False
        if self.is_creation(value, data) or self.is_singleton(value, data):
            return True
        if value.type == "simple_identifier" and node_text(value) in data.clients:
            return self.is_client(value, data)
        return False

    def is_client(self, node: Node, data: Any) -> bool:
        node = unwrap(node)  # type: ignore[assignment]
        if node is None:
            return False
        if self.is_singleton(node, data):
            return True
        if node.type == "navigation_expression":
            target = nav_target(node)
            name = nav_name(node)
            if target is None or target.type != "self_expression" or name is None:
                return False
            node = name
        if node.type != "simple_identifier" or node_text(node) not in data.clients:
            return False
        decl = self.resolve(node)
        return decl is not None and decl.id in data.decl_ids

    def sdk_here(self, node: Node, data: Any, live: bool) -> bool:
        """``$SDK`` matches a client, the class at its creation (``Amplitude(...)``,
        ``Mixpanel.initialize(...)``), and when the client is kept whole only calls a review
        rule takes."""
        creation = node.type == "simple_identifier" and node_text(node) in data.classes and self._creation_of(node, data)
        if not creation and not self.is_client(node, data):
            return False
        if live:
            return True
        call = _enclosing_call(node)
        return call is not None and call.id in data.review_calls

    def _creation_of(self, ident: Node, data: Any) -> Node | None:
        parent = ident.parent
        if parent is not None and parent.type == "call_expression" and parent.children[0] == ident:
            return parent if self.is_creation(parent, data) else None
        if parent is not None and parent.type == "navigation_expression" and nav_target(parent) == ident:
            call = parent.parent
            if call is not None and call.type == "call_expression" and call.children[0] == parent:
                return call if self.is_creation(call, data) else None
        return None

    def classify(self, parsed: ParsedFile, data: Any, statics: list[str]) -> None:
        """Sort every reference to the SDK classes and clients: calls (creations and calls on a
        client, ``people``/``Identify`` chains included), type references, and anything else,
        which keeps the client whole."""
        names = set(data.classes) | set(data.clients)
        for ident in self._type_idents(parsed, set(data.classes)):
            if inside(ident, "import_declaration"):
                continue
            data.types.append(ident)
            ext = _extension_of(ident)
            if ext is not None:
                data.blockers.append((ident, f"an extension of the SDK class {node_text(ident)} (its members are "
                                           "used from other files)"))
                continue
            if data.client_type is not None and node_text(ident) != data.client_type:
                # Only the client class has a twin in the other SDK (Properties, People... do not).
                data.blockers.append((ident, f"the type {node_text(ident)} (it has no counterpart in the other SDK)"))
        for ident in self.nodes_named(parsed, names):
            if ident.id in data.decl_ids or inside(ident, "import_declaration"):
                continue
            name = node_text(ident)
            if name in data.classes and self.resolve(ident) is None:
                creation = self._creation_of(ident, data)
                if creation is not None:
                    data.uses.append((creation, call_parts(creation)[1]))  # type: ignore[index]
                    continue
                parent = ident.parent
                single = parent.parent if parent is not None and parent.type == "navigation_expression" else None
                if single is not None and self.is_singleton(single, data):
                    self._use_of(single, data)
                    continue
                if name not in data.clients:
                    data.blockers.append((ident, f"{name} used as a value"))
                    continue
            if name not in data.clients:
                continue
            recv: Node = ident
            parent = ident.parent
            if parent is not None and parent.type == "navigation_suffix":
                recv = parent.parent  # self.amplitude
            if not self.is_client(recv, data):
                continue
            if self._assigned(recv, data):
                continue
            self._use_of(recv, data)
        self._strays(parsed, data)

    def _strays(self, parsed: ParsedFile, data: Any) -> None:
        """Calls spelled like the SDK's (a method of its signatures, called with its labels) on a
        receiver this file does not declare as a client — a property of another object, a
        closure parameter, a client declared in another file: they keep the client whole, since
        the import swap would leave them calling the other SDK's class."""
        data.blockers.extend(self._stray_calls(parsed, data))

    def _stray_calls(self, parsed: ParsedFile, data: Any) -> list[tuple[Node, str]]:
        out: list[tuple[Node, str]] = []
        labelled_methods = {m: set(labels) for m, labels in data.signatures.items() if any(x != "_" for x in labels)}
        if not labelled_methods:
            return out
        used = {call.id for call, _ in data.uses}
        quoted = " ".join(f'"{n}"' for n in sorted(labelled_methods))
        query = get_query(self.grammar, self.callee_query("call_expression", quoted))  # type: ignore[arg-type]
        from tree_sitter import QueryCursor

        for call in QueryCursor(query).captures(parsed.tree.root_node).get("n", []):
            parts = call_parts(call)
            if call.id in used or parts is None or parts[0] is None:
                continue
            if parts[1] in data.people_methods and not _is_people(parts[0]):
                continue  # `set(properties:)` is only the SDK's on `.people`
            labels = [argument_label(a) for a in call_arguments(call)]
            named = {x for x in labels if x}
            if named and named <= labelled_methods[parts[1]]:
                shown = "".join(f"{x or '_'}:" for x in labels)
                out.append((call, f"{parts[1]}({shown}) on {node_text(parts[0])}, which this file does not "
                                  "declare as a client (declared in another file?)"))
        return out

    def _use_of(self, recv: Node, data: Any) -> None:
        """Record the call made on client expression ``recv`` (one member hop allowed, for
        ``people.set``), or a blocker for any other use of it."""
        while recv.parent is not None and recv.parent.type in ("postfix_expression", "tuple_expression") and \
                unwrap(recv.parent) is not recv.parent:
            recv = recv.parent
        nav = recv.parent
        if nav is not None and nav.type == "navigation_expression" and nav_target(nav) == recv:
            call = nav.parent
            if call is not None and call.type == "call_expression" and call.children[0] == nav:
                data.uses.append((call, node_text(nav_name(nav))))
                return
            outer = nav.parent
            member = node_text(nav_name(nav))
            if member == "people" and outer is not None and outer.type == "navigation_expression" and nav_target(outer) == nav:
                call = outer.parent
                if call is not None and call.type == "call_expression" and call.children[0] == outer:
                    data.uses.append((call, f"people.{node_text(nav_name(outer))}"))
                    return
            data.blockers.append((nav, f"the client's property {member}"))
            return
        holder = recv.parent
        if holder is not None and holder.type == "assignment" and holder.child_by_field_name("result") == recv:
            target = holder.child_by_field_name("target")
            inner = target.children[0] if target is not None and target.child_count else None
            if inner is not None and self.is_client(inner, data):
                return  # `self.amplitude = amplitude`: one client handed to another, both migrate
        if holder is not None and holder.type in ("property_declaration", "if_statement", "guard_statement") and \
                any(recv == d.value or (d.value is not None and unwrap(d.value) == recv)
                    for ds in data.clients.values() for d in ds):
            if self.is_singleton(recv, data):
                data.blockers.append((recv, "the shared instance stored in a variable"))
            return  # `if let amp = amplitude`: the binding is a client of its own
        data.blockers.append((recv, f"the client {node_text(recv)} passed on as a value"))

    def _assigned(self, recv: Node, data: Any) -> bool:
        """``amp = Amplitude(...)``: the target of an assignment (its value is a use itself)."""
        holder = recv.parent
        if holder is None or holder.type != "directly_assignable_expression":
            return False
        assign = holder.parent
        value = assign.child_by_field_name("result") if assign is not None else None
        if value is not None and self.client_value(value, data):
            return True
        return False

    def _type_idents(self, parsed: ParsedFile, names: set[str]) -> list[Node]:
        if not names:
            return []
        quoted = " ".join(f'"{n}"' for n in sorted(names))
        query = get_query(self.grammar, f"((type_identifier) @i (#any-of? @i {quoted}))")
        from tree_sitter import QueryCursor

        return sorted(QueryCursor(query).captures(parsed.tree.root_node).get("i", []), key=lambda n: n.start_byte)

    # -- sites and imports -----------------------------------------------------------------------
    def expand_site(self, node: Node, source: bytes) -> tuple[Node, str | None]:
        parent = node.parent
        if parent is not None and parent.type == "navigation_expression" and nav_target(parent) == node:
            return node, "its result is used; the other SDK's call returns something else"
        return node, None

    def import_edits(
        self, parsed: ParsedFile, fb: FileBindings, edits: list[Edit], reviews: list[ReviewItem]
    ) -> list[Edit]:
        """Swap ``import AmplitudeSwift`` for ``import Mixpanel`` (or add it when a bridging
        header brought the legacy SDK) and the client type, only once every call was rewritten;
        any other SDK type named in the file blocks the client (see ``classify``)."""
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
        module = target.imports[0]
        out: list[Edit] = []
        imps = {id(i.node): i for i in data.classes.values() if i is not None}
        for imp in imps.values():
            out.extend(self.swap_import_edits(parsed, imp, module, rule))
        if not imps and not any(i.path == module for i in self.imports_of(parsed)):
            out.append(self._added_import(parsed, module, rule))
        old_type, new_type = source.methods.get("type"), target.methods.get("type")
        for ident in data.types:
            if node_text(ident) == old_type and new_type:
                out.append(Edit(ident.start_byte, ident.end_byte, new_type, rule))
        return out

    def _added_import(self, parsed: ParsedFile, module: str, rule: str) -> Edit:
        """``import Mixpanel`` after the file's last import (or at its top)."""
        src = parsed.source
        imports = self.imports_of(parsed)
        eol = "\r\n" if b"\r\n" in src else "\n"
        if imports:
            end = imports[-1].node.end_byte
            return Edit(end, end, eol + f"import {module}", rule)
        start = 3 if src.startswith(b"\xef\xbb\xbf") else 0
        return Edit(start, start, f"import {module}{eol}{eol}", rule)

    def swap_import_edits(
        self, parsed: ParsedFile, source_import: ImportLine, target: str, rule: str
    ) -> list[Edit]:
        """``import AmplitudeSwift`` → ``import Mixpanel`` in place (removed when the file imports
        the target module already)."""
        from rewriter.codemod.lang.ts_base import remove_lines

        node = source_import.node
        if any(i.path == target for i in self.imports_of(parsed)):
            return [remove_lines(parsed.source, node.start_byte, node.end_byte, rule)]
        ident = next(c for c in node.children if c.type == "identifier")
        return [Edit(ident.start_byte, ident.end_byte, target, rule)]


#: Modules whose presence means a shared-instance call is not the legacy SDK's.
OTHER_MODULES = {"amplitude-ios-legacy": ("AmplitudeSwift",)}


def _is_people(node: Node) -> bool:
    """``x.people`` (Mixpanel's profile accessor)."""
    name = nav_name(node) if node.type == "navigation_expression" else None
    return name is not None and node_text(name) == "people"


def _extension_of(ident: Node) -> Node | None:
    """The ``extension Amplitude { ... }`` declaration whose extended type ``ident`` names."""
    user = ident.parent
    decl = user.parent if user is not None and user.type == "user_type" else None
    if decl is None or decl.type != "class_declaration" or decl.child_by_field_name("name") != user:
        return None
    kind = decl.child_by_field_name("declaration_kind")
    return decl if kind is not None and kind.type == "extension" else None


def _enclosing_call(node: Node) -> Node | None:
    """The call whose callee chain starts at ``node`` (``node.m(...)``, ``node.people.m(...)``, ``Node(...)``)."""
    cur = node
    for _ in range(4):
        parent = cur.parent
        if parent is None:
            return None
        if parent.type == "call_expression" and parent.children[0] == cur:
            return parent
        if parent.type not in ("navigation_expression", "navigation_suffix", "postfix_expression"):
            return None
        cur = parent
    return None
