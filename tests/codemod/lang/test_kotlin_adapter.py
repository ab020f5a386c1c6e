"""The Kotlin adapter: bindings, look-alikes, all-or-nothing clients, the widened Android operations,
and the engine invariants (including hypothesis property tests)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rewriter.codemod.engine import rewrite_source
from rewriter.codemod.lang import adapter_for_path, get_adapter
from rewriter.codemod.model import FileResult
from rewriter.codemod.packs.loader import RulePack, load_packs, select_packs

HEAD = "package com.example\n\nimport com.amplitude.android.Amplitude\n\n"
MP_HEAD = "package com.example\n\nimport com.mixpanel.android.mpmetrics.MixpanelAPI\n\n"


@pytest.fixture(scope="module")
def a2m() -> list[RulePack]:
    return [p for p in select_packs(load_packs(), "mixpanel") if "kotlin" in p.languages]


@pytest.fixture(scope="module")
def m2a() -> list[RulePack]:
    return [p for p in select_packs(load_packs(), "amplitude") if "kotlin" in p.languages]


def run(code: str, packs: list[RulePack], path: str = "A.kt") -> FileResult:
    res = rewrite_source(path, code.encode(), packs)
    assert res.status != "error", res.error
    return res


def out(code: str, packs: list[RulePack]) -> str:
    res = run(code, packs)
    return res.rewritten if res.status == "changed" else code  # type: ignore[return-value]


def test_registered_for_kt_and_kts() -> None:
    assert adapter_for_path("app/src/main/java/A.kt") is get_adapter("kotlin")
    assert adapter_for_path("build.gradle.kts") is get_adapter("kotlin")


@pytest.mark.parametrize(
    "decl",
    [
        "class S(private val amplitude: Amplitude) {\n",
        "class S {\n    lateinit var amplitude: Amplitude\n",
        "class S {\n    private var amplitude: Amplitude? = null\n",
    ],
)
def test_clients_typed_as_the_sdk_class_are_migrated(decl: str, a2m: list[RulePack]) -> None:
    code = HEAD + decl + "    fun f() {\n        amplitude.track(\"E\", mapOf(\"k\" to 1))\n    }\n}\n"
    got = out(code, a2m)
    assert 'amplitude.trackMap("E", mapOf("k" to 1))' in got
    assert "import com.mixpanel.android.mpmetrics.MixpanelAPI\n" in got
    assert "Amplitude" not in got.replace("amplitude", "")


def test_function_parameter_is_a_client(a2m: list[RulePack]) -> None:
    code = HEAD + "fun login(amp: Amplitude, id: String) {\n    amp.setUserId(id)\n}\n"
    assert out(code, a2m) == (
        "package com.example\n\nimport com.mixpanel.android.mpmetrics.MixpanelAPI\n\n"
        "fun login(amp: MixpanelAPI, id: String) {\n    amp.identify(id)\n}\n"
    )


def test_a_client_created_in_the_file_migrates_with_its_creation(a2m: list[RulePack]) -> None:
    code = HEAD + (
        "class App {\n"
        "    val amplitude = Amplitude(Configuration(apiKey = \"KEY\", context = this))\n"
        "    fun f(id: String) {\n        amplitude.track(\"E\")\n        amplitude.setUserId(id)\n    }\n}\n"
    )
    got = out(code, a2m)
    assert 'val amplitude = MixpanelAPI.getInstance(this, "YOUR_MIXPANEL_PROJECT_TOKEN", true)\n' in got
    assert "amplitude.identify(id)" in got and "Configuration" not in got


def test_a_creation_no_rule_reads_keeps_the_client_whole(a2m: list[RulePack]) -> None:
    code = HEAD + (
        "class App {\n"
        "    val amplitude = Amplitude(\"KEY\", this) { flushQueueSize = 10 }\n"
        "    fun f(id: String) {\n        amplitude.track(\"E\")\n        amplitude.setUserId(id)\n    }\n}\n"
    )
    res = run(code, a2m)
    assert res.status == "unchanged" and not res.changes
    assert [r.line for r in res.review] == [6, 8, 9]
    assert "creation Amplitude(...)" in res.review[0].message
    assert all("because of line 6" in r.message for r in res.review[1:])


def test_a_client_passed_on_stays_whole(a2m: list[RulePack]) -> None:
    code = HEAD + "fun f(amp: Amplitude) {\n    amp.track(\"E\", mapOf())\n    register(amp)\n}\n"
    res = run(code, a2m)
    assert res.status == "unchanged"
    assert "passed on" in res.review[-1].message and res.review[-1].line == 7


def test_a_property_read_on_the_client_stays_whole(a2m: list[RulePack]) -> None:
    code = HEAD + "fun f(amp: Amplitude) {\n    val s = amp.sessionId\n    amp.track(\"E\")\n}\n"
    res = run(code, a2m)
    assert res.status == "unchanged" and len(res.review) == 2
    assert "property sessionId" in res.review[0].message


def test_an_opt_out_write_is_migrated(a2m: list[RulePack]) -> None:
    code = HEAD + "fun f(amp: Amplitude, on: Boolean) {\n    amp.optOut = true\n    amp.track(\"E\")\n}\n"
    assert "    amp.optOutTracking()\n" in out(code, a2m)
    res = run(code.replace("optOut = true", "optOut = on"), a2m)
    assert res.status == "unchanged" and "not a literal" in res.review[0].message


def test_every_other_call_is_listed(a2m: list[RulePack]) -> None:
    code = HEAD + "fun f(amp: Amplitude) {\n    amp.setDeviceId(\"d\")\n    amp.track(\"E\")\n}\n"
    res = run(code, a2m)
    assert res.status == "unchanged"
    assert res.review[0].rule == "amplitude-kotlin/unmapped"
    assert res.review[0].message == "no rule maps setDeviceId(); migrate by hand"
    assert res.review[1].message == "track() is not migrated: the client stays whole because of line 6; migrate by hand"


def test_lookalikes_are_untouched(a2m: list[RulePack]) -> None:
    code = HEAD + (
        "class T(private val amplitude: Amplitude) {\n"
        "    fun f(names: List<String>, other: Other) {\n"
        "        names.forEach { amplitude -> amplitude.track(\"lambda\") }\n"
        "        other.amplitude.track(\"member\")\n"
        "        track(\"local\")\n"
        "        run {\n            val amplitude = Segment()\n            amplitude.track(\"shadowed\")\n        }\n"
        "        amplitude.track(\"real\", mapOf())\n"
        "    }\n}\n"
    )
    res = run(code, a2m)
    assert [c.line for c in res.changes] == [14]
    for kept in ('amplitude.track("lambda")', 'other.amplitude.track("member")', 'track("local")',
                 'amplitude.track("shadowed")'):
        assert kept in res.rewritten  # type: ignore[operator]


def test_the_legacy_java_sdk_is_not_the_kotlin_sdk(a2m: list[RulePack]) -> None:
    code = (
        "package com.example\n\nimport com.amplitude.api.Amplitude\n\n"
        "fun f() {\n    Amplitude.getInstance().logEvent(\"E\")\n}\n"
    )
    res = run(code, a2m)
    assert res.sdks == ("amplitude-android-legacy",)  # never the Kotlin SDK's pack
    assert [r.rule for r in res.review] == ["amplitude-android-legacy/shared-instance-call"]


def test_labelled_arguments_bind_by_name(a2m: list[RulePack]) -> None:
    code = HEAD + (
        "fun f(amp: Amplitude) {\n"
        "    amp.track(eventProperties = mapOf(\"a\" to 1), eventType = \"E\")\n"
        "    amp.setUserId(userId = \"u-12345\")\n}\n"
    )
    got = out(code, a2m)
    assert 'amp.trackMap("E", mapOf("a" to 1))' in got and 'amp.identify("u-12345")' in got


def test_a_skipped_labelled_parameter_is_not_guessed(a2m: list[RulePack]) -> None:
    code = HEAD + "fun f(amp: Amplitude, o: EventOptions) {\n    amp.track(eventType = \"E\", options = o)\n}\n"
    res = run(code, a2m)
    assert res.status == "unchanged" and "track()" in res.review[0].message


def test_an_ambiguous_track_overload_is_reviewed(a2m: list[RulePack]) -> None:
    code = HEAD + "fun f(amp: Amplitude, event: BaseEvent) {\n    amp.track(event)\n}\n"
    res = run(code, a2m)
    assert res.status == "unchanged" and "BaseEvent" in res.review[0].message


def test_mixpanel_jsonobject_variable_is_reviewed(m2a: list[RulePack]) -> None:
    code = MP_HEAD + "fun f(mp: MixpanelAPI, props: JSONObject) {\n    mp.track(\"E\", props)\n}\n"
    res = run(code, m2a)
    assert res.status == "unchanged" and "JSONObject" in res.review[0].message


def test_mixpanel_client_from_get_instance_migrates(m2a: list[RulePack]) -> None:
    code = MP_HEAD + (
        "class App {\n    val mp = MixpanelAPI.getInstance(this, \"TOKEN\", true)\n"
        "    fun f() {\n        mp.track(\"E\")\n    }\n}\n"
    )
    got = out(code, m2a)
    assert 'val mp = Amplitude(Configuration(apiKey = "YOUR_AMPLITUDE_API_KEY", context = this))' in got
    assert "import com.amplitude.android.Amplitude\nimport com.amplitude.android.Configuration\n" in got


def test_mixpanel_get_instance_overload_stays_whole(m2a: list[RulePack]) -> None:
    code = MP_HEAD + (
        "class App {\n    val mp = MixpanelAPI.getInstance(this, \"TOKEN\", true, \"second\")\n"
        "    fun f() {\n        mp.track(\"E\")\n    }\n}\n"
    )
    res = run(code, m2a)
    assert res.status == "unchanged" and [r.line for r in res.review] == [6, 8]
    assert "overload" in res.review[0].message


def test_round_trip_gives_the_source_back(a2m: list[RulePack], m2a: list[RulePack]) -> None:
    code = HEAD + (
        "class S(private val amplitude: Amplitude) {\n"
        "    fun f(id: String) {\n"
        "        amplitude.setUserId(id) // login\n"
        "        amplitude.track(\"E\", mapOf(\"k\" to id))\n"
        "        amplitude.track(\"Bare\")\n    }\n}\n"
    )
    there = out(code, a2m)
    assert there != code
    assert out(there, m2a) == code


def test_invariants_bytes_outside_edits_idempotence_and_no_new_errors(a2m: list[RulePack]) -> None:
    code = (
        "\ufeffpackage com.example\r\n\r\nimport com.amplitude.android.Amplitude\r\n\r\n"
        "/* keep me */\r\nclass S(private val amplitude: Amplitude) {\r\n"
        "\tfun f() {\r\n\t\tamplitude.track(\"E\",\r\n\t\t\tmapOf(\"k\" to 1)) // same line\r\n\t}\r\n}\r\n"
    )
    res = run(code, a2m)
    got = res.rewritten
    assert got is not None
    assert got.startswith("\ufeffpackage com.example\r\n\r\nimport com.mixpanel.android.mpmetrics.MixpanelAPI\r\n")
    assert "/* keep me */\r\nclass S(private val amplitude: MixpanelAPI) {\r\n\tfun f() {\r\n" in got
    assert "\t\tamplitude.trackMap(\"E\",\r\n\t\t\tmapOf(\"k\" to 1)) // same line\r\n\t}\r\n}\r\n" in got
    again = rewrite_source("A.kt", got.encode(), a2m)
    assert again.status == "unchanged" and not again.changes
    kt = get_adapter("kotlin")
    assert kt.syntax_error(kt.parse("A.kt", got.encode()[3:])) is None


def test_a_file_with_a_syntax_error_is_left_alone(a2m: list[RulePack]) -> None:
    code = HEAD + "fun f(amp: Amplitude) {\n    amp.track(\"E\"\n}\n"
    res = rewrite_source("A.kt", code.encode(), a2m)
    assert res.status in ("unchanged", "error") and not res.changes
    assert res.status == "error" or res.review  # listed, never silently skipped


# -- widened beyond the toy (issue 11) ---------------------------------------------------------------
LEGACY_HEAD = "package com.example\n\nimport com.amplitude.api.Amplitude\nimport com.amplitude.api.Identify\n\n"


def test_a_client_in_an_object_is_seen(a2m: list[RulePack]) -> None:
    code = HEAD + "object Tracker {\n    lateinit var amplitude: Amplitude\n    fun f() {\n        amplitude.track(\"E\")\n    }\n}\n"
    assert "lateinit var amplitude: MixpanelAPI" in out(code, a2m)
    code = LEGACY_HEAD + "object Tracker {\n    private val amplitude = Amplitude.getInstance()\n    fun f() {\n        amplitude.logEvent(\"E\")\n    }\n}\n"
    res = run(code, a2m)
    assert res.status == "unchanged" and [r.line for r in res.review] == [7, 9]  # never silent


def test_a_local_identify_builder_is_absorbed(a2m: list[RulePack]) -> None:
    code = LEGACY_HEAD + (
        "object Tracker {\n    lateinit var amplitude: Amplitude\n"
        "    fun f(v: String) {\n        val identify = Identify().set(\"k\", v)\n        amplitude.identify(identify)\n    }\n}\n"
    )
    got = out(code, a2m)
    assert "    fun f(v: String) {\n        amplitude.getPeople().set(\"k\", v)\n    }\n" in got
    assert "Identify" not in got
    # used twice: not absorbed, the client stays whole
    twice = code.replace("amplitude.identify(identify)\n", "amplitude.identify(identify)\n        log(identify)\n")
    res = run(twice, a2m)
    assert res.status == "unchanged" and "built elsewhere" in res.review[0].message


def test_identify_with_a_map_sets_every_entry(a2m: list[RulePack], m2a: list[RulePack]) -> None:
    code = HEAD + "fun f(a: Amplitude) {\n    a.identify(mapOf(\"plan\" to \"pro\"))\n}\n"
    assert 'a.getPeople().setMap(mapOf("plan" to "pro"))' in out(code, a2m)
    back = MP_HEAD + "fun f(a: MixpanelAPI) {\n    a.getPeople().setMap(mapOf(\"plan\" to \"pro\"))\n}\n"
    assert 'a.identify(mapOf("plan" to "pro"))' in out(back, m2a)


def test_nested_sdk_types_keep_the_client_whole(m2a: list[RulePack]) -> None:
    code = MP_HEAD + "fun f(mp: MixpanelAPI) {\n    val p: MixpanelAPI.People = mp.people\n    mp.track(\"E\")\n}\n"
    res = run(code, m2a)
    assert res.status == "unchanged" and "nested type MixpanelAPI.People" in res.review[0].message


def test_an_expression_body_gets_a_return_type_note(a2m: list[RulePack]) -> None:
    code = HEAD + "class S(private val amplitude: Amplitude) {\n    fun opened() = amplitude.track(\"Opened\")\n}\n"
    res = run(code, a2m)
    assert res.status == "changed" and "inferred return type" in (res.changes[0].note or "")


def test_people_property_and_eu_init(m2a: list[RulePack], a2m: list[RulePack]) -> None:
    code = MP_HEAD + "fun f(mp: MixpanelAPI) {\n    mp.people.increment(\"n\", 1.0)\n}\n"
    assert 'mp.identify(Identify().add("n", 1.0))' in out(code, m2a)
    eu = HEAD + "import com.amplitude.core.ServerZone\n\nclass A(c: Context) {\n    val amplitude = Amplitude(Configuration(apiKey = \"K\", context = c, serverZone = ServerZone.EU))\n}\n"
    got = out(eu, a2m)
    assert 'serverURL("https://api-eu.mixpanel.com")' in got and "ServerZone" not in got
    assert "import com.mixpanel.android.mpmetrics.MixpanelOptions\n" in got


def test_a_string_typed_event_name_is_the_event_type_overload(a2m: list[RulePack]) -> None:
    code = HEAD + (
        "class T(private val amplitude: Amplitude?) {\n"
        "    fun a(eventName: String, props: Map<String, Any>) {\n        amplitude?.track(eventName, props.toMutableMap())\n    }\n"
        "    fun b(props: Map<String, Any>) {\n        val name = \"Opened\"\n        amplitude?.track(name, props)\n    }\n}\n"
    )
    got = out(code, a2m)
    assert "amplitude?.trackMap(eventName, props.toMutableMap())" in got and "amplitude?.trackMap(name, props)" in got
    unknown = HEAD + "fun f(amplitude: Amplitude, e: Any, p: Map<String, Any>) {\n    amplitude.track(e, p)\n}\n"
    res = run(unknown, a2m)
    assert res.status == "unchanged" and "BaseEvent" in res.review[0].message


# -- property tests --------------------------------------------------------------------------------
_names = st.sampled_from(['"Signed Up"', '"Clicked"', "eventName", '"Item $id"'])
_calls = st.one_of(
    st.builds(lambda n: f"amplitude.track({n})", _names),
    st.builds(lambda n: f'amplitude.track({n}, mapOf("k" to 1))', _names),
    st.builds(lambda n: f"amplitude?.track(eventType = {n}, eventProperties = props)", _names),
    st.just("amplitude.setUserId(id)"),
    st.just('amplitude.identify(Identify().set("plan", "pro").add("n", 2))'),
    st.just('amplitude.setGroup("org", id)'),
    st.just("amplitude.optOut = true"),
    st.just("amplitude.reset()"),
    st.just("amplitude.flush()"),
    st.just("amplitude.setUserId(null)"),  # review rule: keeps the client whole
    st.just('amplitude.identify(Identify().prepend("a", 1))'),  # refused by semantics: keeps it whole
    st.just("amplitude.setDeviceId(id)"),  # no rule: keeps it whole
)
_noise = st.sampled_from(
    ['// amplitude.track("commented")', 'val s = "amplitude.track(\\"in string\\")"', 'segment.track("other")',
     "val x = 1\t/* tab */", "", 'if (ok) {\n    println("x")\n}']
)


@st.composite
def _programs(draw: st.DrawFn) -> tuple[bytes, list[str], int]:
    body = draw(st.lists(st.one_of(_calls, _noise), min_size=1, max_size=12))
    indent = draw(st.sampled_from(["        ", "\t\t"]))
    eol = draw(st.sampled_from(["\n", "\r\n"]))
    header = ["package com.example", "", "import com.amplitude.android.Amplitude",
              "import com.amplitude.android.events.Identify", "",
              "class P(private val amplitude: Amplitude, private val segment: Segment) {",
              "    fun main(ok: Boolean, id: String, eventName: String, props: Map<String, Any>) {"]
    lines = header + [indent + b for b in body] + ["    }", "}"]
    text = eol.join(line.replace("\n", eol) for line in lines) + eol
    kept = [indent + b for b in body if not b.startswith("amplitude")]
    return text.encode(), kept, sum(1 for b in body if b.startswith("amplitude"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_programs())
def test_invariants_on_generated_kotlin(prog: tuple[bytes, list[str], int]) -> None:
    src, kept, calls = prog
    packs = [p for p in select_packs(load_packs(), "mixpanel") if "kotlin" in p.languages]
    res = rewrite_source("P.kt", src, packs)
    assert res.status in ("changed", "unchanged"), res.error
    out_bytes = (res.rewritten or src.decode()).encode()
    kt = get_adapter("kotlin")
    assert kt.syntax_error(kt.parse("P.kt", out_bytes)) is None  # no new parse errors
    again = rewrite_source("P.kt", out_bytes, packs)
    assert again.status == "unchanged", again.rewritten  # idempotent
    eol = "\r\n" if b"\r\n" in src else "\n"
    text, pos = out_bytes.decode(), 0
    for line in kept:  # every line that is not an SDK call survives byte for byte, in order
        needle = line.replace("\n", eol)
        found = text.find(needle, pos)
        assert found >= 0, f"lost or changed: {needle!r}"
        pos = found + len(needle)
    # every call on the client is rewritten or listed, and a client is migrated whole or not at all
    assert len([c for c in res.changes if not c.rule.endswith("/imports")]) + len(res.review) == calls
    assert not (res.changes and res.review)


def test_a_lazy_client_is_bound_and_its_creation_migrates(m2a: list[RulePack]) -> None:
    code = MP_HEAD + (
        "class T(private val context: Context) {\n"
        "    private val mixpanel by lazy { MixpanelAPI.getInstance(context, \"tok\", true) }\n"
        "    fun f() {\n        mixpanel.track(\"E\")\n    }\n}\n"
    )
    got = out(code, m2a)
    assert 'by lazy { Amplitude(Configuration(apiKey = "YOUR_AMPLITUDE_API_KEY", context = context)) }' in got
    assert "import com.amplitude.android.Configuration\n" in got


def test_a_creation_passed_to_a_function_keeps_the_client_whole(m2a: list[RulePack]) -> None:
    code = MP_HEAD + "fun f(c: Context) {\n    register(MixpanelAPI.getInstance(c, \"tok\", true))\n}\n"
    res = run(code, m2a)
    assert res.status == "unchanged" and "passed on as a value" in res.review[0].message


def test_an_override_expression_body_is_not_rewritten(m2a: list[RulePack]) -> None:
    code = MP_HEAD + (
        "class T(private val mixpanel: MixpanelAPI) : Sink {\n"
        "    override fun identify(id: String) = mixpanel.identify(id)\n"
        "    fun track(e: String) {\n        mixpanel.track(e)\n    }\n}\n"
    )
    res = run(code, m2a)
    assert res.status == "unchanged" and "override or a declared return type" in res.review[0].message
    plain = code.replace("override fun identify", "fun identify")
    got = run(plain, m2a)
    assert got.status == "changed" and "inferred return type" in (got.changes[0].note or "")
