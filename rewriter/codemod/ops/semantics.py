"""Vendor semantics, once: what each operation becomes in the other vendor's SDK.

``translate(op, source, target)`` holds the rules of sdk-map §5 and the traps of §6 for every
language: a credential is never carried across vendors (trap 18), residency maps only between
literal zones/hosts, every dropped option is named, an Identify chain splits into one call per
Mixpanel operation kind and refuses what Mixpanel cannot express (prepend, ordered insert,
clear-all) or what Amplitude would silently drop (two operations on one key: trap 8), Mixpanel's
reserved ``$`` properties are never copied into Amplitude (trap 17), and the user id moves between
event options and properties on servers (trap 2).

It sees values (text plus literal kind), never syntax; it returns operations for a printer, the
notes a reviewer needs, or a ``Review`` with the reason. Per-SDK differences come from profiles.
"""

from __future__ import annotations

import re
from dataclasses import replace

from rewriter.codemod.ops.ir import (
    Entry,
    Flush,
    Identify,
    Init,
    Op,
    OptOut,
    ProfileUpdate,
    PropOp,
    Reset,
    Review,
    SetGroup,
    Track,
    Translation,
    Value,
    synthetic,
)
from rewriter.codemod.ops.profiles import SdkProfile

VENDOR_NAME = {"amplitude": "Amplitude", "mixpanel": "Mixpanel"}

# -- profile operations ---------------------------------------------------------------------------
UNION_NOTE = "{op} ↔ union: union merges without duplicates; closest pair, not identical"
APPEND_NOTE = "append of a list value may differ between vendors (unverified server-side)"
NO_MIXPANEL_EQUIVALENT = {
    "prepend": "Mixpanel has no prepend operation",
    "pre_insert": "Mixpanel has no ordered insert ({op})",
    "clear_all": "{op} has no Mixpanel equivalent (deleting the whole profile is the only counterpart)",
}

# -- events ---------------------------------------------------------------------------------------
# Amplitude event fields that have a Mixpanel event-property home (and back).
AMPLITUDE_FIELD_TO_MIXPANEL_PROP = {"insert_id": "$insert_id", "ip": "ip"}
MIXPANEL_PROP_TO_AMPLITUDE_FIELD = {"$insert_id": "insert_id", "$device_id": "device_id", "ip": "ip", "$ip": "ip"}
MIXPANEL_PROPS_WITHOUT_MEANING = ("distinct_id", "token", "$user_id", "$time")
TIME_REVIEW = (
    "time: Mixpanel track stamps its own time (seconds) and /track rejects events older than 5 days; "
    "use import_data for historical events"
)

# -- residency ------------------------------------------------------------------------------------
MIXPANEL_DEFAULT_HOSTS = ("api.mixpanel.com", "api-js.mixpanel.com")


def translate(op: Op, source: SdkProfile, target: SdkProfile) -> Translation | Review:
    """What ``op`` (read from an SDK of ``source``) becomes in ``target``'s SDK."""
    if source.vendor == target.vendor:
        return Review(f"{source.id} and {target.id} are the same vendor; nothing to translate")
    if isinstance(op, Init):
        return _init(op, source, target)
    if isinstance(op, Track):
        return _track(op, source, target)
    if isinstance(op, ProfileUpdate):
        return _profile(op, source, target)
    if isinstance(op, SetGroup):
        return _set_group(op, source, target)
    if isinstance(op, Flush):
        return _flush(op, source, target)
    if isinstance(op, Identify):
        return _identify(op, source, target)
    if isinstance(op, Reset):
        return _reset(target)
    if isinstance(op, OptOut):
        return _opt_out(op, target)
    return Review(f"no translation for {type(op).__name__}")


# == init =========================================================================================
def _init(op: Init, source: SdkProfile, target: SdkProfile) -> Translation | Review:
    notes: list[str] = []
    region = "US"
    dropped: list[str] = []
    privacy, options = _privacy(op.options or (), source)
    for e in options:
        name = e.name or e.key.text
        if e.value.is_null:
            continue
        if name in source.region.options:
            got = _region(source, name, e.value)
            if isinstance(got, Review):
                return got
            region = got if got != "US" else region
        elif name in source.init.ignored:
            continue
        elif name in source.init.review:
            return Review(source.init.review[name])
        else:
            dropped.append(name)
    if region != "US" and region not in target.region.values:
        if region.startswith("custom:"):
            host = region.removeprefix("custom:")
            return Review(
                f"custom {VENDOR_NAME[source.vendor]} host {host!r}: configure "
                f"{VENDOR_NAME[target.vendor]} {target.init.custom_host_option} by hand"
            )
        if region == "IN":
            return Review(f"India residency has no {VENDOR_NAME[target.vendor]} server zone")
        return Review(f"{region} residency has no {VENDOR_NAME[target.vendor]} equivalent; map it by hand")
    settings: list[tuple[str, str | bool]] = list(target.region.values.get(region, {}).items())
    for switch in privacy:
        wanted = target.privacy.get(switch)
        if wanted is None:
            # A privacy choice must never be reversed silently (Mixpanel collects the IP by default).
            return Review(f"the init turns {PRIVACY_WHAT[switch]} off; {target.id} has no init setting for it: decide by hand")
        settings.extend(wanted.items())
        shown = ", ".join(f"{k}: {str(v).lower() if isinstance(v, bool) else v}" for k, v in wanted.items())
        notes.append(f"{PRIVACY_WHAT[switch]} stays off ({shown})")
    credential = _credential(op.credential, source, target, notes)
    if isinstance(credential, Review):
        return credential
    if dropped:
        notes.append(f"options with no {VENDOR_NAME[target.vendor]} mapping were dropped: " + ", ".join(dropped))
    ops: list[Op] = [Init(credential=credential, settings=tuple(settings))]
    if op.user is not None and not op.user.is_null:
        ops.append(Identify(op.user))
        notes.append(f"the init userId became {target.client}.identify()" if target.vendor == "mixpanel"
                     else "the init user id became setUserId()")
    if target.notes.target_init:
        notes.append(target.notes.target_init)
    return Translation(ops, notes)


PRIVACY_WHAT = {"ip_off": "IP address collection"}


def _privacy(options: tuple[Entry, ...], source: SdkProfile) -> tuple[list[str], list[Entry]]:
    """Privacy switches the source init turns on (per the source profile's ``privacy``), and the
    options left once the settings that express them are taken out (a nested map keeps the rest
    of its entries, each named ``outer.inner`` so a dropped one is named exactly)."""
    found: list[str] = []
    flat: list[Entry] = []
    for e in options:
        name = e.name or e.key.text
        if e.value.kind == "map" and e.value.entries:
            flat.extend(Entry(x.key, x.value, f"{name}.{x.name or x.key.text}") for x in e.value.entries)
        else:
            flat.append(Entry(e.key, e.value, name))
    for switch, wanted in source.privacy.items():
        hits = [e for e in flat if e.name in wanted and _literal(e.value) == wanted[e.name]]
        if hits and len(hits) == len(wanted):
            found.append(switch)
            flat = [e for e in flat if e not in hits]
    return found, flat


def _literal(value: Value) -> str | bool | None:
    if value.kind == "bool":
        return (value.literal or value.text).strip().lower() == "true"
    if value.kind == "string":
        return value.literal
    return None


def _region(source: SdkProfile, option: str, value: Value) -> str | Review:
    """Neutral residency of one residency option: "US", "EU", "IN" or "custom:<host>"."""
    if source.vendor == "amplitude":
        zone = value.literal if value.kind == "string" else _enum_member(value)
        zone = zone.upper() if zone is not None else None
        if zone not in ("US", "EU"):
            return Review(f"{option} is not a literal 'US'/'EU': map residency by hand")
        return zone
    if value.kind != "string" or value.literal is None:
        # A variable host is usually a proxy: it must never vanish silently (issue: api_host proxy).
        return Review(f"{option} is not a literal ({value.text}): a proxy or residency host; map it by hand")
    host = value.literal.removeprefix("https://").removeprefix("http://").rstrip("/")
    if "api-eu" in host:
        return "EU"
    if "api-in" in host:
        return "IN"
    if not host or host in MIXPANEL_DEFAULT_HOSTS:
        return "US"
    return f"custom:{host}"


def _enum_member(value: Value) -> str | None:
    """``ServerZone.EU`` or Swift's ``.EU`` → ``EU`` (an enum member spelled as an attribute)."""
    m = re.fullmatch(r"(?:[A-Za-z_][\w.]*)?\.(EU|US)", value.text.strip())  # Swift: `.EU`
    return m.group(1) if m else None


# -- credentials ----------------------------------------------------------------------------------
_CRED_SUFFIX = r"(?:_?PROJECT)?(?:_?API)?(?:_?(?:KEY|TOKEN|SECRET))?"


def _credential(value: Value, source: SdkProfile, target: SdkProfile, notes: list[str]) -> Value | Review:
    """A credential is never reused across vendors (trap 18): a literal becomes a placeholder, a
    configuration read reads the target vendor's key instead, anything else stays the expression
    and the note tells the caller to pass the new credential."""
    what = target.credential.what
    src_what = f"{'an' if source.vendor == 'amplitude' else 'a'} {source.credential.what}"
    if value.is_null:
        return Review(f"init() without {src_what}")
    if value.kind == "string":
        q = value.text[:1] if value.text[:1] in ("'", '"', "`") else "'"
        notes.append(f"credential replaced by a placeholder: set your {what} ({src_what} cannot be reused)")
        return synthetic(f"{q}{target.credential.placeholder}{q}", "string", target.credential.placeholder)
    if value.kind == "config" and value.config_name:
        renamed = rename_credential(value.config_name, source.vendor, target.vendor)
        if renamed is not None and value.text.rfind(value.config_name) >= 0:
            at = value.text.rfind(value.config_name)
            text = value.text[:at] + renamed + value.text[at + len(value.config_name) :]
            notes.append(f"the credential is read from {renamed} now: set it to your {what} ({src_what} cannot be reused)")
            return replace(value, text=text, config_name=renamed)
        notes.append(f"the credential comes from {value.config_name}: point it at your {what} ({src_what} cannot be reused)")
        return value
    notes.append(f"the credential is passed in ({value.text}): callers must now pass your {what} ({src_what} cannot be reused)")
    return value


def rename_credential(name: str, source: str, target: str) -> str | None:
    """``REACT_APP_AMPLITUDE_KEY`` → ``REACT_APP_MIXPANEL_TOKEN``, ``MIXPANEL_PROD_TOKEN`` →
    ``AMPLITUDE_PROD_API_KEY``, ``mixpanelToken`` → ``amplitudeApiKey``: the vendor word and the
    credential word, each in the name's own case style, everything else kept. None when the name
    does not mention the source vendor."""
    words = {"amplitude": ("API_KEY", "ApiKey"), "mixpanel": ("TOKEN", "Token")}[target]
    m = re.search(source, name, re.IGNORECASE)
    if m is None:
        return None
    found = m.group(0)
    upper = found.isupper()
    vendor = target.upper() if upper else target.capitalize() if found[0].isupper() else target
    cred_rx = re.compile(r"(?:_?PROJECT)?(?:_?API)?_?(?:KEY|TOKEN|SECRET)(?![a-z])", re.IGNORECASE)
    direct = cred_rx.match(name, m.end())
    if direct is not None:
        sep = "_" if upper or "_" in direct.group(0) else ""
        cred = (words[0] if upper else words[0].lower()) if sep else words[1]
        return name[: m.start()] + vendor + sep + cred + name[direct.end() :]
    rest = name[m.end() :]
    later = list(cred_rx.finditer(rest))
    if later:
        last = later[-1]
        text = last.group(0)
        sep = "_" if text.startswith("_") else ""
        cred = (words[0] if text.strip("_").isupper() else words[0].lower()) if "_" in text or text.isupper() else words[1]
        rest = rest[: last.start()] + sep + cred + rest[last.end() :]
    return name[: m.start()] + vendor + rest


# == track ========================================================================================
def _track(op: Track, source: SdkProfile, target: SdkProfile) -> Translation | Review:
    if not source.is_server and not target.is_server:
        return _track_client(op)
    if source.vendor == "amplitude":
        return _track_to_mixpanel(op, target)
    return _track_to_amplitude(op, source, target)


def _track_to_mixpanel(op: Track, target: SdkProfile) -> Translation | Review:
    """Amplitude event options/fields → Mixpanel distinct id plus special properties."""
    extra: list[tuple[str, Value]] = []
    notes: list[str] = []
    problems: list[str] = list(op.unknown)
    for name, value in op.fields:
        if value.is_null:
            continue
        if name in AMPLITUDE_FIELD_TO_MIXPANEL_PROP:
            extra.append((AMPLITUDE_FIELD_TO_MIXPANEL_PROP[name], value))
        elif name == "groups":
            if value.entries is None:
                problems.append("groups (not a literal map)")
                continue
            extra.extend((e.name or e.key.text, e.value) for e in value.entries)
            notes.append("event groups became event properties: set the group keys up in Mixpanel project settings")
        elif name == "time":
            problems.append(TIME_REVIEW)
        else:
            problems.append(name)
    if problems:
        return Review("event fields with no Mixpanel track equivalent: " + "; ".join(problems))
    user, device = op.user, op.device
    if user is not None and not user.is_null:
        distinct = user
        if device is not None and not device.is_null:
            extra.insert(0, ("$device_id", device))
    elif device is not None and not device.is_null:
        distinct = device
        notes.append("device_id-only event: the device id became the distinct_id")
    else:
        return Review("no user_id or device_id: Mixpanel track needs a distinct_id")
    return Translation([Track(event=op.event, props=op.props, user=distinct, extra_props=tuple(extra))], notes)


def _track_to_amplitude(op: Track, source: SdkProfile, target: SdkProfile) -> Translation | Review:
    """Mixpanel special properties → Amplitude event fields; the distinct id → user_id."""
    if op.user is None or op.user.is_null:
        return Review("no distinct_id: Amplitude server events need a user_id")
    fields: list[tuple[str, Value]] = list(op.fields)
    notes: list[str] = []
    props = op.props
    if props is not None and props.entries is not None:
        keep: list[Entry] = []
        moved = False
        for e in props.entries:
            key = e.name
            if key in MIXPANEL_PROPS_WITHOUT_MEANING:
                return Review(f"{key!r} inside the properties has no Amplitude event property meaning; migrate by hand")
            if key in MIXPANEL_PROP_TO_AMPLITUDE_FIELD:
                fields.append((MIXPANEL_PROP_TO_AMPLITUDE_FIELD[key], e.value))
                moved = True
            elif key == "time":
                if source.time_unit != "seconds":
                    return Review("special Mixpanel properties to map by hand: time (a Date, seconds or milliseconds)")
                fields.append(("time_seconds", e.value))
                notes.append("the Mixpanel time property (seconds) became the Amplitude event time in milliseconds")
                moved = True
            else:
                keep.append(e)
        if moved:
            props = replace(props, entries=tuple(keep), text="") if keep else None
    if target.notes.min_id_length:
        notes.append(target.notes.min_id_length)
    return Translation([Track(event=op.event, props=props, user=op.user, fields=tuple(fields))], notes)


def _track_client(op: Track) -> Translation | Review:
    """Client SDKs on both sides (mobile, sdk-map §5.3): the SDK holds the user, so an event is
    its name and properties; any per-event option (user, device, time, insert id) needs a human."""
    extras = [name for name, value in op.fields if not value.is_null] + list(op.unknown)
    if op.user is not None or op.device is not None:
        extras.insert(0, "user/device id")
    if extras:
        return Review("per-event options with no client-side counterpart: " + ", ".join(extras) + "; migrate by hand")
    return Translation([Track(event=op.event, props=op.props)])


# == identify (login) ============================================================================
LOGIN_TO_MIXPANEL = "Mixpanel rejects ids starting with $device:; both vendors merge the anonymous history on login"
LOGIN_TO_AMPLITUDE = "both vendors merge the anonymous history on login"


def _identify(op: Identify, source: SdkProfile, target: SdkProfile) -> Translation | Review:
    """Login (sdk-map §5.1 #8, trap 13): a null user id is a logout, which maps to no single call."""
    if op.user.is_null:
        return Review(
            f"a user id of {op.user.text} logs out: {VENDOR_NAME[target.vendor]} reset() also makes a new device id "
            "(and Mixpanel's wipes super properties); decide by hand"
        )
    if target.vendor == "mixpanel":
        return Translation([op], [LOGIN_TO_MIXPANEL])
    return Translation([op], [n for n in (target.notes.min_id_length, LOGIN_TO_AMPLITUDE) if n])


# == profiles =====================================================================================
def _profile(op: ProfileUpdate, source: SdkProfile, target: SdkProfile) -> Translation | Review:
    if not op.ops:
        return Review("empty Identify: nothing to migrate")
    if target.is_server and op.scope == "user" and (op.user is None or op.user.is_null):
        return Review(f"no user id: {VENDOR_NAME[target.vendor]} server profile updates need the distinct id")
    seen: set[str] = set()
    out: list[PropOp] = []
    notes: list[str] = []
    for p in op.ops:
        if source.vendor == "amplitude":
            reason = NO_MIXPANEL_EQUIVALENT.get(p.kind)
            if reason is not None:
                return Review(reason.format(op=p.spelled))
            key = p.key_name if p.key_name is not None else (p.key.text if p.key is not None else "")
            if key in seen:
                return Review(f"Identify applies only the first operation on key {key!r}; the rewrite would differ")
            seen.add(key)
        elif p.key_name is not None and p.key_name.startswith("$"):
            return Review(f"Mixpanel special property {p.key_name} has no Amplitude meaning; map it by hand")
        method = target.method(op.scope, p.kind)
        if method is None:
            where = "Identify" if source.vendor == "amplitude" else ("group" if op.scope == "group" else "people")
            return Review(f"{where}.{p.spelled} has no faithful equivalent in {target.id}; migrate by hand")
        out.append(replace(p, spelled=method))
    kinds = list(dict.fromkeys(p.kind for p in out))
    if source.vendor == "amplitude" and op.scope == "user" and target.notes.profile_update:
        notes.append(target.notes.profile_update)
    union = next((p for p in op.ops if p.kind == "union"), None)
    if union is not None:
        notes.append(UNION_NOTE.format(op=union.spelled if source.vendor == "amplitude" else target.method(op.scope, "union")))
    if "append" in kinds:
        notes.append(APPEND_NOTE)
    if target.vendor == "mixpanel" and len(kinds) > 1:
        notes.append(f"one Identify became {len(kinds)} Mixpanel requests (not atomic)")
    if target.vendor == "amplitude":
        if any(p.implied_value for p in op.ops):
            notes.append("people.increment(k) without a value means +1; Amplitude add needs the number")
        if op.scope == "user" and op.user is not None and target.notes.min_id_length:
            notes.append(target.notes.min_id_length)
        if op.scope == "group" and target.notes.group_needs_user:
            notes.append(target.notes.group_needs_user)
    return Translation([replace(op, ops=tuple(out))], notes)


SET_GROUP_NOTE = {
    "mixpanel": "Mixpanel setGroup() also registers the group key as a super property; set the group key up in "
    "project settings",
    "amplitude": "Amplitude setGroup() needs the Accounts add-on for group analytics; the group also becomes a user property",
}


def _set_group(op: SetGroup, source: SdkProfile, target: SdkProfile) -> Translation | Review:
    """A Mixpanel server SDK has no membership call: the group key becomes a profile property.
    The Android SDKs on both sides (sdk-map §5.3) have ``setGroup(type, name)``; any other client
    SDK whose profile names a membership method (``methods.set_group``: the iOS SDKs) keeps it too."""
    if (source.family == target.family == "kotlin" and not source.is_server and not target.is_server) or (
        not target.is_server and target.methods.get("set_group")
    ):
        return Translation([op], [SET_GROUP_NOTE[target.vendor]])
    if not (target.vendor == "mixpanel" and target.is_server):
        return Review("set_group has no direct counterpart here; migrate by hand")
    if op.user is None or op.user.is_null:
        return Review("no user id: Mixpanel needs the distinct id for people_set")
    membership = PropOp("set", op.group_type, op.group_name, spelled=target.method("user", "set") or "set",
                        key_name=op.group_type.literal)
    notes = [
        "Mixpanel has no group-membership call: the group key is set on the profile; also send it as an "
        "event property on later events and set the group key up in project settings"
    ]
    return Translation([ProfileUpdate(scope="user", ops=(membership,), user=op.user, form="membership")], notes)


def _flush(op: Flush, source: SdkProfile, target: SdkProfile) -> Translation | Review:
    """Nothing is buffered once the target sends synchronously: the call goes away. The Android
    SDKs on both sides buffer and have ``flush()`` (sdk-map §5.3); a client SDK whose profile names
    its flush method (``methods.flush``: the iOS SDKs) keeps the call."""
    if source.family == target.family == "kotlin" and not source.is_server and not target.is_server:
        return Translation([op])
    if not target.is_server and target.methods.get("flush"):
        return Translation([Flush(target.methods["flush"])])
    if target.notes.flush:
        return Translation([], [target.notes.flush.format(method=op.method)])
    return Review(f"{VENDOR_NAME[target.vendor]} {target.id} has no flush(); decide by hand")


# == logout and opt-out ============================================================================
RESET_NOTE = {
    "mixpanel": "mixpanel.reset() also wipes super properties and the identify flag; Amplitude's reset() kept user properties",
    "amplitude": "Amplitude's reset() clears the user id and makes a new device id but keeps user properties; "
    "Mixpanel's also wiped super properties",
}
OPT_OUT_NOTE = {
    ("mixpanel", True): "opt_out_tracking() deletes the user profile by default; delete_user: false keeps Amplitude's "
    "'stop sending' meaning (storage is still cleared)",
    ("mixpanel", False): "opt_in_tracking() tracks an $opt_in event by default",
    ("mixpanel", None): "opt_out_tracking() deletes the profile by default (kept off here); opt_in_tracking() tracks $opt_in",
    ("amplitude", True): "Mixpanel's opt_out_tracking() also deleted the profile and cleared storage by default; "
    "Amplitude only stops sending",
    ("amplitude", False): "Mixpanel's opt_in_tracking() tracked an $opt_in event; Amplitude sends none",
    ("amplitude", None): "Mixpanel's opt-out also deleted the profile by default and its opt-in tracked $opt_in; "
    "Amplitude only stops or resumes sending",
}


def _reset(target: SdkProfile) -> Translation | Review:
    """Logout (sdk-map §5.1 #9): both vendors have reset(), with different side effects."""
    if target.is_server:
        return Review(f"{target.id} keeps no user state: there is nothing to reset; delete the call")
    return Translation([Reset()], [RESET_NOTE[target.vendor]])


def _opt_out(op: OptOut, target: SdkProfile) -> Translation | Review:
    """Opt-out (trap 14): Mixpanel's opt-out deletes the profile unless told not to; its opt-in
    tracks an event. A literal flag picks one call; any other flag decides at run time."""
    if target.is_server:
        return Review(f"{target.id} has no opt-out switch: skip the calls in your own code")
    flag = op.flag.literal if op.flag.kind == "bool" else None
    state = None if flag is None else flag.strip().lower() == "true"
    return Translation([op], [OPT_OUT_NOTE[(target.vendor, state)]])
