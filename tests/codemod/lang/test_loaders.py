"""Page loaders (issue 11): a vendor's ``<script src>`` tag or official inline snippet is replaced by
the other vendor's official loader (``sdks/_loaders.yaml``) when the page's client migrates, and
listed for review with the reason when it does not. The decision (``loader_migrates``) is a pure
function the project index can call with what it knows."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rewriter.codemod.edits import apply_edits
from rewriter.codemod.engine import rewrite_source
from rewriter.codemod.lang import adapter_for_path
from rewriter.codemod.lang.embedded import EmbeddedScriptAdapter
from rewriter.codemod.lang.loaders import loader_data, loader_migrates
from rewriter.codemod.lang.loaders import page_markup as markup
from rewriter.codemod.lang.regions import scan
from rewriter.codemod.lang.treesitter import error_nodes
from rewriter.codemod.model import Edit, FileResult
from rewriter.codemod.packs.loader import RulePack, load_packs, select_packs

SPECS, RECOG = loader_data()
AMP_SNIPPET = SPECS["analytics-browser"].snippet  # the official Browser SDK 2 script loader
MP_SNIPPET = SPECS["mixpanel-browser"].snippet  # the official mixpanel-js snippet
AMP_TAG = '<script src="https://cdn.amplitude.com/libs/amplitude-8.21.10-min.gz.js"></script>'
#: amplitude-js 8.x's snippet as pages carry it (shape of the legacy SDK's README, shortened body).
AMP_JS_SNIPPET = ('(function(e,t){var n=e.amplitude||{_q:[],_iq:{}};var r=t.createElement("script");r.type="text/javascript";'
                  'r.async=true;r.src="https://cdn.amplitude.com/libs/amplitude-8.21.10-min.gz.js";'
                  'r.onload=function(){if(!e.amplitude.runQueuedFunctions){console.log("[Amplitude] Error: could not load SDK")}};'
                  'var s=t.getElementsByTagName("script")[0];s.parentNode.insertBefore(r,s);e.amplitude=n})(window,document);')


def _packs(to: str) -> list[RulePack]:
    return select_packs(load_packs(), to)


def _run(name: str, page: str, to: str = "mixpanel") -> FileResult:
    return rewrite_source(name, page.encode(), _packs(to))


def _out(res: FileResult) -> str:
    assert res.status == "changed", (res.status, res.error, res.review)
    return res.rewritten or ""


def _errors(name: str, text: str) -> int:
    adapter = adapter_for_path(name)
    assert adapter is not None
    src = text.encode()
    return len(error_nodes(adapter.for_source(src).parse(name, src).tree.root_node))


# -- the decision -------------------------------------------------------------------------------
def test_decision_blockers_win_then_the_project_then_the_page() -> None:
    assert loader_migrates("amplitude", True).migrate
    assert not loader_migrates("amplitude", False).migrate  # nothing rewritten here: may serve other scripts
    assert loader_migrates("amplitude", False, client_migrates=True).migrate  # the project index knows
    no = loader_migrates("amplitude", True, client_migrates=False)
    assert not no.migrate and "elsewhere in the project" in no.reason
    blocked = loader_migrates("mixpanel", True, ["line 3: mixpanel-browser/unmapped", "x"], client_migrates=True)
    assert not blocked.migrate and "line 3: mixpanel-browser/unmapped …" in blocked.reason


# -- data ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("sdk", sorted(SPECS))
def test_official_snippets_parse_and_are_recognised_as_their_vendors(sdk: str) -> None:
    """The data is self-consistent: each snippet parses cleanly, loads its vendor's core URL and
    carries its own markers, so a migrated page migrates back."""
    spec = SPECS[sdk]
    page = f"<script>\n{spec.snippet}\n</script>\n"
    assert _errors("p.html", page) == 0
    loaders = scan(page.encode()).loaders
    assert [ld.vendor for ld in loaders] == [spec.vendor]
    rec = RECOG[spec.vendor]
    assert any(p.search(loaders[0].url) for p in rec.core_urls)
    assert all(m.search(spec.snippet.encode()) for m in rec.snippet_markers)
    assert "{snippet}" in spec.element


# -- script tags ---------------------------------------------------------------------------------
def test_script_tag_becomes_the_mixpanel_snippet_with_the_init_placeholder() -> None:
    page = f"<html>\n  <head>\n    {AMP_TAG}\n    <script>\n      amplitude.getInstance().init('abc-key');\n    </script>\n  </head>\n</html>\n"
    res = _run("index.html", page)
    out = _out(res)
    assert "cdn.amplitude.com" not in out and "abc-key" not in out and "YOUR_MIXPANEL_PROJECT_TOKEN" in out
    assert not res.review
    loader = next(c for c in res.changes if c.rule.endswith("/loader"))
    assert loader.line == 3 and "official Mixpanel snippet" in (loader.note or "")
    # The snippet is indented like the tag it replaces, every line of it.
    for line in out.split("\n")[2:7]:
        assert line.startswith("    "), line
    assert markup(page.encode()) == markup(out.encode())
    assert _errors("index.html", out) == 0
    assert _run("index.html", out).status == "unchanged"  # idempotent


def test_a_call_left_for_review_keeps_the_loader_and_names_it() -> None:
    page = f"{AMP_TAG}\n<script>\namplitude.getInstance().logEvent('A');\namplitude.getInstance().logRevenueV2(r);\n</script>\n"
    res = _run("p.html", page)
    out = _out(res)  # the track call is rewritten (the lead's project pass decides all-or-nothing)
    assert AMP_TAG in out
    loader = [r for r in res.review if r.rule.endswith("/loader")]
    assert len(loader) == 1 and loader[0].line == 1
    assert "stays for review (line 4:" in loader[0].message and "left unchanged" in loader[0].message


def test_a_plugin_script_is_listed_and_keeps_the_page_whole() -> None:
    plugin = '<script src="https://cdn.amplitude.com/libs/plugin-session-replay-browser-1.8.0-min.js.gz"></script>'
    page = f"{AMP_TAG}\n{plugin}\n<script>amplitude.getInstance().logEvent('A');</script>\n"
    res = _run("p.html", page)
    assert res.status == "unchanged" and not res.changes  # no mixpanel call beside an Amplitude loader
    msgs = {r.line: r.message for r in res.review}
    assert set(msgs) == {1, 2, 3}
    assert "not the SDK itself" in msgs[2] and "stays for review (line 2: an Amplitude script that is not the SDK" in msgs[1]
    assert "snippet global, which stays as it is (line 2: an Amplitude script that is not the SDK)" in msgs[3]


def test_the_unified_script_url_key_is_not_carried_over() -> None:
    page = ('<script src="https://cdn.amplitude.com/script/0123abcd.js"></script>\n'
            "<script>\n  window.amplitude.init('0123abcd');\n  window.amplitude.track('Viewed');\n</script>\n")
    res = _run("p.html", page)
    out = _out(res)
    assert "0123abcd" not in out, res.review
    loader = next(c for c in res.changes if c.rule.endswith("/loader"))
    assert "key in the loader URL was not carried over" in (loader.note or "")


def test_the_replaced_tags_own_attributes_are_named_in_the_note() -> None:
    """`defer`, `integrity`, `crossorigin` cannot ride on the inline snippet: the note says so
    (they used to vanish without a word); `src` and `type` are the replacement's business."""
    tag = AMP_TAG.replace("<script ", '<script defer integrity="sha384-x" crossorigin="anonymous" type="text/javascript" ')
    page = f"{tag}\n<script>\n  amplitude.getInstance().init('k');\n</script>\n"
    loader = next(c for c in _run("p.html", page).changes if c.rule.endswith("/loader"))
    assert "the old tag's defer, integrity, crossorigin attributes are not carried over" in (loader.note or "")
    plain = next(c for c in _run("p.html", page.replace(tag, AMP_TAG)).changes if c.rule.endswith("/loader"))
    assert "not carried over" not in (plain.note or "")


# -- inline snippets ----------------------------------------------------------------------------
def test_amplitude_snippet_becomes_mixpanel_and_back() -> None:
    page = (f'<head>\n<script type="text/javascript">\n{AMP_SNIPPET}\n\namplitude.init("AMP-KEY");\n</script>\n'
            "<script>amplitude.track('Opened', {a: 1});</script>\n</head>\n")
    res = _run("p.html", page)
    out = _out(res)
    assert MP_SNIPPET in out and "cdn.amplitude.com" not in out and "AMP-KEY" not in out
    assert 'mixpanel.init("YOUR_MIXPANEL_PROJECT_TOKEN")' in out and "mixpanel.track('Opened', {a: 1})" in out
    assert not res.review and markup(page.encode()) == markup(out.encode())
    back = _run("p.html", out, "amplitude")
    again = _out(back)
    assert AMP_SNIPPET in again and "mxpnl" not in again and not back.review
    assert _errors("p.html", again) == 0 and _errors("p.html", out) == 0


def test_legacy_amplitude_js_snippet_in_a_vue_page_is_replaced() -> None:
    page = f"<template><p>hi</p></template>\n<script>\n{AMP_JS_SNIPPET}\namplitude.getInstance().logEvent('Seen');\n</script>\n"
    out = _out(_run("A.vue", page))
    assert MP_SNIPPET in out and "mixpanel.track('Seen')" in out and "amplitude" not in out


def test_snippet_inside_a_consent_check_is_replaced_in_place() -> None:
    page = f"<script>\nif (consent) {{\n  {MP_SNIPPET}\n  mixpanel.init('tok');\n}}\nmixpanel.track('E');\n</script>\n"
    out = _out(_run("p.html", page, "amplitude"))
    assert out.startswith("<script>\nif (consent) {\n  !function(){")
    assert "amplitude.init('YOUR_AMPLITUDE_API_KEY')" in out and "mxpnl" not in out


def test_a_hand_written_loader_is_listed_never_replaced() -> None:
    page = ("<script>\nfunction loadAmp() { var s = document.createElement('script');"
            " s.src = 'https://cdn.amplitude.com/libs/amplitude-8.21.10-min.gz.js'; document.head.appendChild(s); }\n"
            "amplitude.getInstance().logEvent('A');\n</script>\n")
    res = _run("p.html", page)
    assert res.status == "unchanged"
    msgs = {r.line: r.message for r in res.review}
    assert "not the official Amplitude snippet" in msgs[2]
    assert "stays as it is (line 2: a hand-written Amplitude loader)" in msgs[3]


def test_snippet_and_init_in_one_wrapper_keep_the_init_as_a_call() -> None:
    page = f"<script>\n(function () {{\n{AMP_JS_SNIPPET}\namplitude.getInstance().init('K');\n}})();\n</script>\n"
    res = _run("p.html", page)
    out = _out(res)
    assert MP_SNIPPET in out and "mixpanel.init('YOUR_MIXPANEL_PROJECT_TOKEN');\n})();" in out


def test_server_template_loader_is_never_replaced() -> None:
    page = f'{AMP_TAG}\n<script>amplitude.getInstance().init("{{{{ key }}}}");</script>\n'
    res = _run("base.j2", page)
    assert res.status == "unchanged"
    assert any(r.rule.endswith("/loader") and "server template" in r.message for r in res.review)


def test_sdk_code_in_a_string_elsewhere_keeps_the_page_whole() -> None:
    page = f"{AMP_TAG}\n<script>amplitude.getInstance().logEvent('A');\nel.innerHTML = \"<b onclick=amplitude.getInstance().logEvent('B')>\";</script>\n"
    res = _run("p.html", page)
    assert res.status == "unchanged"
    msgs = {(r.line, r.rule.split("/")[1]): r.message for r in res.review}
    assert "(amplitude SDK code inside a string on line 3)" in msgs[(2, "track-no-props")]
    assert "stays for review" in msgs[(1, "loader")] and (3, "unmapped") in msgs


def test_project_hook_moves_a_loader_with_no_calls_on_its_page() -> None:
    src = f"<head>\n  {AMP_TAG}\n</head>\n".encode()
    adapter = adapter_for_path("index.html")
    assert adapter is not None
    adapter = adapter.for_source(src)
    assert isinstance(adapter, EmbeddedScriptAdapter)
    parsed = adapter.parse("index.html", src)
    pack = next(p for p in _packs("mixpanel") if p.sdk == "amplitude-js")
    alone = adapter.page_reviews(parsed, pack, False)
    assert [i.text for i in alone] == [None]
    told = adapter.page_reviews(parsed, pack, False, client_migrates=True)
    assert len(told) == 1 and told[0].text is not None and "window.mixpanel=" in told[0].text
    assert told[0].start == src.index(b"<script") and told[0].end == src.index(b"\n</head>")
    refused = adapter.page_reviews(parsed, pack, True, client_migrates=False)
    assert refused[0].text is None and "elsewhere in the project" in refused[0].message


# -- invariants, property-based ------------------------------------------------------------------
BLOCKS = st.sampled_from([
    AMP_TAG, f"<script>\n{AMP_JS_SNIPPET}\n</script>", "<p>amplitude</p>", "\r\n", "\n  ",
    "<script>amplitude.getInstance().logEvent('E', {a: 1});</script>",
    "<script>amplitude.getInstance().logRevenueV2(r);</script>",
    "<script>amplitude.getInstance().init('KEY');</script>",
    '<script src="https://cdn.amplitude.com/libs/plugin-autocapture-browser-0.9.0-min.js.gz"></script>',
    "<button onclick=\"amplitude.getInstance().logEvent('Clicked')\">b</button>",
])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(BLOCKS, min_size=1, max_size=6), st.sampled_from(["p.html", "C.vue", "S.svelte"]))
def test_loader_invariants(blocks: list[str], name: str) -> None:
    page = "".join(blocks)
    res = _run(name, page)
    assert res.status != "error", res.error
    out = res.rewritten if res.status == "changed" else page
    assert out is not None
    # Markup outside the scripts and loaders is kept; no new parse errors; idempotent.
    assert markup(page.encode()) == markup(out.encode())
    assert _errors(name, out) <= _errors(name, page)
    assert _run(name, out).status == "unchanged"
    # Never silent, never half: each Amplitude loader left is listed; a replaced one leaves no
    # Amplitude call anywhere on the page (a template handler keeps the loader).
    left = [ld for ld in scan(out.encode()).loaders if ld.vendor == "amplitude"]
    listed = [r for r in res.review if r.rule.endswith("/loader")]
    assert len(listed) == len(left)
    replaced = [c for c in res.changes if c.rule.endswith("/loader")]
    if replaced:
        assert not left and not re.search(r"amplitude\.getInstance", out)


# -- a real shape: the page only loads, another script calls ---------------------------------------
SHAPE = Path(__file__).resolve().parents[3] / "fixtures" / "real-shapes" / "page-loader-calls-in-another-script" / "input"


def test_real_shape_page_alone_lists_the_snippet_once_and_moves_it_with_project_knowledge() -> None:
    src = (SHAPE / "index.html").read_bytes()
    alone = rewrite_source("index.html", src, _packs("amplitude"))
    assert alone.status == "unchanged"
    assert [(r.rule, r.line) for r in alone.review] == [("mixpanel-browser/loader", 8)]  # no string items
    assert "no Mixpanel call on this page was rewritten" in alone.review[0].message
    script = rewrite_source("js/script.js", (SHAPE / "js" / "script.js").read_bytes(), _packs("amplitude"))
    assert "amplitude.track('Button Clicked'" in _out(script)
    # The project index knows the global's only uses (js/script.js) migrate: the snippet moves.
    adapter = adapter_for_path("index.html")
    assert adapter is not None
    adapter = adapter.for_source(src)
    parsed = adapter.parse("index.html", src)
    pack = next(p for p in _packs("amplitude") if p.sdk == "mixpanel-browser")
    [item] = adapter.page_reviews(parsed, pack, False, client_migrates=True)
    assert item.text is not None and AMP_SNIPPET in item.text
    edit = Edit(item.start, item.end, item.text, item.rule)
    out = apply_edits(src, [edit])
    assert adapter.check_rewrite(parsed, [edit], out) is None
    assert b"mxpnl" not in out and markup(src) == markup(out)


OLD_CDN = Path(__file__).resolve().parents[3] / "fixtures" / "real-shapes" / "page-old-cdn-snippet-onclick" / "input.html"


def test_real_shape_old_cdn_snippet_page_migrates_whole() -> None:
    page = OLD_CDN.read_text()
    res = _run("index.html", page)
    out = _out(res)
    assert not res.review and "amplitude" not in out
    assert "\n  ".join(MP_SNIPPET.split("\n")) in out  # indented like the statement it replaces
    assert "onclick=\"mixpanel.track('Click Home menu item')\"" in out
    assert sorted(c.rule.split("/")[1] for c in res.changes) == ["init", "loader", "template", "template", "track-no-props"]
    assert markup(page.encode()) == markup(out.encode()) and _errors("index.html", out) == 0


def test_a_snippet_loading_an_unknown_url_keeps_the_page_whole() -> None:
    page = OLD_CDN.read_text().replace("https://d24n15hnbwhuhn.cloudfront.net/libs/amplitude-3.4.1-min.gz.js", "/vendor/amp.js")
    res = _run("index.html", page)
    assert res.status == "unchanged" and not res.changes
    msgs = {(r.line, r.rule.split("/")[1]): r.message for r in res.review}
    assert "a URL the tool does not know" in msgs[(10, "loader")]
    assert "(line 10: Amplitude snippet loading an unknown URL)" in msgs[(16, "init")]
    assert {(6, "template"), (7, "template"), (17, "track-no-props")} <= set(msgs)


def test_code_reading_the_global_is_not_taken_for_a_snippet() -> None:
    page = ("<script>\n(function () { var a = window.amplitude || {}; a.ready = true; })();\n"
            "amplitude.getInstance().logEvent('A');\n</script>\n")
    res = _run("p.html", page)
    assert "mixpanel.track('A')" in _out(res) and not res.review


# -- project runs: a page's loader is a use of the global's client ------------------------------------
def _project(root: Path, to: str) -> dict[str, FileResult]:
    from rewriter.codemod.index import run_project

    items = [(p.relative_to(root).as_posix(), str(p)) for p in sorted(root.rglob("*")) if p.is_file()]
    return {r.path: r for r in run_project(items, _packs(to), jobs=1).results}


def test_project_run_moves_the_loader_with_the_calls_in_another_script(tmp_path: Path) -> None:
    shutil.copytree(SHAPE, tmp_path / "site")
    res = _project(tmp_path / "site", "amplitude")
    page, script = res["index.html"], res["js/script.js"]
    assert [c.rule for c in page.changes] == ["mixpanel-browser/loader"] and not page.review
    assert AMP_SNIPPET in (page.rewritten or "").replace("\n        ", "\n")
    assert "amplitude.track('Button Clicked'" in (script.rewritten or "") and not script.review


def test_project_run_a_loader_that_stays_keeps_the_other_scripts_calls(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(SHAPE, site)
    index = site / "index.html"
    plugin = '<script src="https://cdn.mxpnl.com/libs/mixpanel-recorder.min.js"></script>\n'
    index.write_text(index.read_text().replace("</head>", plugin + "</head>"))
    res = _project(site, "amplitude")
    script = res["js/script.js"]
    assert script.status == "unchanged" and script.review
    assert all("not migrated" in r.message and "index.html" in r.message for r in script.review)
    assert res["index.html"].status == "unchanged"
    assert {r.rule for r in res["index.html"].review} == {"mixpanel-browser/loader"}


def test_project_run_vue_app_a_blocked_client_keeps_its_loader_and_no_other_client(tmp_path: Path) -> None:
    """vue-app: Cart.vue's logRevenueV2 keeps the amplitude-js client whole, so index.html's CDN
    loader and init wait for it (listed "not migrated"), while the Browser SDK 2 client of App.vue
    and main.ts, which the loader does not define, still migrates."""
    app = Path(__file__).resolve().parents[3] / "fixtures" / "apps" / "vue-app"
    shutil.copytree(app, tmp_path / "app")
    res = _project(tmp_path / "app", "mixpanel")
    page = res["index.html"]
    assert page.status == "unchanged"
    assert {r.rule: r.message.startswith("not migrated:") for r in page.review} == {"amplitude-js/loader": True, "amplitude-js/init": True}
    assert "Cart.vue:22" in next(r.message for r in page.review if r.rule.endswith("/loader"))
    assert res["src/App.vue"].status == "changed" and res["src/main.ts"].status == "changed"
