"""Python SDK clients inside one module: which expressions denote a client, and which are one client.

Real services create one client and reach it in many ways (issue 10): a module global that is
``None`` at import, assigned ``Mixpanel(token)`` in a lazy getter under ``global`` and reset to
``None`` in ``shutdown()``; a getter ``get_client()`` or a method ``self._configure()`` returning
it; ``self.mp`` set from that method; a ``@property``; a class attribute; a plain alias. A per
statement reading ("the latest assignment wins") loses the client as soon as ``_client = None``
comes later in the file, and then every use is left unrewritten while the constructor is
rewritten. So the value of an expression is resolved here over *every* assignment that may reach
it (libcst's scope analysis gives them all), through getters, properties and fields:

- ``None`` (and an annotation without a value) is neutral: it never makes a name a non-client;
- anything else that is not a client (a stub object, a parameter, a loop variable) makes the
  client *mixed*: it is kept whole and listed, because which object runs is decided at run time;
- creations that reach one expression are one client (a union-find over the creation calls), so
  ``if prod: c = Mixpanel(a) else: c = Mixpanel(b)`` is migrated or kept as one.

``ImportedClients`` is how a project index tells this module which names imported from the
app's own modules denote clients (values) or return them (getters); they resolve like local ones.

This module only reads the tree; whether a client is migrated is decided by ``python_plan``.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import libcst as cst

from rewriter.codemod.lang.python_tree import PyNode, dotted, root_name

#: Calls that only look at a client (test plumbing): passing a client to them is not passing it on.
INTROSPECTION = frozenset({"isinstance", "hasattr", "getattr", "callable", "type", "id", "issubclass", "print", "repr", "bool"})
PROPERTY_DECORATORS = frozenset({"property", "cached_property", "functools.cached_property"})


@dataclass(frozen=True)
class ImportedClients:
    """Names this file imports from the app's own modules that denote SDK clients.

    Keys are the *local* spelling as the code uses it: ``client`` after ``from app.analytics
    import client``, ``analytics.client`` after ``from app import analytics``; values are the SDK
    class the client is an instance of (``mixpanel.Mixpanel``). ``values`` are clients
    themselves, ``getters`` functions (or methods reached by that dotted path) returning one.

    All or nothing across files: ``blocked`` (same local spellings → reason) names imported
    clients another file keeps whole, so every use here is kept and listed with that reason;
    ``kept`` (this module's own top-level names → reason) names clients this module defines
    that an importer cannot migrate, so their creation and uses here stay too.
    """

    values: Mapping[str, str] = field(default_factory=dict)
    getters: Mapping[str, str] = field(default_factory=dict)
    blocked: Mapping[str, str] = field(default_factory=dict)
    kept: Mapping[str, str] = field(default_factory=dict)
    keys: Mapping[str, str] = field(default_factory=dict)  # local spelling -> the exporter's client key

    def __bool__(self) -> bool:
        return bool(self.values) or bool(self.getters) or bool(self.kept)


@dataclass(frozen=True)
class ExportedClients:
    """What a module offers its importers (``client_exports``): top-level names holding a client
    (``values``), top-level functions returning one (``getters``), each with its SDK class, and
    the reason for each of them that this module keeps whole (``blocked``)."""

    values: Mapping[str, str] = field(default_factory=dict)
    getters: Mapping[str, str] = field(default_factory=dict)
    blocked: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Verdict:
    """What an expression may evaluate to: creation keys (clients), and non-client values."""

    keys: frozenset[Hashable] = frozenset()
    cls: str | None = None
    others: tuple[PyNode, ...] = ()

    def __or__(self, other: Verdict) -> Verdict:
        return Verdict(self.keys | other.keys, self.cls or other.cls, self.others + other.others)


NOTHING = Verdict()
PENDING = object()


@dataclass
class ClassInfo:
    """Per class: what ``self.<attr>`` / ``Class.<attr>`` may hold, and its methods by name."""

    node: PyNode
    assigned: dict[str, list[PyNode | None]] = field(default_factory=dict)  # attr -> values (None: annotation only)
    methods: dict[str, PyNode] = field(default_factory=dict)
    properties: set[str] = field(default_factory=set)


class ClientResolver:
    """Resolves expressions of one module to the SDK client creations they may denote.

    ``data`` is the file's ``PyBindings`` (imports, qualified names, ``_self_class``). Results
    are memoised per node and per storage; a cycle (``a = b; b = a``) resolves to nothing."""

    def __init__(self, data: Any, imported: ImportedClients | None = None, conftest: bool = False) -> None:
        self.data = data
        self.conftest = conftest  # fixtures of a conftest.py serve other files: not followed here
        self.tree = data.tree
        self.imported = imported or ImportedClients()
        self.receivers: frozenset[str] = data.clients
        self.parent: dict[Hashable, Hashable] = {}
        self.creations: dict[Hashable, PyNode] = {}  # key -> creation call (absent for imported)
        self.labels: dict[Hashable, str] = {}
        self._memo: dict[Any, Any] = {}
        self._accesses: dict[int, Any] | None = None
        self.imported_keys: dict[str, str] = {}  # local spelling -> the exporter's client key (project index)
        self.classes: dict[int, ClassInfo] = {}
        self._index_classes()

    # -- union-find over creation keys -----------------------------------------------------------
    def find(self, k: Hashable) -> Hashable:
        root = k
        while self.parent.get(root, root) != root:
            root = self.parent[root]
        while k != root:
            nxt = self.parent.get(k, k)
            self.parent[k] = root
            k = nxt
        return root

    def union(self, keys: frozenset[Hashable]) -> Hashable | None:
        it = iter(sorted(keys, key=repr))
        first = next(it, None)
        if first is None:
            return None
        root = self.find(first)
        for k in it:
            other = self.find(k)
            if other != root:
                self.parent[other] = root
        return root

    # -- classes ---------------------------------------------------------------------------------
    def _index_classes(self) -> None:
        for node in self.tree.root.walk():
            if node.type == "ClassDef":
                self.classes[id(node.cst)] = self._class_info(node)

    def _class_info(self, cls: PyNode) -> ClassInfo:
        info = ClassInfo(cls)
        body = next((c for c in cls.children if c.type == "IndentedBlock"), None)
        for stmt in body.children if body is not None else ():
            if stmt.type == "FunctionDef":
                name = stmt.cst.name.value  # type: ignore[attr-defined]
                info.methods[name] = stmt
                decos = {dotted(d.decorator) for d in stmt.cst.decorators}  # type: ignore[attr-defined]
                if decos & PROPERTY_DECORATORS:
                    info.properties.add(name)
            elif stmt.type == "SimpleStatementLine":
                for small in stmt.children:
                    for target, value in _assignments(small):
                        if target.type == "Name":
                            info.assigned.setdefault(target.cst.value, []).append(value)  # type: ignore[attr-defined]
        for node in cls.walk():
            if node.type not in ("Assign", "AnnAssign"):
                continue
            for target, value in _assignments(node):
                if target.type == "Attribute" and self.data._self_class(target.children[0]) is cls:
                    info.assigned.setdefault(target.cst.attr.value, []).append(value)  # type: ignore[attr-defined]
        return info

    # -- resolution ------------------------------------------------------------------------------
    def verdict(self, node: PyNode) -> Verdict:
        """The clients ``node`` may evaluate to (memoised; a cycle resolves to nothing)."""
        key = ("expr", id(node.cst))
        hit = self._memo.get(key)
        if hit is PENDING:
            return NOTHING
        if hit is not None:
            return hit  # type: ignore[no-any-return]
        self._memo[key] = PENDING
        out = self._verdict(node)
        self._memo[key] = out
        return out

    def _verdict(self, node: PyNode) -> Verdict:
        t = node.type
        if t == "Name" and node.cst.value == "None":  # type: ignore[attr-defined]
            return NOTHING
        ext = self._imported(node)
        if ext is not None:
            return ext
        if t == "Call":
            return self._call(node)
        if t == "Name":
            return self._name(node)
        if t == "Attribute":
            return self._attribute(node)
        if t == "BooleanOperation":
            return self.verdict(node.children[0]) | self.verdict(node.children[-1])
        if t == "IfExp":
            return self.verdict(node.children[0]) | self.verdict(node.children[-1])  # body if test else orelse
        if t == "NamedExpr":
            return self.verdict(node.children[-1])
        return Verdict(others=(node,))

    def _imported(self, node: PyNode) -> Verdict | None:
        if not self.imported or node.type not in ("Name", "Attribute", "Call"):
            return None
        parent = node.parent
        if node.type != "Call" and parent is not None and parent.type == "Call" and parent.children[0] is node:
            return None  # `get_client` in `get_client()`: the call is the client, not the callee
        target = node.children[0] if node.type == "Call" else node
        text = dotted(target)
        root = root_name(target) if text is not None else None
        if text is None or root is None:
            return None
        ref = self.data.referent(root)
        if ref is None or not isinstance(getattr(ref, "node", None), (cst.Import, cst.ImportFrom)):
            return None  # a local that shadows the imported name
        table = self.imported.getters if node.type == "Call" else self.imported.values
        cls = table.get(text)
        if cls is None:
            return None
        k = ("imported", text)
        self.labels.setdefault(k, text + ("()" if node.type == "Call" else ""))
        if text in self.imported.keys:
            self.imported_keys[text] = self.imported.keys[text]
        return Verdict(frozenset({k}), cls)

    def _call(self, node: PyNode) -> Verdict:
        func = node.children[0]
        q = self.data.qualified(func) if func.type in ("Name", "Attribute") else None
        if q in self.receivers:
            k = ("new", id(node.cst))
            self.creations[k] = node
            self.labels.setdefault(k, _label_of(node))
            return Verdict(frozenset({k}), q)
        fn = self._function(func)
        if fn is None:
            return Verdict(others=(node,))
        return self._returns(fn)

    def _function(self, func: PyNode) -> PyNode | None:
        """The FunctionDef a callee names in this module: a function, or a method via ``self``."""
        if func.type == "Name":
            ref = self.data.referent(func)
            node = getattr(ref, "node", None)
            if isinstance(node, cst.FunctionDef):
                return self.tree.node(node)
            return None
        if func.type == "Attribute":
            info = self._class_for(func.children[0])
            if info is not None:
                return info.methods.get(func.cst.attr.value)  # type: ignore[attr-defined]
        return None

    def _returns(self, fn: PyNode) -> Verdict:
        key = ("fn", id(fn.cst))
        hit = self._memo.get(key)
        if hit is PENDING:
            return NOTHING
        if hit is not None:
            return hit  # type: ignore[no-any-return]
        self._memo[key] = PENDING
        out = NOTHING
        returned = False
        for ret in _returns_of(fn):
            returned = True
            value = ret.children[0] if ret.children else None
            if value is not None:
                out = out | self.verdict(value)
        if not returned:
            out = Verdict(others=(fn,))
        for k in out.keys:
            if k[0] == "new" and self.labels.get(k, "").endswith("(...)"):
                self.labels[k] = f"{fn.cst.name.value}()"  # type: ignore[attr-defined]
        self._memo[key] = out
        return out

    def access(self, name: cst.CSTNode) -> Any:
        """libcst's ``Access`` for a name read, or None for a name that is not read (a target).

        One map for the module: looking a node up among every access of its name in its scope
        made a file with thousands of ``mp.track`` lines quadratic."""
        if self._accesses is None:
            self._accesses = {}
            for scope in {id(s): s for s in self.tree.scopes.values() if s is not None}.values():
                for acc in scope.accesses:
                    self._accesses[id(acc.node)] = acc
        return self._accesses.get(id(name))

    def _name(self, node: PyNode) -> Verdict:
        access = self.access(node.cst)
        if access is None:
            return NOTHING
        out = NOTHING
        seen: set[int] = set()
        for ref in access.referents:
            target = getattr(ref, "node", None)
            if target is None or id(target) in seen:
                continue
            seen.add(id(target))
            out = out | self._assigned(target, node)
        return out

    def _assigned(self, target: cst.CSTNode, use: PyNode) -> Verdict:
        """What the binding ``target`` (a name's assignment, def, import, parameter) holds."""
        pn = self.tree.node(target)
        if pn is None:
            return NOTHING
        if isinstance(target, (cst.Import, cst.ImportFrom)):
            return NOTHING  # the SDK module itself, or an app import the index did not name
        if isinstance(target, (cst.FunctionDef, cst.ClassDef)):
            return Verdict(others=(pn,))
        if isinstance(target, cst.Param) and not self.conftest and _injected(pn):
            fixture = self._fixtures().get(target.name.value)
            if fixture is not None:
                return self._returns(fixture)  # a test's parameter named like a fixture of this module
        parent = pn.parent
        if parent is not None and parent.type == "AssignTarget" and parent.parent is not None:
            value = parent.parent.children[-1]
            v = self.verdict(value)
            self._label(v, target)
            return v
        if parent is not None and parent.type in ("AnnAssign", "NamedExpr") and parent.children[0] is pn:
            if parent.type == "AnnAssign" and len(parent.children) < 3:
                return NOTHING  # `_client: Mixpanel | None` declares, assigns nothing
            v = self.verdict(parent.children[-1])
            self._label(v, target)
            return v
        return Verdict(others=(pn,))

    def _fixtures(self) -> dict[str, PyNode]:
        """This module's pytest fixtures by name (module level and in classes)."""
        hit = self._memo.get("fixtures")
        if hit is None:
            hit = {n.cst.name.value: n for n in self.tree.root.walk() if n.type == "FunctionDef" and is_fixture(n)}  # type: ignore[attr-defined]
            self._memo["fixtures"] = hit
        return hit  # type: ignore[no-any-return]

    def _label(self, v: Verdict, target: cst.CSTNode) -> None:
        name = dotted(target)
        for k in v.keys:
            if k[0] == "new" and name is not None:
                self.labels[k] = name

    def _class_for(self, base: PyNode) -> ClassInfo | None:
        """The class of this module whose attributes ``base.<attr>`` reads: ``self`` in a method,
        the class name itself, an instance ``T()``, or a name every assignment of which is one."""
        owner = self.data._self_class(base)
        if owner is None and base.type == "Name":
            ref = self.data.referent(base)
            node = getattr(ref, "node", None)
            if isinstance(node, cst.ClassDef):
                owner = self.tree.node(node)
            else:
                return self._instance_of(base)
        elif owner is None and base.type == "Call":
            return self._instance_of(base)
        return self.classes.get(id(owner.cst)) if owner is not None else None

    def _instance_of(self, expr: PyNode) -> ClassInfo | None:
        """``T()`` or a name assigned only ``T()`` (one class of this module), else None."""
        if expr.type == "Call":
            func = expr.children[0]
            ref = self.data.referent(func) if func.type == "Name" else None
            node = getattr(ref, "node", None)
            return self.classes.get(id(node)) if isinstance(node, cst.ClassDef) else None
        access = self.access(expr.cst)
        if access is None:
            return None
        found: set[int] = set()
        for ref in access.referents:
            target = getattr(ref, "node", None)
            pn = self.tree.node(target) if target is not None else None
            holder = pn.parent if pn is not None else None
            if holder is None or holder.type != "AssignTarget" or holder.parent is None:
                return None
            info = self._instance_of(holder.parent.children[-1]) if holder.parent.children[-1].type == "Call" else None
            if info is None:
                return None
            found.add(id(info.node.cst))
        return self.classes.get(next(iter(found))) if len(found) == 1 else None

    def family(self, info: ClassInfo) -> list[ClassInfo]:
        """``info`` and every class of this module related to it by inheritance (a field set in a
        base class and read through a subclass's ``self`` is one storage; siblings are merged too,
        which can only keep more clients whole, never fewer)."""
        if "families" not in self._memo:
            parent: dict[int, int] = {k: k for k in self.classes}

            def root(k: int) -> int:
                while parent[k] != k:
                    k = parent[k]
                return k

            for k, ci in self.classes.items():
                for base in ci.node.cst.bases:  # type: ignore[attr-defined]
                    pn = self.tree.node(base.value)
                    ref = self.data.referent(pn) if pn is not None and pn.type == "Name" else None
                    target = getattr(ref, "node", None)
                    if isinstance(target, cst.ClassDef) and id(target) in parent:
                        parent[root(k)] = root(id(target))
            groups: dict[int, list[ClassInfo]] = {}
            for k, ci in self.classes.items():
                groups.setdefault(root(k), []).append(ci)
            self._memo["families"] = {k: groups[root(k)] for k in self.classes}
        return self._memo["families"].get(id(info.node.cst), [info])  # type: ignore[no-any-return]

    def _attribute(self, node: PyNode) -> Verdict:
        info = self._class_for(node.children[0])
        if info is None:
            return Verdict(others=(node,))
        family = self.family(info)
        if len(family) > 1:
            info = ClassInfo(family[0].node)
            for ci in family:
                for attr_, values_ in ci.assigned.items():
                    info.assigned.setdefault(attr_, []).extend(values_)
                for name_, fn_ in ci.methods.items():
                    info.methods.setdefault(name_, fn_)
                info.properties |= ci.properties
        attr = node.cst.attr.value  # type: ignore[attr-defined]
        key = ("field", id(info.node.cst), attr)
        hit = self._memo.get(key)
        if hit is PENDING:
            return NOTHING
        if hit is not None:
            return hit  # type: ignore[no-any-return]
        self._memo[key] = PENDING
        out = NOTHING
        if attr in info.properties:
            out = self._returns(info.methods[attr])
        values = info.assigned.get(attr)
        if attr not in info.properties and not values:
            out = Verdict(others=(node,))  # not an attribute this class sets (a base class's?)
        for value in values or ():
            if value is not None:
                v = self.verdict(value)
                for k in v.keys:
                    if k[0] == "new":
                        self.labels[k] = f"{dotted(node.children[0]) or 'self'}.{attr}"
                out = out | v
        self._memo[key] = out
        return out

    # -- what the module offers --------------------------------------------------------------------
    def top_level(self) -> Iterator[tuple[str, str, Verdict]]:
        """``(name, "value" | "getter", verdict)`` for each module-level name that may hold a
        client (over every assignment of it, ``global`` ones in functions included) and each
        module-level function that may return one."""
        root = self.tree.root
        scope = self.tree.scopes.get(root.cst)
        if scope is None:
            return
        names: dict[str, Verdict] = {}
        for stmt in root.children:
            if stmt.type == "FunctionDef":
                v = self._returns(stmt)
                if v.keys:
                    yield stmt.cst.name.value, "getter", v  # type: ignore[attr-defined]
        for asg in scope.assignments:
            target = getattr(asg, "node", None)
            if not isinstance(target, cst.Name):
                continue
            v = self._assigned(target, root)
            names[asg.name] = names.get(asg.name, NOTHING) | v
        for name, v in names.items():
            if v.keys:
                yield name, "value", v

    # -- the walk the planner needs --------------------------------------------------------------
    def references(self) -> Iterator[tuple[PyNode, Verdict]]:
        """Every expression (a read of a name or field, a getter call, a creation) that may
        denote a client, outermost spelling only: ``self.mp`` is yielded, not ``self``."""
        for node in self.tree.root.walk():
            if node.type not in ("Name", "Attribute", "Call"):
                continue
            if node.type == "Name" and not self._is_load(node):
                continue
            if node.type == "Attribute" and _is_store(node):
                continue
            v = self.verdict(node)
            if v.keys:
                yield node, v

    def _is_load(self, node: PyNode) -> bool:
        parent = node.parent
        if parent is not None and parent.type == "Attribute" and parent.children[-1] is node:
            return False  # the `.track` of `client.track`
        if parent is not None and parent.type in ("Arg", "AssignTarget", "NameItem", "Param", "ImportAlias"):
            if parent.type != "Arg" or parent.children[-1] is not node:
                return False
        return self.access(node.cst) is not None


def is_fixture(fn: PyNode) -> bool:
    """A function decorated ``@pytest.fixture`` / ``@fixture(...)``: pytest passes what it returns
    or yields to every test (of this module) that names it as a parameter."""
    for d in fn.cst.decorators:  # type: ignore[attr-defined]
        target = d.decorator.func if isinstance(d.decorator, cst.Call) else d.decorator
        if (dotted(target) or "").split(".")[-1] == "fixture":
            return True
    return False


def _injected(param: PyNode) -> bool:
    """A parameter pytest fills from fixtures: of a ``test*`` function or of a fixture."""
    fn = next((a for a in param.ancestors() if a.type in ("FunctionDef", "Lambda")), None)
    return fn is not None and fn.type == "FunctionDef" and (fn.cst.name.value.startswith("test") or is_fixture(fn))  # type: ignore[attr-defined]


def _assignments(node: PyNode) -> Iterator[tuple[PyNode, PyNode | None]]:
    """``(target, value)`` of an ``Assign``/``AnnAssign`` (value None: annotation only)."""
    if node.type == "Assign":
        value = node.children[-1]
        for c in node.children:
            if c.type == "AssignTarget":
                yield c.children[0], value
    elif node.type == "AnnAssign":
        yield node.children[0], node.children[2] if len(node.children) > 2 else None


def _is_store(node: PyNode) -> bool:
    parent = node.parent
    return parent is not None and (
        parent.type == "AssignTarget" or (parent.type == "AnnAssign" and parent.children[0] is node)
    )


def _returns_of(fn: PyNode) -> Iterator[PyNode]:
    """The ``return`` statements of ``fn`` itself (not of nested functions, lambdas, classes),
    and its ``yield``s when it is a pytest fixture (what the tests receive)."""
    fixture = is_fixture(fn)
    stack = list(reversed(fn.children))
    while stack:
        n = stack.pop()
        if n.type in ("FunctionDef", "Lambda", "ClassDef"):
            continue
        if n.type == "Return" or (fixture and n.type == "Yield"):
            yield n
        stack.extend(reversed(n.children))


def _label_of(call: PyNode) -> str:
    return f"{dotted(call.children[0]) or 'client'}(...)"
