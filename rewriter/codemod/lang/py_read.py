"""Python reader: matched SDK calls (libcst, via ``PyNode``) → operations.

Arguments are bound to the SDK's verified signatures (``python_sdk.SIGNATURES``), so positional
and keyword spellings read the same. Objects built a few lines up in the same block
(``event = BaseEvent(...)``, ``identify_obj = Identify(); identify_obj.set(...)``,
``options = EventOptions(...)``) are followed back when nothing else uses them, and their lines
are handed back as removals. Anything else is a ``Review`` with the reason; what a call means in
the other vendor is decided by ``ops.semantics``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from rewriter.codemod.lang.py_syntax import (
    bindings,
    bound,
    constructed,
    dict_entries,
    identify_ops,
    list_items,
    method_key,
    qualified,
)
from rewriter.codemod.lang.python_tree import ArgInfo, PyNode, is_none, string_value
from rewriter.codemod.ops.ir import (
    Entry,
    Flush,
    Init,
    ProfileUpdate,
    PropOp,
    Review,
    SetGroup,
    Track,
    Value,
)
from rewriter.codemod.ops.site import Read, ReadResult, Rewrite, Site

CONFIG_OBJECTS = re.compile(r"^(settings|config|Config|CONFIG|conf|app\.config|current_app\.config|env|ENV)$")
BASE_EVENT_FIELDS = ("insert_id", "ip", "groups", "time")
ARITY = {"unset": 1, "clear_all": 0}


# -- values ---------------------------------------------------------------------------------------
def value_of(site: Site, node: PyNode) -> Value:
    """A ``Value`` for an expression node: verbatim text plus its literal kind."""
    text = site.text(node)
    common = {"start": node.start_byte, "end": node.end_byte, "node": node}
    t = node.type
    if is_none(node):
        return Value(text, "null", **common)
    lit = string_value(node)
    if lit is not None:
        return Value(text, "string", literal=lit, **common)
    if t in ("Integer", "Float") or (t == "UnaryOperation" and node.children[-1].type in ("Integer", "Float")):
        return Value(text, "number", literal=text, **common)
    if t == "Name" and node.cst.value in ("True", "False"):  # type: ignore[attr-defined]
        return Value(text, "bool", literal=text, **common)
    if t == "Dict":
        entries = dict_entries(node)
        return Value(text, "map", entries=None if entries is None else tuple(
            Entry(value_of(site, e.key), value_of(site, e.value), string_value(e.key)) for e in entries
        ), **common)
    if t in ("List", "Tuple"):
        items = list_items(node)
        return Value(text, "list", items=None if items is None else tuple(value_of(site, i) for i in items), **common)
    if t == "Lambda":
        return Value(text, "function", **common)
    config = _config_name(node, text, site.source.vendor)
    if config is not None:
        return Value(text, "config", config_name=config, **common)
    if t == "Name":
        return Value(text, "name", **common)
    return Value(text, "other", **common)


def _config_name(node: PyNode, text: str, vendor: str) -> str | None:
    """``os.environ["K"]``, ``os.environ.get("K")``, ``os.getenv("K")``, ``settings.K``,
    ``app.config["K"]``, any attribute named after the vendor (``conf.AMPLITUDE_KEY``) or a getter
    call (``config.get("amplitude_key")``) → ``K``."""
    m = re.fullmatch(r"os\.(?:environ\[|environ\.get\(|getenv\()\s*(['\"])([^'\"]+)\1.*", text, re.S)
    if m:
        return m.group(2)
    if node.type == "Attribute":
        base = text.rsplit(".", 1)
        if len(base) == 2 and base[1].isidentifier() and (CONFIG_OBJECTS.match(base[0].strip()) or vendor in base[1].lower()):
            return base[1]
    if node.type == "Subscript":
        m = re.fullmatch(r"([\w.]+)\[\s*(['\"])([^'\"]+)\2\s*\]", text)
        if m and (CONFIG_OBJECTS.match(m.group(1)) or vendor in m.group(3).lower()):
            return m.group(3)
    if node.type == "Call":
        m = re.fullmatch(r"[\w.]*(?:get|config|env)\w*\(\s*(['\"])([^'\"]+)\1\s*\)", text, re.I)
        if m and vendor in m.group(2).lower():
            return m.group(2)
    return None


def _present(named: dict[str, ArgInfo], key: str) -> PyNode | None:
    a = named.get(key)
    return None if a is None or is_none(a.value) else a.value


# -- init -----------------------------------------------------------------------------------------
def read_init(site: Site) -> ReadResult:
    if site.source.vendor == "amplitude":
        return _init_amplitude(site)
    return _init_mixpanel(site)


def _init_amplitude(site: Site) -> ReadResult:
    """``Amplitude(KEY[, Config(...)])`` (the config inline or a single-use local)."""
    b = bound(site, site.site, "amplitude.Amplitude")
    if not b.ok or b.positional or b.stars:
        return Review("Amplitude(...) with unexpected or unpacked arguments; migrate by hand")
    if "api_key" not in b.named:
        return Review("Amplitude(...) without an API key")
    cfg = b.named.get("configuration")
    removals: list[Rewrite] = []
    options: list[Entry] = []
    if cfg is not None and not is_none(cfg.value):
        got = constructed(site, cfg.value, "amplitude.Config", "configuration")
        if isinstance(got, Review):
            return Review("Amplitude(...) with a computed configuration: map its options by hand")
        call, removals = got
        cb = bound(site, call, "amplitude.Config")
        if not cb.ok or cb.positional or cb.stars:
            return Review("Config(...) with unpacked arguments: map its options by hand")
        options = [Entry(value_of(site, a.node), value_of(site, a.value), name) for name, a in cb.named.items()]
    return Read(Init(credential=value_of(site, b.named["api_key"].value), options=tuple(options)), removals)


def _init_mixpanel(site: Site) -> ReadResult:
    """``Mixpanel(TOKEN[, consumer=Consumer(api_host=...)])``: the consumer's host is the residency."""
    b = bound(site, site.site, "mixpanel.Mixpanel")
    if not b.ok or b.positional or b.stars:
        return Review("Mixpanel(...) with unexpected or unpacked arguments; migrate by hand")
    if "token" not in b.named:
        return Review("Mixpanel(...) without a token")
    options: list[Entry] = []
    for name, arg in b.named.items():
        if name == "token":
            continue
        if name == "consumer" and not is_none(arg.value):
            host = _consumer_host(site, arg.value)
            if isinstance(host, Review):
                return host
            if host is not None:
                options.append(Entry(value_of(site, host), value_of(site, host), "api_host"))
        options.append(Entry(value_of(site, arg.node), value_of(site, arg.value), name))
    return Read(Init(credential=value_of(site, b.named["token"].value), options=tuple(options)))


def _consumer_host(site: Site, node: PyNode) -> PyNode | None | Review:
    """The ``api_host`` argument of a literal Consumer/BufferedConsumer (inline or a consumer variable)."""
    call = node
    data = bindings(site)
    if node.type in ("Name", "Attribute"):
        hit = None
        if node.type == "Name":
            ref = data.referent(node)
            hit = data.instances.get(id(getattr(ref, "node", None))) if ref is not None else None
        else:
            owner = data._self_class(node.children[0])
            if owner is not None:
                hit = data.fields.get(id(owner.cst), {}).get(node.cst.attr.value)  # type: ignore[attr-defined]
        if hit is None:
            return Review("the consumer is not built in this file; map its host by hand")
        assign = hit[1].children[0] if hit[1].children else None
        if assign is None or assign.type not in ("Assign", "AnnAssign"):
            return Review("the consumer is not built by a plain assignment; map its host by hand")
        call = assign.children[-1]
    if call.type != "Call" or qualified(site, call.children[0]) not in ("mixpanel.Consumer", "mixpanel.BufferedConsumer"):
        return Review("the consumer is not a literal Consumer/BufferedConsumer; map it by hand")
    cb = bound(site, call)
    if cb.stars:
        return Review("Consumer(...) with unpacked arguments; map it by hand")
    for name in ("events_url", "people_url", "import_url", "groups_url"):
        if name in cb.named and not is_none(cb.named[name].value):
            return Review(f"Consumer({name}=...) sets a custom endpoint; configure Amplitude server_url by hand")
    host = cb.named.get("api_host")
    return None if host is None or is_none(host.value) else host.value


# -- track ----------------------------------------------------------------------------------------
def read_track(site: Site) -> ReadResult:
    if site.source.vendor == "amplitude":
        return _track_base_event(site)
    callee = site.site.children[0]
    if callee.type == "Attribute" and callee.cst.attr.value == "import_data":  # type: ignore[attr-defined]
        return _import_data(site)
    b = bound(site, site.site, method_key(site, "track"))
    if not b.ok or b.positional or b.stars:
        return Review("track(...) with unpacked or unknown arguments; migrate by hand")
    if _present(b.named, "meta") is not None:
        return Review("track(meta=...) adds top-level fields to the Mixpanel message; no Amplitude equivalent")
    props = _present(b.named, "properties")
    return Read(Track(event=value_of(site, b.named["event_name"].value), user=value_of(site, b.named["distinct_id"].value),
                      props=value_of(site, props) if props is not None else None))


def _import_data(site: Site) -> ReadResult:
    """``import_data(key, id, name, ts_seconds, props)``: a track with an explicit time."""
    b = bound(site, site.site, method_key(site, "import_data"))
    if not b.ok or b.positional or b.stars:
        return Review("import_data(...) with unpacked or unknown arguments; migrate by hand")
    for need in ("distinct_id", "event_name", "timestamp"):
        if need not in b.named:
            return Review(f"import_data(...) without {need}; migrate by hand")
    if _present(b.named, "meta") is not None:
        return Review("import_data(meta=...) adds top-level fields to the Mixpanel message; no Amplitude equivalent")
    props = _present(b.named, "properties")
    track = Track(event=value_of(site, b.named["event_name"].value), user=value_of(site, b.named["distinct_id"].value),
                  props=value_of(site, props) if props is not None else None,
                  fields=(("time_seconds", value_of(site, b.named["timestamp"].value)),))
    return Read(track, notes=["import_data timestamp (seconds) became the event time (milliseconds); "
                              "the Mixpanel api_key/api_secret were dropped"])


def _track_base_event(site: Site) -> ReadResult:
    """``client.track(BaseEvent(...))`` (the event inline or a single-use local)."""
    got = constructed(site, site.node("EVENT"), "amplitude.BaseEvent", "event")
    if isinstance(got, Review):
        return got
    call, removals = got
    b = bound(site, call, "amplitude.BaseEvent")
    if not b.ok or b.positional or b.stars:
        return Review("BaseEvent(...) with unpacked or unknown arguments; migrate by hand")
    event = _present(b.named, "event_type")
    if event is None:
        return Review("BaseEvent without an event_type")
    fields: list[tuple[str, Value]] = []
    unknown: list[str] = []
    for key, arg in b.named.items():
        if key in ("event_type", "user_id", "device_id", "event_properties") or is_none(arg.value):
            continue
        if key in BASE_EVENT_FIELDS:
            fields.append((key, value_of(site, arg.value)))
        else:
            unknown.append(key)
    uid, did, props = (_present(b.named, k) for k in ("user_id", "device_id", "event_properties"))
    track = Track(event=value_of(site, event), props=value_of(site, props) if props is not None else None,
                  user=value_of(site, uid) if uid is not None else None,
                  device=value_of(site, did) if did is not None else None, fields=tuple(fields), unknown=tuple(unknown))
    return Read(track, removals)


# -- profiles -------------------------------------------------------------------------------------
def _user_from_options(site: Site, node: PyNode | None) -> tuple[Value, list[Rewrite], str | None] | Review:
    """The distinct id from ``EventOptions(user_id=...)`` (inline or a local), plus removals and a note."""
    if node is None or is_none(node):
        return Review("no EventOptions(user_id=...): Mixpanel profile updates need the distinct id")
    got = constructed(site, node, "amplitude.EventOptions", "event options")
    if isinstance(got, Review):
        return got
    call, removals = got
    b = bound(site, call, "amplitude.EventOptions")
    if not b.ok or b.positional or b.stars:
        return Review("EventOptions(...) with unpacked or unknown arguments; migrate by hand")
    other = [k for k, a in b.named.items() if k not in ("user_id", "device_id") and not is_none(a.value)]
    if other:
        return Review("EventOptions fields with no Mixpanel profile-update equivalent: " + ", ".join(other))
    uid, did = _present(b.named, "user_id"), _present(b.named, "device_id")
    if uid is not None:
        return value_of(site, uid), removals, None
    if did is not None:
        return value_of(site, did), removals, "device_id-only options: the device id became the distinct_id"
    return Review("EventOptions without user_id or device_id: Mixpanel needs a distinct id")


def _identify_ops(site: Site, node: PyNode | None, scope: str) -> tuple[list[PropOp], list[Rewrite]] | Review:
    got = identify_ops(site, node)
    if isinstance(got, Review):
        return got
    chain, removals = got
    ops: list[PropOp] = []
    for method, args, _call in chain:
        kind = site.source.neutral(scope, method)  # type: ignore[arg-type]
        if kind is None:
            return Review(f"Identify.{method} has no faithful equivalent here")
        want = ARITY.get(method, 2)
        if kind not in ("clear_all", "prepend", "pre_insert") and (
            len(args) != want or any(a.kw is not None or a.star for a in args)
        ):
            return Review(f"Identify.{method} called with unusual arguments (expected {want}); migrate by hand")
        key = value_of(site, args[0].value) if args else None
        value = value_of(site, args[1].value) if len(args) > 1 else None
        name = (key.literal if key.kind == "string" else key.text) if key is not None else None
        ops.append(PropOp(kind, key, value, spelled=method, key_name=name))
    return ops, removals


def read_profile(site: Site) -> ReadResult:
    if site.source.vendor == "amplitude":
        b = bound(site, site.site, method_key(site, "identify"))
        if not b.ok or b.positional or b.stars:
            return Review("identify(...) with unpacked or unknown arguments; migrate by hand")
        if _present(b.named, "event_properties") is not None:
            return Review("identify(event_properties=...): Mixpanel profile updates carry no event properties")
        got = _identify_ops(site, _present(b.named, "identify_obj"), "user")
        if isinstance(got, Review):
            return got
        ops, removals = got
        who = _user_from_options(site, _present(b.named, "event_options"))
        if isinstance(who, Review):
            return who
        uid, more, note = who
        return Read(ProfileUpdate("user", tuple(ops), user=uid), [*removals, *more], [note] if note else [])
    return _people(site, "user")


def read_group_profile(site: Site) -> ReadResult:
    if site.source.vendor == "mixpanel":
        return _people(site, "group")
    b = bound(site, site.site, method_key(site, "group_identify"))
    if not b.ok or b.positional or b.stars or "group_type" not in b.named or "group_name" not in b.named:
        return Review("group_identify(...) with unusual arguments; migrate by hand")
    for extra in ("event_properties", "user_properties"):
        if _present(b.named, extra) is not None:
            return Review(f"group_identify({extra}=...) has no Mixpanel group-profile equivalent")
    got = _identify_ops(site, _present(b.named, "identify_obj"), "group")
    if isinstance(got, Review):
        return got
    ops, removals = got
    notes = []
    if _present(b.named, "event_options") is not None:
        notes.append("the event options of group_identify were dropped (Mixpanel group updates need no user)")
    update = ProfileUpdate("group", tuple(ops), group_type=value_of(site, b.named["group_type"].value),
                           group_id=value_of(site, b.named["group_name"].value))
    return Read(update, removals, notes)


def read_set_group(site: Site) -> ReadResult:
    b = bound(site, site.site, method_key(site, "set_group"))
    if not b.ok or b.positional or b.stars or "group_type" not in b.named or "group_name" not in b.named:
        return Review("set_group(...) with unusual arguments; migrate by hand")
    who = _user_from_options(site, _present(b.named, "event_options"))
    if isinstance(who, Review):
        return who
    uid, more, note = who
    op = SetGroup(value_of(site, b.named["group_type"].value), value_of(site, b.named["group_name"].value), uid)
    return Read(op, more, [note] if note else [])


def _people(site: Site, scope: str) -> ReadResult:
    """``people_<op>(id, {...})`` / ``group_<op>(key, id, {...})``."""
    method = site.cap("OP")
    kind = site.source.neutral(scope, method)  # type: ignore[arg-type]
    if kind is None:
        return Review(f"{method} has no Amplitude Identify equivalent; migrate by hand")
    b = bound(site, site.site, method_key(site, method))
    need = ("distinct_id",) if scope == "user" else ("group_key", "group_id")
    if not b.ok or b.positional or b.stars or any(n not in b.named for n in need):
        return Review(f"{method}(...) with unusual arguments; migrate by hand")
    if _present(b.named, "meta") is not None:
        return Review(f"{method}(meta=...) adds top-level fields to the Mixpanel message; no Amplitude equivalent")
    props = _present(b.named, "properties")
    if props is None:
        return Review(f"{method} without properties; migrate by hand")
    ops: list[PropOp] = []
    if kind == "unset":
        items = list_items(props)
        if items is None:
            return Review("people_unset/group_unset of a non-literal list: chain Identify.unset() per key by hand")
        ops = [PropOp(kind, value_of(site, i), None, spelled=method, key_name=string_value(i)) for i in items]
        if not ops:
            return Review("unset of an empty list")
    else:
        entries = dict_entries(props)
        if entries is None:
            return Review(f"{method} with a non-literal properties dict: build an Identify from it by hand "
                          "(Amplitude has no dict form)")
        ops = [PropOp(kind, value_of(site, e.key), value_of(site, e.value), spelled=method, key_name=string_value(e.key))
               for e in entries]
        if not ops:
            return Review(f"{method} of an empty dict: nothing to migrate")
    if scope == "user":
        return Read(ProfileUpdate("user", tuple(ops), user=value_of(site, b.named["distinct_id"].value), form="map"))
    return Read(ProfileUpdate("group", tuple(ops), group_type=value_of(site, b.named["group_key"].value),
                              group_id=value_of(site, b.named["group_id"].value), form="map"))


def read_flush(site: Site) -> ReadResult:
    what = site.site.children[0].cst.attr.value  # type: ignore[attr-defined]
    return Read(Flush(method=what))


READERS: dict[str, Callable[[Site], ReadResult]] = {
    "init": read_init,
    "track": read_track,
    "profile": read_profile,
    "group-profile": read_group_profile,
    "set-group": read_set_group,
    "flush": read_flush,
}
