"""Kotlin reader: matched SDK calls → operations (toy scope: ``track`` and login).

Only syntax lives here. Which overload a call is matters: Amplitude's ``track(eventType, props)``
and ``track(event: BaseEvent, options)`` look alike, and Mixpanel's ``track(name, JSONObject)``
takes a JSONObject where Amplitude Kotlin takes a Map (sdk-map trap 22). ``shape_problem`` says
why a matched call cannot be read — the adapter asks it before binding a client, so a client is
never half migrated — and ``read_*`` turn the accepted shapes into operations.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rewriter.codemod.lang.kotlin import argument_label, argument_value, call_parts, unwrap
from rewriter.codemod.lang.ts_base import node_text
from rewriter.codemod.match.patterns import Match
from rewriter.codemod.ops.ir import Identify, Review, Track, Value
from rewriter.codemod.ops.profiles import load_profile
from rewriter.codemod.ops.site import Read, ReadResult, Site
from rewriter.codemod.packs.loader import RulePack

MAP_BUILDERS = frozenset({"mapOf", "mutableMapOf", "hashMapOf", "linkedMapOf", "emptyMap", "buildMap"})
JSON_OBJECT = "JSONObject"


def kind_of(node: Any) -> str:
    """The literal kind of an expression (``ir.ValueKind``), read from syntax alone."""
    inner = unwrap(node)
    if inner is None:
        return "other"
    text = node_text(inner)
    if inner.type == "identifier":
        if text == "null":
            return "null"
        return "bool" if text in ("true", "false") else "name"
    if inner.type == "string_literal":
        return "string"
    if inner.type == "number_literal":
        return "number"
    if _builder(inner) in MAP_BUILDERS:
        return "map"
    return "other"


def value_of(site: Site, node: Any) -> Value:
    """A ``Value`` for an expression: verbatim text (with inner rewrites) and its literal kind."""
    kind = kind_of(node)
    inner = unwrap(node)
    literal = None
    if kind == "string" and inner is not None and not any(c.type == "interpolation" for c in inner.children):
        literal = "".join(node_text(c) for c in inner.children if c.type == "string_content")
    return Value(site.text(node), kind, node.start_byte, node.end_byte, literal=literal, node=node)  # type: ignore[arg-type]


def _builder(node: Any) -> str | None:
    """``mapOf`` for ``mapOf(...)``: the name of a plain function call, else None."""
    if node is None or node.type != "call_expression" or not node.children:
        return None
    callee = node.children[0]
    return node_text(callee) if callee.type == "identifier" else None


def json_map(node: Any) -> Any | None:
    """The map inside ``JSONObject(mapOf(...))`` (the properties a Mixpanel call builds inline)."""
    inner = unwrap(node)
    if _builder(inner) != JSON_OBJECT:
        return None
    args = [c for c in inner.children[1].children if c.type == "value_argument"] if inner.child_count > 1 else []
    if len(args) != 1 or argument_label(args[0]) is not None:
        return None
    value = argument_value(args[0])
    return value if kind_of(value) == "map" else None


def _method(m: Match) -> str:
    parts = call_parts(m.node)
    return parts[1] if parts else ""


def shape_problem(op: str, m: Match, pack: RulePack) -> str | None:
    """Why the call matched by ``m`` cannot be read into ``op`` (None: it can)."""
    vendor = load_profile(pack.sdk).vendor
    caps = m.captures
    if op == "identify":
        user = caps.get("ID")
        if user is None or kind_of(user.node) == "null":
            return "a null user id logs out; decide by hand"
        return None
    if op != "track":
        return f"no Kotlin reader for {op}"
    event = caps["EVENT"].node if "EVENT" in caps else None
    props = caps["PROPS"].node if "PROPS" in caps else None
    if event is None:
        return "track() without an event"
    if vendor == "amplitude":
        named = event.parent is not None and argument_label(event.parent) == "eventType"
        if named or kind_of(event) == "string" or (props is not None and kind_of(props) in ("map", "null")):
            return None
        if props is None:
            return "track(x): x may be a BaseEvent (track(event: BaseEvent)), whose fields need mapping by hand"
        return "cannot tell track(eventType, eventProperties) from track(event: BaseEvent, options) here; migrate by hand"
    if _method(m) == "track" and props is not None and kind_of(props) != "null" and json_map(props) is None:
        return "the properties are a JSONObject built elsewhere: Amplitude Kotlin takes a Map; build it by hand"
    return None


def read_track(site: Site) -> ReadResult:
    problem = shape_problem("track", site.match, site.pack)
    if problem is not None:
        return Review(problem)
    props = site.node("PROPS")
    if props is not None and site.source.vendor == "mixpanel" and _method(site.match) == "track":
        props = json_map(props) or props
    return Read(Track(event=value_of(site, site.node("EVENT")),
                      props=value_of(site, props) if props is not None else None))


def read_identify(site: Site) -> ReadResult:
    problem = shape_problem("identify", site.match, site.pack)
    if problem is not None:
        return Review(problem)
    return Read(Identify(value_of(site, site.node("ID"))))


READERS: dict[str, Callable[[Site], ReadResult]] = {"track": read_track, "identify": read_identify}
