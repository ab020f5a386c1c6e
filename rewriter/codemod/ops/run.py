"""One operation rule at one site: read → translate → emit.

The engine calls ``run_op`` for every rule written ``op: <name>``; the adapter supplies the
language's reader and printer, ``semantics.translate`` the vendor rules, the pack's ``sdk`` and
``target.sdk`` the two profiles. The local builder statements a reader absorbed are removed with
the rewrite, so an ``Identify`` built three lines up goes away with the call that used it.
"""

from __future__ import annotations

from rewriter.codemod.ops.ir import Review
from rewriter.codemod.ops.semantics import translate
from rewriter.codemod.ops.site import Site
from rewriter.codemod.transforms.base import TransformResult

OPERATIONS = ("init", "track", "profile", "group-profile", "set-group", "identify", "reset", "opt-out", "flush")


def run_op(name: str, site: Site) -> TransformResult:
    got = site.adapter.read_op(name, site)
    if isinstance(got, Review):
        return TransformResult(review=got)
    tr = translate(got.op, site.source, site.target)
    if isinstance(tr, Review):
        return TransformResult(review=tr)
    out = site.adapter.emit_ops(tr, site)
    if isinstance(out, Review):
        return TransformResult(review=out)
    rewrites = [*got.removals, *out.rewrites]
    note = "; ".join(n for n in (*got.notes, *tr.notes, *out.notes) if n) or None
    return TransformResult(rewrites=rewrites, note=note, needs=frozenset(out.needs))
