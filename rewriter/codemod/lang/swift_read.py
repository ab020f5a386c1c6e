"""Swift reader: matched SDK calls → operations.

Only syntax lives here. Swift labels its arguments, so every value is read by label from the call
(``labelled``), whatever order the pattern bound it in. ``shape_problem`` says why a matched call
cannot be read (the adapter asks before binding a client, so a client is never half migrated); the
``read_*`` functions turn the accepted shapes into operations. The checks and the reads are one
code path (``_read``), run with plain node text for the check and with the rendered text (inner
rewrites applied) for the read.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tree_sitter import Node

from rewriter.codemod.lang.swift import (
    argument_label,
    call_arguments,
    call_parts,
    labelled,
    nav_name,
    nav_target,
    unwrap,
)
from rewriter.codemod.lang.ts_base import node_text
from rewriter.codemod.match.patterns import Match
from rewriter.codemod.ops.ir import (
    Entry,
    Flush,
    Identify,
    Init,
    Op,
    ProfileUpdate,
    PropOp,
    Reset,
    Review,
    SetGroup,
    Track,
    Value,
)
from rewriter.codemod.ops.profiles import SdkProfile, load_profile
from rewriter.codemod.ops.site import Read, ReadResult, Site
from rewriter.codemod.packs.loader import RulePack

Text = Callable[[Node], str]

PROPERTY_TYPES = "Mixpanel property values must be MixpanelType (String, numbers, Bool, Date, URL, arrays and dictionaries of these)"

NOT_PROPERTIES = (
    "the properties are not a dictionary literal: Mixpanel Swift takes Properties ([String: MixpanelType]), "
    "not [String: Any] (trap 22); convert them by hand"
)


def kind_of(node: Node | None) -> str:
    """The literal kind of an expression (``ir.ValueKind``), read from syntax alone."""
    node = unwrap(node)
    if node is None:
        return "other"
    t = node.type
    if t == "nil_literal":
        return "null"
    if t == "line_string_literal":
        return "string"
    if t in ("integer_literal", "real_literal", "hex_literal") or (
        t == "prefix_expression" and node.child_count == 2 and node.children[1].type in ("integer_literal", "real_literal")
    ):
        return "number"
    if t == "boolean_literal":
        return "bool"
    if t == "dictionary_literal":
        return "map"
    if t == "array_literal":
        return "list"
    if t == "simple_identifier":
        return "name"
    return "other"


def _literal(node: Node) -> str | None:
    node = unwrap(node)  # type: ignore[assignment]
    if node is None or node.type != "line_string_literal" or node.child_by_field_name("interpolation") is not None:
        return None
    return "".join(node_text(c) for c in node.children if c.type == "line_str_text")


def _value(text: Text, node: Node) -> Value:
    kind = kind_of(node)
    literal = _literal(node) if kind == "string" else None
    if kind == "bool":
        literal = node_text(node)
    entries = None
    if kind == "map":
        entries = tuple(Entry(_value(text, k), _value(text, v), _literal(k)) for k, v in dict_entries(node))
    return Value(text(node), kind, node.start_byte, node.end_byte, literal=literal, entries=entries, node=node)  # type: ignore[arg-type]


def value_of(site: Site, node: Any) -> Value:
    return _value(site.text, node)


def dict_entries(node: Node) -> list[tuple[Node, Node]]:
    """``[k: v, ...]`` as (key, value) nodes."""
    keys = node.children_by_field_name("key")
    values = node.children_by_field_name("value")
    return list(zip(keys, values, strict=False))


def _call_node(m: Match) -> Node:
    return m.node  # type: ignore[no-any-return]


def client_of(call: Node) -> Node | None:
    """The client expression a call is made on (``mp`` of ``mp.people.set(...)``)."""
    parts = call_parts(call)
    if parts is None or parts[0] is None:
        return None
    recv = parts[0]
    name = nav_name(recv) if recv.type == "navigation_expression" else None
    if name is not None and node_text(name) == "people":  # x.people.set(...)
        return nav_target(recv)
    return recv


def is_shared(node: Node | None, pack: RulePack) -> bool:
    """The client is a shared-instance call (``Amplitude.instance()``, ``Mixpanel.mainInstance()``)."""
    node = unwrap(node)
    parts = call_parts(node)
    return (
        parts is not None and parts[0] is not None and parts[1] in pack.bind.instances
        and node_text(parts[0]) in pack.bind.classes and not call_arguments(node)  # type: ignore[arg-type]
    )


def _receiver_problem(call: Node, pack: RulePack, target: SdkProfile) -> str | None:
    if is_shared(client_of(call), pack) and not target.methods.get("shared"):
        return (f"{target.id} has no shared instance ({node_text(client_of(call))}): create one client "
                f"(let {pack.target.name} = ...) and call it here")
    return None


# -- the reads -------------------------------------------------------------------------------------
def _read(op: str, m: Match, pack: RulePack, text: Text) -> Op | str:
    """The operation of the call matched by ``m``, or why it cannot be read."""
    source, target = load_profile(pack.sdk), load_profile(pack.target.sdk)
    call = _call_node(m)
    if op == "init":
        if not target.methods.get("shared") and call.parent is not None and call.parent.type in ("statements", "source_file"):
            return (f"{target.id} has no shared instance: the client this call makes must be kept "
                    f"(let {pack.target.name} = ...) and used where the shared instance was")
        return _init(call, source, target, text)
    problem = _receiver_problem(call, pack, target)
    if problem is not None:
        return problem
    caps = m.captures
    if op == "track":
        event = caps["EVENT"].node if "EVENT" in caps else None
        props = caps["PROPS"].node if "PROPS" in caps else None
        if event is None or kind_of(event) == "null":
            return "track() without an event name"
        if props is not None and source.vendor == "amplitude" and kind_of(props) not in ("map", "null"):
            return NOT_PROPERTIES
        return Track(event=_value(text, event), props=_value(text, props) if props is not None else None)
    if op == "identify":
        user = caps["ID"].node if "ID" in caps else None
        if user is None:
            return "identify without a user id"
        return Identify(_value(text, user))
    if op == "reset":
        return Reset()
    if op == "flush":
        return Flush(call_parts(call)[1])  # type: ignore[index]
    if op == "set-group":
        kind, name = (caps.get("TYPE") or caps.get("KEY")), (caps.get("NAME") or caps.get("ID"))
        if kind is None or name is None:
            return "setGroup without a group type and name"
        if kind_of(name.node) == "list":
            return "several group names: the other SDK's setGroup takes one"
        return SetGroup(_value(text, kind.node), _value(text, name.node))
    if op == "profile":
        return _profile(call, m, source, text)
    return f"no Swift reader for {op}"


def _init(call: Node, source: SdkProfile, target: SdkProfile, text: Text) -> Op | str:
    parts = call_parts(call)
    method = parts[1] if parts else ""
    args = labelled(call)
    if source.vendor == "mixpanel":
        token = args.get("token")
        if token is None:
            return "initialize(options:) or an unknown initialize(): read the options by hand" if "options" not in args \
                else source.init.review.get("options", "initialize(options:)")
        opts = tuple(Entry(Value(label), _value(text, v), label) for label, v in args.items() if label != "token")
        return Init(credential=_value(text, token), options=opts)
    if method == "initializeApiKey":  # legacy: initializeApiKey(_:userId:)
        key = args.get("_")
        if key is None:
            return "initializeApiKey without a key"
        user = args.get("userId")
        return Init(credential=_value(text, key), user=_value(text, user) if user is not None else None)
    config = unwrap(args.get("configuration"))
    cparts = call_parts(config)
    if config is None or cparts is None or cparts[0] is not None or cparts[1] != source.methods.get("config", "Configuration"):
        return "the Configuration is built elsewhere: read its options by hand"
    cargs = labelled(config)
    if "apiKey" not in cargs or any(argument_label(a) is None for a in call_arguments(config)):
        return "Configuration without apiKey: read its options by hand"
    opts = tuple(Entry(Value(label), _value(text, v), label) for label, v in cargs.items() if label != "apiKey")
    return Init(credential=_value(text, cargs["apiKey"]), options=opts)


def _profile(call: Node, m: Match, source: SdkProfile, text: Text) -> Op | str:
    ops: list[PropOp] = []
    if source.vendor == "mixpanel":  # people.set(properties:) / set(property:to:) / increment(property:by:)
        method = call_parts(call)[1]  # type: ignore[index]
        kind = source.neutral("user", method)
        if kind is None:
            return f"people.{method} has no mapping"
        args = labelled(call)
        if "properties" in args and len(args) == 1:
            props = unwrap(args["properties"])
            if kind == "unset":
                if props is None or props.type != "array_literal":
                    return "people.unset with a list built elsewhere"
                for el in props.children_by_field_name("element"):
                    ops.append(PropOp(kind, _value(text, el), None, method, _literal(el)))
            else:
                if props is None or props.type != "dictionary_literal":
                    return f"people.{method} with properties built elsewhere"
                for k, v in dict_entries(props):
                    ops.append(PropOp(kind, _value(text, k), _value(text, v), method, _literal(k)))
        elif set(args) in ({"property", "to"}, {"property", "by"}):
            key, value = args["property"], args.get("to") or args.get("by")
            ops.append(PropOp(kind, _value(text, key), _value(text, value), method, _literal(key)))  # type: ignore[arg-type]
        else:
            return f"people.{method}({', '.join(f'{k}:' for k in args)}) is not a shape the Swift reader knows"
        return ProfileUpdate("user", tuple(ops), form="map")
    caps = m.captures
    if "PROPS" in caps:  # legacy setUserProperties([...])
        props = unwrap(caps["PROPS"].node)
        if props is None or props.type != "dictionary_literal":
            return "setUserProperties with properties built elsewhere"
        for k, v in dict_entries(props):
            ops.append(PropOp("set", _value(text, k), _value(text, v), "setUserProperties", _literal(k)))
        return ProfileUpdate("user", tuple(ops), form="map")
    chain = unwrap(caps["IDENTIFY"].node) if "IDENTIFY" in caps else None
    builder = source.methods.get("identify_builder", "Identify")
    links: list[Node] = []
    cur = chain
    while True:
        parts = call_parts(cur)
        if parts is None:
            return "the Identify is built elsewhere (a variable or a helper; trap 8)"
        if parts[0] is None:
            if parts[1] != builder or call_arguments(cur):  # type: ignore[arg-type]
                return "the Identify is built elsewhere (a variable or a helper; trap 8)"
            break
        links.append(cur)  # type: ignore[arg-type]
        cur = unwrap(parts[0])
    for link in reversed(links):
        method = call_parts(link)[1]  # type: ignore[index]
        kind = source.neutral("user", method)
        if kind is None:
            return f"Identify().{method} has no mapping"
        args = labelled(link)
        key = args.get("property")
        if kind == "clear_all":
            ops.append(PropOp(kind, None, None, method))
            continue
        if key is None or (kind != "unset" and "value" not in args):
            return f"Identify().{method} with unexpected arguments"
        value = args.get("value")
        ops.append(PropOp(kind, _value(text, key), _value(text, value) if value is not None else None, method, _literal(key)))
    return ProfileUpdate("user", tuple(ops), form="map")


def shape_problem(op: str, m: Match, pack: RulePack) -> str | None:
    """Why the call matched by ``m`` cannot be read into ``op`` (None: it can)."""
    got = _read(op, m, pack, node_text)
    return got if isinstance(got, str) else None


def _reader(op: str) -> Callable[[Site], ReadResult]:
    def read(site: Site) -> ReadResult:
        got = _read(op, site.match, site.pack, site.text)
        if isinstance(got, str):
            return Review(got)
        notes = []
        if isinstance(got, Track) and got.props is not None and not got.props.is_null and site.target.vendor == "mixpanel":
            notes.append(PROPERTY_TYPES)
        return Read(got, notes=notes)

    read.__name__ = f"read_{op.replace('-', '_')}"
    return read


READERS: dict[str, Callable[[Site], ReadResult]] = {
    op: _reader(op) for op in ("init", "track", "identify", "reset", "set-group", "profile", "flush")
}
