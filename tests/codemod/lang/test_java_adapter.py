"""The Java adapter and the Android packs from Java: bindings, look-alikes, overloads by argument
type, all-or-nothing clients, the two ``Amplitude`` classes, and the engine invariants (property
tests: idempotence, no new parse errors, bytes outside edits, every SDK call accounted for)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rewriter.codemod.engine import rewrite_source
from rewriter.codemod.lang import adapter_for_path, get_adapter, known_languages
from rewriter.codemod.model import FileResult
from rewriter.codemod.packs.loader import RulePack, load_packs, select_packs

MP = "package com.example;\n\nimport com.mixpanel.android.mpmetrics.MixpanelAPI;\n\n"
AK = "package com.example;\n\nimport com.amplitude.android.Amplitude;\n\n"
LEGACY = "package com.example;\n\nimport com.amplitude.api.AmplitudeClient;\n\n"


@pytest.fixture(scope="module")
def a2m() -> list[RulePack]:
    return [p for p in select_packs(load_packs(), "mixpanel") if "java" in p.languages]


@pytest.fixture(scope="module")
def m2a() -> list[RulePack]:
    return [p for p in select_packs(load_packs(), "amplitude") if "java" in p.languages]


def run(code: str, packs: list[RulePack], path: str = "A.java") -> FileResult:
    res = rewrite_source(path, code.encode(), packs)
    assert res.status != "error", res.error
    return res


def out(code: str, packs: list[RulePack]) -> str:
    res = run(code, packs)
    return res.rewritten if res.status == "changed" else code  # type: ignore[return-value]


def method(body: str, params: str = "MixpanelAPI mp") -> str:
    return f"class A {{\n    void f({params}) {{\n{body}    }}\n}}\n"


def test_registered_for_java() -> None:
    assert "java" in known_languages()
    assert adapter_for_path("app/src/main/java/com/example/A.java") is get_adapter("java")


def test_both_java_packs_are_selected(a2m: list[RulePack], m2a: list[RulePack]) -> None:
    assert {p.sdk for p in a2m} == {"amplitude-kotlin", "amplitude-android-legacy"}
    assert {p.sdk for p in m2a} == {"mixpanel-android"}


def test_track_method_is_chosen_by_argument_type(m2a: list[RulePack], a2m: list[RulePack]) -> None:
    # Mixpanel → Amplitude: trackMap(Map) and track(JSONObject(Map.of(...))) both become track(name, Map)
    code = MP + method('        mp.trackMap("A", props);\n        mp.track("B", new JSONObject(Map.of("k", 1)));\n',
                       "MixpanelAPI mp, Map<String, Object> props")
    got = out(code, m2a)
    assert 'mp.track("A", props);' in got and 'mp.track("B", Map.of("k", 1));' in got
    # Amplitude Kotlin (a Map) → trackMap; legacy logEvent (a JSONObject) → track, passed through verbatim
    got = out(AK + method('        a.track("A", props);\n', "Amplitude a, Map<String, Object> props"), a2m)
    assert 'a.trackMap("A", props);' in got
    got = out(LEGACY + method('        c.logEvent("A", json);\n', "AmplitudeClient c, JSONObject json"), a2m)
    assert 'c.track("A", json);' in got


def test_a_jsonobject_built_elsewhere_keeps_the_mixpanel_client_whole(m2a: list[RulePack]) -> None:
    code = MP + method('        mp.track("A", props);\n        mp.track("B");\n', "MixpanelAPI mp, JSONObject props")
    res = run(code, m2a)
    assert res.status == "unchanged" and "JSONObject built elsewhere" in res.review[0].message
    assert "because of line 7" in res.review[1].message


def test_the_two_amplitude_classes_are_told_apart_by_package(a2m: list[RulePack]) -> None:
    kotlin_sdk = AK + method('        a.track("E");\n', "Amplitude a")
    legacy = kotlin_sdk.replace("com.amplitude.android.Amplitude", "com.amplitude.api.Amplitude")
    assert run(kotlin_sdk, a2m).sdks == ("amplitude-kotlin",)
    res = run(legacy, a2m)
    assert res.sdks == ("amplitude-android-legacy",)
    # legacy clients are AmplitudeClient; a parameter typed as the legacy Amplitude class has no track()
    assert res.status == "unchanged" and "no rule maps track()" in res.review[0].message


def test_lookalikes_are_untouched(m2a: list[RulePack]) -> None:
    code = MP + (
        "class T {\n"
        "    private MixpanelAPI mixpanel;\n"
        "    void f(Other other, List<String> names) {\n"
        "        names.forEach(mixpanel -> mixpanel.track(\"lambda\"));\n"
        "        other.mixpanel.track(\"member\");\n"
        "        track(\"local\");\n"
        "        {\n            Segment mixpanel = new Segment();\n            mixpanel.track(\"shadowed\");\n        }\n"
        "        mixpanel.track(\"real\");\n"
        "    }\n"
        "    void g(Segment mixpanel) {\n        mixpanel.track(\"parameter\");\n    }\n"
        "}\n"
    )
    res = run(code, m2a)
    assert [c.line for c in res.changes if not c.rule.endswith("/imports")] == [15]
    for kept in ('mixpanel.track("lambda")', 'other.mixpanel.track("member")', 'track("local")',
                 'mixpanel.track("shadowed")', 'mixpanel.track("parameter")'):
        assert kept in res.rewritten  # type: ignore[operator]
    assert "private Amplitude mixpanel;" in res.rewritten  # type: ignore[operator]


def test_a_client_passed_on_stays_whole(m2a: list[RulePack]) -> None:
    code = MP + method('        mp.track("E");\n        register(mp);\n')
    res = run(code, m2a)
    assert res.status == "unchanged" and "passed on" in res.review[-1].message


def test_a_client_handed_to_a_field_migrates(m2a: list[RulePack]) -> None:
    code = MP + (
        "class A {\n    private final MixpanelAPI mp;\n"
        "    A(MixpanelAPI mp) {\n        this.mp = mp;\n    }\n"
        "    void f() {\n        if (mp != null) mp.track(\"E\");\n    }\n}\n"
    )
    got = out(code, m2a)
    assert "private final Amplitude mp;" in got and "A(Amplitude mp)" in got and 'mp.track("E");' in got


def test_identify_chain_in_expression_position_is_not_split(a2m: list[RulePack]) -> None:
    code = AK + "import com.amplitude.android.events.Identify;\n\n" + method(
        '        Amplitude same = a.identify(new Identify().set("a", 1).add("n", 2));\n', "Amplitude a")
    res = run(code, a2m)
    assert res.status == "unchanged" and "its result is used" in res.review[0].message


def test_identify_chain_becomes_one_people_call_per_operation(a2m: list[RulePack]) -> None:
    code = AK + "import com.amplitude.android.events.Identify;\n\n" + method(
        '        a.identify(new Identify().set("a", 1).add("n", 2)); // upgraded\n', "Amplitude a")
    got = out(code, a2m)
    assert '        a.getPeople().set("a", 1);\n        a.getPeople().increment("n", 2); // upgraded\n' in got
    assert "Identify" not in got


def test_amplitude_only_operations_are_reviewed(a2m: list[RulePack]) -> None:
    code = AK + "import com.amplitude.android.events.Identify;\n\n" + method(
        '        a.identify(new Identify().prepend("a", 1));\n', "Amplitude a")
    res = run(code, a2m)
    assert res.status == "unchanged" and "prepend" in res.review[0].message


def test_opt_out_to_amplitude_from_java_is_reviewed(m2a: list[RulePack]) -> None:
    res = run(MP + method("        mp.optOutTracking();\n        mp.track(\"E\");\n"), m2a)
    assert res.status == "unchanged" and "optOut" in res.review[0].message


def test_legacy_shared_instance_calls_are_listed_and_init_is_migrated(a2m: list[RulePack]) -> None:
    code = (
        "package com.example;\n\nimport com.amplitude.api.Amplitude;\n\n"
        "class App {\n    void onCreate() {\n"
        "        Amplitude.getInstance().initialize(this, \"KEY\").enableForegroundTracking(this);\n"
        "        Amplitude.getInstance().logEvent(\"Started\");\n    }\n}\n"
    )
    res = run(code, a2m)
    assert res.status == "unchanged"
    assert sorted((r.line, r.rule.split("/")[1]) for r in res.review) == [(7, "unmapped"), (8, "shared-instance-call")]
    assert "because of line 8" in next(r.message for r in res.review if r.line == 7)
    got = out(code.replace('        Amplitude.getInstance().logEvent("Started");\n', ""), a2m)
    assert 'MixpanelAPI.getInstance(this, "YOUR_MIXPANEL_PROJECT_TOKEN", true);' in got
    assert "import com.mixpanel.android.mpmetrics.MixpanelAPI;\n" in got and "com.amplitude" not in got


def test_round_trip_gives_the_source_back(a2m: list[RulePack], m2a: list[RulePack]) -> None:
    code = MP + (
        "class S {\n    private final MixpanelAPI mixpanel;\n"
        "    S(MixpanelAPI mixpanel) {\n        this.mixpanel = mixpanel;\n    }\n"
        "    void f(String id, Map<String, Object> props) {\n"
        "        mixpanel.identify(id); // login\n"
        "        mixpanel.trackMap(\"E\", props);\n"
        "        mixpanel.track(\"Bare\");\n"
        "        mixpanel.setGroup(\"org\", id);\n"
        "        mixpanel.reset();\n    }\n}\n"
    )
    there = out(code, m2a)
    assert there != code and "Amplitude" in there
    assert out(there, a2m) == code


def test_invariants_bytes_outside_edits_idempotence_and_no_new_errors(m2a: list[RulePack]) -> None:
    code = (
        "\ufeffpackage com.example;\r\n\r\nimport com.mixpanel.android.mpmetrics.MixpanelAPI;\r\n\r\n"
        "/* keep me */\r\nclass S {\r\n\tprivate MixpanelAPI mp;\r\n"
        "\tvoid f(Map<String, Object> m) {\r\n\t\tmp.trackMap(\"E\",\r\n\t\t\tm); // same line\r\n\t}\r\n}\r\n"
    )
    res = run(code, m2a)
    got = res.rewritten
    assert got is not None
    assert got.startswith("\ufeffpackage com.example;\r\n\r\nimport com.amplitude.android.Amplitude;\r\n")
    assert "/* keep me */\r\nclass S {\r\n\tprivate Amplitude mp;\r\n" in got
    assert "\t\tmp.track(\"E\",\r\n\t\t\tm); // same line\r\n\t}\r\n}\r\n" in got
    again = rewrite_source("A.java", got.encode(), m2a)
    assert again.status == "unchanged" and not again.changes
    java = get_adapter("java")
    assert java.syntax_error(java.parse("A.java", got.encode()[3:])) is None


def test_a_file_with_a_syntax_error_is_left_alone_and_listed(m2a: list[RulePack]) -> None:
    code = MP + method('        mp.track("E"\n')
    res = rewrite_source("A.java", code.encode(), m2a)
    assert res.status in ("unchanged", "error") and not res.changes
    assert res.status == "error" or res.review  # listed, never silently skipped


# -- property tests --------------------------------------------------------------------------------
names = st.sampled_from(['"Signed Up"', '"Clicked"', "eventName"])
mp_calls = st.one_of(
    st.builds(lambda n: f"mp.track({n});", names),
    st.builds(lambda n: f"mp.trackMap({n}, props);", names),
    st.builds(lambda n: f'mp.track({n}, new JSONObject(Map.of("k", 1)));', names),
    st.builds(lambda n: f"mp.identify({n});", names),
    st.just('mp.getPeople().set("plan", "pro");'),
    st.just('mp.getPeople().increment("n", 2);'),
    st.just('mp.setGroup("org", "acme");'),
    st.just("mp.reset();"),
    st.just("mp.track(\"E\", json);"),  # a JSONObject built elsewhere: keeps the client whole
    st.just("mp.timeEvent(\"E\");"),  # review rule: keeps the client whole
    st.just("mp.flush();"),
    st.just("mp.alias(\"a\", \"b\");"),  # review rule: keeps the client whole
    st.just("mp.getPeople().trackCharge(1.0, null);"),  # review rule on a People call
    st.just("mp.clearSuperProperties();"),
)
noise = st.sampled_from(
    [
        '// mp.track("commented");',
        'String s = "mp.track(\\"in string\\")";',
        'other.track("segment");',
        "int x = 1;\t/* tab */",
        "",
        'if (ok) {\n    Log.d("x", "y");\n}',
    ]
)


@st.composite
def programs(draw: st.DrawFn) -> tuple[bytes, list[str], int]:
    body = draw(st.lists(st.one_of(mp_calls, noise), min_size=1, max_size=12))
    indent = draw(st.sampled_from(["        ", "\t\t"]))
    eol = draw(st.sampled_from(["\n", "\r\n"]))
    header = ["package com.example;", "", "import com.mixpanel.android.mpmetrics.MixpanelAPI;", "",
              "class P {", "    private MixpanelAPI mp;",
              "    void main(boolean ok, Map<String, Object> props, JSONObject json, String eventName, Other other) {"]
    lines = header + [indent + b for b in body] + ["    }", "}"]
    text = eol.join(line.replace("\n", eol) for line in lines) + eol
    kept = [indent + b for b in body if not b.startswith("mp.")]
    return text.encode(), kept, sum(1 for b in body if b.startswith("mp."))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(programs())
def test_invariants_on_generated_java(prog: tuple[bytes, list[str], int]) -> None:
    src, kept, calls = prog
    packs = [p for p in select_packs(load_packs(), "amplitude") if "java" in p.languages]
    res = rewrite_source("P.java", src, packs)
    assert res.status in ("changed", "unchanged"), res.error
    out_bytes = (res.rewritten or src.decode()).encode()
    java = get_adapter("java")
    assert java.syntax_error(java.parse("P.java", out_bytes)) is None  # no new parse errors
    again = rewrite_source("P.java", out_bytes, packs)
    assert again.status == "unchanged", again.rewritten  # idempotent
    eol = "\r\n" if b"\r\n" in src else "\n"
    text, pos = out_bytes.decode(), 0
    for line in kept:  # every line that is not an SDK call survives byte for byte, in order
        needle = line.replace("\n", eol)
        found = text.find(needle, pos)
        assert found >= 0, f"lost or changed: {needle!r}"
        pos = found + len(needle)
    # every call on the client is rewritten or listed; a client is migrated whole or not at all
    assert len(res.changes) - sum(1 for c in res.changes if c.rule.endswith("/imports")) + len(res.review) == calls
    assert not (res.changes and res.review)


def test_a_local_identify_builder_is_absorbed_in_java(a2m: list[RulePack]) -> None:
    code = LEGACY + "import com.amplitude.api.Identify;\n\n" + method(
        '        Identify identify = new Identify().set("k", 1).setOnce("f", 2);\n        c.identify(identify);\n',
        "AmplitudeClient c")
    got = out(code, a2m)
    assert '    void f(MixpanelAPI c) {\n        c.getPeople().set("k", 1);\n        c.getPeople().setOnce("f", 2);\n    }\n' in got


def test_nested_sdk_type_keeps_the_java_client_whole(m2a: list[RulePack]) -> None:
    code = MP + method("        MixpanelAPI.People people = mp.getPeople();\n        mp.track(\"E\");\n")
    res = run(code, m2a)
    assert res.status == "unchanged" and any("nested type MixpanelAPI.People" in r.message for r in res.review)


def test_a_string_typed_event_name_is_the_event_type_overload_in_java(a2m: list[RulePack]) -> None:
    code = AK + method("        a.track(name, props);\n", "Amplitude a, String name, Map<String, Object> props")
    assert "a.trackMap(name, props);" in out(code, a2m)
    res = run(AK + method("        a.track(event, props);\n", "Amplitude a, BaseEvent event, Map<String, Object> props"), a2m)
    assert res.status == "unchanged" and "BaseEvent" in res.review[0].message


def test_calls_through_a_client_accessor_are_planned_and_rewritten(m2a: list[RulePack]) -> None:
    code = MP + (
        "public class Tracking {\n    private static MixpanelAPI sMixpanel;\n"
        "    public static void init(Context context) {\n        sMixpanel = MixpanelAPI.getInstance(context, \"abc\", true);\n    }\n"
        "    public static MixpanelAPI getMixpanel() {\n        return sMixpanel;\n    }\n"
        "    public static void track(String event) {\n        getMixpanel().track(event);\n"
        "        Tracking.getMixpanel().identify(\"u-12345\");\n    }\n}\n"
    )
    got = out(code, m2a)
    assert "public static Amplitude getMixpanel() {" in got and "getMixpanel().track(event);" in got
    assert 'Tracking.getMixpanel().setUserId("u-12345");' in got
    blocked = run(code.replace("getMixpanel().track(event);", "getMixpanel().timeEvent(event);"), m2a)
    assert blocked.status == "unchanged" and {r.line for r in blocked.review} == {8, 14, 15}


def test_a_creation_passed_to_a_method_keeps_the_client_whole(m2a: list[RulePack]) -> None:
    res = run(MP + method('        register(MixpanelAPI.getInstance(c, "tok", true));\n', "Context c"), m2a)
    assert res.status == "unchanged" and "passed on as a value" in res.review[0].message
