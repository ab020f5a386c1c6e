"""Kotlin printer: translated operations → the text of one call for the target SDK.

Layout only: the call is rewritten in place — the receiver (``amplitude.``, ``this.amplitude?.``,
``client!!.``), line breaks and comments between the arguments stay — by renaming the method
(from the target profile's ``methods``: Mixpanel gets ``trackMap`` for a map and ``track``
without properties, sdk-map trap 22), dropping a ``null`` properties argument and splicing in the
map a ``JSONObject(...)`` wrapped. Labelled arguments come out positional: Mixpanel Android is
Java, whose methods Kotlin cannot call with labels.
"""

from __future__ import annotations

from rewriter.codemod.lang.kotlin import argument_label
from rewriter.codemod.ops.ir import Identify, Op, Review, Track, Translation, Value
from rewriter.codemod.ops.site import Emitted, Rewrite, Site


def emit(tr: Translation, site: Site) -> Emitted | Review:
    """One target call replacing the whole matched call."""
    if len(tr.ops) != 1:
        return Review("this call becomes several calls; migrate by hand")
    parts = site.adapter.call_parts(site.site)  # type: ignore[attr-defined]
    if parts is None or parts[0] is None:
        return Review("no receiver to call the target SDK on")
    got = _call(tr.ops[0], site)
    if isinstance(got, Review):
        return got
    method, args = got
    call, name = site.site, parts[2]
    head = site.render(call.start_byte, name.start_byte) + method
    if any(argument_label(a.node.parent) for a in args if a.node is not None and a.node.parent is not None):
        text = head + "(" + ", ".join(a.text for a in args) + ")"
    else:
        text = head + _spliced_arguments(site, name.end_byte, call.end_byte, args)
    return Emitted([Rewrite(call.start_byte, call.end_byte, text)])


def _call(op: Op, site: Site) -> tuple[str, list[Value]] | Review:
    methods = site.target.methods
    if isinstance(op, Identify):
        return methods["identify"], [op.user]
    if isinstance(op, Track):
        if op.props is None or op.props.is_null:
            return methods["track"], [op.event]
        return methods.get("track_map", methods["track"]), [op.event, op.props]
    return Review(f"no Kotlin printer for {type(op).__name__}")


def _spliced_arguments(site: Site, start: int, end: int, args: list[Value]) -> str:
    """The source argument list with each argument replaced by its new text and any argument
    after the last kept one (a ``null`` properties) removed with its separator."""
    args_node = site.site.children[1]
    sources = [c for c in args_node.children if c.type == "value_argument"]
    out, pos = [], start
    for value, src in zip(args, sources, strict=False):
        out.append(site.render(pos, src.start_byte))
        out.append(value.text)
        pos = src.end_byte
    if len(sources) > len(args):
        pos = sources[-1].end_byte  # drop the unused tail (", null")
    out.append(site.render(pos, end))
    return "".join(out)
