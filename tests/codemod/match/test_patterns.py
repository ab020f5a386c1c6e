"""Unit tests of the structural matcher (rewriter.codemod.match.patterns) through the JS adapter."""

from __future__ import annotations

import pytest

from rewriter.codemod.lang import get_adapter
from rewriter.codemod.match.patterns import MatchContext, match

JS = get_adapter("javascript")


def _matches(pattern: str, code: str, sdk_names: tuple[str, ...] = ("amp",)) -> list[dict[str, str]]:
    src = code.encode()
    parsed = JS.parse("x.js", src)
    pat = JS.compile_pattern(pattern)
    ctx = MatchContext(
        source=src,
        is_sdk=lambda n: n.type == "identifier" and n.text.decode() in sdk_names,
        significant=__import__("rewriter.codemod.lang.javascript", fromlist=["significant"]).significant,
    )
    out = []
    for node in JS.candidates(parsed, frozenset({pat.root.type})):
        m = match(pat, node, ctx)
        if m is not None:
            out.append({k: src[c.start : c.end].decode() for k, c in m.captures.items()})
    return out


def test_single_metavariables_capture_source_verbatim() -> None:
    got = _matches("$SDK.logEvent($E, $P)", "amp.logEvent('a',  { x: 1 /* c */ });")
    assert got == [{"SDK": "amp", "E": "'a'", "P": "{ x: 1 /* c */ }"}]


def test_arity_must_match_without_multi() -> None:
    assert _matches("$SDK.logEvent($E, $P)", "amp.logEvent('a');") == []
    assert _matches("$SDK.logEvent($E, $P)", "amp.logEvent('a', p, cb);") == []


def test_multi_metavariable_matches_zero_or_more() -> None:
    assert _matches("$SDK.init($$$ARGS)", "amp.init();") == [{"SDK": "amp", "ARGS": ""}]
    assert _matches("$SDK.init($$$ARGS)", "amp.init(k, null, {a: 1});") == [{"SDK": "amp", "ARGS": "k, null, {a: 1}"}]


def test_quote_style_and_trailing_comma_do_not_matter() -> None:
    assert _matches("$SDK.setOptOut('x')", 'amp.setOptOut("x",);')
    assert not _matches("$SDK.setOptOut('x')", "amp.setOptOut('y');")


def test_literal_leaves_must_be_equal() -> None:
    assert _matches("$SDK.setOptOut(true)", "amp.setOptOut(true);")
    assert not _matches("$SDK.setOptOut(true)", "amp.setOptOut(false);")


def test_repeated_metavariable_requires_same_text() -> None:
    assert _matches("$F($X, $X)", "f(a, a);")
    assert not _matches("$F($X, $X)", "f(a, b);")


def test_sdk_metavariable_is_binding_aware() -> None:
    assert not _matches("$SDK.logEvent($E)", "analytics.logEvent('a');")


def test_bad_pattern_raises_value_error() -> None:
    with pytest.raises(ValueError):
        JS.compile_pattern("$SDK.logEvent(")
    with pytest.raises(ValueError):
        JS.compile_pattern("a(); b();")
