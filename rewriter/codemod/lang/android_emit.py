"""Android printer, shared by Kotlin and Java: translated operations → target SDK source.

Layout only. A call that stays one call (track, login, reset) is rewritten in place: the receiver
(``amplitude.``, ``this.amplitude?.``, ``client!!.``), line breaks and comments between the
arguments stay, the method is renamed from the target profile's ``methods`` (Mixpanel gets
``trackMap`` for a Map and ``track`` for a JSONObject or no properties, sdk-map trap 22) and a
``null`` properties argument is dropped. A profile update becomes ``getPeople().<op>(k, v)`` per
operation (several statements where the source call was a statement) or one
``identify(Identify().set(...)...)``; a creation becomes the target's. The only syntax that
differs between the two languages is asked of the adapter: ``NEW`` (``new `` in Java) and
``STATEMENT_END``. Labelled arguments come out positional: Mixpanel Android is Java.
"""

from __future__ import annotations

import json
from typing import Any

from rewriter.codemod.lang.android_read import init_parts, props_container
from rewriter.codemod.lang.ts_base import indent_at
from rewriter.codemod.lang.ts_clients import client_bindings
from rewriter.codemod.ops.ir import (
    Flush,
    Identify,
    Init,
    Op,
    OptOut,
    ProfileUpdate,
    Reset,
    Review,
    SetGroup,
    Track,
    Translation,
    Value,
)
from rewriter.codemod.ops.site import Emitted, Rewrite, Site

MIXPANEL_OPTIONS = "MixpanelOptions"


def emit(tr: Translation, site: Site) -> Emitted | Review:
    """The target code replacing the whole matched site."""
    if len(tr.ops) != 1:
        return Review("this call becomes several calls; migrate by hand")
    if site.adapter.chained_call(site.site) is not None and site.adapter.on_class(site.site):  # type: ignore[attr-defined]
        return Emitted([])  # an inner link of a chain on the class: the rule matching the whole chain rewrites it
    op = tr.ops[0]
    if isinstance(op, Init):
        return _init(op, site)
    prefix = _receiver_prefix(site)
    if prefix is None:
        return Review("no client to call the target SDK on")
    if isinstance(op, ProfileUpdate):
        return _profile(op, site, prefix)
    if isinstance(op, Reset):
        return _whole(site, prefix + "reset()")
    if isinstance(op, Flush):
        return _whole(site, prefix + "flush()")
    if isinstance(op, OptOut):
        return _opt_out(op, site, prefix)
    got = _call(op, site)
    if isinstance(got, Review):
        return got
    method, args = got
    return _renamed(site, method, args)


# -- the receiver ------------------------------------------------------------------------------------
def _receiver_prefix(site: Site) -> str | None:
    """``mixpanel.`` / ``this.amplitude?.``: the source text up to the first method on the client."""
    adapter: Any = site.adapter
    data = client_bindings(site.bindings)
    node = site.site
    if node.type in ("assignment", "assignment_expression"):  # `amplitude.optOut = flag`
        left = node.children[0]
        text = site.render(left.start_byte, left.end_byte)
        dot = max(text.rfind("."), 0)
        return text[: dot + 1] if dot else None
    while True:
        parts = adapter.call_parts(node)
        if parts is None or parts[0] is None:
            return None
        receiver, _name, name_node = parts
        if adapter.is_client(receiver, data):
            return site.render(node.start_byte, name_node.start_byte)
        if adapter.created_class(receiver) is not None:
            return None
        node = adapter.unwrap(receiver)
        nested = adapter.call_parts(node)
        if nested is None:
            # Kotlin's `mixpanel.people.set(...)`: a property between the client and the call
            kids = [c for c in node.named_children if c.type not in adapter.COMMENTS] if node is not None else []
            if node is not None and node.type == "navigation_expression" and kids and adapter.is_client(kids[0], data):
                return site.render(site.site.start_byte, kids[0].end_byte) + "."
            return None


def _whole(site: Site, text: str) -> Emitted:
    return Emitted([Rewrite(site.site.start_byte, site.site.end_byte, text)])


# -- one call, renamed in place ---------------------------------------------------------------------
def _call(op: Op, site: Site) -> tuple[str, list[Value]] | Review:
    methods = site.target.methods
    if isinstance(op, Identify):
        return methods["identify"], [op.user]
    if isinstance(op, SetGroup):
        return "setGroup", [op.group_type, op.group_name]
    if isinstance(op, Track):
        if op.props is None or op.props.is_null:
            return methods["track"], [op.event]
        if site.target.vendor == "mixpanel" and props_container(site) == "json":
            return methods["track"], [op.event, op.props]
        return methods.get("track_map", methods["track"]), [op.event, op.props]
    return Review(f"no Android printer for {type(op).__name__}")


def _renamed(site: Site, method: str, args: list[Value]) -> Emitted:
    adapter: Any = site.adapter
    call = site.site
    parts = adapter.call_parts(call)
    name = parts[2]
    head = site.render(call.start_byte, name.start_byte) + method
    sources = adapter.call_arguments(call)
    labelled = any(adapter.argument_label(a) for a in sources)
    if labelled or len(sources) < len(args):
        return _whole(site, head + "(" + ", ".join(a.text for a in args) + ")")
    out, pos = [], name.end_byte
    for value, src in zip(args, sources, strict=False):
        out.append(site.render(pos, src.start_byte))
        out.append(value.text)
        pos = src.end_byte
    if len(sources) > len(args):
        pos = sources[-1].end_byte  # drop the unused tail (", null")
    out.append(site.render(pos, call.end_byte))
    return _whole(site, head + "".join(out))


# -- opt-out ----------------------------------------------------------------------------------------------
def _opt_out(op: OptOut, site: Site, prefix: str) -> Emitted | Review:
    flag = op.flag.literal.strip().lower() if op.flag.kind == "bool" and op.flag.literal else None
    if site.target.vendor == "mixpanel":
        if flag is None:
            return Review(f"opt-out flag {op.flag.text} is not a literal: call optOutTracking()/optInTracking() by hand")
        return _whole(site, prefix + ("optOutTracking()" if flag == "true" else "optInTracking()"))
    if site.adapter.id != "kotlin":
        return Review("Amplitude Kotlin's optOut is a Configuration property; set it by hand from Java")
    return _whole(site, f"{prefix}optOut = {op.flag.text}")


# -- profile updates --------------------------------------------------------------------------------------
def _profile(op: ProfileUpdate, site: Site, prefix: str) -> Emitted | Review:
    adapter: Any = site.adapter
    new = adapter.NEW
    if site.target.vendor == "amplitude":
        if op.ops and op.ops[0].key is None:  # one map of properties to set
            value = op.ops[0].value
            assert value is not None
            inner = adapter.json_map(value.node) if value.node is not None else None
            return _whole(site, f"{prefix}identify({site.text(inner) if inner is not None else value.text})")
        links = "".join(
            f".{p.spelled}({', '.join(v.text for v in (p.key, p.value) if v is not None)})" for p in op.ops
        )
        return Emitted([Rewrite(site.site.start_byte, site.site.end_byte, f"{prefix}identify({new}Identify(){links})")],
                       needs={"Identify"})
    calls = []
    for p in op.ops:
        if p.key is None:
            assert p.value is not None
            method = "set" if props_container_of_profile(site) == "json" else "setMap"
            if p.kind != "set":
                return Review(f"{p.spelled} of a whole map has no Mixpanel People counterpart; migrate by hand")
            calls.append(f"{prefix}getPeople().{method}({p.value.text})")
        else:
            args = ", ".join(v.text for v in (p.key, p.value) if v is not None)
            calls.append(f"{prefix}getPeople().{p.spelled}({args})")
    if len(calls) == 1:
        return _whole(site, calls[0])
    stmt = adapter.statement_of(site.site)
    if stmt is None:
        return Review(f"this Identify becomes {len(calls)} Mixpanel calls, and its result is used; migrate by hand")
    src = site.parsed.source
    eol = "\r\n" if b"\r\n" in src else "\n"
    sep = adapter.STATEMENT_END + eol + indent_at(src, site.site.start_byte)
    return _whole(site, sep.join(calls))


def props_container_of_profile(site: Site) -> str:
    """A legacy ``setUserProperties(JSONObject)`` keeps its JSONObject: ``People.set(JSONObject)``."""
    return "json" if site.source.id == "amplitude-android-legacy" else "map"


# -- creation ---------------------------------------------------------------------------------------------
def _init(op: Init, site: Site) -> Emitted | Review:
    adapter: Any = site.adapter
    got = init_parts(adapter, site.match, site.source)
    if isinstance(got, str):
        return Review(got)
    _key, ctx, _options = got
    context = site.text(ctx)
    new = adapter.NEW
    if site.target.vendor == "mixpanel":
        args = [context, op.credential.text, "true"]
        needs: set[str] = set()
        if op.settings:
            built = new + f"{MIXPANEL_OPTIONS}.Builder()" + "".join(
                f".{k}({_literal(v)})" for k, v in op.settings
            ) + ".build()"
            args.append(built)
            needs.add(MIXPANEL_OPTIONS)
        text = f"MixpanelAPI.getInstance({', '.join(args)})"
        return Emitted([Rewrite(site.site.start_byte, site.site.end_byte, text)], needs=needs)
    if op.settings:
        return Review("init settings for Amplitude Configuration: set them by hand")
    if adapter.id == "kotlin":
        text = f"Amplitude(Configuration(apiKey = {op.credential.text}, context = {context}))"
    else:
        text = f"new Amplitude(new Configuration({op.credential.text}, {context}))"
    return Emitted([Rewrite(site.site.start_byte, site.site.end_byte, text)], needs={"Configuration"})


def _literal(v: str | bool) -> str:
    """A profile setting as Kotlin/Java source: a boolean, or a string literal (a URL)."""
    if isinstance(v, bool):
        return "true" if v else "false"
    return json.dumps(v)
