"""JavaScript/TypeScript printer: translated operations → source text for one target SDK.

It decides layout only: how a call is spelled for the target profile (``people.set`` vs
``groups.set(k, id, ...)``, ``const mixpanel = Mixpanel.init(...)`` for the Node factory), object
literal shapes, statement separators and indentation copied from the site, the file's quotes.
Semantics already decided *what* to write; the imports a rewrite needs are added by the adapter.
"""

from __future__ import annotations

import re

from rewriter.codemod.lang.javascript import _unwrap
from rewriter.codemod.lang.js_syntax import eol, statement_indent
from rewriter.codemod.ops.ir import (
    Identify,
    Init,
    Op,
    OptOut,
    ProfileUpdate,
    PropOp,
    Reset,
    Review,
    Track,
    Translation,
    Value,
)
from rewriter.codemod.ops.site import Emitted, Rewrite, Site

IDENT = re.compile(r"^[A-Za-z_$][\w$]*$")


def emit(tr: Translation, site: Site) -> Emitted | Review:
    """Text for the whole site: one statement per target call, joined the way the site is laid out."""
    calls: list[str] = []
    for op in tr.ops:
        got = _emit_one(op, site, tr)
        if isinstance(got, Review):
            return got
        calls.extend(got)
    if not calls:
        return Review("nothing to write for this call; remove it by hand")
    text = _join(site, calls)
    if isinstance(text, Review):
        return text
    return Emitted([Rewrite(site.site.start_byte, site.site.end_byte, text)], needs={site.client})


def _emit_one(op: Op, site: Site, tr: Translation) -> list[str] | Review:
    if isinstance(op, Init):
        return _init(op, site)
    if isinstance(op, Identify):
        return [f"{site.client}.identify({op.user.text})"] if site.target.vendor == "mixpanel" else [
            f"{site.client}.setUserId({op.user.text})"
        ]
    if isinstance(op, Reset):
        return [f"{site.client}.reset()"]
    if isinstance(op, OptOut):
        return [_opt_out(op, site)]
    if isinstance(op, Track):
        return _track(op, site)
    if isinstance(op, ProfileUpdate):
        if site.target.vendor == "mixpanel":
            return _people_calls(op, site)
        return [_identify_call(op, site)]
    return Review(f"no JavaScript printer for {type(op).__name__}")


def _join(site: Site, calls: list[str]) -> str | Review:
    if len(calls) == 1:
        return calls[0]
    stmt = site.adapter.statement_of(site.site)
    if stmt is None:
        return Review("this call expands to several calls but is used inside an expression; migrate by hand")
    src = site.parsed.source
    semi = stmt.text.rstrip().endswith(b";")
    sep = (";" if semi else "") + eol(src) + statement_indent(src, stmt.start_byte)
    return sep.join(calls)


def _opt_out(op: OptOut, site: Site) -> str:
    c = site.client
    flag = op.flag.literal if op.flag.kind == "bool" else None
    if site.target.vendor == "amplitude":
        return f"{c}.setOptOut({flag if flag is not None else op.flag.text})"
    out, back = f"{c}.opt_out_tracking({{ delete_user: false }})", f"{c}.opt_in_tracking()"
    if flag is None:
        return f"({op.flag.text} ? {out} : {back})"
    return out if flag == "true" else back


# -- init -----------------------------------------------------------------------------------------
def _already_initialised(site: Site, names: list[str]) -> Review | None:
    """The target SDK is initialised in this file already (dual tracking, or an earlier run that
    kept the source client for sites left for review): a second init would be wrong."""
    for name in names:
        if re.search(rf"(?<![\w$.]){re.escape(name)}\.init\s*\(".encode(), site.parsed.source):
            return Review(f"this file already calls {name}.init(); migrate the remaining client by hand")
    return None


def _init(op: Init, site: Site) -> list[str] | Review:
    if site.option("constructor"):
        return _constructed_init(op, site)
    factory = site.option("factory") if site.target.vendor == "mixpanel" and site.target.is_server else None
    done = _already_initialised(site, [factory or "Mixpanel"] if factory else [site.client])
    if done:
        return done
    q = op.credential.text[:1] if op.credential.kind == "string" else "'"
    region = ", " + _settings(op.settings, q) if op.settings else ""
    if factory:
        stmt = site.adapter.statement_of(site.site)
        if stmt is None or stmt.parent is None or stmt.parent.type != "program":
            return Review("Node init() must become `const mixpanel = Mixpanel.init(...)` at module level")
        return [f"const {site.client} = {factory}.init({op.credential.text}{region})"]
    awaited = site.site.parent is not None and site.site.parent.type == "await_expression"
    promise = ".promise" if awaited and site.target.vendor == "amplitude" else ""  # init returns { promise }
    return [f"{site.client}.init({op.credential.text}{region}){promise}"]


# -- init of a constructed client (mixpanel-react-native target) -----------------------------------
CONSTRUCTED_INIT = ("optOutTrackingDefault", "superProperties", "serverURL")


def _constructed_init(op: Init, site: Site) -> list[str] | Review:
    """``const mixpanel = new Mixpanel(token, false)`` + ``[await] mixpanel.init(...)`` at module
    level, where every function of the file sees the client (rule option ``constructor``)."""
    ctor = site.option("constructor")
    done = _already_initialised(site, [site.client])
    if done:
        return done
    stmt = site.adapter.statement_of(site.site)
    if stmt is None or stmt.parent is None or stmt.parent.type != "program":
        return Review(f"init() inside a function or expression: {ctor} needs `const {site.client} = new {ctor}(token, "
                      "trackAutomaticEvents)` where every caller sees it; move the init by hand")
    known = dict(op.settings)
    if set(known) - set(CONSTRUCTED_INIT):
        return Review("init settings with no " + ctor + " init() argument: " + ", ".join(sorted(set(known) - set(CONSTRUCTED_INIT))))
    q = op.credential.text[:1] if op.credential.kind == "string" else "'"
    args = [
        "false" if known.get("optOutTrackingDefault") is None else str(known["optOutTrackingDefault"]).lower(),
        "{}",
        f"{q}{known['serverURL']}{q}" if "serverURL" in known else "",
    ]
    while args and args[-1] in ("", "{}", "false"):
        args.pop()
    awaited = "await " if site.site.type == "await_expression" else ""
    return [f"const {site.client} = new {ctor}({op.credential.text}, false)", f"{awaited}{site.client}.init({', '.join(args)})"]


def _settings(settings: tuple[tuple[str, str | bool], ...], q: str) -> str:
    """``{ api_host: '…', trackingOptions: { ipAddress: false } }`` from dotted names."""
    tree: dict[str, object] = {}
    for name, value in settings:
        *path, last = name.split(".")
        node = tree
        for part in path:
            node = node.setdefault(part, {})  # type: ignore[assignment]
        node[last] = value  # type: ignore[index]

    def lit(v: object) -> str:
        if isinstance(v, dict):
            return "{ " + ", ".join(f"{_key(k)}: {lit(x)}" for k, x in v.items()) + " }"
        if isinstance(v, bool):
            return "true" if v else "false"
        return f"{q}{v}{q}"

    return lit(tree)


# -- track (server) -------------------------------------------------------------------------------
def _key(name: str) -> str:
    return name if IDENT.match(name) else f"'{name}'"


def _track(op: Track, site: Site) -> list[str] | Review:
    event = op.event.text
    if site.target.vendor == "mixpanel":
        entries = [("distinct_id", op.user.text if op.user else "")] + [(k, v.text) for k, v in op.extra_props]
        entry = ", ".join(f"{_key(k)}: {v}" for k, v in entries)
        props = op.props
        pnode = _unwrap(props.node) if props is not None and props.node is not None else None
        if props is None or props.is_null:
            new_props = "{ " + entry + " }"
        elif pnode is not None and pnode.type == "object":
            new_props = _insert_into_object(props.text, entry)
        else:
            new_props = "{ ..." + props.text + ", " + entry + " }"
        return [f"{site.client}.track({event}, {new_props})"]
    opts = [("user_id", op.user.text if op.user else "")]
    for name, value in op.fields:
        if name == "time_seconds":
            opts.append(("time", f"Math.round({value.text} * 1000)"))
        else:
            opts.append((name, value.text))
    props_text = _map_text(op.props) if op.props is not None else "{}"
    body = ", ".join(f"{k}: {v}" for k, v in opts)
    return [f"{site.client}.track({event}, {props_text}, {{ {body} }})"]


def _map_text(value: Value) -> str:
    """A props object: the source text, or rebuilt from its remaining entries when semantics moved some."""
    if value.text:
        return value.text
    parts = []
    for e in value.entries or ():
        parts.append(e.key.text if e.key.node is e.value.node else f"{e.key.text}: {e.value.text}")
    return "{ " + ", ".join(parts) + " }" if parts else "{}"


def _insert_into_object(text: str, entry: str) -> str:
    """Object literal ``text`` with ``entry`` appended as its last property."""
    inner = text[1:-1]
    body = inner.rstrip()
    if not body.strip():
        return "{ " + entry + " }"
    trailing = inner[len(body) :]
    if body.endswith(","):
        return "{" + body + " " + entry + "," + trailing + "}"
    return "{" + body + ", " + entry + trailing + "}"


# -- profiles → Mixpanel --------------------------------------------------------------------------
def _key_source(key: Value) -> str:
    """A key expression usable inside an object literal: strings/names verbatim, others computed."""
    node = key.node
    if node is not None and node.type in ("string", "number", "property_identifier"):
        return key.text
    return f"[{key.text}]"


def _grouped(ops: tuple[PropOp, ...]) -> list[tuple[str, list[PropOp]]]:
    groups: dict[str, list[PropOp]] = {}
    for p in ops:
        groups.setdefault(p.spelled, []).append(p)
    return list(groups.items())


def _people_calls(op: ProfileUpdate, site: Site) -> list[str] | Review:
    server = site.target.is_server
    if "people" in site.target.methods:
        return _accessor_calls(op, site)
    calls = []
    for method, entries in _grouped(op.ops):
        if op.scope == "group":
            t, n = op.group_type.text, op.group_id.text  # type: ignore[union-attr]
            recv = f"{site.client}.groups.{method}({t}, {n}, " if server else f"{site.client}.get_group({t}, {n}).{method}("
            if method == "unset":
                if len(entries) > 1:
                    return Review("Mixpanel group unset takes one property per call here")
                calls.append(f"{recv}{entries[0].key.text})")  # type: ignore[union-attr]
            elif method in ("union", "remove"):
                if len(entries) > 1:
                    return Review(f"several {method} operations on one group; migrate by hand")
                k, v = entries[0].key, entries[0].value
                calls.append(f"{recv}{k.text}, {v.text})" if not server else f"{recv}{{ {_key_source(k)}: {v.text} }})")  # type: ignore[union-attr]
            else:
                calls.append(_pairs_call(recv, entries))
            continue
        lead = f"{op.user.text}, " if server and op.user is not None else ""
        people = f"{site.client}.people.{method}("
        if method == "unset":
            keys = [p.key.text for p in entries]  # type: ignore[union-attr]
            arg = keys[0] if len(keys) == 1 else "[" + ", ".join(keys) + "]"
            calls.append(f"{people}{lead}{arg})")
        elif len(entries) == 1 and (not server or method not in ("union", "remove")):
            calls.append(f"{people}{lead}{entries[0].key.text}, {entries[0].value.text})")  # type: ignore[union-attr]
        else:
            body = ", ".join(f"{_key_source(p.key)}: {p.value.text}" for p in entries)  # type: ignore[arg-type,union-attr]
            calls.append(f"{people}{lead}{{ {body} }})")
    return calls


# Methods of mixpanel-react-native's People that also take an object of properties (index.d.ts).
ACCESSOR_MAP_METHODS = frozenset({"set", "setOnce", "increment"})


def _accessor_calls(op: ProfileUpdate, site: Site) -> list[str]:
    """Profile updates through accessor methods (mixpanel-react-native: ``getPeople().set(k, v)``,
    ``getGroup(k, id).set(k, v)``): the profile's ``methods.people``/``methods.group`` spell the
    accessor; a user-profile method in ``ACCESSOR_MAP_METHODS`` takes several properties as one
    object, every other call (and every group call) takes one property."""
    calls = []
    if op.scope == "group":
        recv = f"{site.client}.{site.target.methods['group']}({op.group_type.text}, {op.group_id.text})"  # type: ignore[union-attr]
    else:
        recv = f"{site.client}.{site.target.methods['people']}"
    for method, entries in _grouped(op.ops):
        if method == "unset":
            calls.extend(f"{recv}.unset({p.key.text})" for p in entries)  # type: ignore[union-attr]
        elif op.scope == "user" and method in ACCESSOR_MAP_METHODS and len(entries) > 1:
            body = ", ".join(f"{_key_source(p.key)}: {p.value.text}" for p in entries)  # type: ignore[arg-type,union-attr]
            calls.append(f"{recv}.{method}({{ {body} }})")
        else:
            calls.extend(f"{recv}.{method}({p.key.text}, {p.value.text})" for p in entries)  # type: ignore[union-attr]
    return calls


def _pairs_call(recv: str, entries: list[PropOp]) -> str:
    if len(entries) == 1:
        return f"{recv}{entries[0].key.text}, {entries[0].value.text})"  # type: ignore[union-attr]
    body = ", ".join(f"{_key_source(p.key)}: {p.value.text}" for p in entries)  # type: ignore[arg-type,union-attr]
    return f"{recv}{{ {body} }})"


# -- profiles → Amplitude -------------------------------------------------------------------------
def _identify_call(op: ProfileUpdate, site: Site) -> str:
    steps = "".join(
        f".{p.spelled}({p.key.text})" if p.kind == "unset" else f".{p.spelled}({p.key.text}, {p.value.text})"  # type: ignore[union-attr]
        for p in op.ops
    )
    identify = f"new {site.client}.Identify(){steps}"
    if op.scope == "group":
        return f"{site.client}.groupIdentify({op.group_type.text}, {op.group_id.text}, {identify})"  # type: ignore[union-attr]
    tail = f", {{ user_id: {op.user.text} }}" if op.user is not None else ""
    return f"{site.client}.identify({identify}{tail})"
