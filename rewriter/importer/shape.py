"""The user's controls over what is imported, applied to each transformed record (issue 13).

Filters (`--only-events`, `--skip-events` globs, Amplitude's own `session_start`/`session_end`/
`[Experiment]` events unless `--keep-amplitude-events`, `$ignore: true`, `--skip-where PROP=GLOB`
rules such as bot traffic), property controls (`--drop-property`, `--rename-property OLD=NEW`,
`--hash-property` with a salted SHA-256), `--geo from-ip|explicit|none`, `--identity
simplified|original` for Mixpanel destinations and `--group-key AMPLITUDE_TYPE=MIXPANEL_KEY`.

Property names are the destination's: the keys of a Mixpanel event's `properties`, or of an
Amplitude event's `event_properties` (geo fields are top-level there). Everything here is a pure
function of the record and the options (the salt included), so it runs in any worker process and a
rerun produces the same payloads. A record dropped by a filter is never silent: `drop_rule` names
the rule and the run counts it. The salt never appears in a repr, a message or the summary.
"""

from __future__ import annotations

import fnmatch
import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

AMPLITUDE_OWN_EVENTS = ("session_start", "session_end")
IDENTITY_EVENTS = frozenset({"$identify", "$merge", "$create_alias"})
_EXPERIMENT = re.compile(r"\[experiment\]", re.IGNORECASE)
# Properties the import itself needs: not to be dropped, renamed or hashed by a control.
PROTECTED = frozenset({"time", "distinct_id", "$insert_id", "token"})
MP_GEO = ("$city", "$region", "mp_country_code", "$latitude", "$longitude", "amplitude_country", "amplitude_dma")
AMP_GEO = ("country", "region", "city", "dma", "location_lat", "location_lng")

# Reserved profile properties, Amplitude/plain name -> Mixpanel name (RudderStack maps the same).
RESERVED_PROFILE = {
    "email": "$email", "name": "$name", "first_name": "$first_name", "last_name": "$last_name",
    "phone": "$phone", "avatar": "$avatar", "created": "$created",
}
RESERVED_PROFILE_BACK = {mp: plain for plain, mp in RESERVED_PROFILE.items()}


class Salt:
    """The --hash-property salt: picklable (it travels to worker processes) but never printed."""

    __slots__ = ("value",)

    def __init__(self, value: str) -> None:
        self.value = value

    def __repr__(self) -> str:
        return "Salt('***')"

    __str__ = __repr__

    def __getstate__(self) -> str:
        return self.value

    def __setstate__(self, state: str) -> None:
        self.value = state


@dataclass(frozen=True)
class ShapeOptions:
    """The controls of one run (all off by default except the Amplitude-own-events filter)."""

    target: str = "mixpanel"
    only_events: tuple[str, ...] = ()
    skip_events: tuple[str, ...] = ()
    keep_amplitude_events: bool = False
    skip_where: tuple[tuple[str, str], ...] = ()  # (property, glob)
    drop_properties: tuple[str, ...] = ()
    rename_properties: tuple[tuple[str, str], ...] = ()
    hash_properties: tuple[str, ...] = ()
    salt: Salt | None = field(default=None, compare=False)
    geo: str = "from-ip"
    identity: str = "simplified"
    group_map: tuple[tuple[str, str], ...] = ()  # (Amplitude group type, Mixpanel group key)

    def mp_group_key(self, amplitude_type: str) -> str:
        for amp, mp in self.group_map:
            if amp == amplitude_type:
                return mp
        return amplitude_type

    def amp_group_type(self, mixpanel_key: str) -> str:
        for amp, mp in self.group_map:
            if mp == mixpanel_key:
                return amp
        return mixpanel_key


def _matches(name: str, globs: tuple[str, ...]) -> bool:
    return any(fnmatch.fnmatchcase(name, glob) for glob in globs)


def event_name(payload: dict[str, Any]) -> str:
    name = payload.get("event") if "event" in payload else payload.get("event_type")
    return name if isinstance(name, str) else ""


def _props(payload: dict[str, Any]) -> dict[str, Any]:
    """The event's property map in the destination's shape."""
    props = payload.get("properties") if "properties" in payload else payload.get("event_properties")
    return props if isinstance(props, dict) else {}


def drop_rule(payload: dict[str, Any], opts: ShapeOptions, source: str) -> str | None:
    """The filter that drops this event (a stable label for the summary and the plan), or None."""
    name = event_name(payload)
    if opts.only_events and not _matches(name, opts.only_events):
        return "--only-events"
    if opts.skip_events and _matches(name, opts.skip_events):
        return "--skip-events"
    if source == "amplitude" and not opts.keep_amplitude_events:
        if name in AMPLITUDE_OWN_EVENTS:
            return f"amplitude {name} (--keep-amplitude-events keeps them)"
        if _EXPERIMENT.search(name):
            return "amplitude [Experiment] (--keep-amplitude-events keeps them)"
    if opts.target == "mixpanel" and opts.identity == "simplified" and name in IDENTITY_EVENTS:
        return f"{name} (Simplified ID merge projects refuse it)"
    props = _props(payload)
    ignore = props.get("$ignore")
    if ignore is True or (isinstance(ignore, str) and ignore.lower() == "true"):
        return "$ignore: true"
    for prop, glob in opts.skip_where:
        value = props.get(prop, payload.get(prop))
        if value is not None and fnmatch.fnmatchcase(str(value), glob):
            return f"--skip-where {prop}={glob}"
    return None


def _hash(value: Any, salt: Salt | None) -> str:
    text = value if isinstance(value, str) else repr(value)
    return hashlib.sha256(((salt.value if salt else "") + text).encode("utf-8")).hexdigest()


def reshape(payload: dict[str, Any], opts: ShapeOptions, changes: dict[str, int]) -> None:
    """Apply the property controls, --geo, --identity and --group-key in place; count each change."""
    props = _props(payload)

    def note(label: str) -> None:
        changes[label] = changes.get(label, 0) + 1

    for name in opts.drop_properties:
        if name in props:
            del props[name]
            note(f"dropped {name}")
    for old, new in opts.rename_properties:
        if old in props:
            props[new] = props.pop(old)
            note(f"renamed {old} -> {new}")
    for name in opts.hash_properties:
        value = props.get(name)
        if value is not None:
            props[name] = _hash(value, opts.salt)
            note(f"hashed {name}")
    if opts.target == "mixpanel":
        if opts.geo != "from-ip" and props.pop("ip", None) is not None:
            note(f"--geo {opts.geo}: ip removed")
        if opts.geo == "none":
            for key in MP_GEO:
                if props.pop(key, None) is not None:
                    note(f"--geo none: {key} removed")
        if opts.identity == "original":
            user, device = props.pop("$user_id", None), props.pop("$device_id", None)
            if user is None and device is not None:
                props["distinct_id"] = device  # no "$device:" prefix: a Simplified ID merge convention
                note("--identity original: distinct_id = device_id")
        for amp, mp in opts.group_map:
            if amp != mp and amp in props:
                props[mp] = props.pop(amp)
                note(f"group {amp} -> {mp}")
    else:
        ip = payload.get("ip")
        if ip is not None and (opts.geo != "from-ip" or ip == "$remote"):
            # "$remote" would geolocate the importer's own address: never sent
            del payload["ip"]
            note(f"--geo {opts.geo}: ip removed")
        if opts.geo == "none":
            for key in AMP_GEO:
                if payload.pop(key, None) is not None:
                    note(f"--geo none: {key} removed")
        groups = payload.get("groups")
        if isinstance(groups, dict) and opts.group_map:
            for amp, mp in opts.group_map:
                if amp != mp and mp in groups:
                    groups[amp] = groups.pop(mp)
                    note(f"group {mp} -> {amp}")


def check(opts: ShapeOptions) -> str | None:
    """A usage problem with the controls (the CLI exits 2 with it), or None."""
    for name in (*opts.drop_properties, *(old for old, _ in opts.rename_properties), *opts.hash_properties):
        if name in PROTECTED:
            return f"{name} is needed by the import itself and cannot be dropped, renamed or hashed"
    for _old, new in opts.rename_properties:
        if not new or new in PROTECTED:
            return f"--rename-property cannot rename to {new!r}"
    if opts.hash_properties and (opts.salt is None or not opts.salt.value):
        return "--hash-property needs a salt in the environment variable REWRITER_HASH_SALT"
    if opts.geo not in ("from-ip", "explicit", "none"):
        return "--geo must be from-ip, explicit or none"
    if opts.identity not in ("simplified", "original"):
        return "--identity must be simplified or original"
    return None
