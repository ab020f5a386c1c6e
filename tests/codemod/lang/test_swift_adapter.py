"""The Swift adapter: bindings by module, shared instances, all-or-nothing clients, labels, invariants."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rewriter.codemod.engine import rewrite_source
from rewriter.codemod.lang import adapter_for_path, get_adapter
from rewriter.codemod.model import FileResult
from rewriter.codemod.packs.loader import RulePack, load_packs, select_packs

AMP = "import AmplitudeSwift\n\n"
MP = "import Mixpanel\n\n"


@pytest.fixture(scope="module")
def a2m() -> list[RulePack]:
    return [p for p in select_packs(load_packs(), "mixpanel") if "swift" in p.languages]


@pytest.fixture(scope="module")
def m2a() -> list[RulePack]:
    return [p for p in select_packs(load_packs(), "amplitude") if "swift" in p.languages]


def run(code: str, packs: list[RulePack], path: str = "A.swift") -> FileResult:
    res = rewrite_source(path, code.encode(), packs)
    assert res.status != "error", res.error
    return res


def out(code: str, packs: list[RulePack]) -> str:
    res = run(code, packs)
    return res.rewritten if res.status == "changed" else code  # type: ignore[return-value]


def parses(code: str) -> bool:
    swift = get_adapter("swift")
    return swift.syntax_error(swift.parse("A.swift", code.encode())) is None


def test_registered_for_swift() -> None:
    assert adapter_for_path("App/Sources/Analytics.swift") is get_adapter("swift")


def test_lookalikes_are_untouched(a2m: list[RulePack]) -> None:
    code = AMP + (
        "final class S {\n"
        "    let amplitude: Amplitude\n"
        "    init(amplitude: Amplitude) { self.amplitude = amplitude }\n"
        "    func f(names: [String], other: Other, segment: Analytics) {\n"
        "        names.forEach { amplitude in amplitude.track(\"closure\") }\n"
        "        other.amplitude.setUserId(\"member\")\n"
        "        segment.track(name: \"segment\")\n"
        "        do {\n            let amplitude = Segment()\n            amplitude.track(\"shadowed\")\n        }\n"
        "        amplitude.track(eventType: \"real\")\n"
        "    }\n}\n"
    )
    res = run(code, a2m)
    assert [c.line for c in res.changes if c.rule.endswith("/track")] == [14]
    got = res.rewritten or ""
    for kept in ('amplitude.track("closure")', 'other.amplitude.setUserId("member")',
                 'segment.track(name: "segment")', 'amplitude.track("shadowed")'):
        assert kept in got
    assert 'amplitude.track(event: "real")' in got and parses(got)


def test_sdk_shaped_calls_on_unknown_receivers_keep_the_client_whole(a2m: list[RulePack]) -> None:
    code = AMP + (
        "let amplitude = Amplitude(configuration: Configuration(apiKey: \"k\"))\n"
        "func f(names: [String]) {\n"
        "    AnalyticsManager.shared.amplitude.track(eventType: \"elsewhere\")\n"
        "    names.forEach { amplitude in amplitude.setUserId(userId: $0) }\n"
        "    amplitude.track(eventType: \"E\")\n}\n"
    )
    res = run(code, a2m)
    assert res.status == "unchanged" and not res.changes
    assert [r.line for r in res.review] == [3, 5, 6, 7]
    assert "does not declare as a client" in res.review[1].message
    assert "does not declare as a client" in res.review[2].message


def test_a_member_used_from_an_extension_is_the_client(a2m: list[RulePack]) -> None:
    code = AMP + (
        "final class Service {\n    private let amplitude = Amplitude(configuration: Configuration(apiKey: \"k\"))\n}\n\n"
        "extension Service: Tracking {\n    func send(_ e: String) {\n        amplitude.track(eventType: e)\n    }\n}\n"
    )
    got = out(code, a2m)
    assert "amplitude.track(event: e)" in got and "Mixpanel.initialize(token:" in got and parses(got)


def test_if_let_binding_of_a_client_is_a_client(a2m: list[RulePack]) -> None:
    code = AMP + "var amp: Amplitude?\n\nfunc f() {\n    if let a = amp {\n        a.setUserId(userId: \"u-12345\")\n    }\n}\n"
    got = out(code, a2m)
    assert 'a.identify(distinctId: "u-12345")' in got and "var amp: MixpanelInstance?" in got


def test_an_identify_built_elsewhere_keeps_the_client_whole(a2m: list[RulePack]) -> None:
    code = AMP + (
        "func f(amplitude: Amplitude) {\n"
        "    let identify = Identify()\n"
        "    identify.set(property: \"plan\", value: \"pro\")\n"
        "    amplitude.identify(identify: identify)\n"
        "    amplitude.track(eventType: \"Upgraded\")\n}\n"
    )
    res = run(code, a2m)
    assert res.status == "unchanged" and not res.changes
    assert [r.line for r in res.review] == [6, 7]
    assert "Identify is built elsewhere" in res.review[0].message
    assert "because of line 6" in res.review[1].message


def test_properties_in_a_variable_are_not_guessed(a2m: list[RulePack]) -> None:
    code = AMP + "func f(amplitude: Amplitude, props: [String: Any]) {\n    amplitude.track(eventType: \"E\", eventProperties: props)\n}\n"
    res = run(code, a2m)
    assert res.status == "unchanged" and "MixpanelType" in res.review[0].message


def test_a_property_write_or_a_client_passed_on_blocks(a2m: list[RulePack]) -> None:
    code = AMP + (
        "func f(amplitude: Amplitude) {\n    amplitude.optOut = true\n    register(amplitude)\n"
        "    amplitude.track(eventType: \"E\")\n}\n"
    )
    res = run(code, a2m)
    assert res.status == "unchanged"
    messages = [r.message for r in res.review]
    assert any("property optOut" in m for m in messages) and any("passed on" in m for m in messages)
    assert len(res.review) == 3


def test_every_other_call_is_listed(a2m: list[RulePack]) -> None:
    code = AMP + "func f(amplitude: Amplitude) {\n    amplitude.add(plugin: P())\n    amplitude.track(eventType: \"E\")\n}\n"
    res = run(code, a2m)
    assert res.status == "unchanged"
    assert res.review[0].rule == "amplitude-swift/unmapped" and "add()" in res.review[0].message
    assert "because of line 4" in res.review[1].message


def test_the_legacy_sdk_is_told_apart_by_its_module(a2m: list[RulePack]) -> None:
    legacy = "import Amplitude\n\nfunc f() {\n    Amplitude.instance().logEvent(\"E\")\n}\n"
    res = run(legacy, a2m)
    assert list(res.sdks) == ["amplitude-ios-legacy"]
    assert 'Mixpanel.mainInstance().track(event: "E")' in (res.rewritten or "")
    swift = AMP + "func f(a: Amplitude) {\n    a.track(eventType: \"E\")\n}\n"
    assert list(run(swift, a2m).sdks) == ["amplitude-swift"]


def test_mixpanel_shared_instance_has_no_amplitude_swift_twin(m2a: list[RulePack]) -> None:
    code = MP + (
        "func launch() {\n    Mixpanel.initialize(token: \"t\", trackAutomaticEvents: true)\n"
        "    Mixpanel.mainInstance().track(event: \"Launched\")\n}\n"
    )
    res = run(code, m2a)
    assert res.status == "unchanged"
    assert [r.line for r in res.review] == [4, 5]
    assert all("no shared instance" in r.message for r in res.review)


def test_mixpanel_types_without_an_amplitude_twin_block(m2a: list[RulePack]) -> None:
    code = MP + "func f(mp: MixpanelInstance) {\n    let p: Properties = [\"a\": 1]\n    mp.track(event: \"E\", properties: p)\n}\n"
    res = run(code, m2a)
    assert res.status == "unchanged" and any("Properties" in r.message for r in res.review)


def test_a_nil_user_id_is_a_logout_for_a_human(a2m: list[RulePack]) -> None:
    code = AMP + "func f(a: Amplitude) {\n    a.setUserId(userId: nil)\n}\n"
    res = run(code, a2m)
    assert res.status == "unchanged" and "logs out" in res.review[0].message


def test_round_trip_gives_the_source_back(a2m: list[RulePack], m2a: list[RulePack]) -> None:
    code = AMP + (
        "final class S {\n    private let amplitude: Amplitude\n"
        "    init(amplitude: Amplitude) { self.amplitude = amplitude }\n"
        "    func f(id: String) {\n"
        "        amplitude.setUserId(userId: id) // login\n"
        "        amplitude.track(eventType: \"E\", eventProperties: [\"k\": id])\n"
        "        self.amplitude.track(eventType: \"Bare\")\n"
        "        amplitude.setGroup(groupType: \"org\", groupName: id)\n"
        "        amplitude.reset()\n    }\n}\n"
    )
    there = out(code, a2m)
    assert there != code and "Amplitude" not in there.replace("amplitude", "")
    assert out(there, m2a) == code


def test_invariants_bytes_outside_edits_crlf_bom_and_idempotence(a2m: list[RulePack]) -> None:
    code = (
        "\ufeffimport AmplitudeSwift\r\n\r\n/* keep me */\r\nfinal class S {\r\n\tvar amp: Amplitude?\r\n"
        "\tfunc f() {\r\n\t\tamp?.track(eventType: \"E\",\r\n\t\t\teventProperties: [\"k\": 1]) // same line\r\n"
        "\t\tamp?.identify(identify: Identify().set(property: \"a\", value: 1).unset(property: \"b\"))\r\n\t}\r\n}\r\n"
    )
    res = run(code, a2m)
    got = res.rewritten
    assert got is not None
    assert got.startswith("\ufeffimport Mixpanel\r\n\r\n/* keep me */\r\nfinal class S {\r\n\tvar amp: MixpanelInstance?\r\n")
    assert "\t\tamp?.track(event: \"E\",\r\n\t\t\tproperties: [\"k\": 1]) // same line\r\n" in got
    assert "\t\tamp?.people.set(properties: [\"a\": 1])\r\n\t\tamp?.people.unset(properties: [\"b\"])\r\n" in got
    again = rewrite_source("A.swift", got.encode(), a2m)
    assert again.status == "unchanged" and not again.changes and not again.review
    assert parses(got[1:])


def test_a_file_with_a_syntax_error_is_left_alone(a2m: list[RulePack]) -> None:
    code = AMP + "func f(a: Amplitude) {\n    a.track(eventType: \"E\"\n}\n"
    res = rewrite_source("A.swift", code.encode(), a2m)
    assert res.status in ("error", "unchanged") and not res.changes


_names = st.text(alphabet="abcdefghijklmnopqrstuvwxyz _-", min_size=1, max_size=12)
_gaps = st.sampled_from(["", " ", "\n        ", " /* c */ "])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(events=st.lists(_names, min_size=1, max_size=4), gap=_gaps, key=_names, filler=_names)
def test_property_idempotent_kept_bytes_and_clean_parse(
    a2m: list[RulePack], events: list[str], gap: str, key: str, filler: str
) -> None:
    body = "".join(
        f"        // {filler}\n        amplitude.track(eventType: \"{e}\",{gap}eventProperties: [\"{key}\": {i}])\n"
        for i, e in enumerate(events)
    )
    code = AMP + f"let note = \"{filler}\"\n\nfunc f(amplitude: Amplitude) {{\n{body}}}\n"
    res = run(code, a2m)
    got = res.rewritten
    assert got is not None and parses(got)
    assert f"let note = \"{filler}\"\n" in got and got.count(f"// {filler}\n") == len(events)
    assert got.count("amplitude.track(event: ") == len(events) and "eventType" not in got
    assert rewrite_source("A.swift", got.encode(), a2m).status == "unchanged"


def test_an_extension_of_the_sdk_class_keeps_the_client_whole(a2m: list[RulePack]) -> None:
    code = AMP + (
        "extension Amplitude {\n    static var shared = Amplitude(configuration: Configuration(apiKey: \"k\"))\n}\n"
    )
    res = run(code, a2m)
    assert res.status == "unchanged" and [r.line for r in res.review] == [3, 4]
    assert "extension of the SDK class" in res.review[0].message


def test_the_legacy_sdk_through_carthage_module_name(a2m: list[RulePack]) -> None:
    code = "import Amplitude_iOS\n\nfunc f() {\n    Amplitude.instance().setUserId(\"u-12345\")\n}\n"
    got = out(code, a2m)
    assert got == "import Mixpanel\n\nfunc f() {\n    Mixpanel.mainInstance().identify(distinctId: \"u-12345\")\n}\n"


def test_a_file_calling_a_client_it_does_not_import_is_listed(a2m: list[RulePack], m2a: list[RulePack]) -> None:
    # Swift lets a file call members of a type whose module it does not import.
    code = "import UIKit\n\nfunc tapped() {\n    AnalyticsManager.shared.track(eventType: \"Tapped\", eventProperties: [\"a\": 1])\n}\n"
    res = run(code, a2m)
    assert res.status == "unchanged" and [r.line for r in res.review] == [4]
    assert "does not declare as a client" in res.review[0].message
    mp = "import UIKit\n\nfunc f(o: Store) {\n    o.set(properties: [\"a\": 1])\n    Analytics.mp.people.set(properties: [\"a\": 1])\n}\n"
    assert [r.line for r in run(mp, m2a).review] == [5]


def test_guard_and_if_let_shorthand_unwrap_the_client(a2m: list[RulePack]) -> None:
    code = AMP + (
        "enum Analytics {\n    private static var amplitude: Amplitude?\n\n"
        "    static func setup(key: String) {\n        Self.amplitude = Amplitude(configuration: Configuration(apiKey: key))\n    }\n\n"
        "    static func log(_ name: String) {\n        guard let amplitude else { return }\n"
        "        amplitude.track(eventType: name)\n        if let amplitude {\n            amplitude.reset()\n        }\n    }\n}\n"
    )
    got = out(code, a2m)
    assert "private static var amplitude: MixpanelInstance?" in got
    assert "Self.amplitude = Mixpanel.initialize(token: key, trackAutomaticEvents: false)" in got
    assert "amplitude.track(event: name)" in got and "            amplitude.reset()\n" in got and parses(got)
    # a shorthand binding of something that is not a client stays a look-alike
    other = AMP + "func f(tracker: Tracker?) {\n    guard let tracker else { return }\n    tracker.flush()\n}\n"
    assert run(other, a2m).status == "unchanged" and not run(other, a2m).review
