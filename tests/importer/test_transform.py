"""Transforms on the shared samples, edge cases, and hypothesis round trips."""

from __future__ import annotations

import gzip
import json
import zipfile
from datetime import UTC, datetime
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rewriter.importer.countries import code_to_name, name_to_code
from rewriter.importer.transform import (
    AMP_PROVENANCE_KEY,
    MP_PROVENANCE_KEY,
    Event,
    Reject,
    TransformOptions,
    amplitude_to_mixpanel,
    mixpanel_profile_to_identify,
    mixpanel_to_amplitude,
    parse_amplitude_time,
    valid_mixpanel_insert_id,
)

from .conftest import NOW_MS, SAMPLES
from .emulator import _mp_value_problem

OPTS = TransformOptions(now_ms=NOW_MS)


def amplitude_sample() -> list[dict[str, Any]]:
    rows = []
    with zipfile.ZipFile(SAMPLES / "amplitude-export-sample.zip") as archive:
        for name in sorted(n for n in archive.namelist() if n.endswith(".json.gz")):
            with archive.open(name) as member:
                rows += [json.loads(line) for line in gzip.decompress(member.read()).splitlines()]
    return rows


def part0() -> list[dict[str, Any]]:
    with zipfile.ZipFile(SAMPLES / "amplitude-export-sample.zip") as archive:
        data = archive.read("123456/123456_2025-03-01_0#0.json.gz")
    return [json.loads(line) for line in gzip.decompress(data).splitlines()]


def mixpanel_sample() -> list[dict[str, Any]]:
    lines = (SAMPLES / "mixpanel-export-sample.ndjson").read_text().splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def mp(row: dict[str, Any]) -> dict[str, Any]:
    result = amplitude_to_mixpanel(row, OPTS)
    assert isinstance(result, Event) and result.payload is not None, result
    return result.payload


# --- Amplitude -> Mixpanel on the sample ------------------------------------------------------


def test_every_sample_row_becomes_a_valid_mixpanel_event() -> None:
    for row in amplitude_sample():
        event = mp(row)
        props = event["properties"]
        assert valid_mixpanel_insert_id(props["$insert_id"])
        assert len(props) < 255
        for key, value in props.items():
            assert _mp_value_problem(value, 1) is None, (key, value)
        assert props[MP_PROVENANCE_KEY] == "rewriter-import:amplitude"


def test_anonymous_event_uses_device_distinct_id() -> None:
    props = mp(part0()[0])["properties"]
    assert props["distinct_id"] == "$device:606B2BE7-34AB-48B9-B81E-A3741DEDEF67"
    assert "$user_id" not in props
    assert props["$device_id"] == "606B2BE7-34AB-48B9-B81E-A3741DEDEF67"


def test_event_properties_named_like_mixpanel_fields_are_renamed_not_lost() -> None:
    """`ip` would be geolocated and discarded by /import, `time` would move the event: both are
    kept under a prefixed name, and the rename is recorded (found by the round-trip property)."""
    row = {**part0()[1], "ip_address": "1.2.3.4", "event_properties": {"ip": "10.0.0.1", "time": 5, "plan": "pro"}}
    there = amplitude_to_mixpanel(row, OPTS)
    assert isinstance(there, Event) and there.payload is not None
    props = there.payload["properties"]
    assert props["amplitude_ep_ip"] == "10.0.0.1" and props["amplitude_ep_time"] == 5 and props["plan"] == "pro"
    assert props["ip"] == "1.2.3.4"  # the event's own IP still drives the location
    assert {"renamed:ip", "renamed:time"} <= set(there.cuts)


def test_identified_event_and_time_and_geo() -> None:
    row = part0()[1]
    props = mp(row)["properties"]
    assert props["distinct_id"] == props["$user_id"] == "user_00017"
    assert props["time"] == int(datetime(2025, 3, 1, 0, 5, tzinfo=UTC).timestamp() * 1000)
    # invalid "$insert_id" ("Purchase Completed:2") -> the uuid column
    assert props["$insert_id"] == row["uuid"]
    assert "amplitude_session_id" not in props  # -1 means no session


def test_insert_id_too_long_falls_back_to_uuid() -> None:
    row = part0()[2]
    assert len(row["$insert_id"]) == 40
    assert mp(row)["properties"]["$insert_id"] == row["uuid"]


def test_insert_id_deterministic_hash_when_no_valid_source() -> None:
    row = dict(part0()[2], uuid=None)
    first = mp(row)["properties"]["$insert_id"]
    second = mp(json.loads(json.dumps(row)))["properties"]["$insert_id"]
    assert first == second and valid_mixpanel_insert_id(first) and len(first) == 32


def test_country_name_becomes_iso_code_and_web_os_is_browser() -> None:
    rows = part0()
    props = mp(rows[0])["properties"]
    assert props["mp_country_code"] == "MY"
    assert props["$os"] == "ios"
    web = next(r for r in amplitude_sample() if r["platform"] == "Web")
    web_props = mp(web)["properties"]
    assert web_props["$browser"] == web["os_name"] and "$os" not in web_props
    assert web_props["mp_country_code"] == name_to_code(web["country"])


def test_internal_columns_dropped() -> None:
    props = mp(part0()[0])["properties"]
    for column in ("client_event_time", "server_upload_time", "data", "uuid", "app", "plan", "$schema"):
        assert column not in props and f"amplitude_{column}" not in props
    assert not any(value is None for value in props.values())


def test_limits_are_enforced_and_reported() -> None:
    rows = part0()
    wide = amplitude_to_mixpanel(rows[7], OPTS)
    assert isinstance(wide, Event) and wide.payload is not None
    assert len(wide.payload["properties"]) <= 254
    assert any(c.startswith("properties_dropped") for c in wide.cuts)
    deep = amplitude_to_mixpanel(rows[8], OPTS)
    assert isinstance(deep, Event) and deep.payload is not None
    props = deep.payload["properties"]
    assert len(props["long_text"].encode()) <= 255
    assert len(props["big_list"]) <= 254
    assert props["nested"]["a"]["b"]["c"] == '{"d":1}'
    kinds = {c.split(":")[0] for c in deep.cuts}
    assert {"string_truncated", "array_truncated", "depth_flattened"} <= kinds


def test_utf8_truncation_keeps_valid_text() -> None:
    row = dict(part0()[0], event_properties={"t": "é" * 300})
    value = mp(row)["properties"]["t"]
    assert len(value.encode()) <= 255 and value == "é" * 127


def test_groups_become_properties_and_group_profiles() -> None:
    result = amplitude_to_mixpanel(part0()[6], OPTS)
    assert isinstance(result, Event) and result.payload is not None
    assert result.payload["properties"]["org_id"] == "acme-1"
    assert result.groups == [("org_id", "acme-1", {"plan": "enterprise", "seats": 40})]
    assert result.user is not None and result.user[0] == "user_00017"


def test_blocked_user_id_is_treated_as_absent() -> None:
    row = part0()[12]
    assert row["user_id"] == "anonymous"
    props = mp(row)["properties"]
    assert props["distinct_id"].startswith("$device:") and "$user_id" not in props


def test_late_event_keeps_event_time() -> None:
    row = part0()[9]
    props = mp(row)["properties"]
    assert props["time"] == parse_amplitude_time(row["event_time"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-03-01 00:04:25.123456", 1740787465123),
        ("2025-03-01 00:04:25", 1740787465000),
        ("2025-03-01T00:04:25.000000", 1740787465000),
        ("2025-03-01T00:04:25Z", 1740787465000),
        ("2025-03-01T01:04:25+01:00", 1740787465000),
        (1740787465123, 1740787465123),
        (1740787465, 1740787465000),
        ("1740787465123", 1740787465123),
        ("yesterday", None),
        (None, None),
        (True, None),
    ],
)
def test_time_formats(text: Any, expected: int | None) -> None:
    assert parse_amplitude_time(text) == expected
    assert parse_amplitude_time(text) == expected  # again: the memoised second gives the same


@settings(max_examples=400, deadline=None)
@given(
    st.datetimes(min_value=datetime(1960, 1, 1), max_value=datetime(2090, 1, 1)),
    st.sampled_from([" ", "T"]),
    st.text(alphabet="0123456789 .:-Tx\u0663", min_size=6, max_size=6),
)
def test_memoised_seconds_agree_with_the_general_parse(moment: datetime, sep: str, fraction: str) -> None:
    """Rows of one second reuse its memoised epoch: always what the general parse says, also for
    fractions that are not six ASCII digits (those take the general parse)."""
    from rewriter.importer.transform import _parse_time

    second = moment.strftime(f"%Y-%m-%d{sep}%H:%M:%S")
    for text in (f"{second}.{moment.microsecond:06d}", f"{second}.{fraction}", f"{second}.999999"):
        assert parse_amplitude_time(text) == _parse_time(text), text


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"event_time": "1969-12-31 00:00:00"}, "time_out_of_range"),
        ({"event_time": "2030-01-01 00:00:00"}, "time_out_of_range"),
        ({"event_time": "not a time", "client_event_time": None}, "bad_time"),
        ({"user_id": None, "device_id": "null"}, "no_usable_id"),
        ({"user_id": "0", "device_id": None}, "no_usable_id"),
        ({"event_type": ""}, "missing_event_name"),
    ],
)
def test_amplitude_rejects(change: dict[str, Any], reason: str) -> None:
    result = amplitude_to_mixpanel(dict(part0()[0], **change), OPTS)
    assert isinstance(result, Reject) and result.reason == reason and result.message


def test_identify_rows_fold_into_profiles_only() -> None:
    row = dict(part0()[1], event_type="$identify")
    result = amplitude_to_mixpanel(row, OPTS)
    assert isinstance(result, Event) and result.payload is None and result.user is not None


def test_non_object_is_rejected() -> None:
    assert isinstance(amplitude_to_mixpanel([1, 2], OPTS), Reject)
    assert isinstance(mixpanel_to_amplitude("x", OPTS), Reject)


# --- Mixpanel -> Amplitude on the sample ------------------------------------------------------


def test_mixpanel_sample_to_amplitude() -> None:
    results = [mixpanel_to_amplitude(row, OPTS) for row in mixpanel_sample()]
    rejected = [r for r in results if isinstance(r, Reject)]
    assert [r.reason for r in rejected] == ["identity_event"]  # line 3 is $identify
    events = [r.payload for r in results if isinstance(r, Event)]
    assert all(e is not None for e in events)
    anon = events[0]
    assert anon is not None
    assert anon["device_id"] == "da777182-0d3e-4711-844f-df55321c45fd" and "user_id" not in anon
    assert anon["time"] == 1740787200000
    assert anon["os_name"] == "Chrome"  # web: the browser is Amplitude's os_name
    assert anon["country"] == "United States"
    assert "$mp_api_endpoint" not in anon["event_properties"]
    assert "mp_country_code" not in anon["event_properties"]
    assert anon["event_properties"][AMP_PROVENANCE_KEY] == "rewriter-import:mixpanel"
    identified = events[1]
    assert identified is not None and identified["user_id"] == "user_00017"
    assert "$import" not in identified["event_properties"]


def test_missing_insert_id_is_deterministic() -> None:
    rows = mixpanel_sample()
    row = rows[6]
    assert "$insert_id" not in row["properties"]
    first = mixpanel_to_amplitude(row, OPTS)
    again = mixpanel_to_amplitude(json.loads(json.dumps(row)), OPTS)
    assert isinstance(first, Event) and isinstance(again, Event)
    assert first.payload is not None and again.payload is not None
    assert first.payload["insert_id"] == again.payload["insert_id"]


def test_raw_export_duplicates_get_the_same_insert_id() -> None:
    rows = mixpanel_sample()
    last, eighth = mixpanel_to_amplitude(rows[-1], OPTS), mixpanel_to_amplitude(rows[7], OPTS)
    assert isinstance(last, Event) and isinstance(eighth, Event)
    assert last.payload == eighth.payload


def test_short_ids_rejected_or_allowed_by_min_length() -> None:
    row = {"event": "E", "properties": {"time": 1740787200, "distinct_id": "abc", "$insert_id": "x1"}}
    result = mixpanel_to_amplitude(row, OPTS)
    assert isinstance(result, Reject) and result.reason == "id_too_short" and "--min-id-length" in result.message
    allowed = mixpanel_to_amplitude(row, TransformOptions(now_ms=NOW_MS, min_id_length=3))
    assert isinstance(allowed, Event) and allowed.payload is not None and allowed.payload["user_id"] == "abc"


def test_seconds_and_milliseconds() -> None:
    base = {"event": "E", "properties": {"distinct_id": "user_00001", "$insert_id": "a"}}
    for value, expected in ((1740787200, 1740787200000), (1740787200123, 1740787200123), (1740787200.5, 1740787200500)):
        row = {"event": "E", "properties": dict(base["properties"], time=value)}
        result = mixpanel_to_amplitude(row, OPTS)
        assert isinstance(result, Event) and result.payload is not None and result.payload["time"] == expected


def test_group_keys_become_groups() -> None:
    row = {"event": "E", "properties": {"time": 1740787200, "distinct_id": "user_00001", "company_id": "c-1"}}
    result = mixpanel_to_amplitude(row, TransformOptions(now_ms=NOW_MS, group_keys=("company_id",)))
    assert isinstance(result, Event) and result.payload is not None
    assert result.payload["groups"] == {"company_id": "c-1"}
    assert "company_id" not in result.payload["event_properties"]


def test_engage_profile_to_identify() -> None:
    page = json.loads((SAMPLES / "mixpanel-engage-page-sample.json").read_text())
    first = mixpanel_profile_to_identify(page["results"][0], OPTS)
    assert isinstance(first, Event) and first.payload is not None
    ident = first.payload
    assert ident["user_id"] == "user_00017"
    assert ident["country"] == "United States" and ident["city"] == "San Francisco"
    assert ident["user_properties"]["$set"]["email"] == "user_00017@example.com"
    assert "last_seen" not in ident["user_properties"]["$set"]


def test_country_table_round_trips() -> None:
    for code in ("US", "GB", "MY", "DE", "KR", "BR"):
        name = code_to_name(code)
        assert name is not None and name_to_code(name) == code
    assert name_to_code("Atlantis") is None and code_to_name("QQ") is None


# --- round trip -------------------------------------------------------------------------------

_names = st.text(
    alphabet=st.characters(min_codepoint=32, max_codepoint=0x2FFF, blacklist_categories=("Cs",)),
    min_size=1,
    max_size=20,
).filter(lambda s: not s.startswith(("$", "amplitude_", "mp_")) and s not in {"time", "distinct_id", "token", "import_source"})
_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**53), max_value=2**53),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=60),
)
_values = st.recursive(
    _scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=5), st.dictionaries(_names, inner, max_size=5)),
    max_leaves=10,
)
_ids = st.from_regex(r"[A-Za-z0-9_.@-]{5,40}", fullmatch=True).filter(lambda s: s.lower() not in {"undefined", "anonymous"})


@st.composite
def amplitude_rows(draw: st.DrawFn) -> dict[str, Any]:
    ms = draw(st.integers(min_value=31_536_000_000, max_value=NOW_MS))
    moment = datetime.fromtimestamp(ms / 1000, tz=UTC)
    user_id = draw(st.one_of(st.none(), _ids))
    device_id = draw(_ids if user_id is None else st.one_of(st.none(), _ids))
    return {
        "event_type": draw(st.text(min_size=1, max_size=40).filter(lambda s: s.strip() and s not in ("$identify", "$groupidentify"))),
        "event_time": moment.strftime("%Y-%m-%d %H:%M:%S.%f"),
        "user_id": user_id,
        "device_id": device_id,
        "$insert_id": draw(st.one_of(st.none(), st.uuids().map(str), st.text(max_size=50))),
        "uuid": draw(st.uuids().map(str)),
        "event_properties": draw(st.dictionaries(_names, _values, max_size=20)),
        "platform": draw(st.sampled_from(["Web", "iOS", "Android", None])),
        "country": draw(st.sampled_from(["United States", "Malaysia", None])),
        "session_id": draw(st.sampled_from([-1, 1740787405000])),
    }


def _depth_ok(value: Any, depth: int = 1) -> bool:
    if isinstance(value, dict):
        return depth <= 3 and all(_depth_ok(v, depth + 1 if isinstance(v, dict) else depth) for v in value.values())
    if isinstance(value, list):
        return all(_depth_ok(v, depth + 1 if isinstance(v, dict) else depth) for v in value)
    return True


@settings(max_examples=300, deadline=None)
@given(amplitude_rows())
def test_round_trip_amplitude_mixpanel_amplitude(row: dict[str, Any]) -> None:
    there = amplitude_to_mixpanel(row, OPTS)
    assert isinstance(there, Event) and there.payload is not None
    # the Mixpanel event must be what strict /import accepts
    props = there.payload["properties"]
    assert valid_mixpanel_insert_id(props["$insert_id"])
    back = mixpanel_to_amplitude(orjson.loads(orjson.dumps(there.payload)), OPTS)
    assert isinstance(back, Event) and back.payload is not None, back
    event = back.payload
    assert event["event_type"] == row["event_type"]
    assert event["time"] == parse_amplitude_time(row["event_time"])
    assert event.get("user_id") == row["user_id"]
    assert event.get("device_id") == row["device_id"]
    assert event["insert_id"] == props["$insert_id"]
    expected_props = row["event_properties"]
    if not there.cuts and all(_depth_ok(v) for v in expected_props.values()):
        got = {k: v for k, v in event["event_properties"].items() if k != AMP_PROVENANCE_KEY}
        assert got == expected_props
    if row["session_id"] != -1:
        assert event["session_id"] == row["session_id"]
    if row["platform"] is not None:
        assert event["platform"] == row["platform"]


@settings(max_examples=200, deadline=None)
@given(amplitude_rows())
def test_transform_is_deterministic(row: dict[str, Any]) -> None:
    a = amplitude_to_mixpanel(row, OPTS)
    b = amplitude_to_mixpanel(orjson.loads(orjson.dumps(row)), OPTS)
    assert isinstance(a, Event) and isinstance(b, Event) and a.payload == b.payload
