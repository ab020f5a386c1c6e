"""Property tests (hypothesis) for the rewrite invariants on generated JS files:
output parses, a second run changes nothing, and every line that is not an SDK call survives
byte for byte and in order (comments, blank lines, CRLF, tabs, strings that mention the SDK)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rewriter.codemod.engine import rewrite_source
from rewriter.codemod.packs.loader import load_pack
from tests.codemod.conftest import ROOT

AJS = [load_pack(ROOT / "rules" / "amplitude-to-mixpanel" / "amplitude-js.yaml")]

names = st.sampled_from(["'Signed Up'", '"Clicked"', "`tpl`", "eventName"])
props = st.sampled_from(["{}", "{ a: 1 }", "{\n  b: 'x', // c\n}", "props", "{ ...rest }"])
sdk_calls = st.one_of(
    st.builds(lambda n, p: f"amp.logEvent({n}, {p});", names, props),
    st.builds(lambda n: f"amp.setUserId({n});", names),
    st.just("amp.identify(new amplitude.Identify().set('k', 1).add('n', 2));"),
    st.just("amp.logRevenueV2(new amplitude.Revenue().setPrice(1));"),
    st.just("amp.setOptOut(flag);"),
    st.just("amp.setVersionName('1');"),
)
noise = st.sampled_from(
    [
        "// amp.logEvent('commented', {});",
        "const s = \"amp.logEvent('in string', {})\";",
        "function logEvent(a, b) { return a; }",
        "analytics.track('segment', {});",
        "let x = 1;\t/* tab */",
        "",
        "if (ok) {\n  console.log('x');\n}",
    ]
)


@st.composite
def programs(draw: st.DrawFn) -> tuple[bytes, list[str]]:
    body = draw(st.lists(st.one_of(sdk_calls, noise), min_size=1, max_size=12))
    indent = draw(st.sampled_from(["", "  ", "\t"]))
    eol = draw(st.sampled_from(["\n", "\r\n"]))
    header = ["import amplitude from 'amplitude-js';", "const amp = amplitude.getInstance();"]
    lines = header + ["function main(flag, props, rest, eventName) {"] + [indent + b for b in body] + ["}"]
    text = eol.join(line.replace("\n", eol) for line in lines) + eol
    kept = [indent + b for b in body if not b.startswith("amp.")]
    return text.encode(), kept


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(programs())
def test_invariants(prog: tuple[bytes, list[str]]) -> None:
    src, kept = prog
    res = rewrite_source("p.js", src, AJS)
    assert res.status in ("changed", "unchanged"), res.error
    out = (res.rewritten or src.decode()).encode()
    # 2. output parses (the engine re-parses; check independently as well)
    from rewriter.codemod.lang import get_adapter

    js = get_adapter("javascript")
    assert js.syntax_error(js.parse("p.js", out)) is None
    # 3. idempotent
    again = rewrite_source("p.js", out, AJS)
    assert again.status == "unchanged", again.rewritten
    # 1. non-SDK lines survive byte for byte, in order
    eol = "\r\n" if b"\r\n" in src else "\n"
    pos = 0
    text = out.decode()
    for line in kept:
        needle = line.replace("\n", eol)
        found = text.find(needle, pos)
        assert found >= 0, f"lost or changed: {needle!r}"
        pos = found + len(needle)
    if eol == "\r\n":
        assert "\n" not in text.replace("\r\n", "")
    # 4. every SDK site is accounted for: rewritten or listed for review
    sdk_lines = sum(1 for line in src.decode().split(eol) if line.strip().startswith("amp."))
    assert len(res.changes) + len(res.review) == sdk_lines
