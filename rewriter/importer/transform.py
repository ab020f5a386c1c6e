"""Pure record transforms: Amplitude export -> Mixpanel /import, Mixpanel export -> Amplitude /batch,
plus the profile shapes (/engage, /groups, /identify).

Every function here is a pure function of its inputs (the clock is passed in through
`TransformOptions.now_ms`), so the same record always yields the same output, including the
deterministic `$insert_id` / `insert_id`. That is what makes re-sends after a crash harmless.

These functions must never raise on bad data and never do I/O: a record that cannot be imported
comes back as a `Reject` with a stable reason code and a human message. Values that exceed a
vendor limit are cut, and every cut is named in `Event.cuts` so the run can report it.
Field rules come from ../shared/import-apis.md §1.2, §4.2 and §5.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import orjson

from rewriter.importer.countries import code_to_name, name_to_code
from rewriter.importer.shape import RESERVED_PROFILE, RESERVED_PROFILE_BACK

# --- constants from import-apis.md -------------------------------------------------------------

MP_BLOCKED_IDS = frozenset(
    {
        "00000000-0000-0000-0000-000000000000", "anon", "anonymous", "nil", "none", "null", "n/a",
        "na", "undefined", "unknown", "<nil>", "0", "-1", "true", "false", "[]", "{}",
    }
)
AMP_BLOCKED_IDS = frozenset(
    {
        "anonymous", "nil", "none", "null", "n/a", "na", "undefined", "unknown", "",
        "00000000-0000-0000-0000-000000000000", "{}", "lmy47d", "0", "-1",
    }
)
_INSERT_ID_RE = re.compile(r"^[A-Za-z0-9-]{1,36}$")
MIN_TIME_MS = 31_536_000_000  # 1971-01-01T00:00:00Z
MAX_FUTURE_MS = 3_600_000  # Mixpanel rejects events more than 1 h in the future

MP_PROVENANCE_KEY = "$source"
MP_PROVENANCE_VALUE = "rewriter-import:amplitude"
AMP_PROVENANCE_KEY = "import_source"
AMP_PROVENANCE_VALUE = "rewriter-import:mixpanel"

MP_MAX_PROPERTIES = 254  # "< 255"
MP_MAX_KEYS = 254
MP_MAX_ARRAY = 254
MP_MAX_STRING_BYTES = 255
MP_MAX_DEPTH = 3
MP_MAX_COLLECTION_BYTES = 8 * 1024
MP_MAX_NAME = 255
AMP_MAX_STRING = 1024
AMP_MAX_DEPTH = 40

_EPOCH = datetime(1970, 1, 1)
_ONE_MS = timedelta(milliseconds=1)


@dataclass(frozen=True)
class TransformOptions:
    now_ms: int
    min_id_length: int = 5
    group_keys: tuple[str, ...] = ()
    reserved_profile_map: bool = True  # email <-> $email, name <-> $name ... on profiles (issue 13)


@dataclass(frozen=True, slots=True)
class Reject:
    reason: str
    message: str


@dataclass(slots=True)
class Event:
    """A transformed record. `payload` is None for rows that only carry profile state."""

    payload: dict[str, Any] | None
    time_ms: int
    cuts: list[str] = field(default_factory=list)
    user: tuple[str, dict[str, Any]] | None = None  # (user id, latest user properties)
    groups: list[tuple[str, str, dict[str, Any]]] | None = None  # (group type, value, properties)


Result = Event | Reject

# --- small helpers ------------------------------------------------------------------------------


def _usable_id(value: Any, blocked: frozenset[str]) -> str | None:
    """An id as a string, or None when it is missing, blank, not scalar or a placeholder."""
    if type(value) is str:  # the usual case first
        stripped = value.strip()
        return value if stripped and stripped.lower() not in blocked else None
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        value = str(value)
    elif not isinstance(value, str):
        return None
    stripped = value.strip()
    if not stripped or stripped.lower() in blocked:
        return None
    return value


def valid_mixpanel_insert_id(value: Any) -> bool:
    return (
        isinstance(value, str)
        and _INSERT_ID_RE.match(value) is not None
        and value.lower() not in MP_BLOCKED_IDS
    )


def stable_id(record: Any) -> str:
    """32 hex characters derived from the whole source record: identical on every run."""
    try:
        blob = orjson.dumps(record, option=orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS)
    except TypeError:
        blob = repr(record).encode()
    return hashlib.sha1(blob).hexdigest()[:32]


_SECOND_MS: dict[str, int] = {}  # "YYYY-MM-DD HH:MM:SS" -> epoch ms of that second (memoised)
_MAX_CACHED_SECONDS = 100_000


def parse_amplitude_time(value: Any) -> int | None:
    """Epoch ms from an Amplitude export time (`YYYY-MM-DD HH:MM:SS[.ffffff]`, `T` form, epoch).

    Export rows carry `YYYY-MM-DD HH:MM:SS.ffffff` and neighbouring rows share the second, so
    the epoch ms of each second is memoised and only the milliseconds are read per row (the
    general parse costs about twice as much); any other shape takes the general parse.
    """
    if type(value) is str and len(value) == 26 and value[19] == ".":
        fraction = value[20:]
        if fraction.isascii() and fraction.isdigit():
            second = _SECOND_MS.get(value[:19])
            if second is not None:
                return second + int(fraction[:3])
            parsed = _parse_time(value)
            if parsed is not None:
                if len(_SECOND_MS) >= _MAX_CACHED_SECONDS:
                    _SECOND_MS.clear()
                _SECOND_MS[value[:19]] = parsed - int(fraction[:3])
            return parsed
    return _parse_time(value)


def _parse_time(value: Any) -> int | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return _epoch_to_ms(value)
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text:
        return None
    if text.isdigit():
        return _epoch_to_ms(int(text))
    if text.endswith("Z"):
        text = text[:-1]
    try:
        dt = datetime.fromisoformat(text)
    except ValueError:
        return None
    if dt.tzinfo is not None:
        dt = dt.astimezone(UTC).replace(tzinfo=None)
    return (dt - _EPOCH) // _ONE_MS


def _epoch_to_ms(value: int | float) -> int | None:
    """Seconds or milliseconds since the epoch -> ms. Above 1e10 means ms (as PostHog decides)."""
    if value != value or value in (float("inf"), float("-inf")):  # NaN / inf
        return None
    if abs(value) >= 10_000_000_000:
        return int(value)
    return int(round(value * 1000))


def check_time(time_ms: int | None, raw: Any, opts: TransformOptions) -> Reject | None:
    if time_ms is None:
        return Reject("bad_time", f"time {raw!r} is not a recognised timestamp")
    if time_ms < MIN_TIME_MS:
        return Reject("time_out_of_range", f"time {raw!r} is before 1971-01-01")
    if time_ms > opts.now_ms + MAX_FUTURE_MS:
        return Reject("time_out_of_range", f"time {raw!r} is more than 1 hour in the future")
    return None


def _truncate_utf8(text: str, limit: int) -> str:
    return text.encode("utf-8")[:limit].decode("utf-8", "ignore")


# --- Mixpanel limits ----------------------------------------------------------------------------


def _mp_value(value: Any, depth: int, name: str, cuts: list[str]) -> Any:
    kind = type(value)
    if kind is str:
        if len(value) > 63 and len(value.encode("utf-8")) > MP_MAX_STRING_BYTES:
            cuts.append(f"string_truncated:{name}")
            return _truncate_utf8(value, MP_MAX_STRING_BYTES)
        return value
    if kind is list:
        if len(value) > MP_MAX_ARRAY:
            cuts.append(f"array_truncated:{name}")
            value = value[:MP_MAX_ARRAY]
        return [_mp_value(item, depth + 1 if type(item) is dict else depth, name, cuts) for item in value]
    if kind is dict:
        if depth > MP_MAX_DEPTH:
            cuts.append(f"depth_flattened:{name}")
            return _mp_value(orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode(), depth, name, cuts)
        if len(value) > MP_MAX_KEYS:
            cuts.append(f"object_keys_truncated:{name}")
            value = dict(list(value.items())[:MP_MAX_KEYS])
        return {
            _mp_name(str(k), cuts): _mp_value(v, depth + 1 if type(v) is dict else depth, name, cuts)
            for k, v in value.items()
        }
    return value


def _mp_name(name: str, cuts: list[str]) -> str:
    if len(name) > MP_MAX_NAME:
        cuts.append(f"name_truncated:{name[:40]}")
        return name[:MP_MAX_NAME]
    return name


def _fit_collection(value: Any, name: str, cuts: list[str]) -> Any:
    """Keep a list/object property under Mixpanel's 8 KB by dropping trailing items."""
    size = len(orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS))
    if size <= MP_MAX_COLLECTION_BYTES:
        return value
    cuts.append(f"collection_truncated_8kb:{name}")
    budget = MP_MAX_COLLECTION_BYTES - 2
    if isinstance(value, list):
        kept: list[Any] = []
        for item in value:
            budget -= len(orjson.dumps(item, option=orjson.OPT_NON_STR_KEYS)) + 1
            if budget < 0:
                break
            kept.append(item)
        return kept
    kept_map: dict[str, Any] = {}
    for key, item in value.items():
        budget -= len(orjson.dumps({key: item}, option=orjson.OPT_NON_STR_KEYS)) - 1
        if budget < 0:
            break
        kept_map[key] = item
    return kept_map


def enforce_mixpanel_limits(props: dict[str, Any], cuts: list[str]) -> dict[str, Any]:
    """Apply Mixpanel's event property limits in place of a rejection; name every cut."""
    if len(props) > MP_MAX_PROPERTIES:
        cuts.append(f"properties_dropped:{len(props) - MP_MAX_PROPERTIES}")
        props = dict(list(props.items())[:MP_MAX_PROPERTIES])
    out: dict[str, Any] = {}
    for key, value in props.items():
        kind = type(value)
        if kind is str:
            if len(value) > 63 and len(value.encode("utf-8")) > MP_MAX_STRING_BYTES:
                cuts.append(f"string_truncated:{key}")
                value = _truncate_utf8(value, MP_MAX_STRING_BYTES)
        elif kind is list or kind is dict:
            value = _fit_collection(_mp_value(value, 1, key, cuts), key, cuts)
        if len(key) > MP_MAX_NAME:
            key = _mp_name(key, cuts)
        out[key] = value
    return out


def _amp_value(value: Any, depth: int, name: str, cuts: list[str]) -> Any:
    kind = type(value)
    if kind is str:
        if len(value) > AMP_MAX_STRING:
            cuts.append(f"string_truncated:{name}")
            return value[:AMP_MAX_STRING]
        return value
    if kind is list:
        return [_amp_value(item, depth + 1, name, cuts) for item in value]
    if kind is dict:
        if depth > AMP_MAX_DEPTH:
            cuts.append(f"depth_flattened:{name}")
            return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode()[:AMP_MAX_STRING]
        return {str(k): _amp_value(v, depth + 1, name, cuts) for k, v in value.items()}
    return value


# --- Amplitude export -> Mixpanel ---------------------------------------------------------------

_AMP_DROPPED = frozenset(
    {
        "client_event_time", "client_upload_time", "server_received_time", "server_upload_time",
        "processed_time", "data", "$insert_key", "$schema", "plan", "data_type", "sample_rate",
        "global_user_properties", "uuid", "app", "$insert_id", "event_type", "event_time",
        "user_id", "device_id", "event_properties", "user_properties", "groups",
        "group_properties", "country", "os_name", "os_version", "amplitude_event_type",
    }
)
_AMP_RENAMED = {
    "city": "$city",
    "region": "$region",
    "location_lat": "$latitude",
    "location_lng": "$longitude",
    "device_model": "$model",
    "device_manufacturer": "$manufacturer",
    "device_brand": "$brand",
    "device_carrier": "$carrier",
    "version_name": "$app_version_string",
    "ip_address": "ip",
    "amplitude_id": "amplitude_id",
    "amplitude_attribution_ids": "amplitude_attribution_ids",
}
# Event-property names Mixpanel's /import takes as its own: an Amplitude event property of that
# name is renamed (``amplitude_ep_<name>``), never sent as is. ``ip`` is one of them: Mixpanel runs
# a GeoIP lookup on it and discards it (import-apis.md §3), so the property would vanish and
# overwrite the event's location.
_MP_RESERVED = frozenset(
    {"time", "distinct_id", "$insert_id", "$user_id", "$device_id", "token", "ip", MP_PROVENANCE_KEY}
)
_AMP_IDENTITY_ROWS = frozenset({"$identify", "$groupidentify"})
_SESSION_TARGET = "".join(("amplitude_", "session_id"))  # built at run time: a private object
_COLUMN_TARGETS: dict[str, str | None] = {}  # export column -> Mixpanel property (None = dropped)
_MAX_CACHED_COLUMNS = 4096


def _column_target(key: str) -> str | None:
    """Where an export column goes (None: dropped). Memoised: exports repeat the same columns."""
    if key in _AMP_DROPPED:
        target: str | None = None
    else:
        target = _AMP_RENAMED.get(key)
        if target is None:
            target = key if key.startswith("amplitude_") else "amplitude_" + key
        if key == "session_id":
            target = _SESSION_TARGET  # this very object marks the column whose -1 means "no session"
    if len(_COLUMN_TARGETS) < _MAX_CACHED_COLUMNS and (target is None or len(target) <= MP_MAX_NAME):
        _COLUMN_TARGETS[key] = target
    return target


def amplitude_to_mixpanel(record: Any, opts: TransformOptions) -> Result:
    """One Amplitude export row -> a Mixpanel `/import` event (import-apis.md §5.1)."""
    if not isinstance(record, dict):
        return Reject("malformed_record", "record is not a JSON object")
    event_type = record.get("event_type")
    if not isinstance(event_type, str) or not event_type.strip():
        return Reject("missing_event_name", "event_type is missing or empty")
    raw_time = record.get("event_time")
    if raw_time is None:
        raw_time = record.get("client_event_time")
    time_ms = parse_amplitude_time(raw_time)
    if time_ms is None or not MIN_TIME_MS <= time_ms <= opts.now_ms + MAX_FUTURE_MS:
        bad_time = check_time(time_ms, raw_time, opts)
        assert bad_time is not None  # the same bounds, with the reason
        return bad_time
    user_id = _usable_id(record.get("user_id"), MP_BLOCKED_IDS)
    device_id = _usable_id(record.get("device_id"), MP_BLOCKED_IDS)

    profile_user: tuple[str, dict[str, Any]] | None = None
    user_props = record.get("user_properties")
    if user_id is not None and isinstance(user_props, dict) and user_props:
        profile_user = (user_id, user_props)
    group_updates: list[tuple[str, str, dict[str, Any]]] | None = None
    group_props = record.get("group_properties")
    if isinstance(group_props, dict) and group_props:
        group_updates = [
            (str(gtype), str(gvalue), props)
            for gtype, by_value in group_props.items()
            if isinstance(by_value, dict)
            for gvalue, props in by_value.items()
            if isinstance(props, dict) and props
        ] or None

    if event_type in _AMP_IDENTITY_ROWS:
        # Amplitude's own identify rows carry profile state, not behaviour: never send them as
        # events (`$identify` means something else to Mixpanel).
        return Event(None, time_ms, [], profile_user, group_updates)

    if user_id is None and device_id is None:
        return Reject(
            "no_usable_id",
            f"user_id {record.get('user_id')!r} and device_id {record.get('device_id')!r} are missing or blocked",
        )

    cuts: list[str] = []
    src_insert = record.get("$insert_id")
    if valid_mixpanel_insert_id(src_insert):
        insert_id = src_insert
    elif valid_mixpanel_insert_id(record.get("uuid")):
        insert_id = record["uuid"]
    else:
        insert_id = stable_id(record)

    props: dict[str, Any] = {
        "time": time_ms,
        "distinct_id": user_id if user_id is not None else "$device:" + str(device_id),
        "$insert_id": insert_id,
    }
    if user_id is not None:
        props["$user_id"] = user_id
    if device_id is not None:
        props["$device_id"] = device_id

    platform = record.get("platform")
    is_web = platform == "Web" or (isinstance(platform, str) and platform.lower() == "web")
    os_name = record.get("os_name")
    os_version = record.get("os_version")
    if os_name is not None:
        props["$browser" if is_web else "$os"] = os_name
    if os_version is not None:
        props["$browser_version" if is_web else "$os_version"] = os_version
    country = record.get("country")
    if isinstance(country, str) and country:
        code = name_to_code(country)
        if code is not None:
            props["mp_country_code"] = code
        else:
            props["amplitude_country"] = country

    # One pass over the columns. `clean` stays True while every value is one that
    # enforce_mixpanel_limits would pass through unchanged (scalars, strings of <= 63 characters,
    # names <= 255), so that second pass (a full dict copy) runs only when it can change something.
    clean = True
    targets = _COLUMN_TARGETS
    for key, value in record.items():
        if value is None:
            continue
        try:
            target = targets[key]
        except KeyError:
            target = _column_target(key)
            if target is not None and len(target) > MP_MAX_NAME:
                clean = False
        if target is None or (target is _SESSION_TARGET and value == -1 and key == "session_id"):
            continue
        kind = type(value)
        if kind is str:
            if len(value) > 63:
                clean = False
        elif kind is dict or kind is list:
            clean = False
        props[target] = value

    event_props = record.get("event_properties")
    if isinstance(event_props, dict):
        for key, value in event_props.items():
            if type(key) is not str:
                key = str(key)
            if key in _MP_RESERVED:
                cuts.append(f"renamed:{key}")
                key = "amplitude_ep_" + key
            kind = type(value)
            if kind is str:
                if len(value) > 63:
                    clean = False
            elif kind is dict or kind is list:
                clean = False
            if len(key) > MP_MAX_NAME:
                clean = False
            props[key] = value

    protected: dict[str, Any] = {}
    groups = record.get("groups")
    if isinstance(groups, dict):
        for gtype, gvalue in groups.items():
            if gvalue is None or gvalue == [] or gvalue == "":
                continue
            if isinstance(gvalue, list) and len(gvalue) == 1:
                gvalue = gvalue[0]
            protected[str(gtype)] = gvalue
            props.pop(str(gtype), None)
            clean = False  # rare: take the general path below
    protected[MP_PROVENANCE_KEY] = MP_PROVENANCE_VALUE
    room = MP_MAX_PROPERTIES - len(protected)
    if clean and len(props) <= room:
        props.update(protected)
        return Event({"event": event_type, "properties": props}, time_ms, cuts, profile_user, group_updates)
    if len(props) > room:
        # Identity and mapped columns come first; the trailing event properties are dropped.
        cuts.append(f"properties_dropped:{len(props) - room}")
        props = dict(list(props.items())[:room])
    props.update(protected)
    props = enforce_mixpanel_limits(props, cuts)
    return Event({"event": event_type, "properties": props}, time_ms, cuts, profile_user, group_updates)


def mixpanel_profile_update(
    token: str, distinct_id: str, props: dict[str, Any], cuts: list[str], reserved: bool = True
) -> dict[str, Any]:
    """An `/engage` `$set` that does not touch `$last_seen`. With `reserved`, Amplitude's plain
    names of Mixpanel's reserved profile properties (`email`, `name`, ...) become `$email`,
    `$name`, ...; each mapping is named in `cuts` as `profile_mapped:email -> $email`."""
    if reserved:
        mapped: dict[str, Any] = {}
        for key, value in props.items():
            target = RESERVED_PROFILE.get(key) if isinstance(key, str) else None
            if target is not None and target not in props:
                cuts.append(f"profile_mapped:{key} -> {target}")
                key = target
            mapped[key] = value
        props = mapped
    return {
        "$token": token,
        "$distinct_id": distinct_id,
        "$ignore_time": True,
        "$set": _mp_profile_props(props, cuts),
    }


def mixpanel_group_update(
    token: str, group_key: str, group_id: str, props: dict[str, Any], cuts: list[str]
) -> dict[str, Any]:
    return {
        "$token": token,
        "$group_key": group_key,
        "$group_id": group_id,
        "$set": _mp_profile_props(props, cuts),
    }


def _mp_profile_props(props: dict[str, Any], cuts: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in list(props.items())[:2000]:
        if isinstance(value, str) and len(value.encode("utf-8")) > MP_MAX_STRING_BYTES:
            cuts.append(f"string_truncated:{key}")
            value = _truncate_utf8(value, MP_MAX_STRING_BYTES)
        out[_mp_name(str(key), cuts)] = value
    return out


# --- Mixpanel export -> Amplitude ---------------------------------------------------------------

_MP_INTERNAL = frozenset(
    {
        "$mp_api_endpoint", "$mp_api_timestamp_ms", "mp_processing_time_ms", "$import",
        "$geo_source", "$mp_event_size", "mp_sent_by_lib_version", "$distinct_id_before_identity",
        "token", "distinct_id", "time", "$insert_id", "$user_id", "$device_id",
    }
)
_MP_TO_AMP_TOP = {
    "$model": "device_model",
    "$manufacturer": "device_manufacturer",
    "$brand": "device_brand",
    "$carrier": "carrier",
    "$app_version_string": "app_version",
    "$app_release": "app_version",
    "$city": "city",
    "$region": "region",
    "$latitude": "location_lat",
    "$longitude": "location_lng",
    "ip": "ip",
    # columns this importer wrote when it moved Amplitude data into Mixpanel
    "amplitude_platform": "platform",
    "amplitude_language": "language",
    "amplitude_session_id": "session_id",
    "amplitude_event_id": "event_id",
    "amplitude_country": "country",
}
_MP_IDENTITY_EVENTS = frozenset({"$identify", "$create_alias", "$merge"})


def _amp_ids(
    user_raw: Any, device_raw: Any, distinct: Any, opts: TransformOptions
) -> tuple[str | None, str | None] | Reject:
    user_id = _usable_id(user_raw, AMP_BLOCKED_IDS)
    device_id = _usable_id(device_raw, AMP_BLOCKED_IDS)
    if isinstance(distinct, str) and distinct.startswith("$device:"):
        if device_id is None:
            device_id = _usable_id(distinct[len("$device:") :], AMP_BLOCKED_IDS)
    else:
        fallback = _usable_id(distinct, AMP_BLOCKED_IDS)
        if user_id is None and fallback is not None and fallback != device_id:
            user_id = fallback
    if user_id is None and device_id is None:
        return Reject(
            "no_usable_id",
            f"distinct_id {distinct!r}, $user_id {user_raw!r} and $device_id {device_raw!r} are missing or blocked",
        )
    for label, value in (("user_id", user_id), ("device_id", device_id)):
        if value is not None and len(value) < opts.min_id_length:
            return Reject(
                "id_too_short",
                f"{label} {value!r} is shorter than Amplitude's minimum of {opts.min_id_length} "
                "characters (lower it with --min-id-length)",
            )
    return user_id, device_id


def mixpanel_to_amplitude(record: Any, opts: TransformOptions) -> Result:
    """One Mixpanel raw-export event -> an Amplitude `/batch` event (import-apis.md §5.2)."""
    if not isinstance(record, dict) or not isinstance(record.get("properties"), dict):
        return Reject("malformed_record", "record is not {\"event\", \"properties\": {...}}")
    event = record.get("event")
    if not isinstance(event, str) or not event.strip():
        return Reject("missing_event_name", "event is missing or empty")
    props: dict[str, Any] = record["properties"]
    if event in _MP_IDENTITY_EVENTS:
        return Reject(
            "identity_event",
            f"{event} is Mixpanel identity management; Amplitude links ids itself, so it is not imported",
        )
    raw_time = props.get("time")
    time_ms = (
        _epoch_to_ms(raw_time)
        if isinstance(raw_time, int | float) and not isinstance(raw_time, bool)
        else parse_amplitude_time(raw_time)
    )
    bad_time = check_time(time_ms, raw_time, opts)
    if bad_time is not None:
        return bad_time
    assert time_ms is not None
    ids = _amp_ids(props.get("$user_id"), props.get("$device_id"), props.get("distinct_id"), opts)
    if isinstance(ids, Reject):
        return ids
    user_id, device_id = ids
    source_insert = props.get("$insert_id")
    if isinstance(source_insert, str) and source_insert.strip():
        insert_id = source_insert[:AMP_MAX_STRING]
    else:
        insert_id = stable_id(record)

    cuts: list[str] = []
    out: dict[str, Any] = {"event_type": event[:AMP_MAX_STRING], "time": time_ms, "insert_id": insert_id}
    if user_id is not None:
        out["user_id"] = user_id
    if device_id is not None:
        out["device_id"] = device_id

    lib = props.get("mp_lib")
    platform = props.get("amplitude_platform")
    is_web = lib == "web" or (isinstance(platform, str) and platform.lower() == "web") or (
        "$browser" in props and "$os" not in props
    )
    os_keys = ("$browser", "$browser_version") if is_web else ("$os", "$os_version")
    if props.get(os_keys[0]) is not None:
        out["os_name"] = props[os_keys[0]]
    if props.get(os_keys[1]) is not None:
        out["os_version"] = props[os_keys[1]]
    code = props.get("mp_country_code")
    mapped_country = code_to_name(code) if isinstance(code, str) else None
    if mapped_country is not None:
        out["country"] = mapped_country

    groups: dict[str, Any] = {}
    event_props: dict[str, Any] = {}
    for key, value in props.items():
        if key in _MP_INTERNAL or key in os_keys or key.startswith("$mp_"):
            continue
        if key == "mp_country_code" and mapped_country is not None:
            continue
        if key == MP_PROVENANCE_KEY and value == MP_PROVENANCE_VALUE:
            continue
        top = _MP_TO_AMP_TOP.get(key)
        if top is not None:
            if value is not None and top not in out:
                out[top] = value
            continue
        if key in opts.group_keys and value is not None:
            groups[key] = value
            continue
        event_props[key] = _amp_value(value, 1, key, cuts)
    event_props[AMP_PROVENANCE_KEY] = AMP_PROVENANCE_VALUE
    out["event_properties"] = event_props
    if groups:
        out["groups"] = groups
    for key in ("os_name", "os_version", "city", "region", "country", "app_version", "carrier",
                "device_model", "device_manufacturer", "device_brand", "platform", "language"):
        value = out.get(key)
        if value is not None and not isinstance(value, str):
            out[key] = str(value)
        elif isinstance(value, str) and len(value) > AMP_MAX_STRING:
            cuts.append(f"string_truncated:{key}")
            out[key] = value[:AMP_MAX_STRING]
    out["$skip_user_properties_sync"] = True
    return Event(out, time_ms, cuts)


_PROFILE_DROPPED = frozenset({"$last_seen", "$distinct_id"})
_PROFILE_TOP = {"$city": "city", "$region": "region"}


def mixpanel_profile_to_identify(record: Any, opts: TransformOptions) -> Result:
    """One Engage export result `{"$distinct_id", "$properties"}` -> an Identify API object."""
    if not isinstance(record, dict) or not isinstance(record.get("$properties", {}), dict):
        return Reject("malformed_record", "profile is not {\"$distinct_id\", \"$properties\": {...}}")
    distinct = record.get("$distinct_id")
    ids = _amp_ids(None, None, distinct, opts)
    if isinstance(ids, Reject):
        return ids
    user_id, device_id = ids
    cuts: list[str] = []
    ident: dict[str, Any] = {}
    if user_id is not None:
        ident["user_id"] = user_id
    if device_id is not None:
        ident["device_id"] = device_id
    to_set: dict[str, Any] = {}
    for key, value in (record.get("$properties") or {}).items():
        if key in _PROFILE_DROPPED or key.startswith("$mp_"):
            continue
        if key in _PROFILE_TOP:
            ident[_PROFILE_TOP[key]] = value
            continue
        if key == "$country_code" and isinstance(value, str):
            name = code_to_name(value)
            if name is not None:
                ident["country"] = name
                continue
        if key in RESERVED_PROFILE_BACK:
            if not opts.reserved_profile_map:
                to_set[key] = _amp_value(value, 1, key, cuts)
                continue
            cuts.append(f"profile_mapped:{key} -> {RESERVED_PROFILE_BACK[key]}")
        name = key[1:] if key.startswith("$") else key
        to_set[name] = _amp_value(value, 1, name, cuts)
    ident["user_properties"] = {"$set": to_set}
    return Event(ident, opts.now_ms, cuts)
