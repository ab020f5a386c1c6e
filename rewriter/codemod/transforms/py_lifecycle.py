"""Escape hatch (``transform:``) for a genuine one-off: Mixpanel Python's consumer flush.

``BufferedConsumer.flush()`` is a call on an object that is not the client; M→A it becomes
``flush()`` on the one Amplitude client of the file (or of the class, for ``self.<consumer>``);
with no or several candidate clients it is a review. Which client a consumer belongs to is a
question about this file's Python objects, not a vendor mapping, so it stays a transform; the
A→M direction (drop ``flush()``/``shutdown()``) is the ``flush`` operation.
"""

from __future__ import annotations

from rewriter.codemod.lang.py_syntax import bindings
from rewriter.codemod.lang.python_tree import PyNode
from rewriter.codemod.transforms.base import Review, Rewrite, TransformContext, TransformResult


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
