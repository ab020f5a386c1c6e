"""All or nothing per Python client (design.md "Codemod v2", idea 1), decided before any rewrite.

A client whose constructor is rewritten while one of its calls is not ends as a ``Mixpanel``
object receiving ``track(BaseEvent(...))``: a ``TypeError`` at run time, often swallowed by the
app's ``except Exception`` (the openhexa audit). So ``plan_clients`` runs the pack's rules over
the file once as a dry run — the same matches the engine will make, the same readers and
printers — and records, per client (``python_clients`` groups the creations that reach one
expression), every site that would *not* be rewritten:

- a call a review rule takes, or whose reader/printer says review (its own reason);
- a call on the client no rule maps; an attribute used without a call (``atexit.register(c.flush)``);
- the client passed on where this module cannot follow it (an argument, a container, another
  object's attribute), or a storage that may also hold something else (a stub, a parameter).

A client with any such site is *blocked*: in the real pass ``$SDK`` and the constructor rule
match only the calls the dry run reviewed (so they keep their own reason), and every other site
is listed by ``unaccounted`` naming the blocking line. Imports stay because their names stay
used. This module decides; it never edits.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any

from rewriter.codemod.lang.python_clients import INTROSPECTION, ClientResolver, Verdict, is_fixture
from rewriter.codemod.lang.python_tree import PyNode, dotted


@dataclass
class ClientGroup:
    """One client: its creations and every place it is used or passed on."""

    root: Hashable
    label: str = "client"
    cls: str | None = None
    creations: list[PyNode] = field(default_factory=list)
    uses: list[tuple[PyNode, str]] = field(default_factory=list)  # (call, method)
    attributes: list[tuple[PyNode, str]] = field(default_factory=list)  # non-call attribute uses
    escapes: list[tuple[PyNode, str]] = field(default_factory=list)  # (node, why) passed on / mixed
    outside: list[tuple[PyNode, str]] = field(default_factory=list)  # blocked by another file (project index)
    first: PyNode | None = None  # the first reference, where an outside reason is pinned
    blockers: list[tuple[PyNode, str]] = field(default_factory=list)
    reviewed: set[int] = field(default_factory=set)  # id(call.cst) a rule reviews with its own reason

    @property
    def blocked(self) -> bool:
        return bool(self.blockers)

    def first_blocker(self) -> tuple[PyNode, str]:
        return min(self.blockers, key=lambda b: b[0].start_byte)

    def tail(self, line_of: Any) -> str:
        """"the client X stays whole because of line N: why" for every other site's message."""
        node, why = self.first_blocker()
        why = why.removesuffix("; migrate by hand").removesuffix("; map it by hand")
        return f"the client {self.label} stays whole because of line {line_of(node)}: {why}"


@dataclass
class ClientPlan:
    """The file's clients and the verdict of the dry run, read by the adapter's hooks."""

    groups: dict[Hashable, ClientGroup] = field(default_factory=dict)
    site_group: dict[int, Hashable] = field(default_factory=dict)  # id(call or reference cst) -> root
    live: bool = False  # False during the dry run: every client matches

    def group_of(self, node: PyNode) -> ClientGroup | None:
        root = self.site_group.get(id(node.cst))
        return self.groups.get(root) if root is not None else None

    def kept(self, call: PyNode, line_of: Any) -> str | None:
        """Why the real pass must not rewrite ``call`` (a creation or use of a client kept
        whole), or None. A call the dry run reviewed keeps its own reason (None here too)."""
        group = self.group_of(call)
        if group is None or not self.live or not group.blocked or id(call.cst) in group.reviewed:
            return None
        return f"kept: {group.tail(line_of)}"


def _context(node: PyNode, conftest: bool = False, resolver: ClientResolver | None = None) -> tuple[str, PyNode | None]:
    """How a client-valued expression is used: ``("use", call)``, ``("attr", attribute)``,
    ``("flow", None)`` (followed or harmless) or ``("escape", where)``."""
    parent = node.parent
    if parent is None:
        return "flow", None
    t = parent.type
    if t == "Attribute" and parent.children[0] is node:
        call = parent.parent
        if call is not None and call.type == "Call" and call.children[0] is parent:
            return "use", call
        return "attr", parent
    if t in ("Assign", "AnnAssign") and parent.children[-1] is node:
        targets = [c.children[0] for c in parent.children if c.type == "AssignTarget"] or [parent.children[0]]
        for target in targets:
            if target.type == "Name":
                continue
            if target.type == "Attribute" and resolver is not None and resolver._class_for(target.children[0]) is not None:
                continue  # a field of a class of this module: followed
            return "escape", parent  # app.state.mp = ..., d["mp"] = ..., a, b = ...
        return "flow", None
    if t in ("Return", "Yield") and conftest and _in_fixture(parent):
        return "escape", parent  # a conftest fixture serves the tests of other files: not followed here
    if t == "Yield" and _in_fixture(parent):
        return "flow", None  # followed into the tests that name the fixture
    if t in ("Return", "Expr", "Comparison", "ComparisonTarget", "If", "While", "IfExp", "BooleanOperation",
             "UnaryOperation", "NamedExpr", "Assert", "Del"):
        return "flow", None
    if t == "Arg":
        call = parent.parent
        callee = call.children[0] if call is not None and call.type == "Call" else None
        if callee is not None and callee.type == "Name" and callee.cst.value in INTROSPECTION:  # type: ignore[attr-defined]
            return "flow", None
        return "escape", call or parent
    return "escape", parent


def _in_fixture(node: PyNode) -> bool:
    """True inside a function decorated ``@pytest.fixture`` / ``@fixture(...)``."""
    fn = next((a for a in node.ancestors() if a.type in ("FunctionDef", "Lambda")), None)
    return fn is not None and fn.type == "FunctionDef" and is_fixture(fn)


def collect(resolver: ClientResolver) -> ClientPlan:
    """Group every client-valued expression of the module by the creations it may denote."""
    refs: list[tuple[PyNode, Verdict]] = list(resolver.references())
    for _node, v in refs:
        resolver.union(v.keys)
    plan = ClientPlan()

    def group(keys: frozenset[Hashable], cls: str | None) -> ClientGroup:
        root = resolver.find(next(iter(keys)))
        g = plan.groups.get(root)
        if g is None:
            g = plan.groups[root] = ClientGroup(root)
        g.cls = g.cls or cls
        return g

    mixed: list[tuple[ClientGroup, PyNode]] = []
    for node, v in refs:
        g = group(v.keys, v.cls)
        if g.first is None or node.start_byte < g.first.start_byte:
            g.first = node
        mixed += [(g, other) for other in v.others]
        if node.type == "Call" and any(resolver.creations.get(k) is node for k in v.keys):
            g.creations.append(node)
            plan.site_group[id(node.cst)] = g.root
        kind, where = _context(node, resolver.conftest, resolver)
        if kind == "use" and where is not None:
            method = where.children[0].cst.attr.value  # type: ignore[attr-defined]
            g.uses.append((where, method))
            plan.site_group[id(where.cst)] = g.root
        elif kind == "attr" and where is not None:
            g.attributes.append((where, where.cst.attr.value))  # type: ignore[attr-defined]
            plan.site_group[id(where.cst)] = g.root
        elif kind == "escape" and where is not None:
            g.escapes.append((where, f"{_short(resolver, node)} is passed on here, where this module cannot follow it"))
        plan.site_group.setdefault(id(node.cst), g.root)
    for g in plan.groups.values():
        named = [resolver.labels[k] for k in resolver.labels if resolver.find(k) == g.root]
        g.label = min(named, key=lambda s: (s.endswith(")"), len(s)), default=g.label)
    for g, other in mixed:
        if not any(other is e for e, _ in g.escapes):
            g.escapes.append((other, f"{g.label} may also hold {_short(resolver, other)}, which is not an SDK client"))
    _outside(resolver, plan)
    return plan


def _outside(resolver: ClientResolver, plan: ClientPlan) -> None:
    """Reasons from other files (``ImportedClients.blocked`` / ``.kept``) block their clients here."""
    imported = resolver.imported
    for k in list(resolver.labels):
        if k[0] == "imported" and k[1] in imported.blocked:
            g = plan.groups.get(resolver.find(k))
            if g is not None and g.first is not None:
                g.outside.append((g.first, f"{k[1]}: {imported.blocked[k[1]]}"))
    if imported.kept:
        for name, _kind, v in resolver.top_level():
            why = imported.kept.get(name)
            g = plan.groups.get(resolver.find(next(iter(v.keys)))) if why is not None else None
            if g is not None and g.first is not None:
                g.outside.append((g.creations[0] if g.creations else g.first, f"{name} is used in another file: {why}"))


def _short(resolver: ClientResolver, node: PyNode) -> str:
    text = resolver.tree.module.code_for_node(node.cst).strip().splitlines()
    first = text[0] if text else node.type
    return first if len(first) <= 60 else first[:57] + "..."


def dry_run(adapter: Any, parsed: Any, fb: Any, plan: ClientPlan, introspected: Any) -> None:
    """Run the pack's rules as the engine will, and block each client with a site that would
    not be rewritten. ``introspected(attr)`` says an attribute is only looked at (not a use)."""
    from rewriter.codemod.engine import rule_matches

    outcome: dict[int, str | None] = {}  # id(call cst) -> None (rewritten) or the review reason
    reviewed_by_rule: set[int] = set()
    for cr, m in rule_matches(adapter, parsed, fb):
        key = id(m.node.cst)
        if key in outcome:
            continue
        why = _outcome(adapter, parsed, fb, cr, m)
        outcome[key] = why
        if why is not None:
            reviewed_by_rule.add(key)
    for g in plan.groups.values():
        for call in g.creations:
            key = id(call.cst)
            if key not in outcome:
                g.blockers.append((call, f"{dotted(call.children[0])}(...) is not migrated by any rule"))
            elif outcome[key] is not None:
                g.blockers.append((call, str(outcome[key])))
                g.reviewed.add(key)
        for call, method in g.uses:
            key = id(call.cst)
            if key not in outcome:
                g.blockers.append((call, f"no rule maps {method}()"))
            elif outcome[key] is not None:
                g.blockers.append((call, f"{method}(): {outcome[key]}"))
                g.reviewed.add(key)
        for attr, name in g.attributes:
            if not introspected(attr):
                g.blockers.append((attr, f".{name} is used without a call"))
        g.blockers.extend(g.escapes)
        g.blockers.extend(g.outside)


def _outcome(adapter: Any, parsed: Any, fb: Any, cr: Any, m: Any) -> str | None:
    """The review reason the engine would give this match, or None when it would rewrite it."""
    rule = cr.rule
    if rule.review is not None:
        return str(rule.review)
    _site, problem = adapter.expand_site(m.node, parsed.source)
    if problem is not None:
        return str(problem)
    if rule.fix is not None:
        return None
    from rewriter.codemod.ops.profiles import load_profile
    from rewriter.codemod.ops.run import run_op
    from rewriter.codemod.ops.site import Site
    from rewriter.codemod.transforms import TRANSFORMS

    pack = fb.pack
    src = parsed.source

    def render(start: int, end: int) -> str:
        return src[start:end].decode("utf-8", "replace")

    at = Site(adapter, parsed, fb, pack, rule, m, _site, render, load_profile(pack.sdk), load_profile(pack.target.sdk))
    result = run_op(rule.op, at) if rule.op is not None else TRANSFORMS[rule.transform or ""](at)
    return result.review.message if result.review is not None else None


def unaccounted(plan: ClientPlan, line_of: Any) -> list[tuple[PyNode, str]]:
    """Every site of a blocked client the real pass left alone, each naming the blocking line."""
    out: list[tuple[PyNode, str]] = []
    for g in plan.groups.values():
        if not g.blocked:
            continue
        tail = f"({g.tail(line_of)})"
        reasons = {id(n.cst): w for n, w in g.blockers}
        for call in g.creations:
            if id(call.cst) not in g.reviewed:
                out.append((call, f"{dotted(call.children[0])}(...) {tail}"))
        for call, method in g.uses:
            if id(call.cst) not in g.reviewed:
                own = reasons.get(id(call.cst))
                if own is not None and own.startswith("no rule maps"):
                    out.append((call, f"{method}() (so the client {g.label} stays whole)"))
                else:
                    out.append((call, f"{method}() ({own}; the client {g.label} stays whole)" if own else f"{method}() {tail}"))
        for attr, name in g.attributes:
            out.append((attr, f".{name} {tail}"))
        for where, why2 in g.escapes:
            if any(where.start_byte <= c.start_byte and c.end_byte <= where.end_byte for c in g.creations):
                continue  # the creation inside is listed already, with this reason as its blocker
            out.append((where, f"{_text(where)}: {why2} (so the client stays whole)"))
    return out


def _text(node: PyNode) -> str:
    if node.type == "Call":
        name = dotted(node.children[0])
        return f"{name}(...)" if name else "this call"
    return "this statement" if node.type in ("Assign", "AnnAssign") else "this expression"
