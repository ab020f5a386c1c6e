"""Event tracking in Python, both directions (sdk-map §5.2 S2/S3, traps 2, 15, 17).

Amplitude: ``client.track(BaseEvent(event_type=..., user_id=..., event_properties=...))`` — the id
and name live inside an event object. Mixpanel: ``mp.track(distinct_id, event_name, properties)``
— the id comes first. A→M prefers ``user_id`` and falls back to ``device_id`` (noted);
``insert_id``/``ip``/literal ``groups`` become Mixpanel properties; every other non-None field
(``time``, ``user_properties``, ``callback``...) is listed for review rather than dropped. M→A
moves Mixpanel's special property keys (``$insert_id``, ``$device_id``, ``ip``, ``time`` in
seconds → ms) to ``BaseEvent`` fields and refuses ``distinct_id``/``token`` inside properties and
any ``meta``. ``import_data`` becomes a track with ``time`` in milliseconds.
"""

from __future__ import annotations

from rewriter.codemod.lang.python_tree import ArgInfo, PyNode, is_none, string_value
from rewriter.codemod.transforms.base import Review, Rewrite, TransformContext, TransformResult
from rewriter.codemod.transforms.py_syntax import (
    bound,
    constructed,
    dict_entries,
    format_call,
    method_key,
    receiver,
    str_lit,
)

TIME_REVIEW = "time: Mixpanel track stamps its own time (seconds) and /track rejects events older than 5 days; use import_data for historical events"
MAPPED_PROPS = {"insert_id": "$insert_id", "ip": "ip"}
MIN_ID_NOTE = "Amplitude drops user_id/device_id values shorter than 5 characters (min_id_length)"


def _present(named: dict[str, ArgInfo], key: str) -> PyNode | None:
    a = named.get(key)
    return None if a is None or is_none(a.value) else a.value


def _merge_props(ctx: TransformContext, props: PyNode | None, extra: list[tuple[str, str]]) -> str | None:
    """The properties argument with ``extra`` entries added (spliced into a literal when possible)."""
    if not extra:
        return ctx.text(props) if props is not None else None
    entries = ", ".join(f"{k}: {v}" for k, v in extra)
    if props is None:
        return "{" + entries + "}"
    rendered = ctx.text(props)
    if props.type == "Dict" and rendered.endswith("}"):
        body = rendered[:-1]
        stripped = body.rstrip()
        tail = body[len(stripped):] + "}"
        if "\n" in stripped and not stripped.endswith("{"):
            last_line = stripped.rsplit("\n", 1)[1]
            indent = last_line[: len(last_line) - len(last_line.lstrip())]
            nl = "\r\n" if "\r\n" in rendered else "\n"
            lines = "".join(f"{nl}{indent}{k}: {v}," for k, v in extra)
            return (stripped if stripped.endswith(",") else stripped + ",") + lines + tail
        if stripped.endswith("{"):
            return stripped + entries + tail
        if stripped.endswith(","):
            return stripped + " " + entries + "," + tail
        return stripped + ", " + entries + tail
    return "{**" + rendered + ", " + entries + "}"


def track_to_mixpanel(ctx: TransformContext) -> TransformResult:
    """``client.track(BaseEvent(...))`` → ``client.track(distinct_id, event_type, properties)``."""
    got = constructed(ctx, ctx.node("EVENT"), "amplitude.BaseEvent", "event")
    if isinstance(got, Review):
        return TransformResult(review=got)
    call, removals = got
    b = bound(ctx, call, "amplitude.BaseEvent")
    if not b.ok or b.positional or b.stars:
        return TransformResult(review=Review("BaseEvent(...) with unpacked or unknown arguments; migrate by hand"))
    named = b.named
    event = _present(named, "event_type")
    if event is None:
        return TransformResult(review=Review("BaseEvent without an event_type"))
    uid, did = _present(named, "user_id"), _present(named, "device_id")
    props = _present(named, "event_properties")
    extra: list[tuple[str, str]] = []
    notes: list[str] = []
    problems: list[str] = []
    for key, arg in named.items():
        if key in ("event_type", "user_id", "device_id", "event_properties") or is_none(arg.value):
            continue
        if key in MAPPED_PROPS:
            extra.append((str_lit(ctx, MAPPED_PROPS[key]), ctx.text(arg.value)))
        elif key == "groups":
            entries = dict_entries(arg.value)
            if entries is None:
                problems.append("groups (not a literal dict)")
                continue
            extra.extend((ctx.text(e.key), ctx.text(e.value)) for e in entries)
            notes.append("event groups became event properties: set the group keys up in Mixpanel project settings")
        elif key == "time":
            problems.append(TIME_REVIEW)
        else:
            problems.append(key)
    if problems:
        return TransformResult(review=Review("BaseEvent fields with no Mixpanel track equivalent: " + "; ".join(problems)))
    if uid is not None:
        distinct = ctx.text(uid)
        if did is not None:
            extra.append((str_lit(ctx, "$device_id"), ctx.text(did)))
    elif did is not None:
        distinct = ctx.text(did)
        notes.append("device_id-only event: the device id became the distinct_id")
    else:
        return TransformResult(review=Review("BaseEvent without user_id or device_id: Mixpanel track needs a distinct_id"))
    args = [distinct, ctx.text(event)]
    merged = _merge_props(ctx, props, extra)
    if merged is not None:
        args.append(merged)
    text = format_call(ctx, f"{receiver(ctx)}.track", args)
    return TransformResult(
        rewrites=[*removals, Rewrite(ctx.site.start_byte, ctx.site.end_byte, text)], note="; ".join(notes) or None
    )


# -- Mixpanel → Amplitude -------------------------------------------------------------------------
SPECIAL_TO_FIELD = {"$insert_id": "insert_id", "$device_id": "device_id", "ip": "ip", "$ip": "ip"}
SPECIAL_REVIEW = ("distinct_id", "token", "$user_id", "$time")


def _split_props(ctx: TransformContext, props: PyNode | None) -> tuple[str | None, list[str], list[str]] | Review:
    """(event_properties text, extra ``field=value`` BaseEvent args, notes)."""
    if props is None:
        return None, [], []
    entries = dict_entries(props)
    if entries is None:
        return ctx.text(props), [], []
    keep: list[str] = []
    fields: list[str] = []
    notes: list[str] = []
    moved = False
    for e in entries:
        key = string_value(e.key)
        if key in SPECIAL_REVIEW:
            return Review(f"{key!r} inside the properties has no Amplitude event property meaning; migrate by hand")
        if key in SPECIAL_TO_FIELD:
            fields.append(f"{SPECIAL_TO_FIELD[key]}={ctx.text(e.value)}")
            moved = True
        elif key == "time":
            fields.append(f"time=int({ctx.text(e.value)} * 1000)")
            notes.append("the Mixpanel time property (seconds) became BaseEvent time in milliseconds")
            moved = True
        else:
            keep.append(f"{ctx.text(e.key)}: {ctx.text(e.value)}")
    if not moved:
        return ctx.text(props), [], []
    return ("{" + ", ".join(keep) + "}" if keep else None), fields, notes


def _base_event(ctx: TransformContext, event: str, user: str, props: PyNode | None, extra: list[str]) -> TransformResult:
    split = _split_props(ctx, props)
    if isinstance(split, Review):
        return TransformResult(review=split)
    event_props, fields, notes = split
    args = [f"event_type={event}", f"user_id={user}"]
    if event_props is not None:
        args.append(f"event_properties={event_props}")
    args += extra + fields
    text = format_call(ctx, f"{receiver(ctx)}.track(BaseEvent", args, close="))")
    return TransformResult(rewrites=[Rewrite(ctx.site.start_byte, ctx.site.end_byte, text)], note="; ".join([*notes, MIN_ID_NOTE]))


def track_to_amplitude(ctx: TransformContext) -> TransformResult:
    """``mp.track(distinct_id, event_name, properties)`` → ``client.track(BaseEvent(...))``."""
    b = bound(ctx, ctx.site, method_key(ctx, "track"))
    if not b.ok or b.positional or b.stars:
        return TransformResult(review=Review("track(...) with unpacked or unknown arguments; migrate by hand"))
    meta = _present(b.named, "meta")
    if meta is not None:
        return TransformResult(review=Review("track(meta=...) adds top-level fields to the Mixpanel message; no Amplitude equivalent"))
    return _base_event(ctx, ctx.text(b.named["event_name"].value), ctx.text(b.named["distinct_id"].value),
                       _present(b.named, "properties"), [])


def import_data_to_amplitude(ctx: TransformContext) -> TransformResult:
    """``mp.import_data(key, id, name, ts_seconds, props)`` → ``track(BaseEvent(..., time=ms))``."""
    b = bound(ctx, ctx.site, method_key(ctx, "import_data"))
    if not b.ok or b.positional or b.stars:
        return TransformResult(review=Review("import_data(...) with unpacked or unknown arguments; migrate by hand"))
    for need in ("distinct_id", "event_name", "timestamp"):
        if need not in b.named:
            return TransformResult(review=Review(f"import_data(...) without {need}; migrate by hand"))
    if _present(b.named, "meta") is not None:
        return TransformResult(review=Review("import_data(meta=...) adds top-level fields to the Mixpanel message; no Amplitude equivalent"))
    ts = b.named["timestamp"].value
    ts_text = ctx.text(ts)
    if ts.type not in ("Name", "Attribute", "Call", "Subscript", "Integer", "Float"):
        ts_text = f"({ts_text})"
    result = _base_event(ctx, ctx.text(b.named["event_name"].value), ctx.text(b.named["distinct_id"].value),
                         _present(b.named, "properties"), [f"time=int({ts_text} * 1000)"])
    if result.review is None:
        result.note = "; ".join(
            n for n in ("import_data timestamp (seconds) became BaseEvent time (milliseconds); the Mixpanel api_key/api_secret were dropped", result.note) if n
        )
    return result
