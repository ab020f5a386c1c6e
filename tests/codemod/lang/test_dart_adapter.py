"""The Dart adapter (Flutter): virtual calls, bindings, look-alikes, all-or-nothing clients, the
async creation rule, imports, a missing grammar, and the engine invariants (hypothesis)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rewriter.codemod.engine import rewrite_source
from rewriter.codemod.lang import adapter_for_path, get_adapter
from rewriter.codemod.lang.dart_syntax import call_parts, gwalk
from rewriter.codemod.lang.treesitter import error_nodes, get_parser
from rewriter.codemod.model import FileResult
from rewriter.codemod.packs.loader import RulePack, load_pack
from tests.codemod.conftest import ROOT

AMP = "import 'package:amplitude_flutter/amplitude.dart';\n\n"
MP = "import 'package:mixpanel_flutter/mixpanel_flutter.dart';\n\n"


@pytest.fixture(scope="module")
def a2m() -> list[RulePack]:
    return [load_pack(ROOT / "rules" / "amplitude-to-mixpanel" / "amplitude-flutter.yaml")]


@pytest.fixture(scope="module")
def m2a() -> list[RulePack]:
    return [load_pack(ROOT / "rules" / "mixpanel-to-amplitude" / "mixpanel-flutter.yaml")]


def run(code: str, packs: list[RulePack], path: str = "lib/a.dart") -> FileResult:
    res = rewrite_source(path, code.encode(), packs)
    assert res.status != "error", res.error
    return res


def out(code: str, packs: list[RulePack]) -> str:
    res = run(code, packs)
    return res.rewritten if res.status == "changed" else code  # type: ignore[return-value]


def test_registered_for_dart() -> None:
    assert adapter_for_path("lib/main.dart") is get_adapter("dart")


def test_calls_are_virtual_nodes_with_receiver_name_and_arguments() -> None:
    src = b"void f() { a?.b.track(BaseEvent('x'))..flush(); }"
    tree = get_parser("dart").parse(src)
    calls = [n for n in gwalk(tree.root_node) if n.type == "call_expression"]
    texts = sorted(n.text.decode() for n in calls)
    assert texts == ["BaseEvent('x')", "a?.b.track(BaseEvent('x'))"]
    track = next(n for n in calls if n.text.startswith(b"a?"))
    recv, name, _ = call_parts(track)  # type: ignore[misc]
    assert name == "track" and recv.text == b"a?.b"


def test_a_created_client_migrates_whole(a2m: list[RulePack]) -> None:
    code = AMP + (
        "class A {\n  late final Amplitude amplitude;\n"
        "  Future<void> start() async {\n"
        "    amplitude = Amplitude(Configuration(apiKey: 'K'));\n    await amplitude.isBuilt;\n  }\n"
        "  void go(String id) {\n    amplitude.setUserId(id);\n    amplitude.track(BaseEvent('E'));\n  }\n}\n"
    )
    assert out(code, a2m) == MP + (
        "class A {\n  late final Mixpanel amplitude;\n"
        "  Future<void> start() async {\n"
        "    amplitude = await Mixpanel.init('YOUR_MIXPANEL_PROJECT_TOKEN', trackAutomaticEvents: true);\n  }\n"
        "  void go(String id) {\n    amplitude.identify(id);\n    amplitude.track('E');\n  }\n}\n"
    )


def test_a_creation_outside_an_async_function_keeps_the_client(a2m: list[RulePack]) -> None:
    code = AMP + (
        "Amplitude make() {\n  final amplitude = Amplitude(Configuration(apiKey: 'K'));\n"
        "  amplitude.track(BaseEvent('E'));\n  return amplitude;\n}\n"
    )
    res = run(code, a2m)
    assert res.status == "unchanged" and not res.changes
    assert res.review[0].rule == "amplitude-flutter/init" and "not async" in res.review[0].message
    assert "because of line 4" in res.review[1].message


def test_a_client_passed_on_stays_whole(a2m: list[RulePack]) -> None:
    code = AMP + "void f(Amplitude amp) {\n  amp.track(BaseEvent('E'));\n  register(amp);\n}\n"
    res = run(code, a2m)
    assert res.status == "unchanged"
    assert [r.line for r in res.review] == [4, 5]
    assert "passed on as a value" in res.review[1].message


def test_lookalikes_are_untouched(a2m: list[RulePack]) -> None:
    code = AMP + (
        "class T {\n  T(this.amplitude);\n  final Amplitude amplitude;\n"
        "  void f(List<String> names, Other other) {\n"
        "    names.forEach((amplitude) => amplitude.track('lambda'));\n"
        "    other.amplitude.track('member');\n"
        "    track('local');\n"
        "    {\n      final amplitude = Segment();\n      amplitude.track('shadowed');\n    }\n"
        "    amplitude.track(BaseEvent('real'));\n  }\n}\n"
    )
    res = run(code, a2m)
    assert [c.line for c in res.changes] == [14] and not res.review
    for kept in ("amplitude.track('lambda')", "other.amplitude.track('member')", "track('local')",
                 "amplitude.track('shadowed')"):
        assert kept in res.rewritten  # type: ignore[operator]
    assert "amplitude.track('real')" in res.rewritten  # type: ignore[operator]


def test_a_file_without_the_package_import_is_not_bound(a2m: list[RulePack]) -> None:
    code = "import 'package:other/amplitude.dart';\n\nvoid f(Amplitude a) {\n  a.track(BaseEvent('E'));\n}\n"
    res = run(code, a2m)
    assert res.status == "unchanged" and not res.review and not res.sdks


def test_named_arguments_bind_by_label(a2m: list[RulePack], m2a: list[RulePack]) -> None:
    code = AMP + "void f(Amplitude a) {\n  a.track(BaseEvent(eventProperties: {'k': 1}, eventType: 'E'));\n}\n"
    assert "a.track('E', properties: {'k': 1});" in out(code, a2m)
    code = MP + "void f(Mixpanel m) {\n  m.track(properties: {'k': 1}, 'E');\n}\n"
    assert "m.track(BaseEvent('E', eventProperties: {'k': 1}));" in out(code, m2a)


def test_an_unknown_label_is_not_guessed(a2m: list[RulePack]) -> None:
    code = AMP + "void f(Amplitude a) {\n  a.track(BaseEvent('E', userId: 'user-12345'));\n}\n"
    res = run(code, a2m)
    assert res.status == "unchanged" and res.review[0].rule == "amplitude-flutter/track-other"


def test_an_identify_cascade_inside_an_expression_is_reviewed(a2m: list[RulePack]) -> None:
    code = AMP + "Future<void> f(Amplitude a) => a.identify(Identify()..set('k', 1)..add('n', 2));\n"
    res = run(code, a2m)
    assert res.status == "unchanged" and "several operations" in res.review[0].message


def test_an_identify_with_two_ops_on_one_key_is_refused(a2m: list[RulePack]) -> None:
    code = AMP + "void f(Amplitude a) {\n  a.identify(Identify()..set('k', 1)..add('k', 2));\n}\n"
    res = run(code, a2m)
    assert res.status == "unchanged" and "first operation on key 'k'" in res.review[0].message


def test_mixpanel_init_is_unwrapped_from_its_await(m2a: list[RulePack]) -> None:
    code = MP + (
        "class M {\n  static Mixpanel? _i;\n  static Future<Mixpanel> init() async {\n"
        "    _i ??= await Mixpanel.init('T', trackAutomaticEvents: false);\n    return _i!;\n  }\n}\n"
    )
    res = run(code, m2a)
    assert res.rewritten == (
        "import 'package:amplitude_flutter/amplitude.dart';\n"
        "import 'package:amplitude_flutter/configuration.dart';\n\n"
        "class M {\n  static Amplitude? _i;\n  static Future<Amplitude> init() async {\n"
        "    _i ??= Amplitude(Configuration(apiKey: 'YOUR_AMPLITUDE_API_KEY'));\n    return _i!;\n  }\n}\n"
    )
    assert [r.line for r in res.review] == [7] and "returns the client" in res.review[0].message


def test_mixpanel_init_not_awaited_keeps_the_client(m2a: list[RulePack]) -> None:
    code = MP + "void f() {\n  Mixpanel.init('T', trackAutomaticEvents: true).then((m) => m.track('E'));\n}\n"
    res = run(code, m2a)
    assert res.status == "unchanged" and res.review


def test_a_class_still_used_keeps_its_import(m2a: list[RulePack], a2m: list[RulePack]) -> None:
    code = AMP + (
        "import 'package:amplitude_flutter/events/base_event.dart';\n\n"
        "BaseEvent make() => BaseEvent('x');\n"
        "void f(Amplitude a) {\n  a.reset();\n}\n"
    )
    res = run(code, a2m)
    got = res.rewritten or ""
    assert "import 'package:amplitude_flutter/events/base_event.dart';" in got
    assert "import 'package:mixpanel_flutter/mixpanel_flutter.dart';" in got
    assert any("BaseEvent of amplitude-flutter is still used" in r.message for r in res.review)


def test_a_prefixed_import_is_reviewed(a2m: list[RulePack]) -> None:
    code = "import 'package:amplitude_flutter/amplitude.dart' as amp;\n\nvoid f(amp.Amplitude a) {\n  a.reset();\n}\n"
    res = run(code, a2m)
    assert res.status == "unchanged"


def test_an_unavailable_grammar_degrades_dart_only(monkeypatch: pytest.MonkeyPatch, a2m: list[RulePack]) -> None:
    from rewriter.codemod.lang import treesitter, ts_base

    real = ts_base.get_parser

    def broken(lang_id: str) -> object:
        if lang_id == "dart":
            raise treesitter.LanguageUnavailable(f"grammar for {lang_id} could not be loaded: no wheel")
        return real(lang_id)

    monkeypatch.setattr(ts_base, "get_parser", broken)  # what the tree-sitter base parses with
    res = rewrite_source("lib/a.dart", (AMP + "void f(Amplitude a) {\n  a.reset();\n}\n").encode(), a2m)
    assert res.status == "error" and "Dart grammar is unavailable" in (res.error or "")
    assert res.rewritten is None
    js = rewrite_source("a.js", b"import amplitude from 'amplitude-js';\namplitude.getInstance().logEvent('x');\n",
                        [load_pack(ROOT / "rules" / "amplitude-to-mixpanel" / "amplitude-js.yaml")])
    assert js.status == "changed"


# -- invariants (hypothesis) -----------------------------------------------------------------------
calls = st.sampled_from([
    "amp.track(BaseEvent('Signed Up'));",
    "amp.track(BaseEvent(name, eventProperties: {'a': 1}));",
    "amp.setUserId(id);",
    "amp.identify(Identify()..set('k', 1)..add('n', 2));",
    "amp.setGroup('org', id);",
    "amp.reset();",
    "await amp.flush();",
])
noise = st.sampled_from([
    "// amp.track(BaseEvent('commented'));",
    "final s = \"amp.setUserId('in string')\";",
    "other.track('segment');",
    "var x = 1;\t/* tab */",
    "",
    "if (ok) {\n  print('x');\n}",
])


@st.composite
def programs(draw: st.DrawFn) -> tuple[bytes, list[str]]:
    body = draw(st.lists(st.one_of(calls, noise), min_size=1, max_size=10))
    indent = draw(st.sampled_from(["  ", "\t"]))
    eol = draw(st.sampled_from(["\n", "\r\n"]))
    lines = [AMP.strip(), "", "Future<void> main(Amplitude amp, String id, String name, bool ok, Other other) async {"]
    lines += [indent + b for b in body] + ["}"]
    text = eol.join(line.replace("\n", eol) for line in lines) + eol
    kept = [indent + b.replace("\n", eol) for b in body if not b.startswith(("amp.", "await amp."))]
    return text.encode(), kept


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(programs())
def test_invariants(a2m: list[RulePack], prog: tuple[bytes, list[str]]) -> None:
    src, kept = prog
    res = rewrite_source("p.dart", src, a2m)
    assert res.status in ("changed", "unchanged"), res.error
    new = (res.rewritten or src.decode()).encode()
    # no new parse errors
    assert not error_nodes(get_parser("dart").parse(new).root_node)
    # idempotent: the output has nothing of the source SDK left to rewrite
    again = rewrite_source("p.dart", new, a2m)
    assert again.status == "unchanged" and not again.changes
    # bytes outside the edits: every non-SDK line survives, in order
    text = new.decode()
    pos = 0
    for line in kept:
        at = text.find(line, pos)
        assert at >= 0, line
        pos = at + len(line)
    # never silent: every SDK call became the target's or is listed
    if res.status == "changed":
        assert "amplitude_flutter" not in text and not res.review


def test_a_public_static_client_stays_whole(a2m: list[RulePack]) -> None:
    """Other files reach `Analytics.client` directly; one file at a time cannot follow them."""
    code = AMP + (
        "class Analytics {\n  static Amplitude? client;\n"
        "  static void open() {\n    client?.track(BaseEvent('Open'));\n  }\n}\n"
    )
    res = run(code, a2m)
    assert res.status == "unchanged"
    assert "public and static" in res.review[0].message and res.review[0].line == 4
    private = run(code.replace("client", "_client"), a2m)
    assert private.status == "changed" and not private.review


mp_calls = st.sampled_from([
    "mp.track('Signed Up');",
    "mp.track(name, properties: {'a': 1});",
    "mp.identify(id);",
    "mp.getPeople().set('k', 1);",
    "mp.getPeople().increment('n', 2);",
    "mp.setGroup('org', id);",
    "mp.reset();",
    "await mp.flush();",
])


@st.composite
def mp_programs(draw: st.DrawFn) -> tuple[bytes, list[str]]:
    body = [draw(mp_calls)] + draw(st.lists(st.one_of(mp_calls, noise), max_size=9))
    eol = draw(st.sampled_from(["\n", "\r\n"]))
    lines = [MP.strip(), "", "Future<void> main(Mixpanel mp, String id, String name, bool ok, Other other) async {"]
    lines += ["  " + b for b in body] + ["}"]
    text = eol.join(line.replace("\n", eol) for line in lines) + eol
    kept = ["  " + b.replace("\n", eol) for b in body if not b.startswith(("mp.", "await mp."))]
    return text.encode(), kept


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(mp_programs())
def test_invariants_mixpanel_to_amplitude(m2a: list[RulePack], prog: tuple[bytes, list[str]]) -> None:
    src, kept = prog
    res = rewrite_source("p.dart", src, m2a)
    assert res.status == "changed" and not res.review, (res.error, res.review)
    new = res.rewritten.encode()  # type: ignore[union-attr]
    assert not error_nodes(get_parser("dart").parse(new).root_node)
    again = rewrite_source("p.dart", new, m2a)
    assert again.status == "unchanged" and not again.changes
    text = new.decode()
    pos = 0
    for line in kept:
        at = text.find(line, pos)
        assert at >= 0, line
        pos = at + len(line)
    assert "mixpanel_flutter" not in text and "getPeople" not in text


def test_a_type_named_without_calls_is_listed(m2a: list[RulePack]) -> None:
    """Nothing to rewrite means no import/type swap: the type reference must not go silent."""
    res = run(MP + "void keep(Mixpanel mp) {\n  register(mp);\n}\n", m2a)
    assert res.status == "unchanged" and res.review
    res = run(MP + "Future<void> later(Mixpanel mp) async {}\n", m2a)
    assert res.status == "unchanged" and "is named here but no call on it is" in res.review[0].message
