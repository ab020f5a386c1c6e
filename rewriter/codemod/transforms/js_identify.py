"""Identify chains ⇄ ``people.*`` / group-profile calls, for JavaScript.

Amplitude updates user properties with an ``Identify`` object (``identify(new Identify().set(..)
.add(..))``); Mixpanel has one call per operation kind (``people.set``, ``people.increment``...).
A→M expands one chain into one call per kind, refusing (review) anything Mixpanel cannot express
(prepend/preInsert/clearAll) or that Amplitude would silently drop (two ops on one key). The
Identify may be built inline or in a local variable in the same block; any other dataflow is
listed for review, never guessed. M→A folds each ``people.*`` call into one Identify chain.
"""

from __future__ import annotations

from typing import Any

from rewriter.codemod.lang.javascript import _unwrap
from rewriter.codemod.transforms import identify_ops as semantics
from rewriter.codemod.transforms.base import Review, Rewrite, TransformContext, TransformResult
from rewriter.codemod.transforms.js_syntax import (
    args_of,
    eol,
    key_source,
    object_props,
    statement_indent,
)

A2M_PEOPLE = {
    "set": "set",
    "setOnce": "set_once",
    "add": "increment",
    "append": "append",
    "postInsert": "union",
    "unset": "unset",
    "remove": "remove",
}
A2M_GROUP = {"set": "set", "setOnce": "set_once", "unset": "unset", "remove": "remove", "postInsert": "union"}
QUEUE_NOTE = "mixpanel-browser queues people.* updates until identify() runs; Amplitude applied them to the device at once"
UNION_NOTE = semantics.UNION_NOTE.format(op="postInsert")
APPEND_NOTE = semantics.APPEND_NOTE

Op = tuple[str, list[Any]]


def _is_identify_ctor(ctx: TransformContext, node: Any) -> bool:
    node = _unwrap(node)
    if node is None or node.type != "new_expression":
        return False
    ctor = node.child_by_field_name("constructor")
    if ctor is None:
        return False
    if ctor.type == "member_expression":
        obj = ctor.child_by_field_name("object")
        prop = ctor.child_by_field_name("property")
        return prop is not None and prop.text == b"Identify" and obj is not None and ctx.bindings.ctx.is_sdk(obj)
    if ctor.type == "identifier":
        bound = ctx.bindings.data["js"].members.get(ctor.text.decode())
        return bound is not None and bound[0] == "Identify"
    return False


def _chain(ctx: TransformContext, node: Any, base_ident: str | None = None) -> list[Op] | None:
    """Ops of ``new Identify().a(..).b(..)`` (or ``ident.a(..).b(..)`` when ``base_ident``)."""
    ops: list[Op] = []
    cur = _unwrap(node)
    while cur is not None and cur.type == "call_expression":
        fn = cur.child_by_field_name("function")
        if fn is None or fn.type != "member_expression":
            return None
        ops.append((fn.child_by_field_name("property").text.decode(), args_of(cur)))
        cur = _unwrap(fn.child_by_field_name("object"))
    if cur is None:
        return None
    if base_ident is not None:
        if cur.type == "identifier" and cur.text.decode() == base_ident:
            return list(reversed(ops))
        return None
    return list(reversed(ops)) if _is_identify_ctor(ctx, cur) else None


def _block_of(node: Any) -> Any:
    cur = node.parent
    while cur is not None and cur.type not in ("statement_block", "program"):
        cur = cur.parent
    return cur


def _refs(node: Any, name: str) -> list[Any]:
    out, stack = [], [node]
    while stack:
        n = stack.pop()
        if n.type == "identifier" and n.text.decode() == name:
            out.append(n)
        stack.extend(n.children)
    return out


def _whole_lines(src: bytes, node: Any) -> Rewrite:
    ls = src.rfind(b"\n", 0, node.start_byte) + 1
    nl = src.find(b"\n", node.end_byte)
    le = len(src) if nl < 0 else nl + 1
    if not src[ls : node.start_byte].strip() and not src[node.end_byte : le].strip():
        return Rewrite(ls, le, "")
    return Rewrite(node.start_byte, node.end_byte, "")


def collect_ops(ctx: TransformContext, expr: Any) -> tuple[list[Op], list[Rewrite]] | Review:
    """Ops of an Identify given inline or as a local built in the same block (with removals)."""
    ops = _chain(ctx, expr)
    if ops is not None:
        return ops, []
    expr = _unwrap(expr)
    if expr is None or expr.type != "identifier":
        return Review("the Identify object is not built inline or in a local variable here; migrate by hand")
    name = expr.text.decode()
    block = _block_of(ctx.site)
    stmt_of_site = ctx.site
    while stmt_of_site.parent is not None and stmt_of_site.parent != block:
        stmt_of_site = stmt_of_site.parent
    if block is None:
        return Review(f"cannot find where {name!r} is built")
    decl, ops, removals = None, [], []
    used: set[int] = {expr.id}
    for stmt in block.children:
        if stmt.start_byte >= stmt_of_site.start_byte:
            break
        if decl is None and stmt.type in ("lexical_declaration", "variable_declaration"):
            ds = [d for d in stmt.children if d.type == "variable_declarator"]
            if len(ds) == 1 and ds[0].child_by_field_name("name").text.decode() == name:
                first = _chain(ctx, ds[0].child_by_field_name("value"))
                if first is None:
                    return Review(f"{name!r} is not a plain Identify here; migrate by hand")
                decl = stmt
                ops.extend(first)
                removals.append(_whole_lines(ctx.parsed.source, stmt))
                used.update(n.id for n in _refs(stmt, name))
                continue
        if decl is not None and stmt.type == "expression_statement":
            inner = [c for c in stmt.children if c.is_named]
            more = _chain(ctx, inner[0], base_ident=name) if inner else None
            if more is not None:
                ops.extend(more)
                removals.append(_whole_lines(ctx.parsed.source, stmt))
                used.update(n.id for n in _refs(stmt, name))
                continue
    if decl is None:
        return Review(f"cannot find where {name!r} is built in this block; migrate by hand")
    others = [n for n in _refs(block, name) if n.id not in used]
    if others:
        line = others[0].start_point[0] + 1
        return Review(f"{name!r} is also used on line {line} (conditional or shared Identify); migrate by hand")
    return ops, removals


def _validate(ops: list[Op], allowed: dict[str, str]) -> Review | None:
    checked = [(op, len(args) == semantics.arity(op), args[0].text.decode() if args else "") for op, args in ops]
    reason = semantics.validate(checked, allowed)
    return Review(reason) if reason else None


def _checked_ops(ctx: TransformContext, allowed: dict[str, str]) -> tuple[list[Op], list[Rewrite]] | Review:
    """The Identify captured as ``$ID``: its operations (and removals of a local builder), or why not."""
    got = collect_ops(ctx, ctx.node("ID"))
    if isinstance(got, Review):
        return got
    return _validate(got[0], allowed) or got


def _grouped(ops: list[Op], allowed: dict[str, str]) -> list[tuple[str, list[list[Any]]]]:
    return semantics.grouped(ops, allowed)


def _join(ctx: TransformContext, calls: list[str]) -> str | Review:
    if len(calls) == 1:
        return calls[0]
    stmt = ctx.adapter.statement_of(ctx.site)  # type: ignore[attr-defined]
    if stmt is None:
        return Review("the Identify expands to several calls but is used inside an expression; migrate by hand")
    src = ctx.parsed.source
    semi = stmt.text.rstrip().endswith(b";")
    sep = (";" if semi else "") + eol(src) + statement_indent(src, stmt.start_byte)
    return sep.join(calls)


def _notes(kinds: list[str], base: str | None) -> str | None:
    return semantics.notes(kinds, [base])


def _identity(ctx: TransformContext, opts: Any) -> str | Review:
    """The user id from a Node ``{ user_id }`` options object."""
    props = object_props(_unwrap(opts)) if opts is not None else None
    if props is None:
        return Review("no literal { user_id } options: Mixpanel server calls need the distinct id first")
    by_key = {p.key: p for p in props}
    if "user_id" in by_key:
        return ctx.text(by_key["user_id"].value)
    if "device_id" in by_key:
        return ctx.text(by_key["device_id"].value)
    return Review("no user_id/device_id in the event options; Mixpanel needs a distinct id")


def identify_to_people(ctx: TransformContext) -> TransformResult:
    """``$SDK.identify($ID[, $OPTS])`` → ``mixpanel.people.<kind>(...)`` per operation kind."""
    node_style = ctx.option("style") == "node"
    got = _checked_ops(ctx, A2M_PEOPLE)
    if isinstance(got, Review):
        return TransformResult(review=got)
    ops, removals = got
    uid = None
    if node_style:
        uid = _identity(ctx, ctx.node("OPTS"))
        if isinstance(uid, Review):
            return TransformResult(review=uid)
    elif ctx.nodes("OPTS"):
        return TransformResult(review=Review("identify() with event options or callbacks; migrate by hand"))
    people = f"{ctx.target}.people"
    calls = []
    kinds = []
    for kind, entries in _grouped(ops, A2M_PEOPLE):
        kinds.append(kind)
        lead = f"{uid}, " if uid is not None else ""
        if kind == "unset":
            keys = [ctx.text(a[0]) for a in entries]
            arg = keys[0] if len(keys) == 1 else "[" + ", ".join(keys) + "]"
            calls.append(f"{people}.unset({lead}{arg})")
        elif len(entries) == 1 and (not node_style or kind not in ("union", "remove")):
            k, v = entries[0]
            calls.append(f"{people}.{kind}({lead}{ctx.text(k)}, {ctx.text(v)})")
        else:
            body = ", ".join(f"{key_source(ctx, k)}: {ctx.text(v)}" for k, v in entries)
            calls.append(f"{people}.{kind}({lead}{{ {body} }})")
    text = _join(ctx, calls)
    if isinstance(text, Review):
        return TransformResult(review=text)
    note = _notes(kinds, None if node_style else QUEUE_NOTE)
    return TransformResult(rewrites=[*removals, Rewrite(ctx.site.start_byte, ctx.site.end_byte, text)], note=note)


def group_identify_to_mixpanel(ctx: TransformContext) -> TransformResult:
    """``groupIdentify(t, n, identify)`` → ``get_group(t, n).set(...)`` (browser) / ``groups.set`` (Node)."""
    node_style = ctx.option("style") == "node"
    got = _checked_ops(ctx, A2M_GROUP)
    if isinstance(got, Review):
        return TransformResult(review=got)
    ops, removals = got
    t, n = ctx.cap("T"), ctx.cap("N")
    calls, kinds = [], []
    for kind, entries in _grouped(ops, A2M_GROUP):
        kinds.append(kind)
        recv = f"{ctx.target}.groups.{kind}({t}, {n}, " if node_style else f"{ctx.target}.get_group({t}, {n}).{kind}("
        if kind == "unset":
            if len(entries) > 1:
                return TransformResult(review=Review("Mixpanel group unset takes one property per call here"))
            calls.append(f"{recv}{ctx.text(entries[0][0])})")
        elif kind in ("union", "remove"):
            if len(entries) > 1:
                return TransformResult(review=Review(f"several {kind} operations on one group; migrate by hand"))
            k, v = entries[0]
            calls.append(f"{recv}{ctx.text(k)}, {ctx.text(v)})" if not node_style else f"{recv}{{ {key_source(ctx, k)}: {ctx.text(v)} }})")
        elif len(entries) == 1:
            k, v = entries[0]
            calls.append(f"{recv}{ctx.text(k)}, {ctx.text(v)})")
        else:
            body = ", ".join(f"{key_source(ctx, k)}: {ctx.text(v)}" for k, v in entries)
            calls.append(f"{recv}{{ {body} }})")
    text = _join(ctx, calls)
    if isinstance(text, Review):
        return TransformResult(review=text)
    return TransformResult(rewrites=[*removals, Rewrite(ctx.site.start_byte, ctx.site.end_byte, text)], note=_notes(kinds, None))


# -- Mixpanel → Amplitude -------------------------------------------------------------------------
M2A = {
    "set": "set",
    "set_once": "setOnce",
    "increment": "add",
    "append": "append",
    "union": "postInsert",
    "remove": "remove",
    "unset": "unset",
}


def _is_function(node: Any) -> bool:
    return node is not None and node.type in ("arrow_function", "function_expression", "function")


def _people_ops(ctx: TransformContext, op: str, args: list[Any]) -> list[str] | Review:
    """Identify chain steps (``.set(k, v)``) for one Mixpanel people/group call's arguments."""
    if op not in M2A:
        return Review(f"{op} has no Amplitude Identify equivalent; migrate by hand")
    method = M2A[op]
    if args and _is_function(args[-1]):
        return Review("a Mixpanel callback has no Amplitude equivalent (Amplitude returns { promise })")
    if not args:
        return Review(f"{op}() without arguments; migrate by hand")
    first = _unwrap(args[0])
    if op == "unset":
        if len(args) != 1:
            return Review("unset with modifiers; migrate by hand")
        if first.type == "array":
            items = [c for c in first.children if c.is_named and c.type != "comment"]
            return [f".unset({ctx.text(i)})" for i in items] or Review("unset of an empty list")
        return [f".unset({ctx.text(first)})"]
    if first.type == "object":
        if len(args) != 1:
            return Review(f"{op}({{...}}) with extra arguments (modifiers); migrate by hand")
        props = object_props(first)
        if props is None:
            return Review("the properties object has spreads or methods; migrate by hand")
        steps = []
        for p in props:
            kn = p.key_node
            if kn.type == "string":
                key = ctx.text(kn)
            elif kn.type in ("property_identifier", "shorthand_property_identifier", "identifier", "number"):
                q = _quote(ctx)
                key = f"{q}{kn.text.decode()}{q}"
            elif kn.type == "computed_property_name":
                inner = [c for c in kn.children if c.is_named]
                key = ctx.text(inner[0]) if inner else ""
            else:
                return Review("unusual property keys; migrate by hand")
            special = _special_key(p.key)
            if special:
                return special
            steps.append(f".{method}({key}, {ctx.text(p.value)})")
        return steps
    if first.type in ("identifier", "member_expression", "call_expression") and len(args) == 1 and op != "increment":
        return Review(
            f"{op}() with a non-literal properties object: Amplitude Browser SDK 2 has no setUserProperties; "
            "build an Identify from the object by hand"
        )
    special = _special_key(_string_key(first))
    if special:
        return special
    if op == "increment" and len(args) == 1:
        return [f".add({ctx.text(first)}, 1)"]
    if len(args) == 2:
        return [f".{method}({ctx.text(first)}, {ctx.text(args[1])})"]
    return Review(f"{op} with {len(args)} arguments (modifiers or callback); migrate by hand")


def _string_key(node: Any) -> str | None:
    if node is None or node.type != "string":
        return None
    return "".join(c.text.decode() for c in node.children if c.type == "string_fragment")


def _special_key(key: str | None) -> Review | None:
    """Mixpanel's reserved ``$`` properties ($email, $name...) mean nothing to Amplitude (trap 17)."""
    if key is not None and key.startswith("$"):
        return Review(f"Mixpanel special property {key} has no Amplitude meaning; map it by hand")
    return None


def _quote(ctx: TransformContext) -> str:
    return '"' if ctx.parsed.source.count(b'"') > ctx.parsed.source.count(b"'") else "'"


def _m2a_note(op: str) -> str | None:
    if op == "union":
        return UNION_NOTE
    if op == "append":
        return APPEND_NOTE
    if op == "increment":
        return "people.increment(k) without a value means +1; Amplitude add needs the number"
    return None


def people_to_identify(ctx: TransformContext) -> TransformResult:
    """``mixpanel.people.<op>(...)`` → ``amplitude.identify(new amplitude.Identify().<op>(...))``."""
    node_style = ctx.option("style") == "node"
    op = ctx.cap("OP")
    args = list(ctx.nodes("ARGS"))
    uid = ctx.cap("UID") if node_style else None
    steps = _people_ops(ctx, op, args)
    if isinstance(steps, Review):
        return TransformResult(review=steps)
    tail = f", {{ user_id: {uid} }}" if uid is not None else ""
    text = f"{ctx.target}.identify(new {ctx.target}.Identify(){''.join(steps)}{tail})"
    note = _m2a_note(op) if op != "increment" or (len(args) == 1 and _unwrap(args[0]).type != "object") else None
    return TransformResult(rewrites=[Rewrite(ctx.site.start_byte, ctx.site.end_byte, text)], note=note)


def group_ops_to_amplitude(ctx: TransformContext) -> TransformResult:
    """``get_group(k, id).<op>(...)`` / Node ``groups.<op>(k, id, ...)`` → ``groupIdentify``."""
    op = ctx.cap("OP")
    if op in ("delete", "delete_group"):
        return TransformResult(review=Review("Amplitude cannot delete a group profile from the SDK"))
    if op not in ("set", "set_once", "unset", "remove", "union"):
        return TransformResult(review=Review(f"group {op} has no Amplitude equivalent"))
    steps = _people_ops(ctx, op, list(ctx.nodes("ARGS")))
    if isinstance(steps, Review):
        return TransformResult(review=steps)
    text = f"{ctx.target}.groupIdentify({ctx.cap('K')}, {ctx.cap('I')}, new {ctx.target}.Identify(){''.join(steps)})"
    note = _m2a_note(op)
    if ctx.option("style") == "node":
        extra = "Amplitude server events need a user_id or device_id: add { user_id } event options"
        note = f"{note}; {extra}" if note else extra
    return TransformResult(rewrites=[Rewrite(ctx.site.start_byte, ctx.site.end_byte, text)], note=note)
