"""`rewriter import plan`: what an import would do, before any byte leaves the machine (issue 13).

It reads the SOURCEs with the same readers, transforms and controls as the import (so its counts
are the import's counts), and sends and writes nothing. The plan lists: events per name and what
each filter removes, properties (after mapping) and what each property control changes, the time
range, which ids are usable or blocked, profiles and the reserved properties mapped, the estimated
requests and duration at the destination's documented limits (../shared/import-apis.md §0, §1.2,
§4.2) and warnings (retention / Mixpanel's 5-year window, pre-2023 project time, the ID merge mode
assumed). The text is plain and ordered so that it can be compared with a golden file.

It must never print a credential or the hash salt (it is never given either).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

from rewriter.importer.model import ConfigError, ImportConfig
from rewriter.importer.shape import ShapeOptions, drop_rule, event_name, reshape
from rewriter.importer.sources import READ_ERRORS, expand_sources, iter_records
from rewriter.importer.transform import (
    Event,
    TransformOptions,
    amplitude_to_mixpanel,
    mixpanel_profile_to_identify,
    mixpanel_profile_update,
    mixpanel_to_amplitude,
)

YEAR_MS = 365 * 24 * 3600 * 1000 + 6 * 3600 * 1000  # 365.25 days
MP_EVENTS_PER_S = 30_000  # project rate limit (§1.2)
MP_BYTES_PER_S = 2_000_000_000 / 60  # 2 GB of uncompressed JSON per minute
AMP_PER_ID_PER_S = 300  # Amplitude's advice for backfills, per device_id (§4.2)
TOP_PROPERTIES = 25


@dataclass
class Plan:
    direction: str
    identity: str | None
    sources: list[str] = field(default_factory=list)
    read: int = 0
    names: Counter[str] = field(default_factory=Counter)  # source event name -> events read
    kept_names: Counter[str] = field(default_factory=Counter)
    filtered_by: Counter[str] = field(default_factory=Counter)
    outside_window: int = 0
    rejected: Counter[str] = field(default_factory=Counter)
    properties: Counter[str] = field(default_factory=Counter)
    changes: dict[str, int] = field(default_factory=dict)
    first_ms: int | None = None
    last_ms: int | None = None
    with_user: int = 0
    device_only: int = 0
    both_ids: int = 0
    per_id: Counter[str] = field(default_factory=Counter)
    bytes: int = 0
    users: set[str] = field(default_factory=set)
    groups: set[str] = field(default_factory=set)
    profiles: int = 0  # Engage profiles read (Mixpanel source)
    mapped: Counter[str] = field(default_factory=Counter)
    mapped_pairs: set[tuple[str, str]] = field(default_factory=set)  # (user, mapping)
    folded: int = 0
    warnings: list[str] = field(default_factory=list)

    @property
    def kept(self) -> int:
        return sum(self.kept_names.values())


def _label(name: str) -> str:
    path, sep, member = name.partition("!")
    return Path(path).name + (sep + member if sep else "")


def make_plan(config: ImportConfig, now_ms: int) -> Plan:
    """Read and transform every record of the SOURCEs, counting; send and write nothing."""
    shape = config.shape or ShapeOptions(target=config.to)
    opts = TransformOptions(now_ms=now_ms, min_id_length=config.min_id_length, group_keys=config.group_keys,
                            reserved_profile_map=config.reserved_profile_map)
    units = expand_sources(config.sources, config.source_kind)
    for unit in units:  # the import's own usage check
        if ("amplitude" if unit.kind == "amplitude" else "mixpanel") == config.to:
            raise ConfigError(f"{_label(unit.name)} is a {unit.kind} export; it cannot be imported --to {config.to}")
    plan = Plan(
        direction=f"{'amplitude' if config.to == 'mixpanel' else 'mixpanel'} -> {config.to}",
        identity=shape.identity if config.to == "mixpanel" else None,
        sources=[_label(u.name) for u in units],
    )
    for unit in units:
        try:
            for record in iter_records(unit, lambda _line: False):
                _take(plan, unit.kind, record.data, opts, shape, config)
        except READ_ERRORS as exc:
            plan.warnings.append(f"{_label(unit.name)}: unreadable part-way ({exc}); the import will list it")
    plan.mapped.update(label for _user, label in plan.mapped_pairs)
    _warn(plan, config, now_ms, units)
    return plan


def _take(plan: Plan, kind: str, data: Any, opts: TransformOptions, shape: ShapeOptions, config: ImportConfig) -> None:
    if isinstance(data, bytes):
        try:
            data = orjson.loads(data)
        except orjson.JSONDecodeError:
            plan.rejected["corrupt_json"] += 1
            plan.read += kind != "mixpanel-profiles"
            return
    if kind == "mixpanel-profiles":
        plan.profiles += 1
        cuts: list[str] = []
        result = mixpanel_profile_to_identify(data, opts)
        if isinstance(result, Event):
            cuts = result.cuts
        else:
            plan.rejected[result.reason] += 1
        plan.mapped.update(c.partition(":")[2] for c in cuts if c.startswith("profile_mapped:"))
        return
    plan.read += 1
    name = data.get("event_type" if kind == "amplitude" else "event") if isinstance(data, dict) else None
    plan.names[name if isinstance(name, str) else "(no name)"] += 1
    transform = amplitude_to_mixpanel if kind == "amplitude" else mixpanel_to_amplitude
    result = transform(data, opts)
    if not isinstance(result, Event):
        plan.rejected[result.reason] += 1
        return
    if result.user is not None:
        plan.users.add(result.user[0])
        if config.reserved_profile_map:
            cuts = []
            mixpanel_profile_update("", result.user[0], result.user[1], cuts)
            # counted once per profile (as the import sends one update per user), not per event
            plan.mapped_pairs.update((result.user[0], c.partition(":")[2]) for c in cuts if c.startswith("profile_mapped:"))
    for gtype, gvalue, _props in result.groups or ():
        plan.groups.add(f"{shape.mp_group_key(gtype)}/{gvalue}")
    if result.payload is None:
        plan.folded += 1
        return
    if (config.since_ms is not None and result.time_ms < config.since_ms) or (
        config.until_ms is not None and result.time_ms >= config.until_ms
    ):
        plan.outside_window += 1
        return
    rule = drop_rule(result.payload, shape, kind)
    if rule is not None:
        plan.filtered_by[rule] += 1
        return
    reshape(result.payload, shape, plan.changes)
    payload = result.payload
    plan.kept_names[event_name(payload)] += 1
    props = payload.get("properties") if config.to == "mixpanel" else payload.get("event_properties")
    plan.properties.update((props or {}).keys())
    plan.first_ms = result.time_ms if plan.first_ms is None else min(plan.first_ms, result.time_ms)
    plan.last_ms = result.time_ms if plan.last_ms is None else max(plan.last_ms, result.time_ms)
    user, device = _ids(payload, config.to)
    plan.with_user += user is not None
    plan.device_only += user is None and device is not None
    plan.both_ids += user is not None and device is not None
    if config.to == "amplitude":
        plan.per_id[device or user or ""] += 1
    plan.bytes += len(orjson.dumps(payload)) + 1


def _ids(payload: dict[str, Any], to: str) -> tuple[Any, Any]:
    if to == "mixpanel":
        props = payload["properties"]
        user = props.get("$user_id")
        device = props.get("$device_id")
        if user is None and device is None:  # --identity original: only distinct_id is left
            return props.get("distinct_id"), None
        return user, device
    return payload.get("user_id"), payload.get("device_id")


def _warn(plan: Plan, config: ImportConfig, now_ms: int, units: list[Any]) -> None:
    if config.to == "mixpanel" and plan.first_ms is not None:
        old5 = plan.first_ms < now_ms - 5 * YEAR_MS
        old2 = plan.first_ms < now_ms - 2 * YEAR_MS
        if old5 or old2:
            plan.warnings.append(
                "events older than " + ("5 years: Mixpanel keeps data up to 5 years" if old5 else
                                        "2 years: Mixpanel projects created from 2025-09-01 keep events 2 years")
                + "; older events may be refused or purged (check the project's retention)"
            )
    if any(u.kind == "mixpanel" for u in units):
        plan.warnings.append(
            "Mixpanel exports of projects created before 2023 are in project time, not UTC: times are read "
            "as UTC (with --from-api mixpanel, --timezone-offset shifts them)"
        )
    if config.to == "mixpanel":
        other = "original" if plan.identity == "simplified" else "simplified"
        plan.warnings.append(
            f"assumed a Mixpanel project on {plan.identity.capitalize()} ID merge (--identity {plan.identity}); "  # type: ignore[union-attr]
            f"{plan.both_ids:,} events carry both a user id and a device id"
            + (" and will merge them" if plan.identity == "simplified" else "")
            + f"; if the project uses {other.capitalize()} ID merge, pass --identity {other}"
        )


def _duration(seconds: float) -> str:
    if seconds < 60:
        return f"{seconds:.1f} s"
    return f"{seconds / 60:.1f} min"


def render_plan(plan: Plan, config: ImportConfig) -> str:
    """The plan as plain text (stable order, no colours)."""
    lines = [f"import plan: {plan.direction}", "sources: " + ", ".join(plan.sources)]
    if plan.identity:
        lines.append(f"identity: Mixpanel {plan.identity} ID merge assumed (--identity)")
    lines += ["", f"events read: {plan.read:,}; to import: {plan.kept:,}"]
    if plan.first_ms is not None and plan.last_ms is not None:
        first = datetime.fromtimestamp(plan.first_ms / 1000, UTC).strftime("%Y-%m-%d %H:%M:%S")
        last = datetime.fromtimestamp(plan.last_ms / 1000, UTC).strftime("%Y-%m-%d %H:%M:%S")
        lines.append(f"time range (UTC): {first} .. {last}")
    lines.append("events by name (read -> imported):")
    for name, count in sorted(plan.names.items(), key=lambda kv: (-kv[1], kv[0])):
        lines.append(f"  {name}: {count:,} -> {plan.kept_names.get(name, 0):,}")
    lines.append("filters:")
    if plan.outside_window:
        lines.append(f"  outside --since/--until: {plan.outside_window:,}")
    for rule, count in sorted(plan.filtered_by.items()):
        lines.append(f"  {rule}: {count:,} skipped")
    if not plan.outside_window and not plan.filtered_by:
        lines.append("  (none removed anything)")
    lines.append("property controls and mappings:")
    for change, count in sorted(plan.changes.items()):
        lines.append(f"  {change}: {count:,} events")
    if not plan.changes:
        lines.append("  (none changed anything)")
    lines.append(f"properties ({len(plan.properties):,} names; top {TOP_PROPERTIES} by events):")
    for name, count in sorted(plan.properties.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_PROPERTIES]:
        lines.append(f"  {name}: {count:,}")
    lines.append("ids:")
    lines.append(f"  with a user id: {plan.with_user:,}; device id only: {plan.device_only:,}")
    blocked = {r: c for r, c in plan.rejected.items() if r in ("no_usable_id", "id_too_short")}
    lines.append(f"  blocked (no usable id): {sum(blocked.values()):,}")
    other = {r: c for r, c in plan.rejected.items() if r not in blocked}
    if other:
        lines.append("rejected: " + ", ".join(f"{r} {c:,}" for r, c in sorted(other.items())))
    if plan.folded:
        lines.append(f"identify rows folded into profiles: {plan.folded:,}")
    lines.append("profiles:")
    if config.to == "mixpanel":
        lines.append(f"  users: {len(plan.users):,}; groups: {len(plan.groups):,}")
    else:
        lines.append(f"  Engage profiles: {plan.profiles:,}")
    mapped = ", ".join(f"{k} ({v:,})" for k, v in sorted(plan.mapped.items())) or "none"
    lines.append(f"  reserved properties mapped: {mapped}")
    lines += ["estimate:", *_estimate(plan, config)]
    lines.append("warnings:")
    lines += [f"  - {w}" for w in plan.warnings] or ["  (none)"]
    return "\n".join(lines) + "\n"


def _estimate(plan: Plan, config: ImportConfig) -> list[str]:
    count = max(1, min(config.batch_size, 2000))
    if config.to == "mixpanel":
        events = max(math.ceil(plan.kept / count), math.ceil(plan.bytes / (2 * 1024 * 1024)))
        profiles = math.ceil(len(plan.users) / 2000) + math.ceil(len(plan.groups) / 200)
        seconds = max(plan.kept / MP_EVENTS_PER_S, plan.bytes / MP_BYTES_PER_S)
        limit = "Mixpanel's ~30,000 events/s (2 GB/min) project limit"
    else:
        events = max(math.ceil(plan.kept / count), math.ceil(plan.bytes / 20_000_000))
        profiles = math.ceil(plan.profiles / 1000)
        busiest = max(plan.per_id.values(), default=0)
        seconds = busiest / AMP_PER_ID_PER_S
        limit = f"Amplitude's advised {AMP_PER_ID_PER_S} events/s per device id (busiest id: {busiest:,} events)"
    return [
        f"  requests: {events:,} event batches + {profiles:,} profile batches (plus any retried)",
        f"  uncompressed JSON: {plan.bytes:,} bytes",
        f"  duration at {limit}: at least {_duration(seconds)}",
    ]
