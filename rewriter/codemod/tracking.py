"""The tracking plan found in code: which events and properties the app sends, for data teams.

A read-only pass with the same packs, bindings and readers as the rewrite: every SDK call site a
rule classifies as ``track`` gives an event name (the literal, or "dynamic" with the expression)
and, when the properties are a literal map, their keys with the kind of value where it is
visible; ``user-properties`` and ``group`` sites give profile property keys. A ``track`` site whose
event name is in no readable argument (batch imports, DOM helpers, timers) is kept as an unnamed
event with its call, so the plan counts the same track sites as ``scan``. Raw HTTP use of the
vendors' ingestion APIs in any source file is found too and listed for review with the payload
remap (the "swap the API" path of the vendors' guides).

Renderers: a plain CSV, a Mixpanel Lexicon Schemas API body (``{"entries": [...]}``) and the two
Amplitude Data tracking-plan CSV files (events and event properties; user properties), whose
headers follow Amplitude's ".CSV file schema reference". Nothing here writes files.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rewriter.codemod.clients import ProjectContext, use_context
from rewriter.codemod.discover import content_skip_reason, walk
from rewriter.codemod.engine import probe_for, rule_matches
from rewriter.codemod.lang import adapter_for_path
from rewriter.codemod.ops.ir import ProfileUpdate, SetGroup, Track, Value
from rewriter.codemod.ops.profiles import load_profile
from rewriter.codemod.ops.site import Site
from rewriter.codemod.packs.loader import RulePack

KIND_TO_TYPE = {"string": "string", "number": "number", "bool": "boolean", "list": "array", "map": "object",
                "null": "null"}


@dataclass
class PropertyInfo:
    types: set[str] = field(default_factory=set)  # json-schema types seen ("string", "number"...); empty: unknown

    def add(self, value: Value | None) -> None:
        t = KIND_TO_TYPE.get(value.kind) if value is not None else None
        if t is not None:
            self.types.add(t)


@dataclass
class EventInfo:
    name: str
    dynamic: bool = False  # ``name`` is the expression, not a literal
    properties: dict[str, PropertyInfo] = field(default_factory=dict)
    open_properties: bool = False  # some call passes properties the code does not spell out
    sites: list[str] = field(default_factory=list)  # "path:line"
    sdks: set[str] = field(default_factory=set)


@dataclass
class ApiUse:
    path: str
    line: int
    endpoint: str
    message: str


@dataclass
class UnnamedTrack:
    """A ``track`` site whose event name the code does not give in a readable argument."""

    where: str  # "path:line"
    rule: str  # qualified rule id
    code: str  # the call's first line
    sdk: str


@dataclass
class TrackingPlan:
    events: dict[str, EventInfo] = field(default_factory=dict)  # literal names and "dynamic: <expr>"
    user_properties: dict[str, PropertyInfo] = field(default_factory=dict)
    group_properties: dict[str, PropertyInfo] = field(default_factory=dict)
    api_uses: list[ApiUse] = field(default_factory=list)
    unnamed: list[UnnamedTrack] = field(default_factory=list)
    files: int = 0
    not_read: list[str] = field(default_factory=list)  # files naming an SDK that could not be parsed


# -- raw HTTP API use -------------------------------------------------------------------------------
API_ENDPOINTS: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (re.compile(r"api2?\.(?:eu\.)?amplitude\.com/2/httpapi"), "Amplitude HTTP V2 API",
     "send to Mixpanel /import (or /track) instead: event_type → event, user_id/device_id → properties.distinct_id "
     "($device_id), time (ms) → properties.time (s or ms), insert_id → properties.$insert_id, event_properties → properties"),
    (re.compile(r"api2?\.(?:eu\.)?amplitude\.com/batch"), "Amplitude Batch API",
     "send to Mixpanel /import in batches of ≤ 2,000 events: event_type → event, user_id → properties.distinct_id, "
     "time (ms) → properties.time, insert_id → properties.$insert_id"),
    (re.compile(r"api2?\.(?:eu\.)?amplitude\.com/identify"), "Amplitude Identify API",
     "send to Mixpanel /engage: user_properties $set/$setOnce/$add… → $set/$set_once/$add with $distinct_id"),
    (re.compile(r"api(?:-eu|-in|-js)?\.mixpanel\.com/(?:track|import)"), "Mixpanel ingestion API",
     "send to Amplitude /2/httpapi or /batch: event → event_type, properties.distinct_id → user_id, "
     "properties.time (s) → time (ms), properties.$insert_id → insert_id, the rest → event_properties"),
    (re.compile(r"api(?:-eu|-in|-js)?\.mixpanel\.com/engage"), "Mixpanel Engage API",
     "send to Amplitude /identify: $set/$set_once/$add → user_properties $set/$setOnce/$add with user_id"),
)


def find_api_uses(path: str, text: str) -> list[ApiUse]:
    out = []
    for rx, what, remap in API_ENDPOINTS:
        for m in rx.finditer(text):
            out.append(ApiUse(path, text.count("\n", 0, m.start()) + 1, m.group(0), f"raw {what} call: {remap}"))
    return out


# -- collecting -------------------------------------------------------------------------------------
def find_api_uses_in(files: Iterable[tuple[str, str]]) -> list[ApiUse]:
    """Raw vendor HTTP API use in ``files`` (``(display, real)`` pairs as ``discover.walk``
    yields them), in path order; a file that cannot be read is skipped (the rewrite pass
    reports it)."""
    out: list[ApiUse] = []
    for display, real in files:
        try:
            data = Path(real).read_bytes()
        except OSError:
            continue
        if b"amplitude.com" in data or b"mixpanel.com" in data:
            out.extend(find_api_uses(display, data.decode("utf-8", "replace")))
    out.sort(key=lambda u: (u.path, u.line))
    return out


def collect(
    paths: Iterable[str],
    packs: list[RulePack],
    files: Iterable[tuple[str, str]] | None = None,
    project: ProjectContext | None = None,
) -> TrackingPlan:
    """Walk ``paths`` and gather the taxonomy every pack's bindings reveal (one process: a plan
    is a report, not a rewrite, and it reads only files that name an SDK or an API host).

    ``files``: the ``(display, real)`` pairs to read instead of walking ``paths`` (the CLI passes
    the walk narrowed by include/exclude patterns, as ``scan`` uses it). ``project``: the clients
    app modules export (``index.exports_context`` of a run), so calls through them count too."""
    use_context(project)
    try:
        return _collect(paths, packs, files, project)
    finally:
        use_context(None)


def _collect(
    paths: Iterable[str], packs: list[RulePack], files: Iterable[tuple[str, str]] | None, project: ProjectContext | None
) -> TrackingPlan:
    plan = TrackingPlan()
    words = [w for ws in (project.words.values() if project is not None else ()) for w in ws]
    excluded: list[str] = []
    for display, real in files if files is not None else walk(paths, excluded):
        try:
            data = Path(real).read_bytes()
        except OSError as exc:
            plan.not_read.append(f"{display}: cannot read: {exc.strerror or exc}")
            continue
        if b"amplitude.com" in data or b"mixpanel.com" in data:
            plan.api_uses.extend(find_api_uses(display, data.decode("utf-8", "replace")))
        if not (probe_for(packs, display)(data) or any(w in data for w in words)) or content_skip_reason(data) is not None:
            continue
        adapter = adapter_for_path(display)
        if adapter is None:
            continue
        adapter = adapter.for_source(data)  # a page's <script lang="ts"> is read as TypeScript
        try:
            body = data.decode("utf-8").encode("utf-8")
        except UnicodeDecodeError:
            plan.not_read.append(f"{display}: not UTF-8")
            continue
        parsed = adapter.parse(display, body.removeprefix(b"\xef\xbb\xbf"))
        err = adapter.syntax_error(parsed)
        if err is not None:
            plan.not_read.append(f"{display}: syntax error at {err}")
            continue
        plan.files += 1
        for pack in packs:
            if adapter.id not in pack.languages or pack.review_only:
                continue
            fb = adapter.bind(parsed, pack)
            if not fb.bound:
                continue
            source, target = load_profile(pack.sdk), load_profile(pack.target.sdk)
            for cr, m in rule_matches(adapter, parsed, fb):
                rule = cr.rule
                site = Site(adapter, parsed, fb, pack, rule, m, m.node, _text_of(parsed.source), source, target)
                line = parsed.source.count(b"\n", 0, m.node.start_byte) + 1
                where = f"{display}:{line}"
                if not _record(plan, site, rule.op, rule.operation or "", where, pack.sdk) and (
                    rule.operation == "track"
                ):
                    code = parsed.source[m.node.start_byte : m.node.end_byte].decode("utf-8", "replace")
                    plan.unnamed.append(UnnamedTrack(where, pack.qualified(rule), code.splitlines()[0], pack.sdk))
    plan.api_uses.sort(key=lambda u: (u.path, u.line))
    return plan


def _text_of(source: bytes) -> Callable[[int, int], str]:
    return lambda start, end: source[start:end].decode("utf-8", "replace")


def _record(plan: TrackingPlan, site: Site, op_name: str | None, operation: str, where: str, sdk: str) -> bool:
    """Add what the site tells; True when it gave an event (a named or dynamic one)."""
    op = None
    if op_name is not None:
        got = site.adapter.read_op(op_name, site)
        op = getattr(got, "op", None)
    if isinstance(op, Track) or (op is None and operation == "track" and site.node("EVENT") is not None):
        if isinstance(op, Track):
            event, props = op.event, op.props
        else:
            event = site.adapter.read_value(site, site.node("EVENT"))
            props = site.adapter.read_value(site, site.node("PROPS")) if site.node("PROPS") is not None else None
        _event(plan, event, props, where, sdk)
        return True
    if isinstance(op, ProfileUpdate):
        table = plan.user_properties if op.scope == "user" else plan.group_properties
        for p in op.ops:
            name = p.key_name if p.key_name is not None else (p.key.text if p.key is not None else None)
            if name:
                table.setdefault(name.strip("'\""), PropertyInfo()).add(p.value)
    elif isinstance(op, SetGroup):
        if op.group_type.literal:
            plan.user_properties.setdefault(op.group_type.literal, PropertyInfo()).add(op.group_name)
    elif op is None and operation == "user-properties" and site.node("PROPS") is not None:
        props = site.adapter.read_value(site, site.node("PROPS"))
        for e in props.entries or ():
            if e.name:
                plan.user_properties.setdefault(e.name, PropertyInfo()).add(e.value)
    return False


def _event(plan: TrackingPlan, event: Value, props: Value | None, where: str, sdk: str) -> None:
    literal = event.kind == "string" and event.literal is not None
    key = event.literal if literal else f"dynamic: {event.text}"
    info = plan.events.setdefault(key, EventInfo(key if literal else event.text, dynamic=not literal))  # type: ignore[arg-type]
    info.sites.append(where)
    info.sdks.add(sdk)
    if props is None or props.is_null:
        return
    if props.entries is None:
        info.open_properties = True
        return
    for e in props.entries:
        if e.name is None:
            info.open_properties = True
            continue
        info.properties.setdefault(e.name, PropertyInfo()).add(e.value)


# -- rendering --------------------------------------------------------------------------------------
def to_csv(plan: TrackingPlan) -> str:
    """One row per (entity, property): kind, name, property, value types, call sites."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["entity", "name", "dynamic", "property", "value_types", "open_properties", "sites", "sdks"])
    for key in sorted(plan.events):
        ev = plan.events[key]
        sites = " ".join(ev.sites)
        sdks = " ".join(sorted(ev.sdks))
        w.writerow(["event", ev.name, str(ev.dynamic).lower(), "", "", str(ev.open_properties).lower(), sites, sdks])
        for prop in sorted(ev.properties):
            w.writerow(["event_property", ev.name, str(ev.dynamic).lower(), prop, "|".join(sorted(ev.properties[prop].types)), "", "", ""])
    for entity, table in (("user_property", plan.user_properties), ("group_property", plan.group_properties)):
        for prop in sorted(table):
            w.writerow([entity, "", "", prop, "|".join(sorted(table[prop].types)), "", "", ""])
    for u in plan.unnamed:
        w.writerow(["unnamed_event", u.code, "true", "", "", "true", u.where, u.sdk])
    for use in plan.api_uses:
        w.writerow(["http_api", use.endpoint, "", "", "", "", f"{use.path}:{use.line}", ""])
    return buf.getvalue()


def _schema_type(info: PropertyInfo) -> dict[str, object]:
    types = sorted(t for t in info.types if t != "null")
    if not types:
        return {}
    return {"type": types[0] if len(types) == 1 else types}


def to_lexicon(plan: TrackingPlan) -> dict[str, object]:
    """A Mixpanel Lexicon Schemas API body (POST /projects/{id}/schemas): one entry per literal
    event, plus the ``$user`` profile schema. Dynamic event names cannot be schemas: they are
    left out (the CSV lists them)."""
    entries: list[dict[str, object]] = []
    for key in sorted(plan.events):
        ev = plan.events[key]
        if ev.dynamic:
            continue
        schema: dict[str, object] = {
            "$schema": "http://json-schema.org/draft-07/schema",
            "description": f"Found in code at {', '.join(ev.sites[:5])}" + (" …" if len(ev.sites) > 5 else ""),
            "additionalProperties": True,
            "properties": {p: _schema_type(ev.properties[p]) for p in sorted(ev.properties)},
        }
        entries.append({"entityType": "event", "name": ev.name, "schemaJson": schema})
    if plan.user_properties:
        entries.append({"entityType": "profile", "name": "$user", "schemaJson": {
            "$schema": "http://json-schema.org/draft-07/schema",
            "additionalProperties": True,
            "properties": {p: _schema_type(plan.user_properties[p]) for p in sorted(plan.user_properties)},
        }})
    return {"entries": entries}


# Header names exactly as Amplitude's ".CSV import and export" reference spells them (every
# listed field must be present; order is free).
AMPLITUDE_EVENT_COLUMNS = (
    "Action", "Object type", "Object name", "Event display name", "Object owner", "Object description",
    "Event category", "Tags", "Event activity", "Event hidden from dropdowns", "Event hidden from persona results",
    "Event hidden from pathfinder", "Event hidden from timeline", "Event source", "Property type",
    "Property group names", "Event property name", "Property description", "Property value type",
    "Property required", "Property visibility", "Property is array", "Enum values", "Const value",
    "Property regex", "String property value min length", "String property value max length",
    "Number property value min", "Number property value max", "Number is integer", "Array min items",
    "Array max items", "Array unique items",
)
AMPLITUDE_USER_COLUMNS = (
    "Action", "Property type", "Property name", "Property description", "Property value type",
    "Property visibility", "Property is array", "Enum values", "Const value", "Property regex",
    "String property value min length", "String property value max length", "Number property value min",
    "Number property value max", "Number is integer", "Array min items", "Array max items", "Array unique items",
)


def _amplitude_type(info: PropertyInfo) -> tuple[str, str]:
    """(Property value type, Property is array) in Amplitude's vocabulary."""
    types = {t for t in info.types if t != "null"}
    if types == {"array"}:
        return "any", "True"
    if len(types) == 1 and next(iter(types)) in ("string", "number", "boolean"):
        return next(iter(types)), "False"
    return "any", "False"


def to_amplitude_csv(plan: TrackingPlan) -> tuple[str, str]:
    """(events and event properties CSV, user properties CSV) for Amplitude Data's CSV import."""
    ev_buf, up_buf = io.StringIO(), io.StringIO()
    ev = csv.DictWriter(ev_buf, fieldnames=AMPLITUDE_EVENT_COLUMNS, lineterminator="\n", restval="")
    ev.writeheader()
    for key in sorted(plan.events):
        info = plan.events[key]
        if info.dynamic:
            continue
        ev.writerow({"Object type": "Event", "Object name": info.name,
                     "Object description": f"Found in code at {', '.join(info.sites[:5])}"})
        for prop in sorted(info.properties):
            value_type, is_array = _amplitude_type(info.properties[prop])
            ev.writerow({"Object type": "Event", "Object name": info.name, "Property type": "Event Property",
                         "Event property name": prop, "Property value type": value_type, "Property is array": is_array})
    up = csv.DictWriter(up_buf, fieldnames=AMPLITUDE_USER_COLUMNS, lineterminator="\n", restval="")
    up.writeheader()
    for prop in sorted(plan.user_properties):
        value_type, is_array = _amplitude_type(plan.user_properties[prop])
        up.writerow({"Property type": "User property", "Property name": prop, "Property value type": value_type,
                     "Property is array": is_array})
    return ev_buf.getvalue(), up_buf.getvalue()
