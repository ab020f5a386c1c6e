"""Android reader, shared by Kotlin and Java: matched SDK calls → operations.

The SDK calls are the same from both languages (Amplitude Kotlin, legacy Amplitude Android
``com.amplitude.api``, Mixpanel Android); only syntax differs, and every syntax question goes to
the adapter's hooks (``call_parts``, ``call_arguments``, ``argument_label``/``argument_value``,
``unwrap``, ``literal_kind``, ``string_value``, ``created_class``, ``json_map``). What this module
knows is the SDKs' overloads:

- the properties' container type decides the Mixpanel method (sdk-map trap 22): Amplitude Kotlin
  and ``trackMap`` take a Map, legacy ``logEvent`` and Mixpanel ``track`` a JSONObject, which
  passes through verbatim where the target takes one and is refused where it does not (unless it
  is built inline from a map literal, which is spliced in);
- Amplitude's ``track(eventType, props)`` and ``track(event: BaseEvent, options)`` look alike;
- an ``Identify`` chain built inline is read link by link; one built elsewhere is refused;
- a creation (``Amplitude(Configuration(...))``, ``MixpanelAPI.getInstance(ctx, token, auto)``,
  ``Amplitude.getInstance().initialize(ctx, key)``) carries the credential and the Context.

``shape_problem`` says why a matched call cannot be read: the adapter asks it before binding a
client, so a client is never half migrated. ``read_*`` turn the accepted shapes into operations.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from rewriter.codemod.lang.ts_base import node_text, remove_lines
from rewriter.codemod.match.patterns import Match
from rewriter.codemod.ops.ir import (
    Entry,
    Flush,
    Identify,
    Init,
    OptOut,
    ProfileUpdate,
    PropOp,
    Reset,
    Review,
    SetGroup,
    Track,
    Value,
    synthetic,
)
from rewriter.codemod.ops.profiles import load_profile
from rewriter.codemod.ops.site import Read, ReadResult, Rewrite, Site
from rewriter.codemod.packs.loader import RulePack

CONFIG_READ = re.compile(r"BuildConfig\.([A-Za-z_][A-Za-z0-9_]*)")
#: Mixpanel People methods that take one map/JSONObject instead of a (key, value) pair.
PEOPLE_MAP_FORMS = {"setMap": "set", "setOnceMap": "set_once"}
#: How each SDK's event properties are typed (trap 22): "map" (Map) or "json" (JSONObject).
LEGACY_SDK = "amplitude-android-legacy"


# -- values ----------------------------------------------------------------------------------------
def value_of(site: Site, node: Any) -> Value:
    """A ``Value`` for an expression: verbatim text (with inner rewrites) and its literal kind."""
    adapter: Any = site.adapter
    kind = adapter.literal_kind(node)
    text = site.text(node)
    config = CONFIG_READ.fullmatch(node_text(adapter.unwrap(node)).strip())
    if config is not None:
        return Value(text, "config", node.start_byte, node.end_byte, config_name=config.group(1), node=node)
    literal = adapter.string_value(node) if kind == "string" else None
    if kind == "bool":
        literal = node_text(adapter.unwrap(node))
    return Value(text, kind, node.start_byte, node.end_byte, literal=literal, node=node)  # type: ignore[arg-type]


def translate_init_settings(op: Init, source: Any, target: Any) -> tuple[tuple[str, str | bool], ...]:
    """The target init settings the shared semantics chose (residency, privacy)."""
    from rewriter.codemod.ops.semantics import translate

    got = translate(op, source, target)
    if isinstance(got, Review):
        return ()
    return next((o.settings for o in got.ops if isinstance(o, Init)), ())


def _args(adapter: Any, call: Any) -> list[Any]:
    return adapter.call_arguments(call)


def _method(adapter: Any, node: Any) -> str:
    parts = adapter.call_parts(node)
    return parts[1] if parts else ""


def chain(adapter: Any, node: Any) -> tuple[Any, list[tuple[str, Any]]]:
    """``Identify().set(a, 1).add(b, 2)`` → (the ``Identify()`` node, [(set, call), (add, call)])."""
    links: list[tuple[str, Any]] = []
    cur = adapter.unwrap(node)
    while True:
        parts = adapter.call_parts(cur)
        if parts is None or parts[0] is None:
            return cur, links
        links.insert(0, (parts[1], cur))
        cur = adapter.unwrap(parts[0])


def is_new(adapter: Any, node: Any, cls: str) -> bool:
    """``Identify()`` (Kotlin) / ``new Identify()`` (Java) without arguments."""
    node = adapter.unwrap(node)
    if node is None:
        return False
    if adapter.created_class(node) == cls:
        return not _args(adapter, node)
    parts = adapter.call_parts(node)
    return parts is not None and parts[0] is None and parts[1] == cls and not _args(adapter, node)


def props_container(site: Site) -> str:
    """"map" or "json": how the source call types its event properties (trap 22)."""
    if site.source.id == LEGACY_SDK:
        return "json"
    if site.source.vendor == "mixpanel" and _method(site.adapter, site.match.node) == "track":
        return "json"
    return "map"


# -- shape checks (asked ahead, while planning a client) -------------------------------------------
def shape_problem(adapter: Any, op: str, m: Match, pack: RulePack) -> str | None:
    """Why the call matched by ``m`` cannot be read into ``op`` (None: it can)."""
    source = load_profile(pack.sdk)
    target = load_profile(pack.target.sdk)
    caps = m.captures
    node = caps["PROPS"].node if "PROPS" in caps else None
    if op == "identify":
        user = caps.get("ID")
        if user is None or adapter.literal_kind(user.node) == "null":
            return "a null user id logs out; decide by hand"
        return None
    if op == "track":
        event = caps["EVENT"].node if "EVENT" in caps else None
        if event is None:
            return "track() without an event"
        if source.id == "amplitude-kotlin":
            label = adapter.argument_label(event.parent) if event.parent is not None else None
            if label == "eventType" or adapter.literal_kind(event) == "string" or adapter.string_typed(event):
                return None
            if node is not None and adapter.literal_kind(node) in ("map", "null"):
                return None
            if node is None:
                return "track(x): x may be a BaseEvent (track(event: BaseEvent)), whose fields need mapping by hand"
            return "cannot tell track(eventType, eventProperties) from track(event: BaseEvent, options) here; migrate by hand"
        json = source.id == LEGACY_SDK or (source.vendor == "mixpanel" and _method(adapter, m.node) == "track")
        if json and target.id == "amplitude-kotlin" and node is not None and adapter.literal_kind(node) != "null":
            if adapter.json_map(node) is None:
                return "the properties are a JSONObject built elsewhere: Amplitude Kotlin takes a Map; build it by hand"
        return None
    if op == "profile":
        return _profile_problem(adapter, m, source, target)
    if op == "init":
        return _init_problem(adapter, m, source, target)
    if op == "opt-out":
        flag = caps["FLAG"].node if "FLAG" in caps else None
        if target.vendor == "amplitude" and adapter.id != "kotlin":
            return "Amplitude Kotlin's optOut is a property of the client; set it by hand from Java"
        if target.vendor == "mixpanel" and flag is not None and adapter.literal_kind(flag) != "bool":
            return f"opt-out flag {node_text(flag)} is not a literal: call optOutTracking()/optInTracking() by hand"
        return None
    if op in ("reset", "set-group", "flush"):
        return None
    return f"no Android reader for {op}"


def _translation_problem(op: Any, source: Any, target: Any) -> str | None:
    """What the shared semantics would refuse (a ``$`` property, two operations on one key...),
    asked ahead so a client is never half migrated."""
    from rewriter.codemod.ops.semantics import translate

    got = translate(op, source, target)
    return got.message if isinstance(got, Review) else None


def _profile_problem(adapter: Any, m: Match, source: Any, target: Any) -> str | None:
    got = _read_profile(adapter, m, source)
    if isinstance(got, str):
        return got
    refused = _translation_problem(got, source, target)
    if refused is not None:
        return refused
    kinds = {p.kind for p in got.ops}
    if target.vendor == "mixpanel" and len(got.ops) > 1 and adapter.statement_of(m.node) is None:
        return f"this Identify becomes {len(got.ops)} Mixpanel calls, and its result is used; migrate by hand"
    if target.vendor == "mixpanel" and any(p.key is None for p in got.ops) and kinds != {"set"}:
        return "a map of properties for an operation other than set: Mixpanel People has no such call; migrate by hand"
    if target.id == "amplitude-kotlin":
        for p in got.ops:
            if p.key is None and p.value is not None and adapter.literal_kind(p.value.node) != "map":
                if adapter.json_map(p.value.node) is None:
                    return f"{p.spelled}(...) of a JSONObject or Map built elsewhere: Amplitude identify takes a Map; build it by hand"
    return None


def _init_problem(adapter: Any, m: Match, source: Any, target: Any) -> str | None:
    if not adapter.chained_call(m.node):
        placed = adapter.creation_problem(m.node)
        if placed is not None:
            return placed
    got = _read_init(adapter, m, source)
    if isinstance(got, str):
        return got
    refused = _translation_problem(got[0], source, target)
    if refused is not None:
        return refused
    translated = translate_init_settings(got[0], source, target)
    if translated and target.vendor == "amplitude":
        return "init settings for Amplitude Configuration: set them by hand"
    if target.id == "amplitude-kotlin" and adapter.statement_of_call(m.node) is not None:
        return ("MixpanelAPI.getInstance() as a statement: Amplitude Kotlin has no shared instance; "
                "keep the Amplitude client in a field and migrate by hand")
    return None


# -- readers ---------------------------------------------------------------------------------------
def read_track(site: Site) -> ReadResult:
    adapter: Any = site.adapter
    problem = shape_problem(adapter, "track", site.match, site.pack)
    if problem is not None:
        return Review(problem)
    props = site.node("PROPS")
    if props is not None and props_container(site) == "json" and site.target.id == "amplitude-kotlin":
        props = adapter.json_map(props) or props
    return Read(Track(event=value_of(site, site.node("EVENT")),
                      props=value_of(site, props) if props is not None else None))


def read_identify(site: Site) -> ReadResult:
    problem = shape_problem(site.adapter, "identify", site.match, site.pack)
    if problem is not None:
        return Review(problem)
    return Read(Identify(value_of(site, site.node("ID"))))


def read_reset(site: Site) -> ReadResult:
    return Read(Reset())


def read_opt_out(site: Site) -> ReadResult:
    """``optOut = flag`` / ``setOptOut(flag)`` (Amplitude), ``optOutTracking()``/``optInTracking()``
    (Mixpanel: an opt-in with a distinct id or properties does more and is a review rule)."""
    flag = site.node("FLAG")
    if flag is not None:
        return Read(OptOut(value_of(site, flag)))
    name = _method(site.adapter, site.match.node)
    return Read(OptOut(synthetic("true" if name == "optOutTracking" else "false", "bool",
                                 "true" if name == "optOutTracking" else "false")))


def read_flush(site: Site) -> ReadResult:
    return Read(Flush(_method(site.adapter, site.match.node)))


def read_set_group(site: Site) -> ReadResult:
    return Read(SetGroup(value_of(site, site.node("TYPE")), value_of(site, site.node("NAME"))))


def read_profile(site: Site) -> ReadResult:
    adapter: Any = site.adapter
    problem = shape_problem(adapter, "profile", site.match, site.pack)
    if problem is not None:
        return Review(problem)
    got = _read_profile(adapter, site.match, site.source, site)
    assert not isinstance(got, str)
    arg = site.node("ARG")
    local = adapter.local_initializer(adapter.unwrap(arg)) if arg is not None and adapter.literal_kind(arg) == "name" else None
    if local is None:
        return Read(got)
    stmt = local[0]
    gone = remove_lines(site.parsed.source, stmt.start_byte, stmt.end_byte, "")
    return Read(got, removals=[Rewrite(gone.start, gone.end, "")])


def _read_profile(adapter: Any, m: Match, source: Any, site: Site | None = None) -> ProfileUpdate | str:
    """An Identify chain (Amplitude), ``setUserProperties(json)``/``identify(map)``, or one People
    call (Mixpanel) as a user ProfileUpdate. A string is the reason it cannot be read."""

    def val(node: Any) -> Value:
        if site is not None:
            return value_of(site, node)
        return Value(node_text(node), adapter.literal_kind(node), node.start_byte, node.end_byte, node=node)  # type: ignore[arg-type]

    caps = m.captures
    if source.vendor == "amplitude":
        if "PROPS" in caps:  # setUserProperties(JSONObject) / identify(Map): set every entry
            props = caps["PROPS"].node
            if adapter.literal_kind(props) == "null":
                return "user properties of null; decide by hand"
            return ProfileUpdate("user", (PropOp("set", None, val(props), spelled=_method(adapter, m.node)),), form="map")
        arg = caps["ARG"].node
        if adapter.literal_kind(arg) == "map":  # Amplitude Kotlin identify(userProperties: Map)
            return ProfileUpdate("user", (PropOp("set", None, val(arg), spelled="identify"),), form="map")
        root, links = chain(adapter, arg)
        if not is_new(adapter, root, "Identify") and adapter.literal_kind(arg) == "name":
            local = adapter.local_initializer(adapter.unwrap(arg))
            if local is not None:  # `val identify = Identify().set(...)` just before, used only here
                root, links = chain(adapter, local[1])
        if not is_new(adapter, root, "Identify"):
            return "the Identify is built elsewhere (not an inline Identify() chain); migrate by hand"
        ops: list[PropOp] = []
        for name, call in links:
            kind = source.neutral("user", name)
            if kind is None:
                return f"Identify.{name}() is not a profile operation this rewrite knows; migrate by hand"
            args = [adapter.argument_value(a) for a in _args(adapter, call)]
            if any(adapter.argument_label(a) is not None for a in _args(adapter, call)):
                return f"Identify.{name}() with labelled arguments; migrate by hand"
            want = 0 if kind == "clear_all" else 1 if kind == "unset" else 2
            if len(args) != want:
                return f"Identify.{name}() with {len(args)} arguments; migrate by hand"
            key = val(args[0]) if args else None
            value = val(args[1]) if want == 2 else None
            key_name = adapter.string_value(args[0]) if args else None
            ops.append(PropOp(kind, key, value, spelled=name, key_name=key_name))
        return ProfileUpdate("user", tuple(ops), form="pairs")
    # Mixpanel: one People call
    name = _method(adapter, m.node)
    args = [adapter.argument_value(a) for a in _args(adapter, m.node)]
    if name in PEOPLE_MAP_FORMS or (name in ("set", "setOnce", "increment") and len(args) == 1):
        if len(args) != 1:
            return f"people {name}() with {len(args)} arguments; migrate by hand"
        if name == "increment":
            return "increment(Map) adds to several properties: write one Identify().add(...) per key by hand"
        kind = PEOPLE_MAP_FORMS.get(name) or source.neutral("user", name)
        if kind != "set":
            return f"{name}(...) of several properties: Amplitude identify(Map) only sets; write an Identify by hand"
        return ProfileUpdate("user", (PropOp(kind, None, val(args[0]), spelled=name),), form="map")
    kind = source.neutral("user", name)
    if kind is None:
        return f"people {name}() has no Amplitude counterpart; migrate by hand"
    want = 1 if kind == "unset" else 2
    if len(args) != want:
        return f"people {name}() with {len(args)} arguments; migrate by hand"
    key_name = adapter.string_value(args[0])
    return ProfileUpdate("user", (PropOp(kind, val(args[0]), val(args[1]) if want == 2 else None, spelled=name,
                                         key_name=key_name),), form="pairs")


def read_init(site: Site) -> ReadResult:
    adapter: Any = site.adapter
    problem = shape_problem(adapter, "init", site.match, site.pack)
    if problem is not None:
        return Review(problem)
    got = _read_init(adapter, site.match, site.source, site)
    assert not isinstance(got, str)
    op, notes = got
    return Read(op, notes=notes)


def init_parts(adapter: Any, m: Match, source: Any) -> tuple[Any, Any, list[tuple[str, Any]]] | str:
    """(credential node, Context node, other (name, value node) options) of a creation."""
    caps = m.captures
    if source.vendor == "mixpanel" or source.id == LEGACY_SDK:
        return caps["KEY"].node, caps["CTX"].node, []
    config = adapter.unwrap(caps["CONFIG"].node)
    cls = adapter.created_class(config)
    parts = adapter.call_parts(config)
    if cls != "Configuration" and not (parts is not None and parts[0] is None and parts[1] == "Configuration"):
        return "Amplitude(...) without an inline Configuration(...); migrate by hand"
    key = ctx = None
    options: list[tuple[str, Any]] = []
    for i, arg in enumerate(_args(adapter, config)):
        label = adapter.argument_label(arg)
        value = adapter.argument_value(arg)
        name = label or ("apiKey" if i == 0 else "context" if i == 1 else None)
        if name is None:
            return "Configuration(...) with more than two positional arguments; migrate by hand"
        if name == "apiKey":
            key = value
        elif name == "context":
            ctx = value
        else:
            options.append((name, value))
    if key is None or ctx is None:
        return "Configuration(...) without apiKey and context; migrate by hand"
    return key, ctx, options


def _read_init(adapter: Any, m: Match, source: Any, site: Site | None = None) -> tuple[Init, list[str]] | str:
    got = init_parts(adapter, m, source)
    if isinstance(got, str):
        return got
    key, _ctx, options = got

    def val(node: Any) -> Value:
        if site is not None:
            return value_of(site, node)
        return Value(node_text(node), adapter.literal_kind(node), node=node)  # type: ignore[arg-type]

    entries = tuple(Entry(synthetic(name), val(v), name) for name, v in options)
    notes: list[str] = []
    if "APP" in m.captures:
        notes.append("enableForegroundTracking() has no Mixpanel call: session and app-open events come from "
                     "trackAutomaticEvents")
    if "AUTO" in m.captures:
        notes.append(f"trackAutomaticEvents ({node_text(m.captures['AUTO'].node)}) has no Amplitude counterpart: "
                     "Amplitude's automatic events are set with defaultTracking/autocapture in Configuration")
    return Init(val(key), options=entries), notes


def _noting(reader: Callable[[Site], ReadResult]) -> Callable[[Site], ReadResult]:
    """Add what only syntax can tell a reviewer (a Kotlin expression body's return type)."""

    def read(site: Site) -> ReadResult:
        got = reader(site)
        hook = getattr(site.adapter, "expression_body_note", None)
        note = hook(site.site) if hook is not None and isinstance(got, Read) else None
        if note is not None and isinstance(got, Read):
            got.notes.append(note)
        return got

    return read


READERS: dict[str, Callable[[Site], ReadResult]] = {
    name: _noting(reader)
    for name, reader in {
        "track": read_track,
        "identify": read_identify,
        "profile": read_profile,
        "reset": read_reset,
        "opt-out": read_opt_out,
        "set-group": read_set_group,
        "flush": read_flush,
        "init": read_init,
    }.items()
}
