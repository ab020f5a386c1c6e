"""Property tests (hypothesis): a client carried through any chain of aliases, `let` assignments,
getter functions, arrow getters and React contexts inside one file is followed to its use.

Invariants checked on every generated file: the use is rewritten (or, behind a parameter that
shadows the last link, left alone), nothing of the source SDK or of the chain is left behind, no
call of the source SDK is left silent, and a second run changes nothing."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rewriter.codemod.packs.loader import load_pack
from tests.codemod.conftest import ROOT, rewrite

MPB = [load_pack(ROOT / "rules" / "mixpanel-to-amplitude" / "mixpanel-browser.yaml")]
STEPS = ("alias", "let", "getter", "arrow", "context")


def _link(kind: str, name: str, ref: str) -> tuple[str, str]:
    """The declaration that carries ``ref`` on as ``name``, and how the next link refers to it."""
    if kind == "alias":
        return f"const {name} = {ref};\n", name
    if kind == "let":
        return f"let {name};\n{name} = {ref};\n", name
    if kind == "getter":
        return f"function {name}() {{\n  return {ref};\n}}\n", f"{name}()"
    if kind == "arrow":
        return f"const {name} = () => {ref};\n", f"{name}()"
    return f"const {name} = createContext({ref});\n", f"useContext({name})"


def _program(kinds: list[str], shadow: bool) -> tuple[str, str, str]:
    lines = ["import mixpanel from 'mixpanel-browser';\n"]
    ref = "mixpanel"
    last = ref
    for i, kind in enumerate(kinds):
        name = f"link{i}{kind.capitalize()}"
        decl, ref = _link(kind, name, ref)
        lines.append(decl)
        last = name
    lines.append(f"{ref}.track('Chained', {{ depth: {len(kinds)} }});\n")
    if shadow:
        lines.append(f"export function handler({last}) {{\n  {last}.track('Param');\n}}\n")
    return "".join(lines), ref, last


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(kinds=st.lists(st.sampled_from(STEPS), min_size=1, max_size=5), shadow=st.booleans())
def test_a_client_is_followed_through_any_chain(kinds: list[str], shadow: bool) -> None:
    src, _ref, last = _program(kinds, shadow)
    res = rewrite(src, MPB, path="a.tsx")
    assert res.status == "changed", (src, res.error)
    out = res.rewritten or ""
    assert f"amplitude.track('Chained', {{ depth: {len(kinds)} }});" in out
    assert "mixpanel" not in out, out  # the import and every link are gone: nothing half-migrated
    assert not res.review, res.review
    for i, kind in enumerate(kinds):  # each link went with its last use (the parameter is another name)
        assert f"link{i}{kind.capitalize()} =" not in out and f"function link{i}" not in out, out
    if shadow:
        assert f"export function handler({last}) {{\n  {last}.track('Param');\n}}\n" in out
    assert rewrite(out, MPB, path="a.tsx").status == "unchanged"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(kinds=st.lists(st.sampled_from(STEPS), min_size=1, max_size=4))
def test_a_chain_under_a_possibly_unset_guard_is_listed_never_silent(kinds: list[str]) -> None:
    """The same chains used behind `?.` from a getter, context or `let`: the call is rewritten only
    when the link cannot be unset; otherwise it is listed, and the file keeps the Mixpanel client."""
    src, ref, _last = _program(kinds, False)
    src = src.replace(f"{ref}.track(", f"{ref}?.track(")
    res = rewrite(src, MPB, path="a.tsx")
    assert res.status != "error"
    out = res.rewritten if res.status == "changed" else src
    rewritten = "amplitude.track('Chained'" in (out or "")
    listed = [r for r in res.review if "?." in r.message]
    assert rewritten != bool(listed), (src, out, res.review)  # exactly one: rewritten or listed
    if listed:
        assert res.status == "unchanged" and "may be unset" in listed[0].message
    else:
        assert kinds[-1] == "alias" and all(k == "alias" for k in kinds)  # a const alias of the import
