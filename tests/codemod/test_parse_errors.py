"""Files the grammar reads with errors: rewrite outside the errors, and add no new ones.

A bare ``&`` in JSX text is valid TSX that tree-sitter's grammar rejects, and Flow-annotated
``.js`` files fail the JavaScript grammar: such files used to be refused whole. Now "no new
errors" replaces "must parse" for tree-sitter languages; Python (libcst, no error recovery) still
must parse.
"""

from __future__ import annotations

from rewriter.codemod.lang import get_adapter
from rewriter.codemod.lang.treesitter import first_error
from rewriter.codemod.model import Edit
from rewriter.codemod.packs.loader import RulePack, load_pack
from tests.codemod.conftest import ROOT, rewrite

A2M = ROOT / "rules" / "amplitude-to-mixpanel"


def _ajs() -> list[RulePack]:
    return [load_pack(A2M / "amplitude-js.yaml")]


TERMS = """import amplitude from 'amplitude-js';

export function Terms() {
  amplitude.getInstance().logEvent('terms_viewed', { page: 'terms' });
  return <p>Terms & Conditions</p>;
}
"""


def test_tsx_with_a_bare_ampersand_in_jsx_text_is_rewritten() -> None:
    res = rewrite(TERMS, _ajs(), "Terms.tsx")
    assert res.status == "changed", res.error
    assert res.rewritten == TERMS.replace(
        "import amplitude from 'amplitude-js';", "import mixpanel from 'mixpanel-browser';"
    ).replace("amplitude.getInstance().logEvent(", "mixpanel.track(")
    assert res.parse_warning is not None and "1 parse error" in res.parse_warning
    assert not res.review


FLOW = """// @flow
import type { User } from './types';
import amplitude from 'amplitude-js';

type Props = {| name: string, user: ?User |};

export function track(name: string, props: { a: number }): void {
  amplitude.getInstance().logEvent(name, props);
}
"""


def test_flow_annotated_js_file_is_rewritten() -> None:
    assert first_error(get_adapter("javascript").parse("f.js", FLOW.encode()).tree.root_node) is not None
    res = rewrite(FLOW, _ajs(), "track.js")
    assert res.status == "changed", res.error
    out = res.rewritten or ""
    assert "  mixpanel.track(name, props);\n" in out and "amplitude" not in out
    assert "type Props = {| name: string, user: ?User |};" in out
    assert res.language == "javascript"
    assert res.parse_warning is not None and "tsx" in res.parse_warning


ATTR = """import amplitude from 'amplitude-js';

export function Terms() {
  amplitude.getInstance().logEvent('ok', {});
  return <p onClick={() => amplitude.getInstance().logEvent('clicked', { a: 1 })}>Terms & Conditions & more</p>;
}
"""


def test_a_site_inside_an_error_region_is_reviewed_not_rewritten() -> None:
    # With two bare `&`, tree-sitter's recovery swallows the whole opening tag into one ERROR.
    tsx = get_adapter("tsx")
    [(start, end), _missing] = tsx.error_spans(tsx.parse("Terms.tsx", ATTR.encode()))
    assert ATTR.encode()[start:end].startswith(b"<p onClick={() => amplitude")
    res = rewrite(ATTR, _ajs(), "Terms.tsx")
    assert res.status == "changed", res.error
    out = res.rewritten or ""
    assert "  mixpanel.track('ok', {});\n" in out
    assert "amplitude.getInstance().logEvent('clicked', { a: 1 })" in out  # left exactly as it was
    assert "import amplitude from 'amplitude-js';" in out  # still used by the site left alone
    [item] = [r for r in res.review if r.rule == "amplitude-js/track"]
    assert item.line == 5 and "could not read" in item.message and "logEvent('clicked'" in item.code


def test_a_rewrite_that_adds_a_parse_error_is_not_written(tmp_path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.yaml"
    text = (A2M / "amplitude-js.yaml").read_text()
    bad.write_text(text.replace('fix: "mixpanel.track($EVENT, $PROPS)"', 'fix: "mixpanel.track($EVENT, $PROPS"', 1))
    res = rewrite(TERMS, [load_pack(bad)], "Terms.tsx")
    assert res.status == "error" and res.rewritten is None
    assert "would not parse" in (res.error or "") and "new parse error" in (res.error or "")


def test_check_rewrite_accepts_the_old_errors_shifted_and_nothing_else() -> None:
    tsx = get_adapter("tsx")
    src = b"const a = 1;\nconst b = <p>x & y</p>;\n"
    grow = [Edit(6, 7, "alpha", "r")]  # a -> alpha: the `&` error moves 4 bytes right
    out = b"const alpha = 1;\nconst b = <p>x & y</p>;\n"
    assert tsx.check_rewrite(tsx.parse("a.tsx", src), grow, out) is None
    broken = b"const alpha = (1;\nconst b = <p>x & y</p>;\n"
    assert tsx.check_rewrite(tsx.parse("a.tsx", src), [Edit(6, 11, "alpha = (1", "r")], broken) is not None


def test_python_still_must_parse() -> None:
    res = rewrite("import amplitude\nclient = amplitude.Amplitude('k')\ndef f(:\n    pass\n",
                  [load_pack(A2M / "amplitude-python.yaml")], "a.py")
    assert res.status == "error" and "syntax error" in (res.error or "") and res.parse_warning is None


def test_migrate_writes_a_tolerated_file_and_a_second_run_changes_nothing(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from rewriter.codemod.api import migrate

    (tmp_path / "Terms.tsx").write_text(TERMS)
    (tmp_path / "track.js").write_text(FLOW)
    run = migrate([str(tmp_path)], "mixpanel", write=True, jobs=1)
    by_name = {f.path.rsplit("/", 1)[-1]: f for f in run.files}
    assert {n: (f.status, f.written) for n, f in by_name.items()} == {
        "Terms.tsx": ("changed", True), "track.js": ("changed", True)
    }
    assert all(f.parse_warning for f in by_name.values())
    assert "<p>Terms & Conditions</p>" in (tmp_path / "Terms.tsx").read_text()
    again = migrate([str(tmp_path)], "mixpanel", write=True, jobs=1)
    assert [f.status for f in again.files if f.status == "changed"] == []


def test_check_rewrite_orders_an_insert_and_a_replacement_at_one_offset_like_apply_edits() -> None:
    """A guard, not a reproduction: the tree edits must describe the output apply_edits built."""
    from rewriter.codemod.edits import apply_edits

    tsx = get_adapter("tsx")
    src = b"a = 1;\nconst b = <p>x & y</p>;\n"
    edits = [Edit(0, 1, "alpha", "r"), Edit(0, 0, "/* c */ ", "r")]  # replacement listed first
    out = apply_edits(src, edits)
    assert out == b"/* c */ alpha = 1;\nconst b = <p>x & y</p>;\n"
    assert tsx.check_rewrite(tsx.parse("a.tsx", src), edits, out) is None
