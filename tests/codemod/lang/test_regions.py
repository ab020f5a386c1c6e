"""Script regions of pages (.vue, .svelte, .html, server templates): detection, file-global
offsets, the region invariants (bytes outside edits unchanged, no new parse errors, idempotent),
SDK loaders and server templates listed for review, and the sample apps."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rewriter.codemod.discover import discover
from rewriter.codemod.edits import apply_edits
from rewriter.codemod.engine import rewrite_source
from rewriter.codemod.lang import adapter_for_path, extensions
from rewriter.codemod.lang.embedded import EmbeddedScriptAdapter, PageFile
from rewriter.codemod.lang.loaders import page_markup as markup
from rewriter.codemod.lang.regions import gaps, scan
from rewriter.codemod.lang.treesitter import error_nodes
from rewriter.codemod.model import Edit, FileResult
from rewriter.codemod.packs.loader import RulePack, load_packs, select_packs

APPS = Path(__file__).resolve().parents[3] / "fixtures" / "apps"

VUE = b"""<template>
  <p>{{ amplitude }} says amplitude.track('x')</p>
</template>

<script lang="ts">
export default { name: 'A' };
</script>

<script setup lang="ts">
import * as amplitude from '@amplitude/analytics-browser';
const n: number = 1;
amplitude.track('Clicked', { n });
</script>

<script type="application/json">{"amplitude": "track"}</script>
<style>.amplitude { color: red }</style>
"""


def _to(vendor: str) -> list[RulePack]:
    return select_packs(load_packs(), vendor)


def _run(name: str, src: bytes, to: str = "mixpanel") -> FileResult:
    return rewrite_source(name, src, _to(to))


# -- detection ---------------------------------------------------------------------------------
def test_regions_of_a_vue_file_skip_json_and_read_lang_ts() -> None:
    page = scan(VUE)
    assert [VUE[r.start : r.end].strip().split(b"\n")[0] for r in page.regions] == [
        b"export default { name: 'A' };",
        b"import * as amplitude from '@amplitude/analytics-browser';",
    ]
    assert [r.lang for r in page.regions] == ["typescript", "typescript"]
    assert [r.setup for r in page.regions] == [False, True]
    assert page.language == "typescript" and page.template is None and not page.unread


def test_multiple_scripts_parse_as_one_program_with_file_global_offsets() -> None:
    adapter = adapter_for_path("App.vue")
    assert adapter is not None
    adapter = adapter.for_source(VUE)
    assert isinstance(adapter, EmbeddedScriptAdapter) and adapter.id == "typescript"
    parsed = adapter.parse("App.vue", VUE)
    assert isinstance(parsed, PageFile)
    root = parsed.tree.root_node
    assert not root.has_error
    stmts = [(VUE[c.start_byte : c.end_byte].decode(), c.start_point[0] + 1) for c in root.children]
    assert stmts[0] == ("export default { name: 'A' };", 6)
    assert ("amplitude.track('Clicked', { n });", 12) in stmts


def test_svelte_module_script_and_markup_blocks() -> None:
    src = b'<script context="module">export const x = 1;</script>\n<script>let a = 1;</script>\n{#if a < 2}<b>{a}</b>{/if}\n'
    page = scan(src)
    assert [r.module for r in page.regions] == [True, False]
    assert page.language == "javascript"


def test_html_comments_src_scripts_and_data_blocks_are_not_regions() -> None:
    src = (b'<!-- <script>amplitude.track("x")</script> -->\n<script src="/app.js"></script>\n'
           b'<script type="importmap">{"imports": {}}</script>\n<script type="text/template"><b>{{x}}</b></script>\n'
           b'<script type="module">go()</script>\n')
    page = scan(src)
    assert [src[r.start : r.end] for r in page.regions] == [b"go()"]
    assert page.loaders == ()


def test_loaders_src_tag_inline_snippet_and_cdn_import() -> None:
    src = (b'<script src="https://cdn.amplitude.com/libs/amplitude-8.21.10-min.gz.js"></script>\n'
           b"<script>e.src='https://cdn.mxpnl.com/libs/mixpanel-2-latest.min.js'; e.b='//cdn.mxpnl.com/x.js';</script>\n"
           b"<script type=\"module\">import * as a from 'https://esm.sh/@amplitude/analytics-browser@2';</script>\n")
    loaders = scan(src).loaders
    assert [(ld.vendor, ld.inline, ld.imported) for ld in loaders] == [
        ("amplitude", False, False), ("mixpanel", True, False), ("amplitude", True, True)
    ]


def test_server_template_detection() -> None:
    assert scan(b"{% load static %}<script>x()</script>").template is not None
    assert scan(b'<script>amplitude.init("{{ key }}")</script>').template is not None
    assert scan(b"<p>{{ vue_binding }}</p><script>x()</script>").template is None  # client-side template text


def test_page_extensions_are_discovered() -> None:
    ext = extensions()
    assert ext[".vue"] == "vue" and ext[".svelte"] == "svelte" and ext[".html"] == "html"
    assert ext[".j2"] == "jinja" and ext[".erb"] == "erb" and ext[".ftl"] == "freemarker" and ext[".hbs"] == "handlebars"
    found = {p.name for p in (Path(d) for d, _ in discover([str(APPS / "static-site")]).files)}
    assert {"index.html", "pricing.htm", "base.jinja", "account.html"} <= found


# -- rewriting ---------------------------------------------------------------------------------
def test_vue_rewrite_keeps_markup_and_reports_vue_with_file_lines() -> None:
    res = _run("App.vue", VUE)
    assert res.status == "changed" and res.language == "vue"
    out = (res.rewritten or "").encode()
    assert gaps(VUE, scan(VUE).regions) == gaps(out, scan(out).regions)
    assert b"import mixpanel from 'mixpanel-browser';" in out and b"mixpanel.track('Clicked', { n });" in out
    assert [c.line for c in res.changes] == [12]
    assert b"{{ amplitude }} says amplitude.track('x')" in out and b".amplitude { color: red }" in out


def test_target_import_is_added_inside_the_region_after_its_imports() -> None:
    src = (b"<script>\nimport { ref } from 'vue';\nimport amplitude from 'amplitude-js';\nconst amp = amplitude.getInstance();\n"
           b"amp.logEvent('A');\namp.logRevenueV2(r);\n</script>\n<p>amplitude</p>\n")
    res = _run("C.vue", src)
    out = (res.rewritten or "").encode()
    start = out.index(b"<script>")
    end = out.index(b"</script>")
    assert start < out.index(b"import mixpanel from 'mixpanel-browser';") < end
    assert out.index(b"import { ref } from 'vue';") < out.index(b"import mixpanel")


def test_import_after_a_declaration_ending_the_block_stays_inside_it() -> None:
    src = b"<p>x</p>\n<script>import amplitude from 'amplitude-js'; const amp = amplitude.getInstance(); amp.logEvent('A'); amp.logRevenueV2(r)</script>\n"
    res = _run("D.svelte", src)
    assert res.status == "changed", res.error
    out = (res.rewritten or "").encode()
    assert out.index(b"import mixpanel") < out.index(b"</script>")
    assert out.startswith(b"<p>x</p>\n<script>") and out.endswith(b"</script>\n")


def test_json_script_and_template_text_are_untouched() -> None:
    src = b'<script type="application/json">{"a": "amplitude.getInstance().logEvent(1)"}</script>\n<p>amplitude.getInstance().logEvent()</p>\n'
    res = _run("p.html", src)
    assert res.status == "unchanged" and not res.changes and not res.review


def test_check_rewrite_refuses_edits_outside_regions() -> None:
    adapter = adapter_for_path("a.html")
    assert adapter is not None
    src = b"<p>amplitude</p><script>a()</script>"
    parsed = adapter.for_source(src).parse("a.html", src)
    edit = Edit(3, 12, "mixpanel", "x")
    msg = adapter.for_source(src).check_rewrite(parsed, [edit], apply_edits(src, [edit]))
    assert msg is not None and "outside the <script> blocks" in msg


def test_new_parse_error_inside_a_region_is_refused() -> None:
    adapter = adapter_for_path("a.vue")
    assert adapter is not None
    src = b"<script>\na();\n</script>\n"
    parsed = adapter.for_source(src).parse("a.vue", src)
    edit = Edit(9, 13, "a((;", "x")
    msg = adapter.for_source(src).check_rewrite(parsed, [edit], apply_edits(src, [edit]))
    assert msg is not None and "line 2" in msg


def test_loader_listed_alone_and_replaced_with_the_pages_calls() -> None:
    tag = b'<script src="https://cdn.amplitude.com/libs/amplitude-8.21.10-min.gz.js"></script>\n'
    only = _run("only.html", tag)
    assert [r.rule for r in only.review] == ["amplitude-js/loader"] and "left unchanged" in only.review[0].message
    both = _run("both.html", tag + b"<script>amplitude.getInstance().logEvent('A');</script>\n")
    assert both.status == "changed" and not both.review
    assert [(c.rule, c.line) for c in both.changes] == [("amplitude-js/track-no-props", 2), ("amplitude-js/loader", 1)]
    assert "cdn.amplitude.com" not in (both.rewritten or "") and "window.mixpanel=" in (both.rewritten or "")


def test_server_templates_are_listed_never_rewritten() -> None:
    src = b'<script>\n  amplitude.getInstance().init("{{ key }}");\n</script>\n'
    for name in ("base.j2", "page.html.erb", "page.ftl", "page.hbs", "django.html"):
        res = _run(name, b"{% load x %}\n" + src if name == "django.html" else src)
        assert res.status == "unchanged", (name, res.error)
        rules = [r.rule for r in res.review]
        assert "amplitude-js/server-template" in rules, (name, res.review)
        assert any(r.line == (3 if name == "django.html" else 2) for r in res.review), name  # the call's line


# -- invariants, property-based ------------------------------------------------------------------
MARKUP = st.sampled_from(["<p>amplitude</p>", "<!-- amplitude.track() -->", "<style>.a{}</style>", "{{ x }}",
                          "\r\n", "\n", "\t<div>\n</div>", ""])
CALLS = st.sampled_from([
    "amplitude.getInstance().logEvent('E', { a: 1 });", "amplitude.getInstance().setUserId('u1');",
    "amplitude.getInstance().logRevenueV2(r);", "var x = 1;", "amplitude.getInstance().init('K');",
])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(MARKUP, st.lists(CALLS, max_size=3)), min_size=1, max_size=4), st.sampled_from(["p.html", "C.vue", "S.svelte"]))
def test_page_invariants(blocks: list[tuple[str, list[str]]], name: str) -> None:
    src = "".join(f"{m}<script>\n{chr(10).join(calls)}\n</script>" for m, calls in blocks).encode()
    res = _run(name, src)
    assert res.status != "error", res.error
    if res.status != "changed":
        return
    out = (res.rewritten or "").encode()
    # Bytes outside the script regions are unchanged.
    assert gaps(src, scan(src).regions) == gaps(out, scan(out).regions)
    # No new parse errors: the output's regions parse as cleanly as the input's.
    adapter = adapter_for_path(name)
    assert adapter is not None
    before = adapter.for_source(src).parse(name, src)
    after = adapter.for_source(out).parse(name, out)
    assert len(error_nodes(after.tree.root_node)) <= len(error_nodes(before.tree.root_node))
    # Idempotent.
    assert _run(name, out).status == "unchanged"


# -- sample apps ---------------------------------------------------------------------------------
PAGE_EXTS = (".vue", ".svelte", ".html", ".htm", ".jinja", ".ts", ".js")


@pytest.mark.parametrize(
    ("app", "to", "min_changed"), [("vue-app", "mixpanel", 4), ("sveltekit-app", "amplitude", 3), ("static-site", "mixpanel", 1)]
)
def test_page_app_migrates_with_every_call_rewritten_or_listed(app: str, to: str, min_changed: int) -> None:
    packs = _to(to)
    source_vendor = "amplitude" if to == "mixpanel" else "mixpanel"
    changed = 0
    for path in sorted((APPS / app).rglob("*")):
        if path.suffix not in PAGE_EXTS:
            continue
        src = path.read_bytes()
        res = rewrite_source(str(path), src, packs)
        assert res.status != "error", (path, res.error)
        if path.stem == "lookalikes":
            assert res.status == "unchanged" and not res.review, path
            continue
        out = (res.rewritten or src.decode()).encode()
        adapter = adapter_for_path(str(path))
        assert adapter is not None
        if isinstance(adapter, EmbeddedScriptAdapter):
            assert res.language == adapter.host
            assert markup(src) == markup(out), path
        # The output parses (same grammar, same regions) with no errors the input did not have.
        before, after = adapter.for_source(src).parse(str(path), src), adapter.for_source(out).parse(str(path), out)
        assert len(error_nodes(after.tree.root_node)) <= len(error_nodes(before.tree.root_node)), path
        # Never silent: a file whose scripts still name the source vendor's SDK has review items, and a
        # second run finds nothing new to change and no new site.
        again = rewrite_source(str(path), out, packs)
        assert again.status == "unchanged", f"{path}: not idempotent"
        assert len(again.review) == len(res.review), path
        if source_vendor.encode() in out and any(source_vendor.encode() in out[r.start : r.end] for r in scan(out).regions):
            assert res.review, f"{path}: names {source_vendor} after the run with nothing listed"
        if res.status == "changed":
            changed += 1
    assert changed >= min_changed


def test_static_site_lists_loaders_and_templates() -> None:
    packs = _to("mixpanel")
    site = APPS / "static-site"
    index = rewrite_source("index.html", (site / "index.html").read_bytes(), packs)
    assert [c.line for c in index.changes] == [8, 9, 17, 5]  # the commented-out script is not code; 5: the loader
    assert not index.review and index.changes[-1].rule == "amplitude-js/loader"
    pricing = rewrite_source("pricing.htm", (site / "pricing.htm").read_bytes(), packs)
    assert [r.line for r in pricing.review] == [4] and "CDN URL" in pricing.review[0].message
    for name in ("templates/base.jinja", "templates/account.html"):
        res = rewrite_source(name, (site / name).read_bytes(), packs)
        assert res.status == "unchanged" and any(r.rule.endswith("/server-template") for r in res.review), name
    app_html = rewrite_source("app.html", (APPS / "sveltekit-app/src/app.html").read_bytes(), _to("amplitude"))
    assert [r.rule for r in app_html.review] == ["mixpanel-browser/loader"] and app_html.status == "unchanged"
