"""Dart reader: matched Flutter SDK calls → operations (init, profile updates, the isBuilt wait).

Only syntax lives here; the one-line mappings (track, login, groups, reset, flush, opt-out) are
``fix`` templates in the packs. ``shape_problem`` says why a matched call cannot be read — the
adapter asks it before binding a client, so a client is never half migrated — and ``read_*``
turn the accepted shapes into operations:

- ``Amplitude(Configuration(apiKey: k, ...))`` → ``Init`` (the Configuration must be inline; the
  creation must sit in an ``async`` function, since the Mixpanel client is only had by
  ``await Mixpanel.init(...)``: a field initialiser or a sync function cannot await);
- ``await Mixpanel.init(token, trackAutomaticEvents: ..., ...)`` → ``Init``;
- ``identify(Identify()..set(k, v)..add(n, 1))`` (an inline cascade) and
  ``getPeople().set(k, v)`` → ``ProfileUpdate``;
- ``await amplitude.isBuilt;`` (a statement) → ``Ready``, removed with its line.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Literal

from rewriter.codemod.lang.dart_syntax import (
    argument_label,
    argument_value,
    arguments_of,
    call_parts,
    grouped,
    unwrap,
    vparent,
)
from rewriter.codemod.lang.ts_base import line_end, line_start, node_text
from rewriter.codemod.match.patterns import Match
from rewriter.codemod.ops.ir import Entry, Init, ProfileUpdate, PropOp, Ready, Review, Value, ValueKind
from rewriter.codemod.ops.profiles import load_profile
from rewriter.codemod.ops.site import Read, ReadResult, Rewrite, Site
from rewriter.codemod.packs.loader import RulePack

CONFIG_READ = re.compile(
    r"(?:const\s+)?(?:String\.fromEnvironment\(\s*['\"](?P<name>\w+)['\"]\s*(?:,[^)]*)?\)"
    r"|(?:dotenv\.env|Platform\.environment)\[\s*['\"](?P<name2>\w+)['\"]\s*\]!?)"
)
MEMBER_NAME = frozenset({"unconditional_assignable_selector", "conditional_assignable_selector", "cascade_selector", "label"})
ESCAPES = {"n": "\n", "t": "\t", "r": "\r"}
NUMBER = frozenset({"decimal_integer_literal", "decimal_floating_point_literal", "hex_integer_literal"})
#: Mixpanel init arguments and what becomes of them (None: read as an option for semantics).
MIXPANEL_INIT_REVIEW = {
    "superProperties": "superProperties: Amplitude has no super properties; migrate by hand",
    "config": "config: Mixpanel's native config map has no Amplitude Configuration counterpart; migrate by hand",
}


def kind_of(node: Any) -> ValueKind:
    """The literal kind of an expression (``ir.ValueKind``), read from syntax alone."""
    inner = unwrap(node)
    if inner is None:
        return "other"
    t = inner.type
    if t == "null_literal":
        return "null"
    if t in ("true", "false"):
        return "bool"
    if t in NUMBER:
        return "number"
    if t == "string_literal":
        return "string"
    if t == "set_or_map_literal":
        return "map"
    if t == "list_literal":
        return "list"
    if t == "identifier":
        return "name"
    return "other"


def _string_literal(node: Any) -> str | None:
    """The value of a plain one-part string literal (no ``$x`` substitution, no raw/triple quotes)."""
    text = node_text(node)
    if node.type != "string_literal" or any(c.is_named and c.type != "escape_sequence" for c in node.children):
        return None
    if len(text) >= 2 and text[0] in "'\"" and text[-1] == text[0] and not text.startswith(text[0] * 3):
        return re.sub(r"\\(.)", lambda m: ESCAPES.get(m.group(1), m.group(1)), text[1:-1])  # '\$email' is $email
    return None


def config_name(node: Any) -> str | None:
    """``NAME`` of a build/run-time configuration read: ``[const] String.fromEnvironment('NAME')``
    (``--dart-define``), ``dotenv.env['NAME']``, ``Platform.environment['NAME']``."""
    text = node_text(unwrap(node)) if node is not None else ""
    m = CONFIG_READ.fullmatch(text.strip())
    return (m.group("name") or m.group("name2")) if m else None


def value_of(site: Site, node: Any) -> Value:
    """A ``Value`` for an expression: verbatim text (with inner rewrites) and its literal kind."""
    name = config_name(node)
    if name is not None:
        return Value(site.text(node), "config", node.start_byte, node.end_byte, config_name=name, node=node)
    kind = kind_of(node)
    inner = unwrap(node)
    literal = _string_literal(inner) if kind == "string" else None
    if kind == "string" and literal is None:
        kind = "other"  # an interpolated string is an expression, not a literal
    if kind == "bool":
        literal = node_text(inner)
    entries = None
    if kind == "map" and inner is not None:
        pairs = [c for c in inner.children if c.is_named]
        if all(p.type == "pair" for p in pairs):
            entries = tuple(
                Entry(value_of(site, p.child_by_field_name("key")), value_of(site, p.child_by_field_name("value")),
                      _string_literal(p.child_by_field_name("key")))
                for p in pairs
            )
    return Value(site.text(node), kind, node.start_byte, node.end_byte, literal=literal, entries=entries, node=node)


def _method(m: Match) -> str:
    parts = call_parts(m.node)
    return parts[1] if parts else ""


def _async_context(node: Any) -> str | None:
    """Why an ``await`` cannot be written where ``node`` is (None: it can)."""
    cur = node.container if hasattr(node, "container") else node
    while cur is not None:
        if cur.type in ("function_body", "function_expression_body"):
            if any(c.type == "async" for c in cur.children) or any(
                c.type == "async" for c in (cur.parent.children if cur.type == "function_expression_body" and cur.parent else ())
            ):
                return None
            return "the creation is in a function that is not async: Mixpanel.init() must be awaited; make it async or move the creation"
        if cur.type in ("declaration", "initialized_identifier_list", "static_final_declaration_list", "class_body", "program"):
            return "a field or top-level initialiser cannot await Mixpanel.init(): create the client in an async init method"
        cur = cur.parent
    return "no enclosing async function for await Mixpanel.init()"


def _configuration(call: Any) -> Any | None:
    """The inline ``Configuration(...)`` call of ``Amplitude(Configuration(...))``, else None."""
    args = arguments_of(call)
    if len(args) != 1 or argument_label(args[0]) is not None:
        return None
    cfg = unwrap(argument_value(args[0]))
    parts = call_parts(cfg)
    return cfg if parts is not None and parts[0] is None and parts[1] == "Configuration" else None


def _local_builder(node: Any) -> tuple[Any, Any] | None:
    """``(cascade, declaration statement)`` when ``node`` names a local declared just for this
    call: ``final identify = Identify()..set(k, v);`` as the statement right before the call's,
    named nowhere else in the block (so the declaration can go with the call)."""
    inner = unwrap(node)
    if inner is None or inner.type != "identifier":
        return None
    name = node_text(inner)
    block = inner.parent
    while block is not None and block.type != "block":
        block = block.parent
    if block is None:
        return None
    found = None
    for stmt in block.children:
        if stmt.start_byte >= inner.start_byte:
            break
        if stmt.type != "local_variable_declaration":
            continue
        defn = next((c for c in stmt.children if c.type == "initialized_variable_definition"), None)
        ident = defn.child_by_field_name("name") if defn is not None else None
        if ident is not None and node_text(ident) == name:
            kids = grouped(defn)
            eq = next((i for i, c in enumerate(kids) if c.type == "="), None)
            found = (kids[eq + 1], stmt) if eq is not None and eq + 1 < len(kids) else None
    if found is None:
        return None
    between = found[1].next_named_sibling
    while between is not None and between.type in ("comment", "documentation_comment"):
        between = between.next_named_sibling
    if between is None or not (between.start_byte <= inner.start_byte < between.end_byte):
        return None  # statements in between could change what the values mean: not moved
    uses = sum(1 for n in _named_identifiers(block, name))
    return found if uses == 2 else None  # the declaration and this call


def _named_identifiers(root: Any, name: str) -> list[Any]:
    out, stack = [], [root]
    while stack:
        n = stack.pop()
        if n.type == "identifier" and node_text(n) == name and n.parent is not None and n.parent.type not in MEMBER_NAME:
            out.append(n)  # a variable named `identify`, not the method `.identify(`
        stack.extend(n.children)
    return out


def _cascade_ops(node: Any) -> list[tuple[str, list[Any]]] | str:
    """``[(method, argument values)]`` of ``Identify()..set(k, v)..add(n, 1)``, inline or in a
    local declared for this call only, or why not."""
    local = _local_builder(node)
    if local is not None:
        node = local[0]
    inner = unwrap(node)
    if inner is None or inner.type != "cascade_expression":
        what = node_text(node) if node is not None else "?"
        return (f"the Identify is built elsewhere ({what}): an inline Identify()..op(...) cascade, or one in a local declared "
                "right before this call and used by it only, is read; migrate by hand")
    target = call_parts(inner.children[0])
    if target is None or target[0] is not None or target[1] != "Identify" or arguments_of(inner.children[0]):
        return "identify() of something other than a fresh Identify(): migrate by hand"
    out: list[tuple[str, list[Any]]] = []
    for section in inner.children[1:]:
        kids = [c for c in section.children if c.is_named]
        if len(kids) != 2 or kids[0].type != "cascade_selector" or kids[1].type != "argument_part":
            return f"an Identify cascade step that is not a plain call ({node_text(section)}): migrate by hand"
        name = node_text(kids[0])
        args_node = next((c for c in kids[1].children if c.type == "arguments"), None)
        args = [c for c in args_node.children if c.type in ("argument", "named_argument")] if args_node is not None else []
        if any(argument_label(a) is not None for a in args):
            return f"Identify.{name} with named arguments: migrate by hand"
        out.append((name, [argument_value(a) for a in args]))
    return out


def shape_problem(op: str, m: Match, pack: RulePack) -> str | None:
    """Why the call matched by ``m`` cannot be read into ``op`` (None: it can)."""
    vendor = load_profile(pack.sdk).vendor
    if op == "init":
        if vendor == "amplitude":
            if _configuration(m.node) is None:
                return "Amplitude(...) without an inline Configuration(apiKey: ...): migrate the creation by hand"
            return _async_context(m.node)
        wait = vparent(m.node)
        if wait is None or wait.type != "await_expression":
            return "Mixpanel.init() that is not awaited directly: migrate the creation by hand"
        for a in arguments_of(m.node):
            label = argument_label(a)
            if label in MIXPANEL_INIT_REVIEW:
                return MIXPANEL_INIT_REVIEW[label]
        return None
    if op in ("profile", "group-profile"):
        if vendor == "amplitude":
            got = _cascade_ops(m.captures["IDENTIFY"].node if "IDENTIFY" in m.captures else None)
            return got if isinstance(got, str) else None
        return None
    if op == "ready":
        return None if _statement(m.node) is not None else "isBuilt used inside an expression: Mixpanel has no such future; decide by hand"
    return f"no Dart reader for {op}"


def _statement(node: Any) -> Any | None:
    cur = vparent(node)
    while cur is not None and cur.type == "unary_expression":
        cur = vparent(cur)
    return cur if cur is not None and cur.type == "expression_statement" else None


# -- readers ---------------------------------------------------------------------------------------
def read_init(site: Site) -> ReadResult:
    problem = shape_problem("init", site.match, site.pack)
    if problem is not None:
        return Review(problem)
    if site.source.vendor == "amplitude":
        cfg = _configuration(site.match.node)
        entries: list[Entry] = []
        credential = None
        for a in arguments_of(cfg):
            label = argument_label(a)
            if label is None:
                return Review("Configuration with a positional argument: migrate by hand")
            value = value_of(site, argument_value(a))
            if label == "apiKey":
                credential = value
            else:
                entries.append(Entry(_label_value(label), value, label))
        if credential is None:
            return Review("Configuration without apiKey: migrate by hand")
        return Read(Init(credential=credential, options=tuple(entries)))
    args = arguments_of(site.match.node)
    token = next((a for a in args if argument_label(a) is None), None)
    if token is None:
        return Review("Mixpanel.init() without a token")
    entries = []
    notes = []
    for a in args:
        label = argument_label(a)
        if label is None:
            continue
        value = value_of(site, argument_value(a))
        if label == "trackAutomaticEvents":
            notes.append(f"trackAutomaticEvents: {value.text} has no Amplitude switch; Amplitude Flutter's default "
                         "tracking (defaultTracking in Configuration) decides which automatic events are sent")
            continue
        if label == "optOutTrackingDefault" and value.kind == "bool" and (value.literal or "") == "false":
            continue
        if label == "optOutTrackingDefault":
            return Review(f"optOutTrackingDefault: {value.text}: Amplitude Flutter has an optOut Configuration option; "
                          "migrate by hand")
        entries.append(Entry(_label_value(label), value, label))
    got = Read(Init(credential=value_of(site, argument_value(token)), options=tuple(entries)))
    got.notes.extend(notes)
    return got


def _label_value(label: str) -> Value:
    return Value(label, "string", literal=label)


def read_profile(site: Site) -> ReadResult:
    return _read_profile(site, "user")


def read_group_profile(site: Site) -> ReadResult:
    """``groupIdentify(t, n, Identify()..op(...))`` ⇄ ``getGroup(k, id).op(...)``."""
    return _read_profile(site, "group")


def _read_profile(site: Site, scope: Literal["user", "group"]) -> ReadResult:
    problem = shape_problem("profile", site.match, site.pack)
    if problem is not None:
        return Review(problem)
    source = site.source
    if source.vendor == "amplitude":
        steps = _cascade_ops(site.node("IDENTIFY"))
        assert not isinstance(steps, str)
    else:
        call = site.match.node
        steps = [(_method(site.match), [argument_value(a) for a in arguments_of(call)])]
        if any(argument_label(a) is not None for a in arguments_of(call)):
            return Review("a people update with named arguments: migrate by hand")
    ops: list[PropOp] = []
    for method, args in steps:
        kind = source.neutral(scope, method)
        if kind is None:
            return Review(f"{method}() has no mapping in {source.id}; migrate by hand")
        want = 0 if kind == "clear_all" else 1 if kind == "unset" else 2
        implied = source.vendor == "mixpanel" and kind == "add" and len(args) == 1
        if len(args) != want and not implied:
            return Review(f"{method}() with {len(args)} arguments: migrate by hand")
        key = value_of(site, args[0]) if args else None
        value = value_of(site, args[1]) if len(args) > 1 else None
        ops.append(PropOp(kind, key, value, spelled=method, key_name=key.literal if key is not None else None,
                          implied_value=implied))
    removals = []
    local = _local_builder(site.node("IDENTIFY")) if source.vendor == "amplitude" else None
    if local is not None:  # the builder's declaration goes with the call, with its line
        src = site.parsed.source
        stmt = local[1]
        start, end = stmt.start_byte, stmt.end_byte
        ls, le = line_start(src, start), line_end(src, end)
        if not src[ls:start].strip() and not src[end:le].strip():
            start, end = ls, le
        removals.append(Rewrite(start, end, ""))
    if scope == "user":
        return Read(ProfileUpdate("user", tuple(ops), form="pairs"), removals=removals)
    kind_type, kind_id = ("TYPE", "NAME") if source.vendor == "amplitude" else ("KEY", "ID")
    return Read(ProfileUpdate("group", tuple(ops), group_type=value_of(site, site.node(kind_type)),
                              group_id=value_of(site, site.node(kind_id)), form="pairs"), removals=removals)


def read_ready(site: Site) -> ReadResult:
    problem = shape_problem("ready", site.match, site.pack)
    if problem is not None:
        return Review(problem)
    return Read(Ready())  # the site is the whole statement (adapter.expand_site): the printer drops it


READERS: dict[str, Callable[[Site], ReadResult]] = {
    "init": read_init, "profile": read_profile, "group-profile": read_group_profile, "ready": read_ready,
}

__all__ = ["READERS", "grouped", "shape_problem", "value_of"]
