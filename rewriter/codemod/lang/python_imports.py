"""Import bookkeeping for the Python adapter, run after a pack's rewrites are planned.

Removes source-SDK import names that no longer have a use outside the planned edits (a name still
used by a site left for review stays), removes consumer objects whose only uses were rewritten
away, and adds ``from <target> import ...`` naming exactly the target classes the rewritten code
mentions. A fully removed import line is replaced in place, so the new import lands where the old
one was (inside a ``try:`` too). Uses are counted with libcst's scope analysis, so a local that
merely shares a name is not a use. Plans edits only.
"""

from __future__ import annotations

from typing import Any

import libcst as cst

from rewriter.codemod.edits import SpanIndex
from rewriter.codemod.lang.base import FileBindings, ParsedFile
from rewriter.codemod.lang.python_sdk import EXPORTS
from rewriter.codemod.lang.python_tree import PyNode, dotted, eol, indent_at, removal
from rewriter.codemod.model import Edit, ReviewItem


def _inside(n: PyNode, spans: SpanIndex) -> bool:
    """True when a planned edit covers ``n`` (a bisection: a scan per use was quadratic)."""
    return spans.covers(n.start_byte, n.end_byte)


def _live_refs(data: Any, stmt_cst: cst.CSTNode, assign_target: cst.CSTNode, local: str, spans: SpanIndex) -> tuple[int, int]:
    """(all reads, reads outside ``spans``) of the binding ``local`` made by a statement.

    A read counts only when this binding is the one it resolves to (the latest applicable), so
    ``import amplitude`` is dead once every ``amplitude`` read means the module-level client.
    """
    tree = data.tree
    scope = tree.scopes.get(assign_target)
    if scope is None:
        return 0, 0
    total = live = 0
    for asg in scope.assignments[local]:
        if getattr(asg, "node", None) is not stmt_cst:
            continue
        for access in asg.references:
            pn = tree.node(access.node)
            if pn is None or pn.type != "Name":
                continue
            ref = data.referent(pn)
            if ref is None or getattr(ref, "node", None) is not stmt_cst:
                continue
            total += 1
            if not _inside(pn, spans):
                live += 1
    return total, live


def plan_imports(adapter: Any, parsed: ParsedFile, fb: FileBindings, edits: list[Edit], reviews: list[ReviewItem]) -> list[Edit]:
    from rewriter.codemod.lang.python import py_bindings  # python.py imports this module lazily

    data = py_bindings(fb)
    tree = data.tree
    src = parsed.source
    rule = f"{fb.pack.sdk}/imports"
    spans = SpanIndex((e.start, e.end) for e in edits)
    review_lines = {r.line for r in reviews}
    out: list[Edit] = []
    first_removed: Edit | None = None

    # 1. Consumer objects whose every use was rewritten away.
    for target_id, (cls, line) in list(data.instances.items()):
        if cls not in data.helpers or line.type != "SimpleStatementLine" or _inside(line, spans):
            continue
        target = next((n for n in line.walk() if id(n.cst) == target_id), None)
        if target is None:
            continue
        total, live = _live_refs(data, target.cst, target.cst, target.cst.value, spans)  # type: ignore[attr-defined]
        if total and not live and src.count(b"\n", 0, line.start_byte) + 1 not in review_lines:
            s, e, text = removal(src, line)
            out.append(Edit(s, e, text, rule))
            spans.add(s, e)

    # 1b. Consumer objects held in ``self.<field>`` whose every use was rewritten away.
    for cls_id, fields in data.fields.items():
        for attr, (cls, line) in fields.items():
            if cls not in data.helpers or line.type != "SimpleStatementLine" or _inside(line, spans):
                continue
            assign = line.children[0]
            target = assign.children[0].children[0] if assign.type == "Assign" else None
            if target is None or target.type != "Attribute":
                continue
            owner = data._self_class(target.children[0])
            if owner is None or id(owner.cst) != cls_id:
                continue
            uses = [
                n for n in owner.walk()
                if n.type == "Attribute" and n is not target and n.cst.attr.value == attr  # type: ignore[attr-defined]
                and data._self_class(n.children[0]) is owner
            ]
            if uses and not any(not _inside(n, spans) for n in uses):
                s, e, text = removal(src, line)
                out.append(Edit(s, e, text, rule))
                spans.add(s, e)

    # 2. Source-SDK import names with no use left.
    by_stmt: dict[int, list[Any]] = {}
    for imp in data.imports:
        by_stmt.setdefault(id(imp.stmt.cst), []).append(imp)
    for imps in by_stmt.values():
        stmt: PyNode = imps[0].stmt
        if _inside(stmt, spans):
            continue
        dead = []
        for imp in imps:
            _total, live = _live_refs(data, stmt.cst, stmt.cst, imp.local, spans)
            if not live:
                dead.append(imp.alias)
        if not dead:
            continue
        names = list(stmt.cst.names)  # type: ignore[attr-defined]
        kept = [a for a in names if not any(a is d for d in dead)]
        line = stmt.parent
        if not kept and line is not None and line.type == "SimpleStatementLine" and len(line.children) == 1:
            s, e, text = removal(src, line)
            edit = Edit(s, e, text, rule)
            out.append(edit)
            first_removed = first_removed or edit
        elif kept:
            last_comma = names[-1].comma
            kept = [*kept[:-1], kept[-1].with_changes(comma=last_comma)]
            new = stmt.cst.with_changes(names=kept)
            out.append(Edit(stmt.start_byte, stmt.end_byte, tree.module.code_for_node(new), rule))
        else:
            out.append(Edit(stmt.start_byte, stmt.end_byte, "pass", rule))

    # 3. The target import, naming what the rewritten code uses.
    target = fb.pack.target.name
    exports = EXPORTS.get(target, ())
    declared = frozenset().union(*(e.needs for e in edits))
    needed = [n for n in exports if n in declared]
    have: set[str] = set()
    for node in tree.root.walk():
        if node.type == "ImportFrom" and not node.cst.relative and dotted(node.cst.module) == target:  # type: ignore[attr-defined]
            names = node.cst.names  # type: ignore[attr-defined]
            if isinstance(names, cst.ImportStar):
                have.update(exports)
            else:
                have.update(a.asname.name.value if a.asname else dotted(a.name) for a in names)
    needed = sorted(n for n in needed if n not in have)
    if needed:
        text = f"from {target} import {', '.join(needed)}"
        if first_removed is not None:
            i = out.index(first_removed)
            if first_removed.text == "pass":
                out[i] = Edit(first_removed.start, first_removed.end, text, rule)
            else:
                indent = indent_at(src, _first_nonspace(src, first_removed.start))
                out[i] = Edit(first_removed.start, first_removed.end, indent + text + eol(src), rule)
        else:
            anchor = min((i.stmt for i in data.imports), key=lambda n: n.start_byte, default=None)
            line = anchor.parent if anchor is not None else _last_leading_import(tree.root)
            if line is None:  # no import at all: the first line after the docstring
                at = _after_docstring(src, tree.root)
                out.append(Edit(at, at, text + eol(src), rule))
            else:
                nl = src.find(b"\n", line.end_byte)
                at = len(src) if nl < 0 else nl + 1
                prefix = "" if nl >= 0 else eol(src)
                out.append(Edit(at, at, prefix + indent_at(src, line.start_byte) + text + eol(src), rule))
    return out


def _last_leading_import(root: PyNode) -> PyNode | None:
    """The last import line of the module's leading imports (docstring and ``__future__`` first).

    A file that reaches the SDK only through a client imported from the app (the project index
    names it) has no SDK import to write the target import beside: it goes after its imports."""
    last = None
    for i, stmt in enumerate(root.children):
        small = stmt.children[0] if stmt.type == "SimpleStatementLine" and stmt.children else None
        if small is not None and small.type in ("Import", "ImportFrom"):
            last = stmt
        elif i == 0 and small is not None and small.type == "Expr" and small.children[0].type in ("SimpleString", "ConcatenatedString"):
            continue
        else:
            break
    return last


def _after_docstring(src: bytes, root: PyNode) -> int:
    first = root.children[0] if root.children else None
    small = first.children[0] if first is not None and first.type == "SimpleStatementLine" and first.children else None
    if small is not None and small.type == "Expr" and small.children[0].type in ("SimpleString", "ConcatenatedString"):
        nl = src.find(b"\n", first.end_byte)  # type: ignore[union-attr]
        return len(src) if nl < 0 else nl + 1
    return 0


def _first_nonspace(src: bytes, pos: int) -> int:
    while pos < len(src) and src[pos : pos + 1] in (b" ", b"\t"):
        pos += 1
    return pos
