"""Binding-aware matching in JS/TS: only names that really denote the SDK are rewritten."""

from __future__ import annotations

from rewriter.codemod.packs.loader import load_pack
from tests.codemod.conftest import ROOT, output, rewrite

AJS = [load_pack(ROOT / "rules" / "amplitude-to-mixpanel" / "amplitude-js.yaml")]


def test_local_function_and_other_vendor_untouched() -> None:
    src = (
        "import amplitude from 'amplitude-js';\n"
        "function logEvent(a, b) {}\nlogEvent('x', {});\nanalytics.track('y', {});\n"
        "amplitude.getInstance().logEvent('z', {});\n"
    )
    out = output(src, AJS)
    assert "logEvent('x', {});\nanalytics.track('y', {});\n" in out
    assert "mixpanel.track('z', {});" in out


def test_comments_and_strings_are_never_touched() -> None:
    src = (
        "const amp = amplitude.getInstance();\n// amp.logEvent('c', {});\n"
        "const s = \"amp.logEvent('s', {})\";\nconst t = `amp.logEvent('t', {})`;\n"
    )
    res = rewrite(src, AJS)
    assert res.status == "unchanged"


def test_parameter_shadowing_the_sdk_name() -> None:
    src = (
        "const amp = amplitude.getInstance();\n"
        "function f(amp) { amp.logEvent('shadowed', {}); }\n"
        "function g() { const amp = other(); amp.logEvent('shadowed2', {}); }\n"
        "amp.logEvent('real', {});\n"
    )
    out = output(src, AJS)
    assert "amp.logEvent('shadowed', {})" in out
    assert "amp.logEvent('shadowed2', {})" in out
    assert "mixpanel.track('real', {});" in out


def test_snippet_global_unless_declared() -> None:
    assert "mixpanel.track('a', {})" in output("amplitude.logEvent('a', {});\n", AJS)
    assert "mixpanel.track('w', {})" in output("window.amplitude.getInstance().logEvent('w', {});\n", AJS)
    declared = "const amplitude = makeFake();\namplitude.logEvent('a', {});\n"
    assert rewrite(declared, AJS).status == "unchanged"


def test_require_and_class_field_instances() -> None:
    src = (
        "const amplitude = require('amplitude-js');\n"
        "class Tracker {\n  amp = amplitude.getInstance();\n  go() { this.amp.logEvent('a', {}); }\n}\n"
    )
    out = output(src, AJS)
    assert "const mixpanel = require('mixpanel-browser');" in out
    assert "this.amp" not in out and "mixpanel.track('a', {})" in out


def test_constructor_assigned_field() -> None:
    src = (
        "import amplitude from 'amplitude-js';\n"
        "class T {\n  constructor() {\n    this.client = amplitude.getInstance();\n  }\n"
        "  send() {\n    this.client.logEvent('x', {});\n  }\n}\n"
    )
    out = output(src, AJS)
    assert "mixpanel.track('x', {})" in out
    assert "amplitude" not in out


def test_optional_chaining_and_typescript() -> None:
    src = "import amplitude from 'amplitude-js';\nconst n: number = 1;\namplitude?.getInstance()?.logEvent('a', { n });\n"
    out = output(src, AJS, path="a.ts")
    assert "mixpanel.track('a', { n });" in out


def test_jsx_attribute_and_template_literal() -> None:
    src = (
        "import amplitude from 'amplitude-js';\n"
        "export const B = () => <button onClick={() => amplitude.getInstance().logEvent(`click ${id}`, {})}>x</button>;\n"
    )
    out = output(src, AJS, path="b.jsx")
    assert "onClick={() => mixpanel.track(`click ${id}`, {})}" in out


def test_import_kept_while_a_flagged_site_still_uses_it() -> None:
    src = "import amplitude from 'amplitude-js';\nconst amp = amplitude.getInstance();\namp.logEvent('a', {});\namp.logRevenueV2(r);\n"
    out = output(src, AJS)
    assert "import amplitude from 'amplitude-js';" in out
    assert "const amp = amplitude.getInstance();" in out
    assert "import mixpanel from 'mixpanel-browser';" in out


def test_an_exported_declaration_of_the_global_name_is_the_apps_own_object() -> None:
    """Issue 10, false positives: `export const amplitude = createTracker()` is not the snippet global."""
    code = "export const amplitude = createTracker();\nexport function signup() {\n  amplitude.getInstance().logEvent('Signed Up');\n}\n"
    res = rewrite(code, AJS)
    assert res.status == "unchanged" and not res.changes and not res.review
    also = "export let amplitude;\nexport function f() { amplitude.logEvent('x'); }\n"
    assert rewrite(also, AJS).status == "unchanged"
