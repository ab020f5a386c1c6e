"""Python adapter on libcst: parse, report syntax errors, match patterns, resolve SDK bindings.

Decisions (and why):

- **libcst parses, ``PyNode`` matches.** The engine plans byte-range edits and ``patterns`` wants
  nodes with byte offsets and parents; libcst has neither, so ``python_tree`` mirrors the libcst
  tree as ``PyNode``s with offsets from ``ByteSpanPositionProvider``. Edits are still plain byte
  splices, so everything outside them (comments, quotes, blank lines, CRLF) survives untouched;
  libcst is what makes the offsets and the scope analysis exact.
- **Syntax errors** come from libcst (Python 2 ``print 'x'``, conflict markers), located with the
  stdlib compiler's line/column when it agrees. A file libcst accepts but ``ast.parse`` rejects
  is also refused, so "the output parses" means ``python -m py_compile`` would accept it too.
- **Patterns are Python** with ``$X`` metavariables substituted by identifiers before parsing
  (``$X`` → ``__mv_s_X``, ``$$$X`` → ``__mv_m_X``, ``$X?`` → ``__mv_o_X``) and mapped back.
  Calls are matched by *argument binding*, not by sequence: keyword arguments in any order,
  ``name=$X?`` is an optional keyword, ``$$$X``/``*$X``/``**$X`` capture the arguments nothing
  else matched, and positional and keyword spellings of one parameter are the same when the
  callee's signature is known (``python_sdk.SIGNATURES``). A target call with ``*args``/``**kw``
  only matches a pattern with a capture for the rest, so a splat is never silently ignored.
- **Names are binding-aware.** A dotted name in a pattern (``amplitude.BaseEvent``) is a
  qualified name: it matches ``BaseEvent`` imported from amplitude, an alias of it, or
  ``amp.BaseEvent`` after ``import amplitude as amp`` — never a local of the same name.
  ``$SDK`` is a *client*: a name assigned ``Amplitude(...)``/``Mixpanel(...)`` (module level,
  function level, or ``self.x = ...`` / a class attribute used through ``self`` in methods), or a
  consumer object (``bind.instances``). Scopes come from libcst's ``ScopeProvider``, so a
  parameter or local that shadows the client, or ``analytics.track`` of another vendor, never
  matches; a module-level client named ``amplitude`` shadows the package only after its
  assignment, exactly as Python evaluates it.
- **Imports** are rewritten as ``from <target> import ...`` naming only what the rewritten code
  uses; source-SDK imports (and consumer objects) with no remaining use are removed.

- **Clients are values** (``python_clients``): a name, field, property or getter call is a
  client when some assignment reaching it creates one — a global that is ``None`` at import and
  in ``shutdown()`` included — and a client is migrated **whole or not at all** (``python_plan``:
  a dry run of the pack before the real pass; a blocked client's sites are listed under their own
  rules through ``expand_site``, naming the blocking line).

Cross-module clients: ``bind(..., imported=ImportedClients(...))`` makes names imported from the
app's own modules resolve as clients, ``client_exports`` says what a module offers its importers
and ``imported_blockers`` what an importer cannot migrate (the project index wires them; a
per-file run does not see them). ``current_app.amplitude``-style attributes are not bound. This
module plans edits only; it never writes files.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import libcst as cst

from rewriter.codemod.lang.base import FileBindings, LanguageAdapter, ParsedFile
from rewriter.codemod.lang.python_clients import ClientResolver, ExportedClients, ImportedClients
from rewriter.codemod.lang.python_plan import ClientPlan, collect, dry_run, unaccounted
from rewriter.codemod.lang.python_sdk import SIGNATURES, canonical
from rewriter.codemod.lang.python_tree import (
    STRINGS,
    ArgInfo,
    PyNode,
    PyTree,
    build_tree,
    call_args,
    dotted,
    post_order,
    root_name,
    string_value,
)
from rewriter.codemod.match.arguments import PatternArg, match_arguments
from rewriter.codemod.match.patterns import (
    SDK,
    Capture,
    MatchContext,
    Pattern,
    PNode,
    match_node,
)
from rewriter.codemod.model import Edit, ReviewItem
from rewriter.codemod.packs.loader import RulePack

META_IN = re.compile(r"\$\$\$([A-Z_][A-Z0-9_]*)|\$([A-Z_][A-Z0-9_]*)(\?)?")
META_OUT = re.compile(r"^__mv_([smo])_([A-Z_][A-Z0-9_]*)$")


def _meta_sub(m: re.Match[str]) -> str:
    if m.group(1) is not None:
        return f"__mv_m_{m.group(1)}"
    return f"__mv_{'o' if m.group(3) else 's'}_{m.group(2)}"


@dataclass
class PySource:
    """What ``parse`` returns as ``ParsedFile.tree``: the module, or the parse error."""

    module: cst.Module | None
    error: str | None
    _tree: PyTree | None = None
    _post: list[PyNode] | None = None

    @property
    def tree(self) -> PyTree:
        if self._tree is None:
            assert self.module is not None
            self._tree = build_tree(self.module)
        return self._tree

    @property
    def post_order(self) -> list[PyNode]:
        if self._post is None:
            self._post = post_order(self.tree.root)
        return self._post


@dataclass
class ImportedName:
    local: str
    qualified: str
    alias: Any  # cst.ImportAlias
    stmt: PyNode  # the Import/ImportFrom small statement


@dataclass
class PyBindings:
    """Names and expressions that denote one pack's SDK in one file."""

    tree: PyTree
    modules: frozenset[str]
    clients: frozenset[str]  # qualified classes whose instances are SDK clients
    helpers: frozenset[str]  # qualified classes whose instances are SDK receivers too (consumers)
    imports: list[ImportedName] = field(default_factory=list)
    instances: dict[int, tuple[str, PyNode]] = field(default_factory=dict)  # id(target Name cst) -> (class, stmt)
    fields: dict[int, dict[str, tuple[str, PyNode]]] = field(default_factory=dict)  # id(ClassDef) -> attr -> ...
    _resolved: dict[int, Any] = field(default_factory=dict)
    resolver: ClientResolver | None = None  # client values through globals, getters, fields (python_clients)
    plan: ClientPlan | None = None  # which clients are migrated whole (python_plan)

    # -- name resolution ------------------------------------------------------------------------
    def referent(self, name: PyNode) -> Any:
        """The assignment a Name reads (the latest one in source order when several may apply)."""
        key = id(name.cst)
        if key in self._resolved:
            return self._resolved[key]
        best = None
        scope = self.tree.scopes.get(name.cst)
        if scope is not None and isinstance(name.cst, cst.Name):
            best_pos = -1
            for access in scope.accesses[name.cst]:
                for ref in access.referents:
                    node = getattr(ref, "node", None)
                    if node is None:
                        continue
                    pn = self.tree.node(node)
                    pos = pn.start_byte if pn is not None else 0
                    if pos > best_pos:
                        best, best_pos = ref, pos
        self._resolved[key] = best
        return best

    def qualified(self, node: PyNode) -> str | None:
        """``amplitude.BaseEvent`` for any spelling that denotes it here; literal dotted text otherwise."""
        text = dotted(node)
        if text is None:
            return None
        root = root_name(node)
        if root is None:
            return None
        ref = self.referent(root)
        if ref is not None and isinstance(ref.node, (cst.Import, cst.ImportFrom)):
            base = _import_qualified(ref.node, root.cst.value)  # type: ignore[attr-defined]
            if base is not None:
                rest = text.split(".", 1)[1] if "." in text else ""
                return canonical(f"{base}.{rest}" if rest else base)
        if ref is not None and root.cst.value in self.modules:  # type: ignore[attr-defined]
            return "<local>." + text  # a variable that shadows the SDK package
        return text

    def instance_class(self, node: PyNode) -> str | None:
        """The SDK class a receiver expression is an instance of, or None.

        Consumer objects (``helpers``) are found by their assignment; clients through every
        assignment, getter, property and field that may reach ``node`` (``python_clients``)."""
        cls = self._assigned_class(node)
        if cls is not None and cls in self.helpers:
            return cls
        if self.resolver is not None:
            v = self.resolver.verdict(node)
            if v.keys:
                return v.cls
            return None
        return cls

    def _assigned_class(self, node: PyNode) -> str | None:
        """The class of a receiver from its creating assignment alone (the pre-issue-10 reading)."""
        if node.type == "Name":
            ref = self.referent(node)
            if ref is not None:
                hit = self.instances.get(id(ref.node))
                if hit is not None:
                    return hit[0]
            return None
        if node.type == "Attribute":
            base = node.children[0]
            attr = node.cst.attr.value  # type: ignore[attr-defined]
            cls = self._self_class(base)
            if cls is not None:
                hit = self.fields.get(id(cls.cst), {}).get(attr)
                return hit[0] if hit is not None else None
            return None
        if node.type == "Call":
            q = self.qualified(node.children[0])
            if q in self.clients or q in self.helpers:
                return q
        return None

    def _self_class(self, base: PyNode) -> PyNode | None:
        """The class whose instance ``base`` is, when ``base`` is a method's first parameter."""
        if base.type != "Name":
            return None
        ref = self.referent(base)
        if ref is None or not isinstance(ref.node, cst.Param):
            return None
        param = self.tree.node(ref.node)
        fn = next((a for a in param.ancestors() if a.type in ("FunctionDef", "Lambda")), None) if param else None
        if fn is None or fn.type != "FunctionDef":
            return None
        params = fn.cst.params.params  # type: ignore[attr-defined]
        if not params or params[0] is not ref.node:
            return None
        return _class_of(fn)


def _class_of(fn: PyNode) -> PyNode | None:
    block = fn.parent
    if block is not None and block.type == "IndentedBlock" and block.parent is not None and block.parent.type == "ClassDef":
        return block.parent
    return None


def _import_qualified(stmt: cst.Import | cst.ImportFrom, local: str) -> str | None:
    if isinstance(stmt, cst.ImportFrom):
        if stmt.relative or isinstance(stmt.names, cst.ImportStar) or stmt.module is None:
            return None
        mod = dotted(stmt.module)
        for alias in stmt.names:
            name = dotted(alias.name)
            bound = alias.asname.name.value if alias.asname is not None else name  # type: ignore[union-attr]
            if bound == local:
                return f"{mod}.{name}"
        return None
    for alias in stmt.names:
        name = dotted(alias.name) or ""
        if alias.asname is not None:
            if alias.asname.name.value == local:  # type: ignore[union-attr]
                return name
        elif name.split(".")[0] == local:
            return local
    return None


def _local_of(alias: cst.ImportAlias) -> str:
    if alias.asname is not None:
        return alias.asname.name.value  # type: ignore[union-attr]
    return (dotted(alias.name) or "").split(".")[0]


def py_bindings(fb: FileBindings) -> PyBindings:
    """The Python binding data of ``fb`` (set by ``PythonAdapter.bind``)."""
    assert isinstance(fb.lang, PyBindings), "not a Python file's bindings"
    return fb.lang


class PythonAdapter(LanguageAdapter):
    id = "python"
    family = "python"
    extensions = (".py",)

    # -- parsing -------------------------------------------------------------------------------
    operations = frozenset({"init", "track", "profile", "group-profile", "set-group", "flush"})
    reader_module = "rewriter.codemod.lang.py_read"
    printer_module = "rewriter.codemod.lang.py_emit"

    def parse(self, path: str, source: bytes) -> ParsedFile:
        try:
            text = source.decode("utf-8")
        except UnicodeDecodeError as exc:
            return ParsedFile(path, source, PySource(None, f"line 1, column 1: not UTF-8 (byte {exc.start})"), self.id)
        try:
            module = cst.parse_module(text)
        except cst.ParserSyntaxError as exc:
            return ParsedFile(path, source, PySource(None, _locate(text, exc)), self.id)
        except RecursionError:
            return ParsedFile(path, source, PySource(None, "line 1, column 1: too deeply nested"), self.id)
        try:
            ast.parse(text)
        except SyntaxError as exc:
            where = f"line {exc.lineno or 1}, column {exc.offset or 1}"
            return ParsedFile(path, source, PySource(None, f"{where}: {exc.msg}"), self.id)
        except (ValueError, RecursionError, MemoryError) as exc:
            return ParsedFile(path, source, PySource(None, f"line 1, column 1: {exc}"), self.id)
        return ParsedFile(path, source, PySource(module, None), self.id)

    def syntax_error(self, parsed: ParsedFile) -> str | None:
        return parsed.tree.error

    @lru_cache(maxsize=1024)  # noqa: B019 - adapters live for the whole process
    def compile_pattern(self, text: str) -> Pattern:
        src = META_IN.sub(_meta_sub, text.strip())
        try:
            module = cst.parse_module(src)
        except cst.ParserSyntaxError as exc:
            raise ValueError(f"{_locate(src, exc)} in {text!r}") from exc
        tree = build_tree(module)
        stmts = tree.root.children
        if len(stmts) != 1:
            raise ValueError(f"a pattern must be one expression or statement: {text!r}")
        node = stmts[0]
        if node.type == "SimpleStatementLine" and len(node.children) == 1:
            node = node.children[0]
            if node.type == "Expr":
                node = node.children[0]
        return Pattern(source=text, root=_compile(node, src.encode()))

    def candidates(
        self,
        parsed: ParsedFile,
        types: frozenset[str],
        keys: dict[str, frozenset[str] | None] | None = None,
        fb: FileBindings | None = None,
    ) -> list[PyNode]:
        return [n for n in parsed.tree.post_order if n.type in types]

    # -- bindings ------------------------------------------------------------------------------
    def bind(self, parsed: ParsedFile, pack: RulePack, imported: ImportedClients | None = None) -> FileBindings:
        """Resolve ``pack``'s SDK in this file, then decide which clients migrate whole.

        ``imported`` names what this file imports from the app's own modules that denotes a
        client (``ImportedClients(values={"client": "mixpanel.Mixpanel"}, getters={...})``):
        a project index passes it so those names resolve like local clients."""
        self._plans = {}  # a previous file's plan must never answer for this one
        src: PySource = parsed.tree
        tree = src.tree
        spec = pack.bind
        modules = frozenset(spec.modules)
        clients = frozenset(f"{m}.{f}" for m in spec.modules for f in spec.factories)
        helpers = frozenset(f"{m}.{f}" for m in spec.modules for f in spec.instances)
        data = PyBindings(tree, modules, clients, helpers)
        for node in tree.root.walk():
            if node.type in ("Import", "ImportFrom"):
                stmt = node.cst
                if isinstance(stmt, cst.ImportFrom) and (stmt.relative or isinstance(stmt.names, cst.ImportStar)):
                    continue
                for alias in stmt.names:  # type: ignore[union-attr]
                    local = _local_of(alias)
                    q = _import_qualified(stmt, local)  # type: ignore[arg-type]
                    if q is not None and q.split(".")[0] in modules:
                        data.imports.append(ImportedName(local, canonical(q), alias, node))
        receivers = clients | helpers
        if imported is None:
            imported = _from_project(parsed.path, tree, spec, pack.sdk)
        external = imported if imported else None
        # No import of the SDK, no client: skip the scope analysis (the slow part of libcst).
        for node in tree.root.walk() if data.imports or external else ():
            if node.type not in ("Assign", "AnnAssign"):
                continue
            value = node.children[-1]
            if value.type != "Call":
                continue
            cls = data.qualified(value.children[0])
            if cls not in receivers:
                continue
            stmt = node.parent if node.parent is not None else node
            targets = [c.children[0] for c in node.children if c.type == "AssignTarget"]
            if node.type == "AnnAssign":
                targets = [node.children[0]]
            for t in targets:
                if t.type == "Name":
                    data.instances[id(t.cst)] = (cls, stmt)
                    owner = _class_of(stmt) if stmt.parent is not None else None
                    if owner is not None:
                        data.fields.setdefault(id(owner.cst), {})[t.cst.value] = (cls, stmt)  # type: ignore[attr-defined]
                elif t.type == "Attribute":
                    owner = data._self_class(t.children[0])
                    if owner is not None:
                        data.fields.setdefault(id(owner.cst), {})[t.cst.attr.value] = (cls, stmt)  # type: ignore[attr-defined]
        declarations: list[Any] = [i.stmt for i in data.imports]
        declarations += [stmt for _c, stmt in data.instances.values()]
        declarations += [stmt for f in data.fields.values() for _c, stmt in f.values()]
        if data.imports or external:
            data.resolver = ClientResolver(data, external, conftest=parsed.path.replace("\\", "/").endswith("conftest.py"))
            data.plan = collect(data.resolver)
            declarations += [c for g in data.plan.groups.values() for c in g.creations]
            declarations += [u for g in data.plan.groups.values() for u, _m in g.uses]
        ctx = MatchContext(
            source=parsed.source,
            is_sdk=lambda n: data.instance_class(n) is not None,
            special=lambda p, t, env, c: self._special(p, t, env, c, data, pack),
            significant=lambda n: n.children,
        )
        fb = FileBindings(pack=pack, ctx=ctx, style="python", declarations=declarations)
        fb.lang = data
        if data.plan is not None and data.plan.groups:
            dry_run(self, parsed, fb, data.plan, _introspected)
            data.plan.live = True
            self._plans = {id(tree.root.cst): data.plan}  # read back by expand_site (same file, next)
        return fb

    # -- the project index's questions ---------------------------------------------------------
    def client_ref(self, parsed: ParsedFile, fb: FileBindings, node: Any) -> tuple[str, str | None]:
        """The client (``codemod.clients`` key) a matched call talks to or creates: the client
        group of ``python_plan`` — ``<sdk>:<module>#<label>`` — or, for a client imported from an
        app module, the exporting module's key. The receiver keeps its spelling (None)."""
        data = fb.lang if isinstance(fb.lang, PyBindings) else None
        group = data.plan.group_of(node) if data is not None and data.plan is not None else None
        if data is None or group is None or data.resolver is None:
            return super().client_ref(parsed, fb, node)
        return _group_key(parsed.path, fb.pack.sdk, data, group), None

    def client_exports(self, parsed: ParsedFile, fb: FileBindings) -> list[tuple[str, Any, str, str | None, str | None]]:
        """Top-level names holding a client and top-level functions returning one, each with its
        client's key; the exported node is the name's first creation (nothing to rewrite there:
        the constructor rule migrates it with its client)."""
        data = fb.lang if isinstance(fb.lang, PyBindings) else None
        if data is None or data.resolver is None or data.plan is None:
            return []
        out: list[tuple[str, Any, str, str | None, str | None]] = []
        defs = {c.cst.name.value: c for c in data.tree.root.children if c.type == "FunctionDef"}  # type: ignore[attr-defined]
        for name, kind, v in data.resolver.top_level():
            group = data.plan.groups.get(data.resolver.find(next(iter(v.keys))))
            if group is None or group.first is None:
                continue
            node = group.creations[0] if group.creations else group.first
            if kind == "getter" and name in defs:
                node = data.tree.node(defs[name].cst.name) or node  # type: ignore[attr-defined]
            out.append((name, node, _group_key(parsed.path, fb.pack.sdk, data, group), None, None))
        return out

    def exported_clients(self, parsed: ParsedFile, pack: RulePack, imported: ImportedClients | None = None) -> ExportedClients:
        """What this module offers its importers: top-level names holding a client, top-level
        functions returning one, and why this module keeps any of them whole.

        The index's first pass calls it on the app modules that name the SDK; an importer then
        gets ``ImportedClients`` keyed by its own spelling of those names."""
        fb = self.bind(parsed, pack, imported)
        data = py_bindings(fb)
        values: dict[str, str] = {}
        getters: dict[str, str] = {}
        blocked: dict[str, str] = {}
        if data.resolver is None or data.plan is None:
            return ExportedClients()
        src = parsed.source
        for name, kind, v in data.resolver.top_level():
            (getters if kind == "getter" else values)[name] = v.cls or ""
            g = data.plan.groups.get(data.resolver.find(next(iter(v.keys))))
            if g is not None and g.blocked:
                blocked[name] = g.tail(lambda n: src.count(b"\n", 0, n.start_byte) + 1)
        return ExportedClients(values, getters, blocked)

    def imported_blockers(self, fb: FileBindings) -> dict[str, str]:
        """Local spellings of imported clients (``ImportedClients``) that this file keeps whole,
        with the reason: the index passes them back to the defining module as ``kept``."""
        data = py_bindings(fb)
        out: dict[str, str] = {}
        if data.resolver is None or data.plan is None:
            return out
        src = fb.ctx.source
        for k in list(data.resolver.labels):
            if k[0] != "imported":
                continue
            g = data.plan.groups.get(data.resolver.find(k))
            if g is not None and any(b not in g.outside for b in g.blockers):  # its own reason, not one passed in
                out[k[1]] = g.tail(lambda n: src.count(b"\n", 0, n.start_byte) + 1)
        return out

    # -- matching ------------------------------------------------------------------------------
    def _special(
        self, p: PNode, t: PyNode, env: dict[str, Capture], ctx: MatchContext, data: PyBindings, pack: RulePack
    ) -> bool | None:
        if p.type == "QualifiedName":
            return t.type in ("Name", "Attribute") and data.qualified(t) == p.text
        if p.type == "Call":
            return t.type == "Call" and self._match_call(p, t, env, ctx, data, pack)
        if p.text is not None:
            if p.type == "SimpleString":
                return t.type in STRINGS and string_value(t) == p.text
            return p.type == t.type and not t.children and ctx.text(t).strip() == p.text
        return None

    def _signature(self, func: PNode, pack: RulePack) -> tuple[str, ...] | None:
        if func.type == "QualifiedName" and func.text is not None:
            return SIGNATURES.get(canonical(func.text))
        if func.type == "Attribute" and len(func.children) == 2 and func.children[0].meta == SDK:
            method = func.children[1].text
            for m in pack.bind.modules:
                for f in pack.bind.factories:
                    sig = SIGNATURES.get(f"{m}.{f}.{method}")
                    if sig is not None:
                        return sig
        return None

    def _match_call(
        self, p: PNode, t: PyNode, env: dict[str, Capture], ctx: MatchContext, data: PyBindings, pack: RulePack
    ) -> bool:
        if not t.children or not match_node(p.children[0], t.children[0], env, ctx):
            return False
        pattern = [_pattern_arg(a) for a in p.children[1:]]
        return match_arguments(pattern, call_args(t), self._signature(p.children[0], pack), env, ctx, t.end_byte - 1)

    # -- sites ---------------------------------------------------------------------------------
    _plans: dict[int, ClientPlan] = {}  # noqa: RUF012 - replaced (never mutated) by each bind

    def expand_site(self, node: PyNode, source: bytes) -> tuple[PyNode, str | None]:
        """The site, or why it is not rewritten: a call of a client kept whole (``python_plan``)
        is listed under its own rule with the blocking line; ``x = client.track(...)`` keeps
        its result, which the target SDK's call does not return."""
        root = node
        for root in node.ancestors():  # noqa: B007 - the last ancestor is the module
            pass
        plan = self._plans.get(id(root.cst))
        if plan is not None:
            why = plan.kept(node, lambda n: source.count(b"\n", 0, n.start_byte) + 1)
            if why is not None:
                return node, why
        parent = node.parent
        if parent is not None and parent.type == "Attribute" and parent.children[0] is node:
            attr = parent.cst.attr.value  # type: ignore[attr-defined]
            return node, f"its result is used (.{attr}); the target SDK returns something else"
        return node, None

    def statement_of(self, node: PyNode) -> PyNode | None:
        """The simple-statement line whose only statement is the expression ``node``."""
        parent = node.parent
        if parent is None or parent.type != "Expr":
            return None
        line = parent.parent
        if line is None or line.type != "SimpleStatementLine" or len(line.children) != 1:
            return None
        return line

    def unaccounted_calls(self, parsed: ParsedFile, fb: FileBindings) -> list[tuple[PyNode, str]]:
        data = py_bindings(fb)
        out: list[tuple[PyNode, str]] = []
        if data.plan is not None:
            src = parsed.source
            out += unaccounted(data.plan, lambda n: src.count(b"\n", 0, n.start_byte) + 1)
        for node in parsed.tree.tree.root.walk():
            if node.type == "Call":
                func = node.children[0]
                if func.type == "Attribute" and data.instance_class(func.children[0]) is not None:
                    out.append((node, func.cst.attr.value))  # type: ignore[attr-defined]
                    continue
                if func.type in ("Name", "Attribute"):
                    q = data.qualified(func)
                    if q in data.helpers and _assigned_instance(node, data):
                        continue  # a consumer object: removed with its last use by import_edits
                    if q is not None and q.split(".")[0] in data.modules:
                        out.append((node, q.split(".")[-1]))
            if node.type in ("Name", "Attribute") and data.imports and _names_sdk_class(node, data):
                out.append((node, f"{dotted(node)} named outside a call (a type annotation, base class or "
                                  "isinstance check still naming the SDK class)"))
                continue
            if node.type == "Attribute":
                parent = node.parent
                if parent is not None and parent.type == "Call" and parent.children[0] is node:
                    continue
                if data.instance_class(node.children[0]) is not None and not _introspected(node):
                    # A write (client.configuration.x = 5) or a method passed on
                    # (atexit.register(client.shutdown)) breaks after the migration: listed.
                    out.append((node, node.cst.attr.value))  # type: ignore[attr-defined]
        return out

    # -- imports -------------------------------------------------------------------------------
    def import_edits(
        self, parsed: ParsedFile, fb: FileBindings, edits: list[Edit], reviews: list[ReviewItem]
    ) -> list[Edit]:
        from rewriter.codemod.lang.python_imports import plan_imports

        return plan_imports(self, parsed, fb, edits, reviews)


INTROSPECTION = frozenset({"isinstance", "hasattr", "getattr", "callable", "type", "id", "issubclass"})


def _introspected(node: PyNode) -> bool:
    """``isinstance(self._mp.track, MagicMock)``: an attribute only looked at (test plumbing), not
    used; it is not an SDK call site and is not listed (issue 10)."""
    arg = node.parent
    call = arg.parent if arg is not None and arg.type == "Arg" else None
    if call is None or call.type != "Call":
        return False
    callee = call.children[0]
    return callee.type == "Name" and callee.cst.value in INTROSPECTION  # type: ignore[attr-defined]


def _group_key(path: str, sdk: str, data: PyBindings, group: Any) -> str:
    from rewriter.codemod.clients import module_key
    from rewriter.codemod.project import display_module, module_id

    assert data.resolver is not None
    for k, key in data.resolver.imported_keys.items():
        if data.resolver.find(("imported", k)) == group.root:
            return key
    # The module as reports show it (relative to the run's folder): keys are opaque to the index,
    # which hands an importer the exporter's own key, and reports stay the same in any checkout.
    return module_key(sdk, display_module(module_id(path)), group.label)


def _from_project(path: str, tree: PyTree, spec: Any, sdk: str) -> ImportedClients | None:
    """The clients this file imports from app modules, from the project index's exports
    (``codemod.clients.current()``): ``from app.analytics import client`` and ``from app import
    analytics`` then ``analytics.client``. None outside a project run."""
    from rewriter.codemod.clients import current

    project = current()
    if project is None or not project.exports:
        return None
    from rewriter.codemod.lang.python_modules import imported_modules

    cls = f"{spec.modules[0]}.{spec.factories[0]}" if spec.modules and spec.factories else ""
    values: dict[str, str] = {}
    keys: dict[str, str] = {}
    for local, module, name in imported_modules(path, tree):
        exported = project.exported(module, sdk)  # another SDK's client is not this pack's
        if name is None:  # `import app.analytics as analytics` / `from app import analytics`
            for export, key in exported.items():
                values[f"{local}.{export}"] = cls
                keys[f"{local}.{export}"] = key
        elif name in exported:
            values[local] = cls
            keys[local] = exported[name]
    if not values:
        return None
    # A name may be a client or a function returning one: both readings are offered; how the file
    # uses it (``client.track`` or ``get_client().track``) picks one.
    return ImportedClients(values=values, getters=dict(values), keys=keys)


def _names_sdk_class(node: PyNode, data: PyBindings) -> bool:
    """``Mixpanel`` in ``Optional[Mixpanel]``, ``class Stub(Amplitude)`` or ``isinstance(c, Mixpanel)``:
    the SDK client class named where no rule rewrites it (never silent, issue 10)."""
    parent = node.parent
    if parent is None or parent.type in ("ImportAlias", "ImportFrom", "Import"):
        return False
    if parent.type == "Call" and parent.children[0] is node:
        return False  # a creation: the init rule's
    if parent.type == "Attribute":
        return False  # a part of a longer dotted name (that one is checked), or its `.attr`
    return data.qualified(node) in data.clients


def _assigned_instance(call: PyNode, data: PyBindings) -> bool:
    parent = call.parent
    if parent is None or parent.type not in ("Assign", "AnnAssign") or parent.children[-1] is not call:
        return False
    targets = [c.children[0] for c in parent.children if c.type == "AssignTarget"] or [parent.children[0]]
    for t in targets:
        if id(t.cst) in data.instances:
            return True
        if t.type == "Attribute":
            owner = data._self_class(t.children[0])
            if owner is not None and t.cst.attr.value in data.fields.get(id(owner.cst), {}):  # type: ignore[attr-defined]
                return True
    return False


def _locate(text: str, exc: cst.ParserSyntaxError) -> str:
    """``line L, column C: message`` — the stdlib compiler's location when it has one."""
    try:
        ast.parse(text)
    except SyntaxError as err:
        return f"line {err.lineno or 1}, column {err.offset or 1}: {err.msg}"
    except Exception:  # noqa: BLE001 - fall back to libcst's own location
        pass
    m = re.search(r"error at (\d+):(\d+)", str(exc))
    line, col = (int(m.group(1)), int(m.group(2))) if m else (exc.raw_line, exc.raw_column + 1)
    return f"line {line}, column {col}: {exc.message.splitlines()[0] if exc.message else 'invalid syntax'}"


# -- pattern compilation ---------------------------------------------------------------------------
def _compile(n: PyNode, source: bytes) -> PNode:
    if n.type == "Name":
        m = META_OUT.match(n.cst.value)  # type: ignore[attr-defined]
        if m:
            if m.group(1) == "o":
                raise ValueError("an optional metavariable ($X?) is only allowed as a call argument")
            return PNode(type="Name", meta=m.group(2), multi=m.group(1) == "m")
    if n.type in ("Name", "Attribute") and dotted(n) is not None and not _has_meta(n):
        return PNode(type="QualifiedName", text=dotted(n))
    if n.type == "Attribute":
        value, attr = n.children
        m = META_OUT.match(attr.cst.value)  # type: ignore[attr-defined]
        attr_p = PNode(type="Name", meta=m.group(2)) if m and m.group(1) == "s" else PNode(type="Name", text=attr.cst.value)  # type: ignore[attr-defined]
        return PNode(type="Attribute", children=(_compile(value, source), attr_p))
    if n.type == "Call":
        return PNode(type="Call", children=(_compile(n.children[0], source), *(_compile_arg(a, source) for a in call_args(n))))
    if n.type == "SimpleString":
        value = string_value(n)
        if value is not None:
            return PNode(type="SimpleString", text=value)
    if not n.children:
        return PNode(type=n.type, text=source[n.start_byte : n.end_byte].decode().strip())
    return PNode(type=n.type, children=tuple(_compile(c, source) for c in n.children))


def _compile_arg(a: ArgInfo, source: bytes) -> PNode:
    optional = False
    value = a.value
    if value.type == "Name":
        m = META_OUT.match(value.cst.value)  # type: ignore[attr-defined]
        if m and m.group(1) == "o":
            optional = True
            inner = PNode(type="Name", meta=m.group(2))
        else:
            inner = _compile(value, source)
    else:
        inner = _compile(value, source)
    if a.star:
        if optional:
            raise ValueError("*$X? / **$X? make no sense: a splat capture is already optional")
        return PNode(type=f"Arg{a.star}", children=(inner,))
    kind = "Arg?" if optional else "Arg"
    if a.kw is not None:
        kind += f"={a.kw}"
    return PNode(type=kind, children=(inner,))


def _pattern_arg(a: PNode) -> PatternArg:
    """A compiled ``Arg…`` node as a shared ``PatternArg`` (``Arg?=kw``: optional, labelled)."""
    kind, value = a.type, a.children[0]
    if kind in ("Arg*", "Arg**"):
        return PatternArg(value, rest=kind[3:])
    if kind == "Arg" and value.multi:
        return PatternArg(value, rest="$$$")
    label = kind.split("=", 1)[1] if "=" in kind else None
    return PatternArg(value, label=label, optional=kind.startswith("Arg?"))


def _has_meta(n: PyNode) -> bool:
    return any(c.type == "Name" and META_OUT.match(c.cst.value) for c in n.walk())  # type: ignore[attr-defined]
