"""The client model of languages whose SDK client is a variable, on the tree-sitter base.

Kotlin, Java, Swift and Dart reach an SDK the same way: a class imported by its package
(``import com.amplitude.android.Amplitude``), clients that are properties, parameters or locals
typed as that class or created from it (``Amplitude(Configuration(...))``,
``MixpanelAPI.getInstance(ctx, token, true)``), and calls on those clients. ``ClientAdapter``
holds what is the same for all of them:

- ``bind``: the classes by import, the clients by declaration, every reference sorted by the
  language's ``classify`` hook (calls, type references, creations, anything else);
- all-or-nothing per file (design.md "Codemod v2", idea 1): ``plan_uses`` checks, before any
  rewrite, that the first rule matching each call rewrites it and that the reader accepts its
  shape (``read_problem``); when anything blocks, ``$SDK`` matches nothing that would be
  rewritten, review rules still give their own reasons, and every other reference is listed with
  the blocking line;
- labelled arguments bound by the parameter names of the SDK profile's ``signatures`` (through
  the matcher's ``special`` hook; captures are the argument expressions, without labels);
- the import and type swap once every call was rewritten.

The client keeps its variable name: renaming a property other files may use is not a per-file
rewrite. With a project context, a language that sets ``FOREIGN_CLIENTS`` (Kotlin, Java) exports
the clients other files reach (``client_exports``) and lists every call another file makes on
them under the declaring file's client (``reached``), which keeps that client whole. This module
never writes files and never decides what a call means.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from tree_sitter import Node

from rewriter.codemod.clients import current, describe
from rewriter.codemod.lang.base import FileBindings, ParsedFile
from rewriter.codemod.lang.treesitter import first_error
from rewriter.codemod.lang.ts_base import (
    ImportLine,
    TreeSitterAdapter,
    eol_of,
    indent_at,
    line_end,
    node_text,
    remove_lines,
)
from rewriter.codemod.match.arguments import CallArg, PatternArg, match_arguments
from rewriter.codemod.match.patterns import Capture, MatchContext, PNode, match
from rewriter.codemod.model import Edit, ReviewItem
from rewriter.codemod.ops.profiles import load_profile
from rewriter.codemod.packs.loader import RulePack
from rewriter.codemod.project import accessor_twin, module_id


@dataclass(frozen=True)
class Declaration:
    """A name a file declares: a property, a parameter, a local or an assignment target.

    ``type_name`` is the declared type's simple name (None when inferred); ``value`` the
    initialiser or assigned expression; ``holder`` the whole statement/parameter."""

    name: str
    name_node: Node
    holder: Node
    type_node: Node | None = None
    type_name: str | None = None
    value: Node | None = None
    assignment: bool = False


@dataclass
class ClientBindings:
    """Which names in one file denote one SDK, and where its clients are created and used."""

    classes: dict[str, ImportLine] = field(default_factory=dict)  # local class name -> its import
    clients: dict[str, list[Declaration]] = field(default_factory=dict)  # client name -> declarations
    decl_ids: set[int] = field(default_factory=set)  # name nodes of client declarations
    creations: list[tuple[Node, str]] = field(default_factory=list)  # constructor/factory calls
    class_refs: set[int] = field(default_factory=set)  # the class name in a creation: `$SDK` there
    class_ref_use: dict[int, int] = field(default_factory=dict)  # class name -> the chained call it starts
    uses: list[tuple[Node, str]] = field(default_factory=list)  # calls on a client: (call, method)
    types: list[Node] = field(default_factory=list)  # type references naming the SDK class
    blockers: list[tuple[Node, str]] = field(default_factory=list)  # what keeps the client whole
    review_calls: set[int] = field(default_factory=set)  # calls a review rule takes (their own reason)
    blocked: str | None = None  # why the file's client stays (None: every use can be migrated)
    blocked_line: int = 0  # the first blocking line, for the other sites' messages
    #: calls on clients other files of the project declare: (node, reason, that client's key);
    #: None when the file reaches none (``ClientAdapter.reached``)
    foreign: list[tuple[Node, str, str]] | None = None
    foreign_inner: int = 0  # how many of them come first: listed on a call's inner nodes (several clients)

    @property
    def bound(self) -> bool:
        return bool(self.classes)


def _label(method: str) -> str:
    """``track()`` for a method name; a description (``the client creation X(...)``) as it is."""
    return method if method.startswith("the client") else f"{method}()"


def sdk_members(pack: RulePack) -> frozenset[str]:
    """The client methods and properties the pack's rules name (``track`` of
    ``$SDK.track($EVENT)``, ``people`` of ``$SDK.people.set(...)``, ``optOut`` of ``$SDK.optOut = $V``)."""
    return frozenset(m for r in pack.rules for p in r.match for m in re.findall(r"\$SDK\.(\w+)", p))


def client_bindings(fb: FileBindings) -> ClientBindings:
    """The client binding data of ``fb`` (set by ``ClientAdapter.bind``)."""
    assert isinstance(fb.lang, ClientBindings), "not a client-language file's bindings"
    return fb.lang


class ClientAdapter(TreeSitterAdapter):
    """A tree-sitter language whose SDK clients are variables. Subclasses supply the syntax
    hooks: ``call_parts``, ``declarations_of``, ``is_client``, ``classify``, ``argument_label``,
    ``argument_value`` and ``read_problem``, plus the argument node types below."""

    #: Clients other files reach are exported through the project index by ``client_exports`` for
    #: a language supplying ``export_reach``; with this flag, ``reached`` lists other files' calls
    #: on them through ``reference`` and ``foreign_use`` (Dart lists them its own way).
    FOREIGN_CLIENTS: bool = False

    #: The argument-list node type and the argument node type inside it.
    ARGUMENT_LIST: str = ""
    ARGUMENT: str = ""

    # -- syntax hooks ----------------------------------------------------------------------------
    def call_parts(self, node: Node | None) -> tuple[Node | None, str, Node | None] | None:
        """``(receiver or None, callee name, name node)`` of a call node, else None."""
        return None

    def declarations_of(self, parsed: ParsedFile, names: set[str]) -> list[Declaration]:
        """Declarations whose type or value may mention one of ``names``."""
        return []

    def is_client(self, node: Node, data: ClientBindings) -> bool:
        """True when ``node`` (a receiver expression) denotes one of the file's clients."""
        return False

    def classify(self, parsed: ParsedFile, data: ClientBindings, statics: list[str]) -> None:
        """Sort every reference to the SDK class and its clients into ``data.uses``,
        ``data.types``, ``data.creations`` and ``data.blockers``."""

    def creation_class(self, call: Node) -> Node | None:
        """The node naming the SDK class in a creation (``Amplitude`` of ``Amplitude(...)``,
        ``MixpanelAPI`` of ``MixpanelAPI.getInstance(...)``), which ``$SDK`` matches in init rules."""
        return None

    def chained_call(self, call: Node) -> Node | None:
        """The call made on the result of ``call`` (``x.getPeople()`` → ``x.getPeople().set(...)``)."""
        return None

    def outermost_call(self, call: Node) -> Node:
        """The last call of the chain ``call`` starts (``Amplitude.getInstance().initialize(...).enable...(...)``)."""
        while (outer := self.chained_call(call)) is not None:
            call = outer
        return call

    def argument_label(self, arg: Node) -> str | None:
        """The label of a labelled argument, None for a positional one."""
        return None

    def argument_value(self, arg: Node) -> Node:
        """The expression of an argument (after its label)."""
        return arg

    def read_problem(self, op: str, m: Any, pack: RulePack) -> str | None:
        """Why the reader would refuse the call matched by ``m`` for operation ``op``."""
        return None

    def export_reach(self, d: Declaration) -> str | None:
        """How other files reach the client declaration ``d``: ``top`` (a top-level name, reached
        bare), ``member`` (a field or property, reached as ``x.name``) or None (not reachable)."""
        return None

    def reference(self, ident: Node) -> tuple[Node, bool] | None:
        """For a name that is not declared in this file: ``(the expression it denotes, whether it
        is a member access x.name)``, or None when it cannot be a client (an import, a label)."""
        return None

    def foreign_use(self, recv: Node) -> tuple[Node, str, str] | None:
        """What the client expression ``recv`` is used for: ``(the call or write, the member it
        names first, a description)`` (``track``/``track()``, ``getPeople``/``getPeople().set()``,
        ``optOut``/``its property optOut written``), or None (used as a value)."""
        return None

    # -- clients other files reach (the project index) ---------------------------------------------
    def client_exports(self, parsed: ParsedFile, fb: FileBindings) -> list[tuple[str, Any, str, str | None, str | None]]:
        """Clients other files can reach (``export_reach``): a top-level name is exported as its
        name, a member as ``.name``. Nothing is written for them: the declaration migrates with its
        file, and every other file's use of them is reported by that file (``reached``), which
        keeps the client whole. Only with a project context."""
        data = client_bindings(fb)
        if not data.bound or fb.pack.review_only or current() is None:
            return []
        key = self.client_ref(parsed, fb, parsed.tree.root_node)[0]
        out: list[tuple[str, Any, str, str | None, str | None]] = []
        seen: set[str] = set()
        for decls in data.clients.values():
            for d in decls:
                reach = None if d.assignment else self.export_reach(d)
                name = d.name if reach == "top" else f".{d.name}"
                if reach is not None and name not in seen:
                    seen.add(name)
                    out.append((name, d.name_node, key, None, None))
        return out

    def reached(self, parsed: ParsedFile, fb: FileBindings, data: ClientBindings) -> None:
        """The calls on clients other files of the project declare (``App.mixpanel`` of another
        file, ``(application as App).mixpanel.track(...)``). They are not rewritten here (the
        receiver's type is another file's), so each is listed under that file's client, which
        then stays whole: never silent, and never a declaration migrated under calls still
        written for the old SDK. In a file that binds no SDK they are its only SDK sites (the file
        is blocked); in one that does, they are listed beside its own client, which is not
        blocked by them.

        A bare name only matches a top-level export; a member access (``x.name``, or a bare name
        that only a member export spells: an inherited field, a scope function's receiver) may be
        any object's, so there only calls of a method the pack's rules name count, and value uses
        are ignored."""
        project = current()
        if project is None or fb.pack.review_only or parsed.tree is None:
            return
        own = module_id(parsed.path)
        names: dict[str, list[str]] = {}  # export name -> the clients of other files exported so
        for module in sorted(project.exports):
            if module != own:
                for name, key in project.exported(module, fb.pack.sdk).items():
                    names.setdefault(name, []).append(key)
        if not names:
            return
        for name, keys in list(names.items()):  # `app.getMixpanel()` from Java, `app.mixpanel` from Kotlin
            twin = names.setdefault("." + accessor_twin(name).lstrip("."), [])
            twin.extend(k for k in keys if k not in twin)
        spelled = {n.lstrip(".") for n in names}
        if not any(n.encode() in parsed.source for n in spelled):
            return
        methods = sdk_members(fb.pack)
        tail = "" if (fb.pack.unmapped or "").endswith("by hand") else "; migrate it by hand"  # the pack's own ending
        declared = {d.name_node.id for d in self.declarations_of(parsed, spelled) if not d.assignment}
        found: list[tuple[Node, str, str]] = []
        inner: list[tuple[Node, str, str]] = []
        seen: set[int] = set()
        for ident in self.nodes_named(parsed, spelled):
            if ident.id in declared or ident.id in data.decl_ids or self.resolve(ident) is not None:
                continue  # the file's own declaration of the name (a parameter, a local, a field)
            ref = self.reference(ident)
            if ref is None:
                continue
            recv, member = ref
            text = node_text(ident)
            generic = member or text not in names  # `x.client`: any object may have a `client`
            keys = names.get(f".{text}") if generic else names[text]
            if member and not keys:
                keys = names.get(text)  # `pkg.File.mixpanel`: a top-level name, qualified
            if not keys:
                continue
            use = self.foreign_use(recv)
            if use is None:
                if generic:
                    continue
                node, what = recv, (f"{node_text(recv)} (", ") used as a value")
            else:
                node, member_name, desc = use
                if generic and member_name not in methods:
                    continue
                what = (f"{desc} on ", "")
            if node.id in seen:
                continue
            seen.add(node.id)
            # Several files' clients spelled so (`App.mixpanel`, `Session.mixpanel`): the call may be
            # on any of them, so it is listed for each and keeps each whole. The engine takes one
            # client per node, so the others are listed on the call's inner nodes, given first.
            spare = [n for n in {n.id: n for n in (recv, ident)}.values() if n.id != node.id]
            also = f" (`{text}` names the clients of {len(keys)} files; this may be any of them)" if len(keys) > 1 else ""
            for i, key in enumerate(keys[: 1 + len(spare)]):
                why = (what[0] + describe(key) + what[1] + also + ": the client is declared in another file and its calls "
                       f"from other files are not migrated, so it stays whole{tail}")
                (found if i == 0 else inner).append((node if i == 0 else spare[i - 1], why, key))
        if not found:
            return
        data.foreign = inner + found
        data.foreign_inner = len(inner)
        if not data.bound:
            data.blocked = "calls on a client declared in another file"
            fb.declarations = [n for n, _, _ in found]

    def client_ref(self, parsed: ParsedFile, fb: FileBindings, node: Any) -> tuple[str, str | None]:
        if isinstance(fb.lang, ClientBindings):
            for n, _, key in fb.lang.foreign or ():
                if n.id == node.id:
                    return key, None
        return super().client_ref(parsed, fb, node)

    # -- bindings --------------------------------------------------------------------------------
    def bind_clients(
        self, parsed: ParsedFile, modules: list[str], instances: list[str], factories: list[str]
    ) -> ClientBindings:
        """Find the SDK class (by import) and the clients typed as it or created from it.
        ``modules`` are fully qualified class names, ``instances``/``factories`` static methods
        of the class that return a client (``getInstance``)."""
        data = ClientBindings()
        for imp in self.imports_of(parsed):
            for qualified in modules:
                if imp.provides(qualified):
                    data.classes[imp.local if not imp.wildcard else qualified.rsplit(".", 1)[-1]] = imp
        if not data.classes:
            return data
        for decl in self.declarations_of(parsed, set(data.classes)):
            typed = decl.type_name in data.classes
            created = decl.value is not None and self.creation_of(decl.value, data, [*instances, *factories])
            if typed or created or (decl.assignment and decl.name in data.clients):
                data.clients.setdefault(decl.name, []).append(decl)
                data.decl_ids.add(decl.name_node.id)
        return data

    def creation_of(self, value: Node, data: ClientBindings, statics: list[str]) -> bool:
        """True when ``value`` is ``Class(...)`` or ``Class.getInstance(...)`` of the SDK class."""
        parts = self.call_parts(value)
        if parts is None:
            return False
        receiver, name, _ = parts
        if receiver is None:
            return name in data.classes
        return name in statics and receiver.type == self.IDENTIFIER and node_text(receiver) in data.classes

    def bind(self, parsed: ParsedFile, pack: RulePack) -> FileBindings:
        spec = pack.bind
        data = self.bind_clients(parsed, spec.modules, spec.instances, spec.factories)
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
        if self.FOREIGN_CLIENTS:
            self.reached(parsed, fb, data)
        if not data.bound:
            return fb
        fb.declarations = [*{id(i.node): i.node for i in data.classes.values()}.values()]
        fb.declarations += [d.holder for ds in data.clients.values() for d in ds]
        self.classify(parsed, data, [*spec.instances, *spec.factories])
        if parsed.tree.root_node.has_error:
            # Declarations and calls inside an unreadable region cannot be seen: never migrate
            # part of a client whose other uses may hide there.
            err = first_error(parsed.tree.root_node)
            if err is not None:
                data.blockers.append((err, "SDK calls in a part of the file the parser could not read "
                                           "(the client is not migrated)"))
        for call, _ in data.creations:
            ref = self.creation_class(call)
            if ref is not None:
                data.class_refs.add(ref.id)
                data.class_ref_use[ref.id] = call.id
        live["on"] = True
        self.plan_uses(parsed, fb, data)
        live["on"] = data.blocked is None
        return fb

    def sdk_here(self, node: Node, data: ClientBindings, live: bool) -> bool:
        """``$SDK`` matches a client; when the client is kept whole, only at calls a review rule
        takes (so they keep their own reason) — never at a call that would be rewritten."""
        if node.id in data.class_refs:
            # an init rule takes the creation only when the whole client migrates; a review rule
            # on a call on the shared instance keeps its own reason
            return live or data.class_ref_use.get(node.id) in data.review_calls
        if not self.is_client(node, data):
            return False
        if live:
            return True
        # the call a review rule takes is a near ancestor: `mp.x()` in Java, `mp.x()` through a
        # navigation node in Kotlin, `mp.getPeople().union(...)` two calls up
        cur = node.parent
        for _ in range(4):
            if cur is None:
                return False
            if cur.id in data.review_calls:
                return True
            cur = cur.parent
        return False

    def plan_uses(self, parsed: ParsedFile, fb: FileBindings, data: ClientBindings) -> None:
        """Decide before any rewrite whether every use of the client can be migrated: the first
        rule matching each call must rewrite it, and the reader must accept its shape."""
        rules = [(r, [self.compile_pattern(p) for p in r.match]) for r in fb.pack.rules]
        for call, method in [*data.uses, *data.creations]:
            for rule, pats in rules:
                m = next((m for p in pats if (m := match(p, call, fb.ctx)) is not None), None)
                if m is None:
                    continue
                problem = self.expand_site(call, parsed.source)[1]
                if rule.review is not None:
                    data.review_calls.add(call.id)
                    data.blockers.append((call, f"{_label(method)}: {rule.review}"))
                elif problem is not None:
                    data.blockers.append((call, f"{_label(method)}: {problem}"))
                elif rule.where:
                    data.blockers.append((call, f"{_label(method)}: rule {rule.id} has where: constraints (not checked ahead)"))
                elif rule.op is not None:
                    why = self.read_problem(rule.op, m, fb.pack)
                    if why is not None:  # the engine adds its own "; migrate by hand"
                        data.blockers.append((call, f"{_label(method)}: {why.removesuffix('; migrate by hand')}"))
                break
            else:
                data.blockers.append((call, f"no rule maps {_label(method)}"))
        if data.blockers:
            node, why = min(data.blockers, key=lambda b: b[0].start_byte)
            data.blocked_line = node.start_point[0] + 1
            data.blocked = f"line {data.blocked_line}: {why}"

    # -- labelled arguments ----------------------------------------------------------------------
    def bind_arguments(
        self, p: PNode, t: Node, env: dict[str, Capture], ctx: MatchContext, signatures: dict[str, list[str]]
    ) -> bool | None:
        """Match a pattern's positional arguments against a call's arguments, binding labelled
        ones by the SDK's parameter names. A label the signature does not know, a parameter
        given twice or skipped (which positional text cannot express) means no match."""
        if p.type != self.ARGUMENT_LIST or t.type != self.ARGUMENT_LIST:
            return None
        call = [
            CallArg(a, self.argument_value(a), self.argument_label(a), "*" if node_text(a).lstrip().startswith("*") else "")
            for a in t.children if a.type == self.ARGUMENT
        ]
        sig = None
        if any(c.label for c in call):
            parts = self.call_parts(t.parent) if t.parent is not None else None
            found = signatures.get(parts[1]) if parts else None
            if found is None:
                return False
            sig = tuple(found)
        pattern: list[PatternArg] = []
        for q in p.children:
            if q.meta is not None:
                pattern.append(PatternArg(q, rest="$$$" if q.multi else ""))
            elif q.type == self.ARGUMENT and len(q.children) == 1:
                pattern.append(PatternArg(q.children[0]))
            else:
                return False  # a labelled argument inside a pattern: not supported yet
        return match_arguments(pattern, call, sig, env, ctx, t.end_byte - 1)

    # -- review and imports ----------------------------------------------------------------------
    def unaccounted_calls(self, parsed: ParsedFile, fb: FileBindings) -> list[tuple[Any, str]]:
        """Every reference the rewrite did not cover: all of them when the client is kept whole."""
        data = client_bindings(fb)
        foreign = [(n, why) for n, why, _ in data.foreign or ()]
        if not data.bound:
            return foreign
        first, foreign = foreign[: data.foreign_inner], foreign[data.foreign_inner :]  # before the calls holding them
        sites = [*data.uses, *data.creations]
        if data.blocked is None:
            return first + sorted([(call, f"no rule maps {_label(method)}") for call, method in sites] + foreign,
                                  key=lambda x: x[0].start_byte)
        why = f"is not migrated: the client stays whole because of line {data.blocked_line}"
        reasons = {node.id: desc for node, desc in data.blockers}
        out = [(call, reasons.get(call.id, f"{_label(method)} {why}"))
               for call, method in sites if call.id not in data.review_calls]
        seen = {call.id for call, _ in sites}
        out += [(node, desc) for node, desc in data.blockers if node.id not in seen]  # each is a reason itself
        out += foreign
        return first + sorted(out, key=lambda x: x[0].start_byte)

    def import_edits(
        self, parsed: ParsedFile, fb: FileBindings, edits: list[Edit], reviews: list[ReviewItem]
    ) -> list[Edit]:
        """Swap the SDK class's import and type references, only when every call was rewritten
        (the target class comes from the target profile's ``imports``)."""
        data = client_bindings(fb)
        if data.blocked is not None:
            return []
        spans = [(e.start, e.end) for e in edits]
        if not all(any(s <= c.start_byte and c.end_byte <= e for s, e in spans) for c, _ in [*data.uses, *data.creations]):
            return []  # a use was left for review after all: keep the client's import and types
        target = load_profile(fb.pack.target.sdk).imports
        if not target:
            return []
        rule = f"{fb.pack.sdk}/imports"
        out: list[Edit] = []
        swapped = False
        for imp in {id(i.node): i for i in data.classes.values()}.values():
            if swapped and not imp.wildcard:  # a second class of the SDK (AmplitudeClient): one target import
                out.append(remove_lines(parsed.source, imp.node.start_byte, imp.node.end_byte, rule))
                continue
            out.extend(self.swap_import_edits(parsed, imp, target[0], rule))
            swapped = True
        simple = target[0].rsplit(".", 1)[-1]
        for ident in data.types:
            imp = data.classes.get(node_text(ident))
            if imp is not None and imp.alias is None:
                out.append(Edit(ident.start_byte, ident.end_byte, simple, rule))
        out.extend(self.needed_imports(parsed, data, edits, target, rule))
        out.extend(self.unused_source_imports(parsed, fb, data, edits, rule))
        return out

    def needed_imports(
        self, parsed: ParsedFile, data: ClientBindings, edits: list[Edit], target: list[str], rule: str
    ) -> list[Edit]:
        """Imports of the target classes the printed code names (``Configuration``, ``Identify``),
        added on the line after the SDK class's import."""
        needs = set().union(*(e.needs for e in edits)) if edits else set()
        have = self.imports_of(parsed)
        anchor = min((i.node for i in data.classes.values()), key=lambda n: n.start_byte, default=None)
        if anchor is None:
            return []
        src = parsed.source
        at = line_end(src, anchor.end_byte)
        lines = []
        for qualified in target[1:]:
            if qualified.rsplit(".", 1)[-1] in needs and not any(i.provides(qualified) for i in have):
                lines.append(indent_at(src, anchor.start_byte) + self.import_line(qualified) + eol_of(src))
        if not lines:
            return []
        lead = "" if src[:at].endswith(b"\n") else eol_of(src)
        return [Edit(at, at, lead + "".join(sorted(lines)), rule)]

    def unused_source_imports(
        self, parsed: ParsedFile, fb: FileBindings, data: ClientBindings, edits: list[Edit], rule: str
    ) -> list[Edit]:
        """Other imports of the source vendor's packages (``com.amplitude.android.events.Identify``,
        ``com.amplitude.core.ServerZone``) that no code names once the rewrite is done: the source
        dependency goes away with the migration, so they would not compile."""
        vendor = load_profile(fb.pack.sdk).vendor
        src = parsed.source
        classes = {i.node.start_byte for i in data.classes.values()}
        spans = sorted((e.start, e.end) for e in edits)
        out = []
        imports = self.imports_of(parsed)
        for imp in imports:
            if imp.wildcard or imp.node.start_byte in classes or not imp.path.startswith(f"com.{vendor}."):
                continue
            word = re.compile(rb"(?<![\w$])" + re.escape(imp.local.encode()) + rb"(?![\w$])")
            used = False
            for m in word.finditer(src):
                pos = m.start()
                if any(i.node.start_byte <= pos < i.node.end_byte for i in imports):
                    continue
                if any(s <= pos < e for s, e in spans):
                    continue
                used = True
                break
            if not used and not any(word.search(e.text.encode()) for e in edits):
                out.append(remove_lines(src, imp.node.start_byte, imp.node.end_byte, rule))
        return out
