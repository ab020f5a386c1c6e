"""Big files (generated tracking wrappers): every call is rewritten and the output parses.

Per-file time used to grow with the square of the call count; the timing lives in
``bench/big_file_bench.py`` (no wall-clock asserts here). These tests pin correctness at a size
where the old quadratic paths would have taken minutes, and check the sorted structures that
replaced the scans against the plain scans they replaced.
"""

from __future__ import annotations

import ast
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from rewriter.codemod.edits import LineIndex, SpanIndex
from rewriter.codemod.engine import _Planner
from rewriter.codemod.lang import adapter_for_path
from rewriter.codemod.lang.treesitter import first_error
from rewriter.codemod.packs.loader import load_pack
from tests.codemod.conftest import ROOT, rewrite

A2M = ROOT / "rules" / "amplitude-to-mixpanel"


def test_five_thousand_call_js_file_is_rewritten_whole() -> None:
    n = 5000
    lines = ["import amplitude from 'amplitude-js';", ""]
    for i in range(n):
        lines += [f"export function t{i}(p) {{", f"  amplitude.getInstance().logEvent('e_{i}', {{ i: {i}, p }});", "}"]
    res = rewrite("\n".join(lines) + "\n", [load_pack(A2M / "amplitude-js.yaml")], "wrappers.js")
    assert res.status == "changed", res.error
    assert len(res.changes) == n and not res.review
    out = res.rewritten or ""
    assert out.count("mixpanel.track(") == n and "amplitude" not in out
    assert out.startswith("import mixpanel from 'mixpanel-browser';\n")
    assert [c.line for c in res.changes] == [4 + 3 * i for i in range(n)]
    adapter = adapter_for_path("wrappers.js")
    assert adapter is not None
    assert first_error(adapter.parse("wrappers.js", out.encode()).tree.root_node) is None


def test_many_call_python_file_is_rewritten_whole() -> None:
    n = 400  # libcst dominates Python's per-call cost; the shape is what this checks
    lines = ["from amplitude import Amplitude, BaseEvent", "", "client = Amplitude('KEY')", ""]
    for i in range(n):
        lines += [f"def t{i}(u):", f"    client.track(BaseEvent(event_type='e_{i}', user_id=u))", ""]
    res = rewrite("\n".join(lines), [load_pack(A2M / "amplitude-python.yaml")], "wrappers.py")
    assert res.status == "changed", res.error
    assert sum(1 for c in res.changes if "BaseEvent(" in c.before) == n and not res.review
    out = res.rewritten or ""
    assert "amplitude" not in out and out.count(".track(") == n
    ast.parse(out)


# -- the sorted structures agree with the scans they replaced ------------------------------------
spans_st = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 20)).map(lambda t: (t[0], t[0] + t[1])), max_size=30)


@given(spans_st, st.lists(st.tuples(st.integers(0, 80), st.integers(0, 10)), max_size=20))
def test_span_index_answers_like_a_scan(spans: list[tuple[int, int]], probes: list[tuple[int, int]]) -> None:
    idx = SpanIndex(spans[: len(spans) // 2])
    for s, e in spans[len(spans) // 2 :]:
        idx.add(s, e)
    for start, length in probes:
        end = start + length
        assert idx.covers(start, end) == any(s <= start and end <= e for s, e in spans)


@given(st.binary(max_size=60).map(lambda b: b.replace(b"x", b"\n")), st.data())
def test_line_index_matches_counting_newlines(src: bytes, data: st.DataObject) -> None:
    lines = LineIndex(src)
    for _ in range(LineIndex.DIRECT + 8):  # the first answers count, later ones use the table
        off = data.draw(st.integers(0, len(src)))
        assert lines.line(off) == src.count(b"\n", 0, off) + 1
        assert lines.point(off) == (src.count(b"\n", 0, off), off - (src.rfind(b"\n", 0, off) + 1))


def _naive_rewrite(edits: list[tuple[int, int, str]], start: int, end: int, text: str) -> bool:
    """The planner's old list scan, kept here as the reference it must agree with."""
    inner = [e for e in edits if start <= e[0] and e[1] <= end and (e[0], e[1]) != (start, end)]
    for e in edits:
        if e in inner:
            continue
        if e[0] < end and start < e[1] or (e[0] == start and e[1] == end):
            return False
    edits[:] = [e for e in edits if e not in inner]
    edits.append((start, end, text))
    return True


@settings(max_examples=300)
@given(st.lists(st.tuples(st.integers(0, 40), st.integers(0, 8)), max_size=25))
def test_planner_absorbs_and_refuses_like_the_old_scan(ops: list[tuple[int, int]]) -> None:
    plan = _Planner(SimpleNamespace(source=b"x" * 64))  # type: ignore[arg-type]
    ref: list[tuple[int, int, str]] = []
    for n, (start, length) in enumerate(ops):
        end = start + length
        text = f"<{n}>"
        assert plan.rewrite("r", start, end, text, None, True) == _naive_rewrite(ref, start, end, text)
        assert [(e.start, e.end, e.text) for e in plan.edits] == ref
    for start, length in ops:
        end = start + length
        want = sorted((e for e in ref if start <= e[0] and e[1] <= end), key=lambda e: (e[0], e[1]))
        assert [(e.start, e.end, e.text) for _k, e in plan._inside(start, end)] == want


def test_planner_rollback_restores_edits_order_and_changes() -> None:
    plan = _Planner(SimpleNamespace(source=b"0123456789" * 3))  # type: ignore[arg-type]
    assert plan.rewrite("r", 2, 4, "a", None, True)
    assert plan.rewrite("r", 6, 8, "b", None, True)
    before = ([(e.start, e.end, e.text) for e in plan.edits], list(plan.changes))
    plan.begin()
    assert plan.rewrite("r", 1, 9, "outer", None, True)  # absorbs both
    assert plan.rewrite("r", 20, 22, "c", None, False)
    assert not plan.rewrite("r", 5, 12, "clash", None, True)
    plan.rollback()
    assert ([(e.start, e.end, e.text) for e in plan.edits], list(plan.changes)) == before
    assert plan.render(0, 10) == "01a45b89"


def test_a_long_file_reports_its_progress_and_a_short_one_does_not(to_mixpanel) -> None:  # type: ignore[no-untyped-def]
    from rewriter.codemod.engine import LONG_FILE_SITES, rewrite_source

    calls: list[tuple[int, int]] = []
    n = LONG_FILE_SITES + 150
    code = "import amplitude from 'amplitude-js';\n" + "".join(f"amplitude.getInstance().logEvent('e{i}');\n" for i in range(n))
    rewrite_source("big.js", code.encode(), to_mixpanel, lambda done, total: calls.append((done, total)))
    assert calls and calls[0][0] == 0 and all(t >= n for _d, t in calls)
    assert [d for d, _t in calls] == sorted(d for d, _t in calls) and len(calls) >= n // 100
    small: list[tuple[int, int]] = []
    rewrite_source("small.js", b"import amplitude from 'amplitude-js';\namplitude.getInstance().logEvent('x');\n",
                   to_mixpanel, lambda d, t: small.append((d, t)))
    assert small == []


def test_the_progress_display_shows_a_long_file_only_on_a_terminal() -> None:
    import io

    from rich.console import Console

    from rewriter.codemod.report.progress import FileProgress

    tty = FileProgress(enabled=True, console=Console(file=io.StringIO(), force_terminal=True))
    with tty:
        tty.sites("gen/ampli.ts", 100, 5000)
        assert tty.shown
    piped = FileProgress(enabled=True, console=Console(file=io.StringIO(), force_terminal=False))
    piped.sites("gen/ampli.ts", 100, 5000)
    assert not piped.shown
