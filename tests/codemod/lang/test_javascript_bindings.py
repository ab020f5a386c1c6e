"""Binding-aware matching in JS/TS: only names that really denote the SDK are rewritten."""

from __future__ import annotations

from rewriter.codemod.lang import get_adapter
from rewriter.codemod.lang.javascript import JsBindingData, js_bindings
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


# -- issue 10: client values followed inside one file ------------------------------------------
MPB = [load_pack(ROOT / "rules" / "mixpanel-to-amplitude" / "mixpanel-browser.yaml")]
A2 = [load_pack(ROOT / "rules" / "amplitude-to-mixpanel" / "analytics-browser.yaml")]
MPN = [load_pack(ROOT / "rules" / "mixpanel-to-amplitude" / "mixpanel-node.yaml")]
MPRN = [load_pack(ROOT / "rules" / "mixpanel-to-amplitude" / "mixpanel-react-native.yaml")]


def _bindings(code: str, packs: list, path: str = "a.ts") -> JsBindingData:  # type: ignore[type-arg]
    adapter = get_adapter("tsx" if path.endswith(".tsx") else "typescript")
    parsed = adapter.parse(path, code.encode())
    return js_bindings(adapter.bind(parsed, packs[0]))


def _reviews(code: str, packs: list, path: str = "a.ts") -> list[str]:  # type: ignore[type-arg]
    return [f"{r.line}: {r.message}" for r in rewrite(code, packs, path).review]


def test_alias_of_the_module_is_followed_and_goes_with_its_import() -> None:
    src = "import mixpanelBrowser from 'mixpanel-browser';\nconst mp = mixpanelBrowser;\nmp.track('a');\n"
    out = output(src, MPB, path="a.ts")
    assert out == "import * as amplitude from '@amplitude/analytics-browser';\namplitude.track('a');\n"
    data = _bindings(src, MPB)
    assert data.aliases == {"mp": "mixpanelBrowser"} and "mp" in data.modules


def test_alias_under_a_parameter_of_the_same_name_is_not_the_sdk() -> None:
    src = "import mixpanel from 'mixpanel-browser';\nfunction f(mixpanel) { const mp = mixpanel; mp.track('no'); }\n"
    assert rewrite(src, MPB).status == "unchanged" and "mp" not in _bindings(src, MPB).modules


def test_let_then_assignment_is_an_instance_and_both_statements_go() -> None:
    src = "import amplitude from 'amplitude-js';\nlet a;\na = amplitude.getInstance();\na.logEvent('x');\n"
    assert output(src, AJS) == "import mixpanel from 'mixpanel-browser';\nmixpanel.track('x');\n"
    data = _bindings(src, AJS)
    assert "a" in data.instances and "a" in data.bare and len(data.assignments["a"]) == 1


def test_module_level_assignment_from_a_factory_keeps_the_client_while_a_use_is_listed() -> None:
    """`mixpanel = Mixpanel.init(tok)` without a declaration: its uses are the client's, and a use
    left for review keeps the Mixpanel client next to the new Amplitude init (never half-migrated)."""
    src = "import Mixpanel from 'mixpanel';\nlet mixpanel;\nmixpanel = Mixpanel.init(tok);\nmixpanel.track('x', {});\n"
    res = rewrite(src, MPN)
    assert [r.line for r in res.review] == [4]
    assert "mixpanel = Mixpanel.init(tok);\n" in res.rewritten and "amplitude.init(tok);" in res.rewritten
    done = "import Mixpanel from 'mixpanel';\nlet mp;\nmp = Mixpanel.init(tok);\nmp.track('x', { distinct_id: u });\n"
    out = output(done, MPN)
    assert "Mixpanel" not in out and "let mp" not in out and "amplitude.init(tok);" in out


def test_a_name_declared_with_its_own_value_is_not_taken_over_by_an_assignment() -> None:
    src = "import amplitude from 'amplitude-js';\nfunction f(a) { a = amplitude.getInstance(); a.logEvent('p'); }\n"
    assert "a" not in _bindings(src, AJS).instances


def test_destructured_dynamic_import_loads_the_target_the_same_way() -> None:
    src = ("async function f() {\n  const { default: mixpanel } = await import('mixpanel-browser');\n"
           "  mixpanel.track('x');\n}\n")
    out = output(src, MPB)
    assert out == ("async function f() {\n  const amplitude = await import('@amplitude/analytics-browser');\n"
                   "  amplitude.track('x');\n}\n")
    assert rewrite(out, MPB).status == "unchanged"
    whole = "async function f() {\n  const mp = (await import('mixpanel-browser')).default;\n  mp.track('x');\n}\n"
    assert "amplitude.track('x');" in output(whole, MPB) and "import * as" not in output(whole, MPB)


def test_inline_dynamic_imports_are_listed_whole() -> None:
    inline = "async function f() {\n  (await import('@amplitude/analytics-browser')).track('x');\n}\n"
    res = rewrite(inline, A2)
    assert res.status == "unchanged" and [r.line for r in res.review] == [2]
    assert "import()" in res.review[0].message
    then = "import('mixpanel-browser').then((m) => m.default.track('x'));\n"
    res = rewrite(then, MPB)
    assert res.status == "unchanged" and len(res.review) == 1 and res.review[0].code.startswith("import('mixpanel-browser').then")


def test_optional_call_on_a_global_is_listed_on_an_import_rewritten() -> None:
    assert "window.mixpanel" in _reviews("window.mixpanel?.track('x');\n", MPB)[0]
    assert rewrite("window.mixpanel?.track('x');\n", MPB).status == "unchanged"
    cast = "(window as any).amplitude?.getInstance().logEvent('e');\n"
    res = rewrite(cast, AJS)
    assert res.status == "unchanged" and len(res.review) == 1 and "(window as any).amplitude" in res.review[0].message
    plain = "(window as any).amplitude.getInstance().logEvent('e');\n"
    assert output(plain, AJS) == "mixpanel.track('e');\n"
    imported = "import * as amplitude from '@amplitude/analytics-browser';\namplitude?.track('x');\n"
    assert output(imported, A2) == "import mixpanel from 'mixpanel-browser';\nmixpanel.track('x');\n"


def test_pure_getter_function_is_followed_and_removed_when_its_calls_are_rewritten() -> None:
    src = ("import mixpanel from 'mixpanel-browser';\nfunction getMp() {\n  if (typeof window === 'undefined') return null;\n"
           "  return mixpanel;\n}\ngetMp().track('x');\nfunction f(getMp) { getMp().track('no'); }\n")
    out = output(src, MPB)
    assert out == ("import * as amplitude from '@amplitude/analytics-browser';\namplitude.track('x');\n"
                   "function f(getMp) { getMp().track('no'); }\n")
    arrow = "import amplitude from 'amplitude-js';\nconst getInstance = () => amplitude.getInstance();\ngetInstance().logEvent('x');\n"
    assert output(arrow, AJS) == "import mixpanel from 'mixpanel-browser';\nmixpanel.track('x');\n"


def test_exported_getter_stays_and_is_recorded() -> None:
    src = "import mixpanel from 'mixpanel-browser';\nexport const getMp = () => mixpanel;\ngetMp().track('x');\n"
    out = output(src, MPB)
    assert "export const getMp = () => mixpanel;" in out and "amplitude.track('x');" in out
    data = _bindings(src, MPB)
    assert set(data.getters) == {"getMp"} and _text_of(data.origins["getMp"]) == "mixpanel"


def test_getter_that_initialises_is_listed_not_rewritten() -> None:
    src = ("import mixpanel from 'mixpanel-browser';\nlet ready = false;\nfunction getMp() {\n"
           "  if (!ready) { mixpanel.init('t'); ready = true; }\n  return mixpanel;\n}\ngetMp().track('x');\n")
    res = rewrite(src, MPB)
    [item] = [r for r in res.review if r.line == 7]
    assert "getMp(), which does more than return the client (line 4" in item.message
    assert "getMp().track('x');" in (res.rewritten or src)


def test_getter_of_a_client_kept_in_a_map_is_listed() -> None:
    src = ("import mixpanel from 'mixpanel-browser';\nconst instances = {};\nexport function getMixpanelInstance(key) {\n"
           "  if (!instances[key]) instances[key] = mixpanel.init('t', {}, key);\n  return instances[key];\n}\n"
           "getMixpanelInstance('a').track('x');\n")
    msgs = _reviews(src, MPB)
    assert any(m.startswith("7: ") and "instances[key]" in m for m in msgs)


def test_methods_accessors_and_fields_carry_the_client() -> None:
    src = (
        "import amplitude from 'amplitude-js';\n"
        "class A {\n  constructor() { this.instance = amplitude.getInstance(); }\n"
        "  get client() { return this.instance; }\n  amp() { return this.instance; }\n"
        "  go() { this.instance.logEvent('a'); this.client.logEvent('b'); this.amp().logEvent('c'); }\n}\n"
    )
    out = output(src, AJS)
    assert "mixpanel.track('a'); mixpanel.track('b'); mixpanel.track('c');" in out
    data = _bindings(src, AJS)
    assert set(data.accessors) == {"client"} and set(data.methods) == {"amp"}


def test_react_context_of_a_client() -> None:
    src = (
        "import mixpanel from 'mixpanel-browser';\nimport { createContext, useContext } from 'react';\n"
        "const Ctx = createContext(mixpanel);\n"
        "function C() { const mp = useContext(Ctx); mp.track('x'); useContext(Ctx).track('y'); }\n"
    )
    out = output(src, MPB, path="a.tsx")
    assert "const Ctx" not in out and "mixpanel" not in out
    assert "amplitude.track('x'); amplitude.track('y');" in out
    provider = (
        "import mixpanel from 'mixpanel-browser';\nimport { createContext, useContext } from 'react';\n"
        "export const Ctx = createContext<typeof mixpanel | null>(null);\n"
        "export const P = ({ children }) => <Ctx.Provider value={mixpanel}>{children}</Ctx.Provider>;\n"
        "function C() { const mp = useContext(Ctx); mp?.track('x'); mp.track('y'); }\n"
    )
    res = rewrite(provider, MPB, path="a.tsx")
    assert "amplitude.track('y');" in res.rewritten and "mp?.track('x');" in res.rewritten
    assert [r.line for r in res.review] == [5] and "through ?. on mp" in res.review[0].message
    assert set(_bindings(provider, MPB, path="a.tsx").contexts) == {"Ctx"}


def test_constructed_client_passed_on_through_a_getter_is_listed() -> None:
    src = (
        "import { Mixpanel } from 'mixpanel-react-native';\nconst mp = new Mixpanel('t', true);\nmp.init();\n"
        "export function get() { return mp; }\nget().track('x');\n"
    )
    res = rewrite(src, MPRN)
    assert any(r.line == 5 and "made on line 2" in r.message for r in res.review)
    assert "get().track('x');" in (res.rewritten or src)


def test_destructured_members_of_a_module_without_named_imports_are_listed() -> None:
    src = "import mixpanel from 'mixpanel-browser';\nconst { track } = mixpanel;\ntrack('x');\n"
    res = rewrite(src, MPB)
    assert res.status == "unchanged" and [r.line for r in res.review] == [3]
    named = "import * as amplitude from '@amplitude/analytics-browser';\nconst { track } = amplitude;\ntrack('x');\n"
    assert output(named, A2) == "import mixpanel from 'mixpanel-browser';\nmixpanel.track('x');\n"


def _text_of(node) -> str:  # type: ignore[no-untyped-def]
    return node.text.decode()


def test_real_shape_typed_let_assigned_init_keeps_the_client_and_lists_the_guarded_use() -> None:
    """commonwealth: `let mixpanelNode: ... = undefined`, assigned `MixpanelLib.init(token)` in a
    `try`, used as `mixpanelNode?.track(e, p)`. The use is listed (the guard cannot be kept) and the
    Mixpanel client stays beside the new Amplitude init, so nothing calls a client nobody made."""
    path = ROOT / "fixtures" / "real-shapes" / "node-typed-let-assigned-init" / "input.ts"
    res = rewrite(path.read_text(), MPN, path="index.ts")
    assert [r.line for r in res.review] == [12] and "through ?. on mixpanelNode" in res.review[0].message
    out = res.rewritten or ""
    assert "mixpanelNode = MixpanelLib.init(config.ANALYTICS.MIXPANEL_TOKEN!);\n" in out
    assert "mixpanelNode?.track(event, payload)" in out and "amplitude.init(" in out
    data = _bindings(path.read_text(), MPN)
    assert "mixpanelNode" in data.instances and "mixpanelNode" in data.assignments


def test_dynamic_import_shapes_seen_in_public_apps() -> None:
    """Lazy-loaded mixpanel-browser as public Nuxt/React apps write it: a client chosen by a
    condition and one assigned with `??=` are listed (never silent, and a local `mixpanel` still
    hides the snippet global); `ns.default` of a namespace import() is followed, and the target
    import goes before the first statement, never into the method."""
    nuxt = ("export default defineNuxtPlugin(async () => {\n  const mixpanel = process.client\n"
            "    ? (await import('mixpanel-browser')).default\n    : undefined\n"
            "  if (!mixpanel) return {}\n  mixpanel.init(TOKEN, { api_host: HOST })\n})\n")
    res = rewrite(nuxt, MPB)
    assert res.status == "unchanged" and [r.line for r in res.review] == [6]
    assert "may be undefined" in res.review[0].message and res.review[0].rule.endswith("/unmapped")
    lazy = ("let mp: typeof import('mixpanel-browser').default | undefined;\nexport async function init() {\n"
            "  mp ??= (await import('mixpanel-browser')).default;\n  mp.init(token, {});\n}\n"
            "export async function track(e) {\n  mp?.track(e);\n}\n")
    res = rewrite(lazy, MPB)
    assert res.status == "unchanged" and [r.line for r in res.review] == [4, 7]  # the type is no load
    cls = ("class AnalyticsClient {\n  async init() {\n    const mixpanel = await import('mixpanel-browser');\n"
           "    mixpanel.default.init(TOKEN, { debug: true });\n    this.mixpanel = mixpanel.default;\n  }\n"
           "  send(e) {\n    this.mixpanel?.track(e);\n  }\n}\n")
    res = rewrite(cls, MPB)
    assert [r.line for r in res.review] == [8]  # `?.` on a field that may be unset
    out = res.rewritten or ""
    assert out.startswith("import * as amplitude from '@amplitude/analytics-browser';\nclass AnalyticsClient {\n")
    assert "    amplitude.init(TOKEN);\n" in out and "this.mixpanel = mixpanel.default;" in out
    alone = cls.replace("  send(e) {\n    this.mixpanel?.track(e);\n  }\n", "")
    assert output(alone, MPB) == ("class AnalyticsClient {\n  async init() {\n"
                                  "    const amplitude = await import('@amplitude/analytics-browser');\n"
                                  "    amplitude.init(TOKEN);\n  }\n}\n")
