"""Vendor semantics without any syntax: values in, operations/notes/reviews out."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rewriter.codemod.ops.ir import (
    Entry,
    Flush,
    Identify,
    Init,
    ProfileUpdate,
    PropOp,
    Review,
    SetGroup,
    Track,
    Value,
)
from rewriter.codemod.ops.profiles import load_profile
from rewriter.codemod.ops.semantics import rename_credential, translate

AJS, AB, AN, AP = (load_profile(x) for x in ("amplitude-js", "analytics-browser", "analytics-node", "amplitude-python"))
MB, MN, MP = (load_profile(x) for x in ("mixpanel-browser", "mixpanel-node", "mixpanel-python"))


def s(text: str) -> Value:
    return Value(text, "string", literal=text.strip("'\""))


def opt(name: str, value: Value) -> Entry:
    return Entry(Value(name), value, name)


# -- credentials -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "source", "target", "expected"),
    [
        ("REACT_APP_AMPLITUDE_KEY", "amplitude", "mixpanel", "REACT_APP_MIXPANEL_TOKEN"),
        ("AMPLITUDE_API_KEY", "amplitude", "mixpanel", "MIXPANEL_TOKEN"),
        ("NEXT_PUBLIC_MIXPANEL_TOKEN", "mixpanel", "amplitude", "NEXT_PUBLIC_AMPLITUDE_API_KEY"),
        ("MIXPANEL_PROJECT_TOKEN", "mixpanel", "amplitude", "AMPLITUDE_API_KEY"),
        ("amplitudeApiKey", "amplitude", "mixpanel", "mixpanelToken"),
        ("AmplitudeKey", "amplitude", "mixpanel", "MixpanelToken"),
        ("mixpanel_token", "mixpanel", "amplitude", "amplitude_api_key"),
        ("ANALYTICS_KEY", "amplitude", "mixpanel", None),
        ("MIXPANEL_PROD_TOKEN", "mixpanel", "amplitude", "AMPLITUDE_PROD_API_KEY"),
        ("mixpanelDevToken", "mixpanel", "amplitude", "amplitudeDevApiKey"),
        ("AMPLITUDE_EU_KEY", "amplitude", "mixpanel", "MIXPANEL_EU_TOKEN"),
    ],
)
def test_rename_credential(name: str, source: str, target: str, expected: str | None) -> None:
    assert rename_credential(name, source, target) == expected


def test_literal_credential_becomes_placeholder_keeping_quotes() -> None:
    tr = translate(Init(s('"abc123"')), AJS, MB)
    assert not isinstance(tr, Review)
    assert tr.ops[0].credential.text == '"YOUR_MIXPANEL_PROJECT_TOKEN"'  # type: ignore[union-attr]
    assert "placeholder" in (tr.note or "")


def test_config_credential_is_renamed_in_place() -> None:
    cred = Value("process.env.REACT_APP_AMPLITUDE_KEY", "config", config_name="REACT_APP_AMPLITUDE_KEY")
    tr = translate(Init(cred), AB, MB)
    assert not isinstance(tr, Review)
    assert tr.ops[0].credential.text == "process.env.REACT_APP_MIXPANEL_TOKEN"  # type: ignore[union-attr]
    assert "REACT_APP_MIXPANEL_TOKEN" in (tr.note or "")


def test_parameter_credential_stays_and_the_note_says_callers_must_change() -> None:
    tr = translate(Init(Value("apiKey", "name")), AB, MB)
    assert not isinstance(tr, Review)
    assert tr.ops[0].credential.text == "apiKey"  # type: ignore[union-attr]
    assert "callers must now pass your Mixpanel project token" in (tr.note or "")


# -- residency and options -------------------------------------------------------------------------
def test_eu_zone_maps_and_every_dropped_option_is_named() -> None:
    tr = translate(Init(s("'k'"), options=(opt("serverZone", s("'EU'")), opt("autocapture", Value("true", "bool")),
                                            opt("serverZoneBasedApi", Value("true", "bool")))), AB, MB)
    assert not isinstance(tr, Review)
    assert tr.ops[0].settings == (("api_host", "https://api-eu.mixpanel.com"),)  # type: ignore[union-attr]
    assert "dropped: autocapture" in (tr.note or "") and "serverZoneBasedApi" not in (tr.note or "")


def test_variable_api_host_never_vanishes() -> None:
    tr = translate(Init(s("'t'"), options=(opt("api_host", Value("PROXY_URL", "name")),)), MB, AB)
    assert isinstance(tr, Review) and "PROXY_URL" in tr.message


@pytest.mark.parametrize(("host", "outcome"), [("https://api-eu.mixpanel.com", "EU"), ("api.mixpanel.com", None),
                                                ("https://api-in.mixpanel.com", "India"), ("https://t.example.com", "custom")])
def test_mixpanel_hosts(host: str, outcome: str | None) -> None:
    tr = translate(Init(s("'t'"), options=(opt("api_host", s(repr(host))),)), MB, AB)
    if outcome in ("EU", None):
        assert not isinstance(tr, Review)
        assert tr.ops[0].settings == ((("serverZone", "EU"),) if outcome else ())  # type: ignore[union-attr]
    else:
        assert isinstance(tr, Review) and outcome in tr.message


def test_init_user_becomes_identify() -> None:
    tr = translate(Init(s("'k'"), user=Value("uid", "name")), AJS, MB)
    assert not isinstance(tr, Review) and isinstance(tr.ops[1], Identify)


# -- profiles ----------------------------------------------------------------------------------------
def op(kind: str, key: str, value: str = "1", spelled: str = "") -> PropOp:
    return PropOp(kind, s(f"'{key}'"), Value(value, "number"), spelled=spelled or kind, key_name=f"'{key}'")


def test_identify_chain_maps_to_target_methods_in_order() -> None:
    upd = ProfileUpdate("user", (op("set", "a"), op("add", "n"), op("set", "b")))
    tr = translate(upd, AJS, MB)
    assert not isinstance(tr, Review)
    assert [p.spelled for p in tr.ops[0].ops] == ["set", "increment", "set"]  # type: ignore[union-attr]
    assert "2 Mixpanel requests" in (tr.note or "")


@pytest.mark.parametrize("kind", ["prepend", "pre_insert", "clear_all"])
def test_no_mixpanel_equivalent(kind: str) -> None:
    assert isinstance(translate(ProfileUpdate("user", (op(kind, "a"),)), AJS, MB), Review)


def test_duplicate_key_is_a_review_because_amplitude_keeps_the_first() -> None:
    tr = translate(ProfileUpdate("user", (op("set", "a"), op("set_once", "a"))), AJS, MB)
    assert isinstance(tr, Review) and "first operation" in tr.message


def test_mixpanel_special_keys_are_not_copied_to_amplitude() -> None:
    upd = ProfileUpdate("user", (PropOp("set", s("'$email'"), s("'x'"), spelled="set", key_name="$email"),))
    assert isinstance(translate(upd, MB, AB), Review)


def test_group_scope_capabilities_come_from_the_profile() -> None:
    upd = ProfileUpdate("group", (op("add", "n"),), group_type=s("'org'"), group_id=s("'o1'"))
    tr = translate(upd, AJS, MB)
    assert isinstance(tr, Review) and "no faithful equivalent" in tr.message


def test_server_profile_update_needs_a_user() -> None:
    assert isinstance(translate(ProfileUpdate("user", (op("set", "a"),)), AN, MN), Review)


# -- events ------------------------------------------------------------------------------------------
def test_server_track_user_moves_and_specials_follow() -> None:
    t = Track(Value("'E'", "string"), user=Value("u", "name"), device=Value("d", "name"),
              fields=(("insert_id", Value("i", "name")),))
    tr = translate(t, AN, MN)
    assert not isinstance(tr, Review)
    out = tr.ops[0]
    assert out.user.text == "u" and [k for k, _ in out.extra_props] == ["$device_id", "$insert_id"]  # type: ignore[union-attr]


def test_mixpanel_time_in_seconds_becomes_ms_field_but_mixed_units_are_reviewed() -> None:
    props = Value("{...}", "map", entries=(Entry(s("'time'"), Value("t", "name"), "time"),))
    t = Track(Value("'E'", "string"), props=props, user=Value("u", "name"))
    py = translate(t, MP, AP)
    assert not isinstance(py, Review) and ("time_seconds", Value("t", "name")) in py.ops[0].fields  # type: ignore[union-attr]
    assert isinstance(translate(t, MN, AN), Review)


def test_set_group_on_mixpanel_server_becomes_a_profile_property() -> None:
    tr = translate(SetGroup(s("'org'"), Value("o", "name"), Value("u", "name")), AP, MP)
    assert not isinstance(tr, Review) and tr.ops[0].ops[0].spelled == "people_set"  # type: ignore[union-attr]


def test_flush_disappears_only_where_the_target_is_synchronous() -> None:
    assert translate(Flush("shutdown"), AP, MP).ops == []  # type: ignore[union-attr]
    assert isinstance(translate(Flush(), AN, MN), Review)


@given(st.from_regex(r"[A-Z]{0,5}_?AMPLITUDE(_[A-Z]{1,6})?(_API)?_KEY", fullmatch=True))
def test_renamed_credentials_name_the_target_and_never_the_source(name: str) -> None:
    new = rename_credential(name, "amplitude", "mixpanel")
    assert new is not None and new.endswith("_TOKEN") and "MIXPANEL" in new
    assert new.count("AMPLITUDE") == name.count("AMPLITUDE") - 1 and not new.endswith("KEY")


# -- privacy -----------------------------------------------------------------------------------------
def test_ip_collection_off_maps_both_ways() -> None:
    tracking = Value("{...}", "map", entries=(Entry(Value("ipAddress"), Value("false", "bool", literal="false"), "ipAddress"),
                                              Entry(Value("language"), Value("false", "bool", literal="false"), "language")))
    tr = translate(Init(s("'k'"), options=(opt("trackingOptions", tracking),)), AB, MB)
    assert not isinstance(tr, Review)
    assert tr.ops[0].settings == (("ip", False),)  # type: ignore[union-attr]
    assert "IP address collection stays off" in (tr.note or "") and "trackingOptions.language" in (tr.note or "")
    back = translate(Init(s("'t'"), options=(opt("ip", Value("false", "bool", literal="false")),)), MB, AB)
    assert not isinstance(back, Review) and back.ops[0].settings == (("trackingOptions.ipAddress", False),)  # type: ignore[union-attr]


def test_a_privacy_switch_the_target_cannot_express_is_a_review() -> None:
    tracking = Value("{...}", "map", entries=(Entry(Value("ipAddress"), Value("false", "bool", literal="false"), "ipAddress"),))
    tr = translate(Init(s("'k'"), options=(opt("trackingOptions", tracking),)), AB, MN)
    assert isinstance(tr, Review) and "IP address collection" in tr.message


# -- login, logout, opt-out ----------------------------------------------------------------------------
def test_logout_and_login_notes_come_from_one_place() -> None:
    from rewriter.codemod.ops.ir import OptOut, Reset

    tr = translate(Reset(), AB, MB)
    assert not isinstance(tr, Review) and "super properties" in (tr.note or "")
    assert isinstance(translate(Reset(), AN, MN), Review)  # a server SDK has no user state to reset
    login = translate(Identify(Value("u", "name")), AB, MB)
    assert not isinstance(login, Review) and "$device:" in (login.note or "")
    assert isinstance(translate(Identify(Value("null", "null")), AB, MB), Review)
    for flag, text in (("true", "deletes the user profile"), ("false", "$opt_in"), (None, "kept off here")):
        value = Value(flag, "bool", literal=flag) if flag else Value("consent.denied", "other")
        got = translate(OptOut(value), AB, MB)
        assert not isinstance(got, Review) and text in (got.note or "")
    assert isinstance(translate(OptOut(Value("true", "bool", literal="true")), AN, MN), Review)
