"""Kotlin printer: translated operations → the text of one call for the target SDK.

Layout only: the receiver is copied from the site (``amplitude.``, ``this.amplitude?.``,
``client!!.``), so the client keeps its name and its null-safety; method names come from the
target profile's ``methods``; Mixpanel gets ``trackMap`` for a map and ``track`` without
properties (sdk-map trap 22); labelled arguments come out positional (Mixpanel Android is Java,
whose methods Kotlin cannot call with labels).
"""

from __future__ import annotations

from rewriter.codemod.ops.ir import Identify, Op, Review, Track, Translation
from rewriter.codemod.ops.site import Emitted, Rewrite, Site


def emit(tr: Translation, site: Site) -> Emitted | Review:
    """One target call replacing the whole matched call."""
    if len(tr.ops) != 1:
        return Review("this call becomes several calls; migrate by hand")
    parts = site.adapter.call_parts(site.site)  # type: ignore[attr-defined]
    if parts is None or parts[0] is None:
        return Review("no receiver to call the target SDK on")
    receiver = site.render(site.site.start_byte, parts[2].start_byte)
    text = _call(tr.ops[0], site)
    if isinstance(text, Review):
        return text
    return Emitted([Rewrite(site.site.start_byte, site.site.end_byte, receiver + text)])


def _call(op: Op, site: Site) -> str | Review:
    methods = site.target.methods
    if isinstance(op, Identify):
        return f"{methods['identify']}({op.user.text})"
    if isinstance(op, Track):
        props = op.props if op.props is not None and not op.props.is_null else None
        if props is None:
            return f"{methods['track']}({op.event.text})"
        method = methods.get("track_map", methods["track"])
        return f"{method}({op.event.text}, {props.text})"
    return Review(f"no Kotlin printer for {type(op).__name__}")
