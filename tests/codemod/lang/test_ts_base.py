"""The shared tree-sitter adapter base, exercised through the smallest language on it (Kotlin)."""

from __future__ import annotations

import pytest

from rewriter.codemod.lang import get_adapter
from rewriter.codemod.lang.kotlin import KotlinAdapter
from rewriter.codemod.lang.ts_base import (
    ImportLine,
    TreeSitterAdapter,
    eol_of,
    indent_at,
    line_end,
    line_start,
    point,
    point_after,
    remove_lines,
)
from rewriter.codemod.model import Edit

SRC = b"""package a

import com.amplitude.android.Amplitude
import com.amplitude.android.*
import com.mixpanel.android.mpmetrics.MixpanelAPI as MP

class A(private val amp: Amplitude) {
    lateinit var other: Amplitude
    val made = Amplitude.getInstance()
    fun f() {
        amp.track("x")
        helper(amp.setUserId("u"))
    }
}
"""


@pytest.fixture(scope="module")
def kt() -> KotlinAdapter:
    adapter = get_adapter("kotlin")
    assert isinstance(adapter, KotlinAdapter) and isinstance(adapter, TreeSitterAdapter)
    return adapter


def test_line_helpers() -> None:
    src = b"a\n    bc\r\nd"
    at = src.index(b"bc")
    assert line_start(src, at) == 2
    assert line_end(src, at) == src.index(b"\r\n") + 2
    assert line_end(src, len(src) - 1) == len(src)
    assert indent_at(src, at) == "    "
    assert indent_at(src, at + 1) == ""
    assert eol_of(src) == "\r\n" and eol_of(b"a\nb") == "\n"
    assert point(src, at) == (1, 4)
    assert point_after(b"x\nyz", (3, 5)) == (4, 2)
    assert point_after(b"xy", (3, 5)) == (3, 7)


def test_remove_lines_takes_the_whole_line_only_when_alone() -> None:
    src = b"a\n  drop me\nb drop\n"
    s = src.index(b"drop me")
    assert remove_lines(src, s, s + 7, "r") == Edit(2, 12, "", "r")
    s2 = src.index(b"drop", 12)
    assert remove_lines(src, s2, s2 + 4, "r") == Edit(s2, s2 + 4, "", "r")


def test_compile_pattern_from_a_snippet(kt: KotlinAdapter) -> None:
    pat = kt.compile_pattern("$SDK.track($EVENT, $$$REST)")
    assert pat.root.type == "call_expression"
    assert kt.pattern_key(pat) == "track"
    nav, args = pat.root.children
    assert nav.children[0].meta == "SDK"
    assert [a.meta for a in args.children] == ["EVENT", "REST"] and args.children[1].multi


def test_compile_pattern_rejects_what_does_not_parse(kt: KotlinAdapter) -> None:
    with pytest.raises(ValueError):
        kt.compile_pattern("$SDK.track(")
    with pytest.raises(ValueError):
        kt.compile_pattern("a()\nb()")


def test_candidates_are_filtered_by_callee_name_in_the_query(kt: KotlinAdapter) -> None:
    parsed = kt.parse("a.kt", SRC)
    got = kt.candidates(parsed, frozenset({"call_expression"}), {"call_expression": frozenset({"track"})})
    assert [n.text for n in got] == [b'amp.track("x")']
    every = kt.candidates(parsed, frozenset({"call_expression"}))
    assert len(every) == 4  # getInstance(), track(), helper(...) and setUserId() inside it


def test_statement_of(kt: KotlinAdapter) -> None:
    parsed = kt.parse("a.kt", SRC)
    calls = {n.text: n for n in kt.candidates(parsed, frozenset({"call_expression"}))}
    track = calls[b'amp.track("x")']
    assert kt.statement_of(track) is track
    assert kt.statement_of(calls[b'amp.setUserId("u")']) is None


def test_check_rewrite_reparses_incrementally_and_keeps_the_parsed_tree(kt: KotlinAdapter) -> None:
    parsed = kt.parse("a.kt", SRC)
    before = str(parsed.tree.root_node)
    at = SRC.index(b'amp.track("x")')
    good = Edit(at, at + len(b'amp.track("x")'), 'amp.trackMap("x", m)', "r")
    new = SRC[:at] + good.text.encode() + SRC[good.end :]
    assert kt.check_rewrite(parsed, [good], new) is None
    bad = Edit(at, at + len(b'amp.track("x")'), 'amp.track("x"', "r")
    new_bad = SRC[:at] + bad.text.encode() + SRC[bad.end :]
    assert kt.check_rewrite(parsed, [bad], new_bad) is not None
    assert str(parsed.tree.root_node) == before


def test_imports_as_data(kt: KotlinAdapter) -> None:
    parsed = kt.parse("a.kt", SRC)
    imps = kt.imports_of(parsed)
    assert [(i.path, i.alias, i.wildcard, i.local) for i in imps] == [
        ("com.amplitude.android.Amplitude", None, False, "Amplitude"),
        ("com.amplitude.android", None, True, "android"),
        ("com.mixpanel.android.mpmetrics.MixpanelAPI", "MP", False, "MP"),
    ]
    assert imps[1].provides("com.amplitude.android.Amplitude")
    assert not imps[1].provides("com.amplitude.android.events.Identify")


def _apply(src: bytes, edits: list[Edit]) -> bytes:
    for e in sorted(edits, key=lambda e: e.start, reverse=True):
        src = src[: e.start] + e.text.encode() + src[e.end :]
    return src


def test_swap_import_in_place_keeps_alias_and_wildcards(kt: KotlinAdapter) -> None:
    src = b"import com.amplitude.android.Amplitude as Amp\nimport com.amplitude.android.*\n\nclass A\n"
    parsed = kt.parse("a.kt", src)
    plain, wild = kt.imports_of(parsed)
    out = _apply(src, kt.swap_import_edits(parsed, plain, "x.y.MixpanelAPI", "r"))
    assert out.startswith(b"import x.y.MixpanelAPI as Amp\nimport com.amplitude.android.*\n")
    out = _apply(src, kt.swap_import_edits(parsed, wild, "x.y.MixpanelAPI", "r"))
    assert b"import com.amplitude.android.*\nimport x.y.MixpanelAPI\n\nclass A" in out


def test_swap_import_removes_the_line_when_the_target_is_imported(kt: KotlinAdapter) -> None:
    src = b"import com.amplitude.android.Amplitude\nimport x.y.MixpanelAPI\n"
    parsed = kt.parse("a.kt", src)
    out = _apply(src, kt.swap_import_edits(parsed, kt.imports_of(parsed)[0], "x.y.MixpanelAPI", "r"))
    assert out == b"import x.y.MixpanelAPI\n"


def test_bind_clients_typed_created_and_by_factory(kt: KotlinAdapter) -> None:
    parsed = kt.parse("a.kt", SRC)
    data = kt.bind_clients(parsed, ["com.amplitude.android.Amplitude"], ["getInstance"], [])
    assert set(data.classes) == {"Amplitude"}
    assert isinstance(data.classes["Amplitude"], ImportLine)
    assert set(data.clients) == {"amp", "other", "made"}
    assert data.clients["made"][0].value is not None
    assert not kt.bind_clients(parsed, ["com.other.Sdk"], [], []).bound
