"""Shared helpers for the Python reader, printer and transforms: argument binding, local objects, formatting.

A Python SDK call often takes an object built a few lines earlier (``event = BaseEvent(...)``,
``identify_obj = Identify(); identify_obj.set(...)``). ``constructed`` and ``identify_ops`` follow
such a name back to its single assignment in the same block, and only when nothing else reads it;
anything else (a parameter, a conditional build, a second use) is a review, never a guess.
Helpers return text or ``Review``; they never edit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import libcst as cst

from rewriter.codemod.lang.python_sdk import SIGNATURES
from rewriter.codemod.lang.python_tree import (
    ArgInfo,
    BoundArgs,
    PyNode,
    bind_args,
    call_args,
    eol,
    indent_at,
    removal,
    string_value,
)
from rewriter.codemod.ops.ir import Review
from rewriter.codemod.ops.site import Rewrite
from rewriter.codemod.ops.site import Site as TransformContext  # readers, printers and transforms share it

MAX_LINE = 100  # a rewritten call longer than this is laid out one argument per line
Op = tuple[str, list[ArgInfo], PyNode]  # (method, args, call node)


def bindings(ctx: TransformContext) -> Any:
    from rewriter.codemod.lang.python import py_bindings

    return py_bindings(ctx.bindings)


def qualified(ctx: TransformContext, node: PyNode) -> str | None:
    return bindings(ctx).qualified(node)


def bound(ctx: TransformContext, call: PyNode, key: str | None = None) -> BoundArgs:
    """The call's arguments bound to the SDK signature ``key`` (default: the callee's own)."""
    if key is None:
        q = qualified(ctx, call.children[0])
        key = q or ""
    return bind_args(call_args(call), SIGNATURES.get(key))


def method_key(ctx: TransformContext, method: str) -> str:
    """``amplitude.Amplitude.track`` for a client method of the pack's SDK."""
    spec = ctx.pack.bind
    return f"{spec.modules[0]}.{spec.factories[0]}.{method}"


def unwrap_value(a: ArgInfo | None) -> PyNode | None:
    return a.value if a is not None else None


# -- following a local name back to what built it -----------------------------------------------
def _line_of(node: PyNode) -> PyNode | None:
    for a in node.ancestors():
        if a.type == "SimpleStatementLine":
            return a
        if a.type in ("IndentedBlock", "Module", "FunctionDef", "ClassDef", "Lambda"):
            return None
    return None


def _assignment_line(ctx: TransformContext, name: PyNode) -> tuple[Any, PyNode, PyNode] | Review:
    """(scope assignment, its statement line, the assigned value) for a local ``name = value``."""
    data = bindings(ctx)
    ref = data.referent(name)
    if ref is None or not isinstance(getattr(ref, "node", None), cst.Name):
        return Review(f"{name.cst.value!r} is not built in this scope; migrate by hand")  # type: ignore[attr-defined]
    target = ctx.parsed.tree.tree.node(ref.node)
    assign = target.parent.parent if target is not None and target.parent is not None else None
    if assign is None or assign.type != "Assign" or len([c for c in assign.children if c.type == "AssignTarget"]) != 1:
        return Review(f"{name.cst.value!r} is not assigned by a plain `name = ...` here; migrate by hand")  # type: ignore[attr-defined]
    line = assign.parent
    site_line = _line_of(ctx.site)
    if line is None or site_line is None or line.parent is not site_line.parent or line.start_byte >= site_line.start_byte:
        return Review(f"{name.cst.value!r} is built in another block; migrate by hand")  # type: ignore[attr-defined]
    if len(line.children) != 1:
        return Review(f"{name.cst.value!r} is built on a line with other statements; migrate by hand")  # type: ignore[attr-defined]
    return ref, line, assign.children[-1]


def _other_refs(ctx: TransformContext, ref: Any, allowed: set[int]) -> list[PyNode]:
    out = []
    for access in ref.references:
        pn = ctx.parsed.tree.tree.node(access.node)
        if pn is not None and id(pn) not in allowed:
            out.append(pn)
    return out


def _line_no(ctx: TransformContext, node: PyNode) -> int:
    return ctx.parsed.source.count(b"\n", 0, node.start_byte) + 1


def constructed(ctx: TransformContext, node: PyNode | None, cls: str, what: str) -> tuple[PyNode, list[Rewrite]] | Review:
    """The ``cls(...)`` call ``node`` is, inline or via a single-use local; plus the line removals."""
    if node is None:
        return Review(f"no {what} given")
    if node.type == "Call" and qualified(ctx, node.children[0]) == cls:
        return node, []
    if node.type != "Name":
        return Review(f"the {what} is not built inline or in a local variable here; migrate by hand")
    got = _assignment_line(ctx, node)
    if isinstance(got, Review):
        return got
    ref, line, value = got
    if value.type != "Call" or qualified(ctx, value.children[0]) != cls:
        return Review(f"{node.cst.value!r} is not a {cls.split('.')[-1]}(...) built here; migrate by hand")  # type: ignore[attr-defined]
    others = _other_refs(ctx, ref, {id(node)})
    if others:
        return Review(f"{node.cst.value!r} is also used on line {_line_no(ctx, others[0])}; migrate by hand")  # type: ignore[attr-defined]
    s, e, text = removal(ctx.parsed.source, line)
    return value, [Rewrite(s, e, text)]


def _chain(ctx: TransformContext, node: PyNode, base: PyNode | None, cls: str) -> list[Op] | None:
    """Ops of ``Identify().a(..).b(..)`` (or ``<base>.a(..)`` when ``base`` is a Name node)."""
    ops: list[Op] = []
    cur = node
    while cur.type == "Call" and cur.children[0].type == "Attribute":
        func = cur.children[0]
        ops.append((func.cst.attr.value, call_args(cur), cur))  # type: ignore[attr-defined]
        cur = func.children[0]
    if base is not None:
        if cur.type == "Name" and cur.cst.value == base.cst.value:  # type: ignore[attr-defined]
            return list(reversed(ops))
        return None
    if cur.type == "Call" and qualified(ctx, cur.children[0]) == cls and not call_args(cur):
        return list(reversed(ops))
    return None


def identify_ops(ctx: TransformContext, node: PyNode | None, cls: str = "amplitude.Identify") -> tuple[list[Op], list[Rewrite]] | Review:
    """Ops of an Identify given inline or built in a local of the same block (with removals)."""
    if node is None:
        return Review("no Identify object given")
    ops = _chain(ctx, node, None, cls)
    if ops is not None:
        return ops, []
    if node.type != "Name":
        return Review("the Identify object is not built inline or in a local variable here; migrate by hand")
    got = _assignment_line(ctx, node)
    if isinstance(got, Review):
        return got
    ref, line, value = got
    first = _chain(ctx, value, None, cls)
    if first is None:
        return Review(f"{node.cst.value!r} is not a plain Identify() chain; migrate by hand")  # type: ignore[attr-defined]
    ops = list(first)
    s, e, text = removal(ctx.parsed.source, line)
    removals = [Rewrite(s, e, text)]
    allowed = {id(node)}
    site_line = _line_of(ctx.site)
    block = line.parent
    assert block is not None and site_line is not None
    for stmt in block.children:
        if stmt.start_byte <= line.start_byte or stmt.start_byte >= site_line.start_byte:
            continue
        if stmt.type != "SimpleStatementLine" or len(stmt.children) != 1 or stmt.children[0].type != "Expr":
            continue
        expr = stmt.children[0].children[0]
        more = _chain(ctx, expr, node, cls)
        if more is None:
            continue
        ops.extend(more)
        base = expr
        while base.type == "Call":
            base = base.children[0].children[0]
        allowed.add(id(base))
        s, e, text = removal(ctx.parsed.source, stmt)
        removals.append(Rewrite(s, e, text))
    others = _other_refs(ctx, ref, allowed)
    if others:
        return Review(
            f"{node.cst.value!r} is also used on line {_line_no(ctx, others[0])} (conditional or shared Identify); migrate by hand"  # type: ignore[attr-defined]
        )
    return ops, removals


# -- literals -------------------------------------------------------------------------------------
@dataclass
class Entry:
    key: PyNode
    value: PyNode


def dict_entries(node: PyNode | None) -> list[Entry] | None:
    """Entries of a ``{k: v}`` literal without ``**`` spreads, else None."""
    if node is None or node.type != "Dict":
        return None
    out = []
    for el in node.children:
        if el.type != "DictElement":
            return None
        out.append(Entry(el.children[0], el.children[1]))
    return out


def list_items(node: PyNode | None) -> list[PyNode] | None:
    """Items of a ``[...]``/``(...)`` literal without ``*`` spreads, else None."""
    if node is None or node.type not in ("List", "Tuple"):
        return None
    items = []
    for el in node.children:
        if el.type != "Element":
            return None
        items.append(el.children[0])
    return items


def key_text(ctx: TransformContext, key: PyNode) -> str:
    return ctx.text(key)


def is_literal_scalar(node: PyNode) -> bool:
    return node.type in ("SimpleString", "ConcatenatedString", "Integer", "Float") or (
        node.type == "Name" and node.cst.value in ("True", "False", "None")  # type: ignore[attr-defined]
    ) or (node.type == "UnaryOperation" and node.children[-1].type in ("Integer", "Float"))


def quote(ctx: TransformContext) -> str:
    src = ctx.parsed.source
    return "'" if src.count(b"'") > src.count(b'"') else '"'


def str_lit(ctx: TransformContext, value: str) -> str:
    q = quote(ctx)
    return f"{q}{value}{q}"


def key_of(node: PyNode) -> str | None:
    return string_value(node)


# -- layout ---------------------------------------------------------------------------------------
def format_call(ctx: TransformContext, head: str, args: list[str], close: str = ")") -> str:
    """``head(a, b)`` — one argument per line when the original site spanned several lines."""
    src = ctx.parsed.source
    site = ctx.site
    multiline = b"\n" in src[site.start_byte : site.end_byte] or any("\n" in a for a in args)
    base = indent_at(src, site.start_byte)
    flat = f"{head}({', '.join(args)}{close}"
    column = site.start_byte - (src.rfind(b"\n", 0, site.start_byte) + 1)
    if not args or (not multiline and column + len(flat) <= MAX_LINE):
        return flat
    inner = base + "    "
    nl = eol(src)
    body = "".join(f"{nl}{inner}{reindent(a, inner)}," for a in args)
    return f"{head}({body}{nl}{base}{close}"


def reindent(text: str, new: str) -> str:
    """Shift the continuation lines of a multi-line argument so its closing line sits at ``new``."""
    lines = text.splitlines(keepends=True)
    if len(lines) < 2:
        return text
    rest = [ln for ln in lines[1:] if ln.strip()]
    old = min((len(ln) - len(ln.lstrip(" \t")) for ln in rest), default=0)
    out = [lines[0]]
    for ln in lines[1:]:
        out.append(new + ln[old:] if ln.strip() else ln)
    return "".join(out)


def drop_statement(ctx: TransformContext) -> list[Rewrite] | Review:
    """Remove the statement the site is: the call itself plus the rest of its physical line."""
    line = ctx.adapter.statement_of(ctx.site)  # type: ignore[attr-defined]
    if line is None:
        return Review("its result is used; the call cannot simply be dropped")
    src = ctx.parsed.source
    s, e, text = removal(src, line)
    site = ctx.site
    if text == "pass":
        return [Rewrite(site.start_byte, site.end_byte, "pass")]
    out = [Rewrite(site.start_byte, site.end_byte, "")]
    if s < site.start_byte:
        out.append(Rewrite(s, site.start_byte, ""))
    if site.end_byte < e:
        out.append(Rewrite(site.end_byte, e, ""))
    return out


def join_statements(ctx: TransformContext, calls: list[str]) -> str | Review:
    """Several statements in place of one expression statement (same indentation)."""
    if len(calls) == 1:
        return calls[0]
    line = ctx.adapter.statement_of(ctx.site)  # type: ignore[attr-defined]
    if line is None:
        return Review("this call expands to several statements but sits inside an expression; migrate by hand")
    src = ctx.parsed.source
    sep = eol(src) + indent_at(src, line.start_byte)
    return sep.join(calls)


def dict_text(ctx: TransformContext, pairs: list[tuple[str, str]]) -> str:
    return "{" + ", ".join(f"{k}: {v}" for k, v in pairs) + "}"


def receiver(ctx: TransformContext) -> str:
    return ctx.cap("SDK")
