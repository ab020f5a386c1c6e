"""SDK calls in template expressions (Vue attributes and interpolations, Svelte markup, inline DOM
handlers): found with file-global lines, listed for review with where they sit, never silent; a
name the template still uses keeps its import; template text that only mentions the vendor is not
an expression."""

from __future__ import annotations

from pathlib import Path

import pytest

from rewriter.codemod.engine import rewrite_source
from rewriter.codemod.lang import adapter_for_path
from rewriter.codemod.lang.loaders import page_markup as markup
from rewriter.codemod.lang.templates import TemplateExpr, template_expressions
from rewriter.codemod.lang.treesitter import error_nodes
from rewriter.codemod.model import FileResult
from rewriter.codemod.packs.loader import load_packs, select_packs

VUE = """<template>
  <button @click="amplitude.track('Clicked', { where: 'hero' })">Go</button>
  <a v-on:click.prevent="open(); amplitude.setUserId(id)">x</a>
  <Item v-for="item in amplitude.getItems()" :key="item" :label="label(item)" />
  <p v-if="ready">{{ amplitude.getDeviceId() }} and amplitude.track('text only')</p>
</template>

<script setup lang="ts">
import * as amplitude from '@amplitude/analytics-browser';
const id = 'u';
amplitude.track('Loaded');
</script>
"""

SVELTE = """<script>
  import mixpanel from 'mixpanel-browser';
  let plan = 'free';
  mixpanel.track('Loaded');
</script>

<button on:click={() => mixpanel.track('Plan Chosen', { plan })}>Choose</button>
{#if mixpanel.has_opted_out_tracking()}<p>Don't track {plan}</p>{/if}
{#each mixpanel.get_group('team', 't') as g}<b>{g}</b>{/each}
<Child {...props} />
<p>mixpanel.track("text") is documented here</p>
<style>.a { color: red; }</style>
"""


def _run(name: str, src: str, to: str) -> FileResult:
    return rewrite_source(name, src.encode(), select_packs(load_packs(), to))


def _parses(name: str, text: str) -> bool:
    adapter = adapter_for_path(name)
    assert adapter is not None
    src = text.encode()
    return not error_nodes(adapter.for_source(src).parse(name, src).tree.root_node)


def test_expressions_found_per_host() -> None:
    src = VUE.encode()
    got = [(src[e.start : e.end].decode(), e.where) for e in template_expressions(src, "vue")]
    assert ("amplitude.track('Clicked', { where: 'hero' })", "Vue template attribute @click") in got
    assert ("open(); amplitude.setUserId(id)", "Vue template attribute v-on:click.prevent") in got
    assert ("amplitude.getItems()", "Vue template attribute v-for") in got  # the part after `in`
    assert ("amplitude.getDeviceId()", "Vue template interpolation {{ }}") in got
    assert not any("text only" in text for text, _ in got)  # template text is not code
    assert not any("import" in text for text, _ in got)  # the script block is not markup
    s = SVELTE.encode()
    sv = [(s[e.start : e.end].decode(), e.where) for e in template_expressions(s, "svelte")]
    assert ("() => mixpanel.track('Plan Chosen', { plan })", "Svelte markup expression { }") in sv
    assert ("mixpanel.has_opted_out_tracking()", "Svelte {#if} block") in sv
    assert ("mixpanel.get_group('team', 't')", "Svelte {#each} block") in sv
    assert not any(t.startswith(("...", "/", ":")) or "color" in t for t, _ in sv)


def test_vue_template_calls_listed_and_the_import_kept_beside_the_target() -> None:
    res = _run("C.vue", VUE, "mixpanel")
    out = res.rewritten or ""
    listed = {(r.line, r.code) for r in res.review if r.rule.endswith("/template")}
    assert listed == {
        (2, "amplitude.track('Clicked', { where: 'hero' })"), (3, "amplitude.setUserId(id)"),
        (4, "amplitude.getItems()"), (5, "amplitude.getDeviceId()"),
    }
    assert all("Vue template" in r.message and "not rewritten" in r.message for r in res.review if r.rule.endswith("/template"))
    # The script's call is rewritten, the template still needs `amplitude`: both imports are there.
    assert "mixpanel.track('Loaded');" in out
    assert "import * as amplitude from '@amplitude/analytics-browser';\nimport mixpanel from 'mixpanel-browser';" in out
    assert out.split("<script")[0] == VUE.split("<script")[0]  # the template is untouched
    assert _parses("C.vue", out)
    again = _run("C.vue", out, "mixpanel")
    assert again.status == "unchanged" and len([r for r in again.review if r.rule.endswith("/template")]) == 4


def test_svelte_markup_calls_listed() -> None:
    res = _run("P.svelte", SVELTE, "amplitude")
    lines = sorted(r.line for r in res.review if r.rule.endswith("/template"))
    assert lines == [7, 8, 9]
    out = res.rewritten or ""
    assert "import mixpanel from 'mixpanel-browser';" in out and "import * as amplitude from '@amplitude/analytics-browser';" in out
    assert out[out.index("</script>") :] == SVELTE[SVELTE.index("</script>") :]


LOADER = '<script src="https://cdn.mxpnl.com/libs/mixpanel-2-latest.min.js"></script>\n'


def test_inline_handlers_on_the_global_move_with_the_loader() -> None:
    page = (LOADER + "<script>mixpanel.init('tok'); mixpanel.track('Seen');</script>\n"
            '<a href="#" onclick="mixpanel.track(\'Link\', {a: 1}); return false;">go</a>\n'
            "<button onclick='mixpanel.track(\"Quoted\")'>b</button>\n")
    res = _run("p.html", page, "amplitude")
    out = res.rewritten or ""
    assert not res.review, res.review
    assert '<a href="#" onclick="amplitude.track(\'Link\', {a: 1}); return false;">go</a>' in out
    assert "<button onclick='amplitude.track(\"Quoted\")'>b</button>" in out
    assert "mxpnl" not in out and "mixpanel" not in out
    assert sorted(c.line for c in res.changes if c.rule.endswith("/template")) == [3, 4]
    assert markup(page.encode()) == markup(out.encode()) and _parses("p.html", out)
    assert _run("p.html", out, "amplitude").status == "unchanged"


def test_inline_handler_stays_listed_when_the_page_keeps_its_loader() -> None:
    page = (LOADER + "<script>mixpanel.init('tok'); mixpanel.register({plan: 'pro'});</script>\n"
            '<a href="#" onclick="mixpanel.track(\'Link\'); return false;">go</a>\n')
    res = _run("p.html", page, "amplitude")
    out = res.rewritten or page
    assert "onclick=\"mixpanel.track('Link'); return false;\"" in out and LOADER in out
    items = {r.rule.split("/")[1]: r for r in res.review}
    assert items["template"].line == 3 and "inline onclick handler" in items["template"].message
    assert "global it calls stays on this page (line 2:" in items["template"].message
    assert items["loader"].line == 1 and "stays for review (line 2:" in items["loader"].message


def test_svelte_markup_on_a_global_is_rewritten_vue_template_never() -> None:
    svelte = "<script>\n  mixpanel.track('A');\n</script>\n<button on:click={() => mixpanel.track('B', { n: 1 })}>b</button>\n"
    out = (_run("G.svelte", svelte, "amplitude").rewritten or "")
    assert "on:click={() => amplitude.track('B', { n: 1 })}" in out and "mixpanel" not in out
    vue = "<template><b @click=\"mixpanel.track('B')\">b</b></template>\n<script>\nmixpanel.track('A');\n</script>\n"
    res = _run("G.vue", vue, "amplitude")
    assert res.status == "unchanged"  # the template call stays, so the global's script call stays with it
    assert sorted((r.line, r.rule.split("/")[1]) for r in res.review) == [(1, "template"), (3, "track-no-props")]


def test_a_fix_that_would_end_its_container_is_not_applied() -> None:
    attr = TemplateExpr(0, 1, "inline onclick handler", '"')
    assert attr.fits("amplitude.track('x')") and not attr.fits('amplitude.track("x")')
    assert not TemplateExpr(0, 1, "Vue template interpolation {{ }}", "}}").fits("f({a: {b: 1}})")
    braces = TemplateExpr(0, 1, "Svelte markup expression { }", "{}")
    assert braces.fits("t({ a })") and not braces.fits("t({ a )")


@pytest.mark.parametrize("name", ["a.vue", "a.svelte", "a.html"])
def test_no_sdk_no_items(name: str) -> None:
    src = ('<script>\nimport amplitude from "amplitude-js";\namplitude.getInstance().logEvent("A");\n</script>\n'
           '<button onclick="track(\'amplitude\')" title="{{ amplitude }}">x</button>\n')
    res = _run(name, src, "mixpanel")
    assert not [r for r in res.review if r.rule.endswith("/template")]


def test_real_shape_template_only_calls_are_listed_not_silent() -> None:
    path = Path(__file__).resolve().parents[3] / "fixtures" / "real-shapes" / "vue-template-only-calls" / "input.vue"
    res = rewrite_source(str(path), path.read_bytes(), select_packs(load_packs(), "amplitude"))
    assert res.status == "unchanged" and res.language == "vue"
    assert [(r.rule, r.line) for r in res.review] == [("mixpanel-browser/template", 3), ("mixpanel-browser/template", 6)]
    assert "Vue template attribute @click" in res.review[0].message


def test_a_global_that_must_stay_keeps_every_call_of_the_page() -> None:
    """The shape of the vendor's own HTML example: the snippet, an init in the script, and onclick
    handlers of which one cannot be rewritten. The page keeps its client whole: nothing is rewritten,
    everything is listed with the blocking line (no mixpanel.init beside an Amplitude loader)."""
    page = ('<script src="https://cdn.amplitude.com/libs/analytics-browser-2.1.3-min.js.gz"></script>\n'
            "<script>\n  amplitude.init('KEY', 'user@example.com');\n</script>\n"
            "<button onclick=\"amplitude.identify(new amplitude.Identify().set('role', 'engineer'))\">Identify</button>\n"
            "<button onclick=\"amplitude.track('Button Click', { name: 'HTML' })\">Track</button>\n")
    res = _run("index.html", page, "mixpanel")
    assert res.status == "unchanged" and not res.changes
    by_line = {r.line: r for r in res.review}
    assert set(by_line) == {1, 3, 5, 6}
    assert "snippet global, which stays as it is (line 5:" in by_line[3].message
    assert by_line[1].rule.endswith("/loader") and by_line[5].rule.endswith("/template")
