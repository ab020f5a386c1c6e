"""JavaScript/TypeScript reader: matched SDK calls → operations (``rewriter.codemod.ops.ir``).

Only syntax lives here: which argument is the key, the config object, the Identify chain (inline
or a local built in the same block), the ``{ user_id }`` options of a server call. Anything that is
not the plain literal shape a faithful rewrite needs is a ``Review`` with the reason — never a
guess. What the call *means* in the other vendor is decided by ``ops.semantics``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from rewriter.codemod.lang.javascript import _unwrap, js_bindings
from rewriter.codemod.lang.js_syntax import args_of, object_props, significant, static_key
from rewriter.codemod.ops.ir import (
    Entry,
    Identify,
    Init,
    OptOut,
    ProfileUpdate,
    PropOp,
    Reset,
    Review,
    Track,
    Value,
    synthetic,
)
from rewriter.codemod.ops.site import Read, ReadResult, Rewrite, Site

FUNCTION_TYPES = frozenset({"arrow_function", "function_expression", "function"})
# Objects whose members are configuration reads (env vars, build config, app settings).
CONFIG_ROOTS = re.compile(r"^(process\.env|import\.meta\.env|Config|config|CONFIG|settings|Settings|env|ENV|environment|"
                          r"Constants(\.\w+)*|BuildConfig|appConfig|AppConfig)$")


# -- values ---------------------------------------------------------------------------------------
def value_of(site: Site, node: Any) -> Value:
    """A ``Value`` for an expression node: verbatim text, plus what kind of literal it is."""
    text = site.text(node)
    inner = _unwrap_all(node)
    t = inner.type
    common = {"start": node.start_byte, "end": node.end_byte, "node": node}
    if t in ("null", "undefined") or (t == "identifier" and inner.text == b"undefined") or (
        t == "unary_expression" and inner.text.replace(b" ", b"") == b"void0"
    ):
        return Value(text, "null", **common)
    if t == "string" or (t == "template_string" and not any(c.type == "template_substitution" for c in inner.children)):
        lit = "".join(c.text.decode() for c in inner.children if c.type in ("string_fragment", "escape_sequence"))
        return Value(text, "string", literal=lit, **common)
    if t == "number":
        return Value(text, "number", literal=inner.text.decode(), **common)
    if t in ("true", "false"):
        return Value(text, "bool", literal=t, **common)
    if t in FUNCTION_TYPES:
        return Value(text, "function", **common)
    if t == "object":
        props = object_props(inner)
        entries = None
        if props is not None:
            entries = tuple(Entry(value_of(site, p.key_node), value_of(site, p.value), p.key) for p in props)
        return Value(text, "map", entries=entries, **common)
    if t == "array":
        items = [c for c in significant(inner) if c.is_named and c.type != "comment"]
        spread = any(c.type == "spread_element" for c in items)
        return Value(text, "list", items=None if spread else tuple(value_of(site, c) for c in items), **common)
    config = _config_name(inner, site.source.vendor)
    if config is not None:
        return Value(text, "config", config_name=config, **common)
    if t == "identifier":
        return Value(text, "name", **common)
    return Value(text, "other", **common)


def _unwrap_all(node: Any) -> Any:
    """Through parentheses, ``!``, ``as T``, ``satisfies T`` and ``<T>x``: the value itself."""
    cur = node
    while cur is not None:
        cur = _unwrap(cur)
        if cur is not None and cur.type in ("as_expression", "satisfies_expression", "type_assertion"):
            named = [c for c in cur.children if c.is_named]
            if not named:
                break
            cur = named[0] if cur.type != "type_assertion" else named[-1]
            continue
        break
    return cur


def _config_name(node: Any, vendor: str) -> str | None:
    """The key a configuration read reads: ``process.env.X``, ``process.env['X']``, a member of a
    config object (``config.amplitudeKey``), any property named after the vendor
    (``ENV_CONFIG.amplitudeApiKey``), or a getter call (``config.get('amplitudeKey')``)."""
    if node.type == "member_expression":
        obj, prop = node.child_by_field_name("object"), node.child_by_field_name("property")
        if obj is not None and prop is not None:
            name = prop.text.decode()
            if CONFIG_ROOTS.match(_dotted(obj) or "") or vendor in name.lower():
                return name
    if node.type == "subscript_expression":
        obj, idx = node.child_by_field_name("object"), node.child_by_field_name("index")
        if obj is not None and idx is not None and idx.type == "string":
            key = "".join(c.text.decode() for c in idx.children if c.type == "string_fragment")
            if CONFIG_ROOTS.match(_dotted(obj) or "") or vendor in key.lower():
                return key
    if node.type == "call_expression":
        fn, args = node.child_by_field_name("function"), node.child_by_field_name("arguments")
        named = [a for a in significant(args) if a.is_named] if args is not None else []
        getter = (fn.child_by_field_name("property") if fn is not None and fn.type == "member_expression" else fn)
        if len(named) == 1 and named[0].type == "string" and getter is not None and re.search(r"(?i)get|config|env", getter.text.decode()):
            key = "".join(c.text.decode() for c in named[0].children if c.type == "string_fragment")
            if vendor in key.lower():
                return key
    return None


def _dotted(node: Any) -> str | None:
    if node.type in ("identifier", "property_identifier"):
        return node.text.decode()
    if node.type == "member_expression" and node.child_by_field_name("object") is not None:
        base = _dotted(node.child_by_field_name("object"))
        prop = node.child_by_field_name("property")
        return f"{base}.{prop.text.decode()}" if base and prop is not None else None
    if node.type == "meta_property" or node.text == b"import.meta":
        return "import.meta"
    return None


# -- init -----------------------------------------------------------------------------------------
def read_init(site: Site) -> ReadResult:
    """``init(KEY[, userId][, config][, callback])`` in the spellings of the pack's SDK.

    ``signature`` (rule option): "user_config" (amplitude-js, React Native: init(key, userId?,
    cfg?)), "config" (Node, unified, Mixpanel: init(key, cfg?)), "overloaded" (Browser SDK 2:
    both, told apart by the second argument's shape)."""
    if site.option("signature") == "constructed":
        return read_constructed_init(site)
    args = list(site.nodes("ARGS"))
    if not args:
        return Review(f"init() without {'an API key' if site.source.vendor == 'amplitude' else 'a token'}")
    if site.source.vendor == "mixpanel" and len(args) > 2:
        return Review("a named Mixpanel instance (3rd argument) needs Amplitude createInstance(); migrate by hand")
    rest = args[1:]
    user, cfg = None, None
    signature = site.option("signature", "user_config" if site.source.vendor == "amplitude" else "config")
    second = _unwrap(rest[0]) if rest else None
    if second is not None and signature == "overloaded" and len(rest) == 1 and second.type not in (
        "object", "string", "template_string", "null", "undefined"
    ) and value_of(site, second).kind != "null":
        return Review("init()'s 2nd argument may be a userId or the options; migrate by hand")
    if second is not None and (second.type == "object" or signature == "config"):
        cfg, rest = second, rest[1:]
    elif rest:
        user, rest = rest[0], rest[1:]
        if rest:
            cfg, rest = _unwrap(rest[0]), rest[1:]
    if rest:
        return Review("init() with a callback: the other SDK's ready callback has another signature")
    options: tuple[Entry, ...] | None = None
    if cfg is not None and value_of(site, cfg).kind != "null":
        if cfg.type in FUNCTION_TYPES or cfg.type != "object":
            return Review("init() with a computed config: map its options by hand")
        got = value_of(site, cfg)
        if got.entries is None:
            return Review("init() config with spreads or computed keys: map it by hand")
        options = tuple(Entry(e.key, e.value, e.name or e.key.text) for e in got.entries)
    return Read(Init(credential=value_of(site, args[0]), options=options,
                     user=value_of(site, user) if user is not None else None))


# -- init of a constructed client (mixpanel-react-native) -----------------------------------------
CONSTRUCTED_INIT = ("optOutTrackingDefault", "superProperties", "serverURL", "useGzipCompression")


def read_constructed_init(site: Site) -> ReadResult:
    """``client.init(optOut?, superProps?, serverURL?, gzip?)`` of a client made by
    ``const client = new Mixpanel(token, trackAutomaticEvents)`` in this file, or the static
    ``Mixpanel.init(token, trackAutomaticEvents, optOut?)``: the credential comes from the
    constructor. Refused when the client is exported, passed on, re-created or built elsewhere
    (its other users would keep an uninitialised Mixpanel client)."""
    fn = site.site.child_by_field_name("function")
    recv = _unwrap(fn.child_by_field_name("object")) if fn is not None and fn.type == "member_expression" else None
    if recv is None:
        return Review("init() on an unrecognised receiver; migrate by hand")
    data = js_bindings(site.bindings)
    init_args = list(site.nodes("ARGS"))
    if recv.type == "identifier" and recv.text.decode() in data.classes:
        ctor_args, init_args, static = init_args[:2], init_args[2:3], True
        if len(site.nodes("ARGS")) > 3:
            return Review("Mixpanel.init() with unexpected arguments; migrate by hand")
    elif recv.type == "identifier" and recv.text.decode() in data.instances:
        name = recv.text.decode()
        stmt = data.instances[name]
        why = _client_passed_on(site, name, stmt)
        if why is not None:
            return Review(why)
        decl = next((d for d in _declarators(stmt) if d.child_by_field_name("name").text.decode() == name), None)
        value = _unwrap(decl.child_by_field_name("value")) if decl is not None else None
        if value is None or value.type != "new_expression":
            return Review(f"{name!r} is not created with new Mixpanel(...) here; migrate by hand")
        ctor_args = args_of(value)
        static = False
    else:
        return Review("init() on a client created elsewhere (imported, a getter, a context); migrate it with its creation by hand")
    if not ctor_args:
        return Review("new Mixpanel() without a token; migrate by hand")
    if len(ctor_args) > 2:
        return Review("new Mixpanel(token, trackAutomaticEvents, useNative, storage): JavaScript mode and custom storage "
                      "have no Amplitude init counterpart here; migrate by hand")
    if len(init_args) > len(CONSTRUCTED_INIT):
        return Review("init() with unexpected arguments; migrate by hand")
    options: list[Entry] = []
    for label, node in zip(CONSTRUCTED_INIT, init_args, strict=False):
        v = value_of(site, node)
        if v.is_null:
            continue
        if label == "optOutTrackingDefault":
            if not (v.kind == "bool" and v.literal == "false"):
                return Review(f"init() opts out of tracking by default ({v.text}): set Amplitude's optOut by hand")
        elif label == "superProperties":
            if not (v.kind == "map" and v.entries == ()):
                return Review("init() registers super properties, which have no Amplitude twin (sdk-map §5.1 #22); migrate by hand")
        else:
            options.append(Entry(synthetic(label), v, label))
    notes = []
    if len(ctor_args) > 1:
        auto = value_of(site, ctor_args[1])
        notes.append(f"trackAutomaticEvents ({auto.text}) has no Amplitude init option: Amplitude React Native's own "
                     "defaults decide which session/app events it sends; check them")
    if static:
        notes.append("Mixpanel.init() returned the client; Amplitude React Native is a module singleton")
    return Read(Init(credential=value_of(site, ctor_args[0]), options=tuple(options)), notes=notes)


def _declarators(stmt: Any) -> list[Any]:
    if stmt.type == "variable_declarator":
        return [stmt]
    return [d for d in stmt.children if d.type == "variable_declarator"]


def _client_passed_on(site: Site, name: str, stmt: Any) -> str | None:
    """Why the client ``name`` cannot be re-initialised as the other vendor in this file alone:
    exported, re-assigned, or used other than as the receiver of a call (returned, passed to a
    context Provider or a function, stored elsewhere)."""
    if stmt.parent is not None and stmt.parent.type == "export_statement":
        return f"{name!r} is exported: its importers keep a Mixpanel client; migrate the client with its users by hand"
    root = site.parsed.tree.root_node
    for ref in sorted(_refs(root, name), key=lambda n: n.start_byte):
        if stmt.start_byte <= ref.start_byte < stmt.end_byte:
            continue
        parent = ref.parent
        line = ref.start_point[0] + 1
        if parent is not None and parent.type == "assignment_expression" and parent.child_by_field_name("left") == ref:
            return f"{name!r} is re-created on line {line}: migrate the client by hand"
        if parent is not None and parent.type == "member_expression" and parent.child_by_field_name("object") == ref:
            continue
        if parent is not None and parent.type in ("variable_declarator", "formal_parameters", "required_parameter"):
            continue  # another variable of the same name (shadowing), not this client
        return f"{name!r} is passed on (line {line}): its users elsewhere keep a Mixpanel client; migrate it with them by hand"
    return None


# -- track (server SDKs: the user moves between options and properties) ---------------------------
def read_track(site: Site) -> ReadResult:
    if site.source.vendor == "amplitude":
        return _track_amplitude_node(site)
    return _track_mixpanel_node(site)


def _track_amplitude_node(site: Site) -> ReadResult:
    """``track(name, props, { user_id, device_id, insert_id... })``."""
    opts = value_of(site, site.node("OPTS"))
    if opts.kind != "map" or opts.entries is None:
        return Review("event options are not a literal object; move the id by hand")
    user = device = None
    fields: list[tuple[str, Value]] = []
    unknown: list[str] = []
    for e in opts.entries:
        if e.name == "user_id":
            user = e.value
        elif e.name == "device_id":
            device = e.value
        elif e.name in ("insert_id", "time", "ip", "groups"):
            fields.append((e.name, e.value))
        else:
            unknown.append(e.name or e.key.text)
    props_node = site.node("PROPS")
    props = value_of(site, props_node) if props_node is not None else None
    return Read(Track(event=value_of(site, site.node("EVENT")), props=props, user=user, device=device,
                      fields=tuple(fields), unknown=tuple(unknown)))


def _track_mixpanel_node(site: Site) -> ReadResult:
    """``mixpanel.track(name, { distinct_id, ...rest })``: the distinct id comes out of the props."""
    pnode = _unwrap(site.node("PROPS"))
    props = value_of(site, pnode)
    if props.kind != "map" or props.entries is None:
        return Review("the distinct_id is not in a literal properties object; move it by hand")
    by_key = {e.name: e for e in props.entries}
    if "distinct_id" not in by_key:
        return Review("no distinct_id in the properties: Amplitude Node needs a user_id")
    pairs = object_props(pnode) or []
    distinct = next(p for p in pairs if p.key == "distinct_id")
    rest_text = _remove_from_object(site, pnode, distinct)
    rest = Value(rest_text, "map", start=pnode.start_byte, end=pnode.end_byte,
                 entries=tuple(e for e in props.entries if e.name != "distinct_id"), node=pnode)
    return Read(Track(event=value_of(site, site.node("EVENT")), props=rest, user=by_key["distinct_id"].value))


def _remove_from_object(site: Site, obj: Any, prop: Any) -> str:
    """Source text of ``obj`` without ``prop`` (and its separating comma)."""
    src = site.parsed.source
    s, e = prop.node.start_byte, prop.node.end_byte
    j = e
    while j < obj.end_byte and src[j : j + 1] in (b" ", b"\t"):
        j += 1
    if src[j : j + 1] == b",":
        e = j + 1
        while e < obj.end_byte and src[e : e + 1] in (b" ", b"\t"):
            e += 1
    else:
        k = s
        while k > obj.start_byte and src[k - 1 : k] in (b" ", b"\t", b"\n", b"\r"):
            k -= 1
        if src[k - 1 : k] == b",":
            s = k - 1
    out = site.render(obj.start_byte, s) + site.render(e, obj.end_byte)
    return "{}" if not out[1:-1].strip() else out


# -- Identify chains (Amplitude) ------------------------------------------------------------------
def read_profile(site: Site) -> ReadResult:
    if site.source.vendor == "amplitude":
        return _identify(site, "user")
    return _people(site, "user")


def read_group_profile(site: Site) -> ReadResult:
    if site.source.vendor == "amplitude":
        return _identify(site, "group")
    return _people(site, "group")


ChainOp = tuple[str, list[Any]]
ARITY = {"unset": 1, "clearAll": 0, "clear_all": 0}


def _identify(site: Site, scope: str) -> ReadResult:
    """``identify($ID[, opts])`` / ``groupIdentify($T, $N, $ID[, opts])`` → ``ProfileUpdate``."""
    got = collect_chain(site, site.node("ID"))
    if isinstance(got, Review):
        return got
    chain, removals = got
    ops: list[PropOp] = []
    for method, args in chain:
        kind = site.source.neutral(scope, method)  # type: ignore[arg-type]
        if kind is None:
            return Review(f"Identify.{method} has no faithful equivalent here")
        want = ARITY.get(method, 2)
        if kind not in ("clear_all", "prepend", "pre_insert") and len(args) != want:
            return Review(f"Identify.{method} called with unusual arguments (expected {want}); migrate by hand")
        key = value_of(site, args[0]) if args else None
        value = value_of(site, args[1]) if len(args) > 1 else None
        ops.append(PropOp(kind, key, value, spelled=method, key_name=args[0].text.decode() if args else None))
    user = None
    opts = site.nodes("OPTS")
    if site.source.is_server and scope == "user":
        user = _user_from_options(site, opts[0] if opts else None)
        if isinstance(user, Review):
            return user
    elif opts and scope == "user":
        return Review("identify() with event options or callbacks; migrate by hand")
    group = {}
    if scope == "group":
        group = {"group_type": value_of(site, site.node("T")), "group_id": value_of(site, site.node("N"))}
    return Read(ProfileUpdate(scope=scope, ops=tuple(ops), user=user, **group), removals)  # type: ignore[arg-type]


def _user_from_options(site: Site, opts: Any) -> Value | Review:
    """The user id from a Node ``{ user_id }`` options object."""
    v = value_of(site, opts) if opts is not None else None
    if v is None or v.entries is None:
        return Review("no literal { user_id } options: Mixpanel server calls need the distinct id first")
    by_key = {e.name: e for e in v.entries}
    for key in ("user_id", "device_id"):
        if key in by_key:
            return by_key[key].value
    return Review("no user_id/device_id in the event options; Mixpanel needs a distinct id")


def _is_identify_ctor(site: Site, node: Any) -> bool:
    node = _unwrap(node)
    if node is None or node.type != "new_expression":
        return False
    ctor = node.child_by_field_name("constructor")
    if ctor is None:
        return False
    if ctor.type == "member_expression":
        obj = ctor.child_by_field_name("object")
        prop = ctor.child_by_field_name("property")
        return prop is not None and prop.text == b"Identify" and obj is not None and site.bindings.ctx.is_sdk(obj)
    if ctor.type == "identifier":
        bound = js_bindings(site.bindings).members.get(ctor.text.decode())
        return bound is not None and bound[0] == "Identify"
    return False


def _chain(site: Site, node: Any, base_ident: str | None = None) -> list[ChainOp] | None:
    """Ops of ``new Identify().a(..).b(..)`` (or ``ident.a(..).b(..)`` when ``base_ident``)."""
    ops: list[ChainOp] = []
    cur = _unwrap(node)
    while cur is not None and cur.type == "call_expression":
        fn = cur.child_by_field_name("function")
        if fn is None or fn.type != "member_expression":
            return None
        ops.append((fn.child_by_field_name("property").text.decode(), args_of(cur)))
        cur = _unwrap(fn.child_by_field_name("object"))
    if cur is None:
        return None
    if base_ident is not None:
        if cur.type == "identifier" and cur.text.decode() == base_ident:
            return list(reversed(ops))
        return None
    return list(reversed(ops)) if _is_identify_ctor(site, cur) else None


def _block_of(node: Any) -> Any:
    cur = node.parent
    while cur is not None and cur.type not in ("statement_block", "program"):
        cur = cur.parent
    return cur


def _refs(node: Any, name: str) -> list[Any]:
    out, stack = [], [node]
    while stack:
        n = stack.pop()
        if n.type == "identifier" and n.text.decode() == name:
            out.append(n)
        stack.extend(n.children)
    return out


def _whole_lines(src: bytes, node: Any) -> Rewrite:
    ls = src.rfind(b"\n", 0, node.start_byte) + 1
    nl = src.find(b"\n", node.end_byte)
    le = len(src) if nl < 0 else nl + 1
    if not src[ls : node.start_byte].strip() and not src[node.end_byte : le].strip():
        return Rewrite(ls, le, "")
    return Rewrite(node.start_byte, node.end_byte, "")


def collect_chain(site: Site, expr: Any) -> tuple[list[ChainOp], list[Rewrite]] | Review:
    """Ops of an Identify given inline or as a local built in the same block (with removals)."""
    ops = _chain(site, expr)
    if ops is not None:
        return ops, []
    expr = _unwrap(expr)
    if expr is None or expr.type != "identifier":
        return Review("the Identify object is not built inline or in a local variable here; migrate by hand")
    name = expr.text.decode()
    block = _block_of(site.site)
    if block is None:
        return Review(f"cannot find where {name!r} is built")
    stmt_of_site = site.site
    while stmt_of_site.parent is not None and stmt_of_site.parent != block:
        stmt_of_site = stmt_of_site.parent
    decl, found, removals = None, [], []
    used: set[int] = {expr.id}
    for stmt in block.children:
        if stmt.start_byte >= stmt_of_site.start_byte:
            break
        if decl is None and stmt.type in ("lexical_declaration", "variable_declaration"):
            ds = [d for d in stmt.children if d.type == "variable_declarator"]
            if len(ds) == 1 and ds[0].child_by_field_name("name").text.decode() == name:
                first = _chain(site, ds[0].child_by_field_name("value"))
                if first is None:
                    return Review(f"{name!r} is not a plain Identify here; migrate by hand")
                decl = stmt
                found.extend(first)
                removals.append(_whole_lines(site.parsed.source, stmt))
                used.update(n.id for n in _refs(stmt, name))
                continue
        if decl is not None and stmt.type == "expression_statement":
            inner = [c for c in stmt.children if c.is_named]
            more = _chain(site, inner[0], base_ident=name) if inner else None
            if more is not None:
                found.extend(more)
                removals.append(_whole_lines(site.parsed.source, stmt))
                used.update(n.id for n in _refs(stmt, name))
                continue
    if decl is None:
        return Review(f"cannot find where {name!r} is built in this block; migrate by hand")
    others = [n for n in _refs(block, name) if n.id not in used]
    if others:
        line = others[0].start_point[0] + 1
        return Review(f"{name!r} is also used on line {line} (conditional or shared Identify); migrate by hand")
    return found, removals


# -- people.* / group calls (Mixpanel) ------------------------------------------------------------
def _people(site: Site, scope: str) -> ReadResult:
    """``people.<op>(...)`` / ``get_group(k, id).<op>(...)`` / Node ``groups.<op>(k, id, ...)``."""
    op = site.cap("OP")
    if scope == "group" and op in ("delete", "delete_group"):
        return Review("Amplitude cannot delete a group profile from the SDK")
    kind = site.source.neutral(scope, op)  # type: ignore[arg-type]
    if kind is None:
        what = "group " + op if scope == "group" else op
        return Review(f"{what} has no Amplitude equivalent; migrate by hand" if scope == "group"
                      else f"{what} has no Amplitude Identify equivalent; migrate by hand")
    args = list(site.nodes("ARGS"))
    got = _people_ops(site, op, kind, args)
    if isinstance(got, Review):
        return got
    ops, form = got
    if scope == "group":
        return Read(ProfileUpdate(scope="group", ops=tuple(ops), group_type=value_of(site, site.node("K")),
                                  group_id=value_of(site, site.node("I")), form=form))
    user = value_of(site, site.node("UID")) if site.node("UID") is not None else None
    return Read(ProfileUpdate(scope="user", ops=tuple(ops), user=user, form=form))


def _people_ops(site: Site, op: str, kind: str, args: list[Any]) -> tuple[list[PropOp], str] | Review:
    if args and _unwrap(args[-1]) is not None and _unwrap(args[-1]).type in FUNCTION_TYPES:
        return Review("a Mixpanel callback has no Amplitude equivalent (Amplitude returns { promise })")
    if not args:
        return Review(f"{op}() without arguments; migrate by hand")
    first = _unwrap(args[0])
    mk: Callable[..., PropOp] = lambda key, value, name, implied=False: PropOp(  # noqa: E731
        kind, key, value, spelled=op, key_name=name, implied_value=implied
    )
    if kind == "unset":
        if len(args) != 1:
            return Review("unset with modifiers; migrate by hand")
        if first.type == "array":
            items = [c for c in first.children if c.is_named and c.type != "comment"]
            if not items:
                return Review("unset of an empty list")
            return [mk(value_of(site, i), None, _string_key(i)) for i in items], "pairs"
        return [mk(value_of(site, first), None, _string_key(first))], "pairs"
    if first.type == "object":
        if len(args) != 1:
            return Review(f"{op}({{...}}) with extra arguments (modifiers); migrate by hand")
        props = object_props(first)
        if props is None:
            return Review("the properties object has spreads or methods; migrate by hand")
        out = []
        q = _quote(site)
        for p in props:
            kn = p.key_node
            if kn.type == "string":
                key = value_of(site, kn)
            elif kn.type in ("property_identifier", "shorthand_property_identifier", "identifier", "number"):
                key = synthetic(f"{q}{kn.text.decode()}{q}", "string", kn.text.decode())
            elif kn.type == "computed_property_name":
                inner = [c for c in kn.children if c.is_named]
                key = value_of(site, inner[0]) if inner else synthetic("")
            else:
                return Review("unusual property keys; migrate by hand")
            out.append(mk(key, value_of(site, p.value), p.key if p.key is not None else static_key(kn)))
        return out, "map"
    if first.type in ("identifier", "member_expression", "call_expression") and len(args) == 1 and kind != "add":
        return Review(
            f"{op}() with a non-literal properties object: Amplitude Browser SDK 2 has no setUserProperties; "
            "build an Identify from the object by hand"
        )
    if kind == "add" and len(args) == 1:
        return [mk(value_of(site, first), synthetic("1", "number", "1"), _string_key(first), True)], "pairs"
    if len(args) == 2:
        return [mk(value_of(site, first), value_of(site, args[1]), _string_key(first))], "pairs"
    return Review(f"{op} with {len(args)} arguments (modifiers or callback); migrate by hand")


def _string_key(node: Any) -> str | None:
    node = _unwrap(node)
    if node is None or node.type != "string":
        return None
    return "".join(c.text.decode() for c in node.children if c.type == "string_fragment")


def _quote(site: Site) -> str:
    return '"' if site.parsed.source.count(b'"') > site.parsed.source.count(b"'") else "'"


# -- login, logout, opt-out --------------------------------------------------------------------------
def _callee_name(call: Any) -> str:
    fn = call.child_by_field_name("function")
    if fn is not None and fn.type == "member_expression":
        fn = fn.child_by_field_name("property")
    return fn.text.decode() if fn is not None else ""


def read_identify(site: Site) -> ReadResult:
    """``setUserId($ID)`` / ``identify($ID)``: the login."""
    node = site.node("ID")
    if node is None:
        return Review("login without a user id; migrate by hand")
    return Read(Identify(value_of(site, node)))


def read_reset(site: Site) -> ReadResult:
    return Read(Reset())


def read_opt_out(site: Site) -> ReadResult:
    """``setOptOut(flag)`` (Amplitude) or ``opt_out_tracking()`` / ``opt_in_tracking()`` (Mixpanel)."""
    call = site.match.node
    if site.source.vendor == "mixpanel":
        out = _callee_name(call).startswith("opt_out")
        return Read(OptOut(synthetic("true" if out else "false", "bool", "true" if out else "false")))
    args = args_of(call)
    if len(args) != 1:
        return Review("setOptOut() without exactly one flag; migrate by hand")
    return Read(OptOut(value_of(site, args[0])))


READERS: dict[str, Callable[[Site], ReadResult]] = {
    "identify": read_identify,
    "reset": read_reset,
    "opt-out": read_opt_out,
    "init": read_init,
    "track": read_track,
    "profile": read_profile,
    "group-profile": read_group_profile,
}
