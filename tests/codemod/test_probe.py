"""The byte probe (codemod.probe): which occurrences of a vendor word keep a file from being
parsed, and the property that matters, checked against the engine itself: a file the probe lets
go would have had nothing rewritten and nothing listed."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rewriter.codemod import engine
from rewriter.codemod.engine import rewrite_source
from rewriter.codemod.packs.loader import load_packs
from rewriter.codemod.probe import inert, make_probe

PACKS = load_packs()
PROBE = make_probe([b"amplitude", b"mixpanel", b"@amplitude/"])

INERT = [
    b'const attrs = {\n  altitude: "altitude",\n  amplitude: "amplitude",\n  azimuth: "azimuth",\n};',  # React DOM
    b'var props = [\n  "alt",\n  "amplitude",\n  "ancestorOrigins",\n];',  # terser's DOM property list
    b"const ok = { accent: true, amplitude: true, mixpanel: 1 };",  # emotion's prop whitelist
    b'settings = {"amplitude": None, "mixpanel": False}',  # a Python dict
    b"const x = { y: 2, amplitude: -1 };",
    b"const x = { y: 2, 'amplitude': 'on' };",
]
LIVE = [
    b"amplitude.logEvent('x');",
    b"import * as amplitude from '@amplitude/analytics-browser';",
    b"const amp = require('amplitude-js');",
    b'const a = window["amplitude"];',
    b"const { amplitude: a } = window;",  # an alias of the global under a key
    b"const { amplitude } = window;",
    b"const c = ok ? amplitude : null;",
    b"const c = { amplitude: trueClient };",  # a value that only starts like a literal word
    b"init(amplitude, key);",
    b"const list = ['amplitude', more];",  # first item of a list: not told apart from an index
    b"const x = { amplitudeClient: 1 };",  # a longer name is somebody's identifier
    b'<script src="https://cdn.amplitude.com/libs/amplitude-8.21.0-min.gz.js"></script>',
    b"mixpanel.track('x')",
    b"# amplitude: true",  # not after `{` or `,`
]


@pytest.mark.parametrize("text", INERT)
def test_data_mentions_are_inert(text: bytes) -> None:
    assert not PROBE(text)


@pytest.mark.parametrize("text", LIVE)
def test_references_keep_the_file(text: bytes) -> None:
    assert PROBE(text)


def test_inert_reads_one_occurrence() -> None:
    data = b'x = { a: 1, amplitude: "amplitude" }; amplitude.track()'
    first = data.find(b"amplitude")
    second = data.find(b"amplitude", first + 1)
    last = data.rfind(b"amplitude")
    assert inert(data, first, 9) and inert(data, second, 9)
    assert not inert(data, last, 9)
    assert PROBE(data)  # one live occurrence is enough


def test_non_word_needles_always_count() -> None:
    probe = make_probe([b"userId:"])
    assert probe(b"{ a: 1, userId: 'x' }")
    assert not make_probe([])(b"amplitude.track()")


def test_a_tree_of_data_mentions_is_not_parsed() -> None:
    """Through the engine: such a file is 'unchanged' without being parsed (no language noted
    as refused, no review), and the same file with one reference is rewritten."""
    res = rewrite_source("attrs.js", INERT[0], PACKS)
    assert res.status == "unchanged" and not res.review and not res.changes
    live = INERT[0] + b"\namplitude.getInstance().logEvent('Signed Up');\n"
    assert rewrite_source("attrs.js", live, PACKS).status == "changed"


inert_lines = st.sampled_from([line.decode() for line in INERT])
live_lines = st.sampled_from(
    [
        "amplitude.getInstance().logEvent('Signed Up', { plan: 'pro' });",
        "mixpanel.track('Signed Up');",
        "import amplitude from 'amplitude-js';",
        "const { amplitude: amp } = window; amp.logEvent('x');",
        "const mp = require('mixpanel-browser'); mp.identify('u');",
        "const attrs = { amplitude: 'amplitude' }; amplitude.setUserId('u');",
        "const s = \"<script>amplitude.getInstance().init('KEY')</script>\";",
    ]
)
other_lines = st.sampled_from(["let x = 1;", "// a comment", "function f(a) { return a; }", ""])
near_misses = st.sampled_from(
    [
        "const x = ['a', 'amplitude'];",
        "const x = { amplitude: amp };",
        "track(a, 'amplitude');",
        "const t = { mixpanel: null, amplitude: 0 }; mixpanel.track('x');",
        "const cfg = { amplitude: { apiKey: 'k' } };",
        "switch (v) { case 'amplitude': break; }",
        "const { amplitude = 1 } = opts;",
    ]
)


@settings(
    max_examples=80, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],  # patched per example
)
@given(lines=st.lists(st.one_of(inert_lines, near_misses, other_lines), min_size=1, max_size=8))
def test_a_file_the_probe_lets_go_has_nothing_to_rewrite_or_list(
    lines: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = ("\n".join(lines) + "\n").encode()
    if PROBE(data):
        return
    # The oracle: the same engine with the probe forced open finds nothing either.
    with monkeypatch.context() as m:
        m.setattr(engine, "_probe_for", lambda packs, path: lambda data: True)
        res = rewrite_source("gen.js", data, PACKS)
    assert res.status == "unchanged", res.error
    assert not res.changes and not res.review


@settings(max_examples=40, deadline=None)
@given(st.lists(inert_lines, max_size=4), live_lines, st.lists(other_lines, max_size=3))
def test_any_reference_keeps_the_file(before: list[str], live: str, after: list[str]) -> None:
    assert PROBE(("\n".join([*before, live, *after]) + "\n").encode())
