"""Flush/shutdown in Python, both directions (sdk-map §5.2 S10).

Amplitude's Python client batches in a background thread, so code calls ``flush()``/``shutdown()``.
Mixpanel's default ``Consumer`` (what ``py_init_to_mixpanel`` emits) sends every call at once, so
A→M drops the statement with a note (``pass`` when it was alone in a block); a call whose result
is used is left for review. M→A: ``BufferedConsumer.flush()`` becomes ``flush()`` on the one
client of the file (or of the class, for ``self.<consumer>``); with no or several candidate
clients it is a review.
"""

from __future__ import annotations

from rewriter.codemod.lang.python_tree import PyNode
from rewriter.codemod.transforms.base import Review, Rewrite, TransformContext, TransformResult
from rewriter.codemod.transforms.py_syntax import bindings, drop_statement

DROP_NOTE = "Mixpanel's Consumer sends each call synchronously, so there is nothing to {what}: the call was removed"


def drop_flush(ctx: TransformContext) -> TransformResult:
    """``client.flush()`` / ``client.shutdown()`` → removed (nothing is buffered after the migration)."""
    what = ctx.site.children[0].cst.attr.value  # type: ignore[attr-defined]
    got = drop_statement(ctx)
    if isinstance(got, Review):
        return TransformResult(review=got)
    return TransformResult(rewrites=got, note=DROP_NOTE.format(what=what))


def consumer_flush_to_amplitude(ctx: TransformContext) -> TransformResult:
    """``consumer.flush()`` → ``<client>.flush()`` for the file's single Mixpanel client."""
    data = bindings(ctx)
    recv: PyNode = ctx.node("SDK")
    cls = data.instance_class(recv)
    if cls in data.clients:
        return TransformResult(review=Review("Mixpanel objects have no flush(); migrate by hand"))
    names: set[str] = set()
    if recv.type == "Attribute":
        owner = data._self_class(recv.children[0])
        fields = data.fields.get(id(owner.cst), {}) if owner is not None else {}
        names = {f"{recv.children[0].cst.value}.{k}" for k, (c, _s) in fields.items() if c in data.clients}  # type: ignore[attr-defined]
    else:
        for target_id, (c, line) in data.instances.items():
            if c in data.clients:
                target = next((n for n in line.walk() if id(n.cst) == target_id), None)
                if target is not None and line.parent is not None and line.parent.type == "Module":
                    names.add(target.cst.value)  # type: ignore[attr-defined]
    if len(names) != 1:
        return TransformResult(review=Review("cannot tell which client this consumer belongs to; call flush() on the Amplitude client by hand"))
    text = f"{names.pop()}.flush()"
    note = "the consumer's flush() became the Amplitude client's flush() (Amplitude batches in a background thread)"
    return TransformResult(rewrites=[Rewrite(ctx.site.start_byte, ctx.site.end_byte, text)], note=note)
