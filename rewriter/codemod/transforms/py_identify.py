"""User and group properties in Python, both directions (sdk-map §5.2 S4–S6, traps 1, 8, 17, 21).

A→M: ``client.identify(Identify().set(..).add(..), EventOptions(user_id=uid))`` becomes one
``people_*`` call per operation kind (``set``→``people_set``, ``set_once``→``people_set_once``,
``add``→``people_increment``, ``append``→``people_append``, ``post_insert``→``people_union``,
``unset``→``people_unset([...])``, ``remove``→``people_remove``), the id first. The Identify may
be built inline or in a local of the same block. ``prepend``/``pre_insert``/``clear_all``, two
ops on one key (Amplitude keeps only the first) and options other than the id are reviews.
``set_group`` → ``people_set(uid, {type: name})``; ``group_identify`` → ``group_set``/….

M→A: each ``people_<op>(id, {...})`` becomes ``identify(Identify().<op>(k, v)..., EventOptions(
user_id=id))``; ``people_unset([...])`` chains ``unset``s; ``group_<op>`` becomes
``group_identify``. Only literal dicts/lists are expanded; profile specials (``$email``…) are
flagged, not copied.
"""

from __future__ import annotations

import libcst as cst

from rewriter.codemod.lang.python_tree import ArgInfo, PyNode, is_none, string_value
from rewriter.codemod.transforms import identify_ops as semantics
from rewriter.codemod.transforms.base import Review, Rewrite, TransformContext, TransformResult
from rewriter.codemod.transforms.py_syntax import (
    Op,
    bound,
    constructed,
    dict_entries,
    format_call,
    identify_ops,
    is_literal_scalar,
    join_statements,
    list_items,
    method_key,
    receiver,
)

A2M_PEOPLE = {
    "set": "people_set",
    "set_once": "people_set_once",
    "add": "people_increment",
    "append": "people_append",
    "post_insert": "people_union",
    "unset": "people_unset",
    "remove": "people_remove",
}
A2M_GROUP = {
    "set": "group_set",
    "set_once": "group_set_once",
    "post_insert": "group_union",
    "unset": "group_unset",
    "remove": "group_remove",
}
_EMPTY = cst.Module(body=[])
UNION_NOTE = semantics.UNION_NOTE.format(op="post_insert")
APPEND_NOTE = semantics.APPEND_NOTE


def _present(named: dict[str, ArgInfo], key: str) -> PyNode | None:
    a = named.get(key)
    return None if a is None or is_none(a.value) else a.value


def user_from_options(ctx: TransformContext, node: PyNode | None) -> tuple[str, list[Rewrite], str | None] | Review:
    """The distinct id from ``EventOptions(user_id=...)`` (inline or a local), plus removals and a note."""
    if node is None or is_none(node):
        return Review("no EventOptions(user_id=...): Mixpanel profile updates need the distinct id")
    got = constructed(ctx, node, "amplitude.EventOptions", "event options")
    if isinstance(got, Review):
        return got
    call, removals = got
    b = bound(ctx, call, "amplitude.EventOptions")
    if not b.ok or b.positional or b.stars:
        return Review("EventOptions(...) with unpacked or unknown arguments; migrate by hand")
    other = [k for k, a in b.named.items() if k not in ("user_id", "device_id") and not is_none(a.value)]
    if other:
        return Review("EventOptions fields with no Mixpanel profile-update equivalent: " + ", ".join(other))
    uid, did = _present(b.named, "user_id"), _present(b.named, "device_id")
    if uid is not None:
        return ctx.text(uid), removals, None
    if did is not None:
        return ctx.text(did), removals, "device_id-only options: the device id became the distinct_id"
    return Review("EventOptions without user_id or device_id: Mixpanel needs a distinct id")


def _validate(ops: list[Op], allowed: dict[str, str]) -> Review | None:
    checked = []
    for op, args, _call in ops:
        ok = len(args) == semantics.arity(op) and not any(a.kw is not None or a.star for a in args)
        key = args[0].value if args else None
        literal = string_value(key) if key is not None else None
        text = literal if literal is not None else (_EMPTY.code_for_node(key.cst) if key is not None else "")
        checked.append((op, ok, repr(text)))
    reason = semantics.validate(checked, allowed)
    return Review(reason) if reason else None


def _checked_ops(ctx: TransformContext, node: PyNode | None, allowed: dict[str, str]) -> tuple[list[Op], list[Rewrite]] | Review:
    """The Identify's operations (and removals of a local builder), or why it cannot be rewritten."""
    got = identify_ops(ctx, node)
    if isinstance(got, Review):
        return got
    return _validate(got[0], allowed) or got


def _grouped(ops: list[Op], allowed: dict[str, str]) -> list[tuple[str, list[list[ArgInfo]]]]:
    return semantics.grouped(((op, args) for op, args, _call in ops), allowed)


def _union_value(ctx: TransformContext, v: PyNode) -> str | Review:
    if list_items(v) is not None:
        return ctx.text(v)
    if is_literal_scalar(v):
        return f"[{ctx.text(v)}]"
    return Review("post_insert of a non-literal value: cannot tell whether it is a list (Mixpanel union needs one); migrate by hand")


def _calls(ctx: TransformContext, ops: list[Op], allowed: dict[str, str], lead: str) -> tuple[list[str], list[str]] | Review:
    calls, kinds = [], []
    recv = receiver(ctx)
    for kind, entries in _grouped(ops, allowed):
        kinds.append(kind)
        if kind.endswith("unset"):
            keys = ", ".join(ctx.text(a[0].value) for a in entries)
            calls.append(f"{recv}.{kind}({lead}[{keys}])")
            continue
        pairs = []
        for k, v in entries:
            value = _union_value(ctx, v.value) if kind.endswith("union") else ctx.text(v.value)
            if isinstance(value, Review):
                return value
            pairs.append(f"{ctx.text(k.value)}: {value}")
        calls.append(f"{recv}.{kind}({lead}{{{', '.join(pairs)}}})")
    return calls, kinds


def _notes(kinds: list[str], extra: list[str | None]) -> str | None:
    return semantics.notes(kinds, extra, union_op="post_insert")


def identify_to_people(ctx: TransformContext) -> TransformResult:
    """``client.identify(identify_obj, EventOptions(user_id=u))`` → ``client.people_*(u, {...})``."""
    b = bound(ctx, ctx.site, method_key(ctx, "identify"))
    if not b.ok or b.positional or b.stars:
        return TransformResult(review=Review("identify(...) with unpacked or unknown arguments; migrate by hand"))
    if _present(b.named, "event_properties") is not None:
        return TransformResult(review=Review("identify(event_properties=...): Mixpanel profile updates carry no event properties"))
    got = _checked_ops(ctx, _present(b.named, "identify_obj"), A2M_PEOPLE)
    if isinstance(got, Review):
        return TransformResult(review=got)
    ops, removals = got
    who = user_from_options(ctx, _present(b.named, "event_options"))
    if isinstance(who, Review):
        return TransformResult(review=who)
    uid, more, note = who
    made = _calls(ctx, ops, A2M_PEOPLE, f"{uid}, ")
    if isinstance(made, Review):
        return TransformResult(review=made)
    calls, kinds = made
    text = join_statements(ctx, calls)
    if isinstance(text, Review):
        return TransformResult(review=text)
    return TransformResult(
        rewrites=[*removals, *more, Rewrite(ctx.site.start_byte, ctx.site.end_byte, text)], note=_notes(kinds, [note])
    )


def set_group_to_mixpanel(ctx: TransformContext) -> TransformResult:
    """``client.set_group(t, n, EventOptions(user_id=u))`` → ``client.people_set(u, {t: n})``."""
    b = bound(ctx, ctx.site, method_key(ctx, "set_group"))
    if not b.ok or b.positional or b.stars or "group_type" not in b.named or "group_name" not in b.named:
        return TransformResult(review=Review("set_group(...) with unusual arguments; migrate by hand"))
    who = user_from_options(ctx, _present(b.named, "event_options"))
    if isinstance(who, Review):
        return TransformResult(review=who)
    uid, more, note = who
    t, n = ctx.text(b.named["group_type"].value), ctx.text(b.named["group_name"].value)
    text = f"{receiver(ctx)}.people_set({uid}, {{{t}: {n}}})"
    notes = [note, "Mixpanel has no group-membership call: the group key is set on the profile; also send it as an "
             "event property on later events and set the group key up in project settings"]
    return TransformResult(rewrites=[*more, Rewrite(ctx.site.start_byte, ctx.site.end_byte, text)],
                           note="; ".join(n for n in notes if n))


def group_identify_to_mixpanel(ctx: TransformContext) -> TransformResult:
    """``client.group_identify(t, n, Identify()...)`` → ``client.group_set(t, n, {...})`` etc."""
    b = bound(ctx, ctx.site, method_key(ctx, "group_identify"))
    if not b.ok or b.positional or b.stars or "group_type" not in b.named or "group_name" not in b.named:
        return TransformResult(review=Review("group_identify(...) with unusual arguments; migrate by hand"))
    for extra in ("event_properties", "user_properties"):
        if _present(b.named, extra) is not None:
            return TransformResult(review=Review(f"group_identify({extra}=...) has no Mixpanel group-profile equivalent"))
    got = _checked_ops(ctx, _present(b.named, "identify_obj"), A2M_GROUP)
    if isinstance(got, Review):
        return TransformResult(review=got)
    ops, removals = got
    lead = f"{ctx.text(b.named['group_type'].value)}, {ctx.text(b.named['group_name'].value)}, "
    made = _calls(ctx, ops, A2M_GROUP, lead)
    if isinstance(made, Review):
        return TransformResult(review=made)
    calls, kinds = made
    text = join_statements(ctx, calls)
    if isinstance(text, Review):
        return TransformResult(review=text)
    note = "the event options of group_identify were dropped (Mixpanel group updates need no user)" if _present(b.named, "event_options") is not None else None
    return TransformResult(rewrites=[*removals, Rewrite(ctx.site.start_byte, ctx.site.end_byte, text)], note=_notes(kinds, [note]))


# -- Mixpanel → Amplitude -------------------------------------------------------------------------
M2A = {
    "set": "set",
    "set_once": "set_once",
    "increment": "add",
    "append": "append",
    "union": "post_insert",
    "unset": "unset",
    "remove": "remove",
}


def _steps(ctx: TransformContext, op: str, props: PyNode | None) -> list[str] | Review:
    """Identify chain steps (``.set(k, v)``) for one Mixpanel people/group call's properties."""
    if op not in M2A:
        return Review(f"{op} has no Amplitude Identify equivalent; migrate by hand")
    method = M2A[op]
    if props is None:
        return Review(f"{op} without properties; migrate by hand")
    if op == "unset":
        items = list_items(props)
        if items is None:
            return Review("people_unset/group_unset of a non-literal list: chain Identify.unset() per key by hand")
        return [f".unset({ctx.text(i)})" for i in items] or Review("unset of an empty list")
    entries = dict_entries(props)
    if entries is None:
        return Review(f"{op} with a non-literal properties dict: build an Identify from it by hand (Amplitude has no dict form)")
    steps = []
    for e in entries:
        key = string_value(e.key)
        if key is not None and key.startswith("$"):
            return Review(f"Mixpanel special profile property {key!r} has no Amplitude meaning; migrate by hand")
        steps.append(f".{method}({ctx.text(e.key)}, {ctx.text(e.value)})")
    return steps or Review(f"{op} of an empty dict: nothing to migrate")


def _m2a_note(op: str) -> str | None:
    if op == "union":
        return UNION_NOTE + " (each union list became one post_insert of that list)"
    if op == "append":
        return APPEND_NOTE
    return None


def people_to_identify(ctx: TransformContext) -> TransformResult:
    """``mp.people_<op>(id, {...})`` → ``client.identify(Identify()..., EventOptions(user_id=id))``."""
    method = ctx.cap("OP")
    op = method.removeprefix("people_")
    b = bound(ctx, ctx.site, method_key(ctx, method))
    if not b.ok or b.positional or b.stars or "distinct_id" not in b.named:
        return TransformResult(review=Review(f"{method}(...) with unusual arguments; migrate by hand"))
    if _present(b.named, "meta") is not None:
        return TransformResult(review=Review(f"{method}(meta=...) adds top-level fields to the Mixpanel message; no Amplitude equivalent"))
    steps = _steps(ctx, op, _present(b.named, "properties"))
    if isinstance(steps, Review):
        return TransformResult(review=steps)
    uid = ctx.text(b.named["distinct_id"].value)
    args = [f"Identify(){''.join(steps)}", f"EventOptions(user_id={uid})"]
    text = format_call(ctx, f"{receiver(ctx)}.identify", args)
    notes = [n for n in (_m2a_note(op), "Amplitude drops user ids shorter than 5 characters (min_id_length)") if n]
    return TransformResult(rewrites=[Rewrite(ctx.site.start_byte, ctx.site.end_byte, text)], note="; ".join(notes))


def group_to_amplitude(ctx: TransformContext) -> TransformResult:
    """``mp.group_<op>(key, id, {...})`` → ``client.group_identify(key, id, Identify()...)``."""
    method = ctx.cap("OP")
    op = method.removeprefix("group_")
    b = bound(ctx, ctx.site, method_key(ctx, method))
    if not b.ok or b.positional or b.stars or "group_key" not in b.named or "group_id" not in b.named:
        return TransformResult(review=Review(f"{method}(...) with unusual arguments; migrate by hand"))
    if _present(b.named, "meta") is not None:
        return TransformResult(review=Review(f"{method}(meta=...) adds top-level fields to the Mixpanel message; no Amplitude equivalent"))
    steps = _steps(ctx, op, _present(b.named, "properties"))
    if isinstance(steps, Review):
        return TransformResult(review=steps)
    args = [ctx.text(b.named["group_key"].value), ctx.text(b.named["group_id"].value), f"Identify(){''.join(steps)}"]
    text = format_call(ctx, f"{receiver(ctx)}.group_identify", args)
    notes = [n for n in (_m2a_note(op), "Amplitude server events need a user_id or device_id: add event_options=EventOptions(user_id=...)") if n]
    return TransformResult(rewrites=[Rewrite(ctx.site.start_byte, ctx.site.end_byte, text)], note="; ".join(notes))
