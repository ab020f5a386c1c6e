"""Python printer: translated operations → source text for one target SDK.

Layout only: ``BaseEvent(...)``/``EventOptions(...)`` for Amplitude, the distinct id first and
``people_*``/``group_*`` for Mixpanel, one argument per line when the site spanned several lines
or would grow too long (``format_call``), the file's quote style for new strings, several
statements joined at the site's indentation, a dropped call replaced by ``pass`` when it was alone
in its block. The names a rewrite needs (``Mixpanel``, ``Consumer``, ``BaseEvent``...) are added to
the imports by the adapter's import planner.
"""

from __future__ import annotations

import ast

from rewriter.codemod.lang.py_syntax import drop_statement, format_call, join_statements, receiver, str_lit
from rewriter.codemod.ops.ir import (
    Init,
    Op,
    ProfileUpdate,
    PropOp,
    Review,
    Track,
    Translation,
    Value,
)
from rewriter.codemod.ops.site import Emitted, Rewrite, Site

SIMPLE = ("Name", "Attribute", "Call", "Subscript", "Integer", "Float")
CONSTRUCTOR = {"mixpanel": "Mixpanel", "amplitude": "Amplitude"}


def emit(tr: Translation, site: Site) -> Emitted | Review:
    if not tr.ops:
        got = drop_statement(site)
        return got if isinstance(got, Review) else Emitted(got)
    calls: list[str] = []
    needs: set[str] = set()
    for op in tr.ops:
        got = _emit_one(op, site, needs)
        if isinstance(got, Review):
            return got
        calls.extend(got)
    text = join_statements(site, calls)
    if isinstance(text, Review):
        return text
    return Emitted([Rewrite(site.site.start_byte, site.site.end_byte, text)], needs=needs)


def _emit_one(op: Op, site: Site, needs: set[str]) -> list[str] | Review:
    """Text for one operation; the names it uses from the target package go into ``needs``."""
    if isinstance(op, Init):
        needs.add(CONSTRUCTOR[site.target.vendor])
        if op.settings and site.target.vendor == "amplitude":
            needs.add("Config")
        if any(k == "api_host" for k, _v in op.settings) and site.target.vendor == "mixpanel":
            needs.add("Consumer")
        return [f"{CONSTRUCTOR[site.target.vendor]}({op.credential.text}{_settings(op, site)})"]
    if isinstance(op, Track):
        if site.target.vendor == "mixpanel":
            return [_track_mixpanel(op, site)]
        needs.add("BaseEvent")
        return [_track_amplitude(op, site)]
    if isinstance(op, ProfileUpdate):
        if site.target.vendor == "mixpanel":
            return _people_calls(op, site)
        needs.update(("Identify",) if op.scope == "group" else ("Identify", "EventOptions"))
        return [_identify_call(op, site)]
    return Review(f"no Python printer for {type(op).__name__}")


def _settings(op: Init, site: Site) -> str:
    """Amplitude: ``, Config(k=v, ...)``; Mixpanel: ``, consumer=Consumer(api_host=...)`` (its
    residency lives on the consumer) and any other setting as a keyword."""
    if not op.settings:
        return ""

    def lit(v: str | bool) -> str:
        return repr(v) if isinstance(v, bool) else str_lit(site, v)

    if site.target.vendor == "amplitude":
        return ", Config(" + ", ".join(f"{k}={lit(v)}" for k, v in op.settings) + ")"
    parts = [f"consumer=Consumer(api_host={lit(v)})" if k == "api_host" else f"{k}={lit(v)}" for k, v in op.settings]
    return ", " + ", ".join(parts)


# -- track ----------------------------------------------------------------------------------------
def _merge_props(props: Value | None, extra: list[tuple[str, str]]) -> str | None:
    """The properties argument with ``extra`` entries added (spliced into a literal when possible)."""
    if not extra:
        return props.text if props is not None else None
    entries = ", ".join(f"{k}: {v}" for k, v in extra)
    if props is None:
        return "{" + entries + "}"
    rendered = props.text
    if props.kind == "map" and rendered.endswith("}"):
        body = rendered[:-1]
        stripped = body.rstrip()
        tail = body[len(stripped) :] + "}"
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
    return "{**" + _spreadable(rendered) + ", " + entries + "}"


def _spreadable(text: str) -> str:
    """``text`` as the operand of ``**`` in a dict display: ``{**props or {}}`` does not parse
    (``or``, ``if``-``else``, ``lambda`` bind looser than ``**``), so such operands get parentheses."""
    try:
        ast.parse("{**" + text + "}", mode="eval")
    except SyntaxError:
        return "(" + text + ")"
    return text


def _track_mixpanel(op: Track, site: Site) -> str:
    """``client.track(distinct_id, event_name, properties)``."""
    extra = [(str_lit(site, k), v.text) for k, v in op.extra_props]
    args = [op.user.text if op.user else "", op.event.text]
    merged = _merge_props(op.props, extra)
    if merged is not None:
        args.append(merged)
    return format_call(site, f"{receiver(site)}.track", args)


def _seconds_to_ms(value: Value) -> str:
    node = value.node
    text = value.text if node is None or node.type in SIMPLE else f"({value.text})"
    return f"int({text} * 1000)"


def _track_amplitude(op: Track, site: Site) -> str:
    """``client.track(BaseEvent(event_type=..., user_id=..., event_properties=..., <fields>))``."""
    args = [f"event_type={op.event.text}", f"user_id={op.user.text if op.user else ''}"]
    if op.props is not None:
        args.append(f"event_properties={_map_text(op.props)}")
    for name, value in op.fields:
        if name == "time_seconds":
            args.append(f"time={_seconds_to_ms(value)}")
        else:
            args.append(f"{name}={value.text}")
    return format_call(site, f"{receiver(site)}.track(BaseEvent", args, close="))")


def _map_text(value: Value) -> str:
    if value.text:
        return value.text
    return "{" + ", ".join(f"{e.key.text}: {e.value.text}" for e in value.entries or ()) + "}"


# -- profiles → Mixpanel --------------------------------------------------------------------------
def _union_value(v: Value) -> str | Review:
    if v.kind == "list":
        return v.text
    if v.kind in ("string", "number", "bool", "null"):
        return f"[{v.text}]"
    return Review("post_insert of a non-literal value: cannot tell whether it is a list (Mixpanel union needs one); "
                  "migrate by hand")


def _people_calls(op: ProfileUpdate, site: Site) -> list[str] | Review:
    recv = receiver(site)
    if op.scope == "group":
        lead = f"{op.group_type.text}, {op.group_id.text}, "  # type: ignore[union-attr]
    else:
        lead = f"{op.user.text}, " if op.user is not None else ""
    groups: dict[str, list[PropOp]] = {}
    for p in op.ops:
        groups.setdefault(p.spelled, []).append(p)
    calls = []
    for method, entries in groups.items():
        if method.endswith("unset"):
            keys = ", ".join(p.key.text for p in entries)  # type: ignore[union-attr]
            calls.append(f"{recv}.{method}({lead}[{keys}])")
            continue
        pairs = []
        for p in entries:
            value = _union_value(p.value) if method.endswith("union") else p.value.text  # type: ignore[union-attr,arg-type]
            if isinstance(value, Review):
                return value
            pairs.append(f"{p.key.text}: {value}")  # type: ignore[union-attr]
        calls.append(f"{recv}.{method}({lead}{{{', '.join(pairs)}}})")
    return calls


# -- profiles → Amplitude -------------------------------------------------------------------------
def _identify_call(op: ProfileUpdate, site: Site) -> str:
    steps = "".join(
        f".{p.spelled}({p.key.text})" if p.kind == "unset" else f".{p.spelled}({p.key.text}, {p.value.text})"  # type: ignore[union-attr]
        for p in op.ops
    )
    if op.scope == "group":
        args = [op.group_type.text, op.group_id.text, f"Identify(){steps}"]  # type: ignore[union-attr]
        return format_call(site, f"{receiver(site)}.group_identify", args)
    args = [f"Identify(){steps}", f"EventOptions(user_id={op.user.text if op.user else ''})"]
    return format_call(site, f"{receiver(site)}.identify", args)
