"""Server-side track calls in Node, where the user id changes place (sdk-map trap 2).

Amplitude Node: ``track(name, props, { user_id })`` — the id in the event options.
Mixpanel Node: ``track(name, { ...props, distinct_id })`` — the id inside the properties.
Only literal option/property objects are moved; anything opaque is left for review.
"""

from __future__ import annotations

from rewriter.codemod.lang.javascript import _unwrap
from rewriter.codemod.transforms.base import Review, Rewrite, TransformContext, TransformResult
from rewriter.codemod.transforms.js_syntax import (
    insert_into_object,
    is_nullish,
    object_props,
    remove_from_object,
)

OPTION_TO_PROP = {"user_id": "distinct_id", "device_id": "distinct_id", "insert_id": "$insert_id"}


def node_track_to_mixpanel(ctx: TransformContext) -> TransformResult:
    """``track(name, props, { user_id })`` → ``mixpanel.track(name, { ...props, distinct_id })``."""
    opts = _unwrap(ctx.node("OPTS"))
    props = object_props(opts)
    if props is None:
        return TransformResult(review=Review("event options are not a literal object; move the id by hand"))
    by_key = {p.key: p for p in props}
    unknown = [k for k in by_key if k not in OPTION_TO_PROP]
    if unknown:
        return TransformResult(review=Review("event options with no Mixpanel property: " + ", ".join(map(str, unknown))))
    entries, note = [], None
    if "user_id" in by_key:
        entries.append(f"distinct_id: {ctx.text(by_key['user_id'].value)}")
        if "device_id" in by_key:
            entries.append(f"$device_id: {ctx.text(by_key['device_id'].value)}")
    elif "device_id" in by_key:
        entries.append(f"distinct_id: {ctx.text(by_key['device_id'].value)}")
        note = "device_id-only event: the device id became the distinct_id (Simplified ID Merge)"
    else:
        return TransformResult(review=Review("no user_id/device_id: Mixpanel needs a distinct_id"))
    if "insert_id" in by_key:
        entries.append(f"$insert_id: {ctx.text(by_key['insert_id'].value)}")
    entry = ", ".join(entries)
    pnode = _unwrap(ctx.node("PROPS"))
    if pnode is None or is_nullish(pnode):
        new_props = "{ " + entry + " }"
    elif pnode.type == "object":
        new_props = insert_into_object(ctx, pnode, entry)
    else:
        new_props = "{ ..." + ctx.text(pnode) + ", " + entry + " }"
    text = f"{ctx.target}.track({ctx.cap('EVENT')}, {new_props})"
    return TransformResult(rewrites=[Rewrite(ctx.site.start_byte, ctx.site.end_byte, text)], note=note)


def node_track_to_amplitude(ctx: TransformContext) -> TransformResult:
    """``mixpanel.track(name, { distinct_id, ...rest })`` → ``amplitude.track(name, rest, { user_id })``."""
    pnode = _unwrap(ctx.node("PROPS"))
    props = object_props(pnode)
    if props is None:
        return TransformResult(review=Review("the distinct_id is not in a literal properties object; move it by hand"))
    by_key = {p.key: p for p in props}
    if "distinct_id" not in by_key:
        return TransformResult(review=Review("no distinct_id in the properties: Amplitude Node needs a user_id"))
    specials = [k for k in ("time", "$insert_id", "token", "$device_id", "$user_id") if k in by_key]
    if specials:
        return TransformResult(review=Review("special Mixpanel properties to map by hand: " + ", ".join(specials)))
    uid = ctx.text(by_key["distinct_id"].value)
    rest = remove_from_object(ctx, pnode, by_key["distinct_id"])
    text = f"{ctx.target}.track({ctx.cap('EVENT')}, {rest}, {{ user_id: {uid} }})"
    note = "Amplitude drops user ids shorter than 5 characters (minIdLength)"
    return TransformResult(rewrites=[Rewrite(ctx.site.start_byte, ctx.site.end_byte, text)], note=note)
