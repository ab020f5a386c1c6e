"""The renderer registry, site positions (start/end line and column), the shared diff code, and
the two fixes of issue 9: review-only files show no diff, missing paths are usage errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rewriter.cli import Format, app
from rewriter.codemod.model import FileResult, Span, span_of
from rewriter.codemod.packs.loader import RulePack
from rewriter.codemod.report import registry
from rewriter.codemod.report.diff import file_patch, hunks, split_lines
from tests.codemod.conftest import rewrite

runner = CliRunner(env={"COLUMNS": "200"})

REVIEW_ONLY = (
    "import amplitude from 'amplitude-js';\namplitude.getInstance().logRevenueV2(new amplitude.Revenue());\n"
)


def test_format_choices_come_from_the_registry() -> None:
    assert [f.value for f in Format] == registry.names()
    for name in registry.names():
        r = registry.get(name)
        assert r.name == name and isinstance(r.needs_diffs, bool)
    res = runner.invoke(app, ["migrate", ".", "--to", "mixpanel", "--format", "yaml"])
    assert res.exit_code == 2 and "console" in res.output


def test_span_counts_code_points_and_reaches_the_end() -> None:
    src = "x\nconst é = 1; foo(a,\n  b);\n".encode()
    start = src.index(b"foo")
    end = src.index(b");") + 1
    assert span_of(src, start, end) == Span(2, 14, 3, 5)
    assert span_of(src, start, end, line=2) == Span(2, 14, 3, 5)
    assert span_of(src, 0, 1) == Span(1, 1, 1, 2)


def test_changes_and_review_items_carry_spans(to_mixpanel: list[RulePack]) -> None:
    code = (
        "import amplitude from 'amplitude-js';\n"
        "const amp = amplitude.getInstance();\n"
        "  amp.logEvent('Login',\n    { a: 1 });\n"
        "amp.logRevenueV2(r);\n"
    )
    res = rewrite(code, to_mixpanel)
    track = next(c for c in res.changes if c.rule == "amplitude-js/track")
    assert track.line == 3 and track.span == Span(3, 3, 4, 14)
    (rev,) = res.review
    assert rev.line == 5 and rev.span == Span(5, 1, 5, 20)


def test_json_report_adds_columns_and_keeps_schema_v1(tmp_path: Path) -> None:
    (tmp_path / "a.js").write_text("import amplitude from 'amplitude-js';\n  amplitude.logEvent('A', {});\n")
    res = runner.invoke(app, ["migrate", str(tmp_path), "--to", "mixpanel", "--format", "json"])
    data = json.loads(res.stdout)
    assert data["version"] == 1
    (c,) = data["files"][0]["changes"]
    assert {"rule", "line", "before", "after", "note"} <= set(c)
    assert (c["line"], c["col"], c["end_line"], c["end_col"]) == (2, 3, 2, 30)


def test_review_only_file_shows_no_diff(tmp_path: Path, to_mixpanel: list[RulePack]) -> None:
    res = rewrite(REVIEW_ONLY, to_mixpanel)
    assert res.review and res.status == "unchanged"
    assert hunks(res) == [] and file_patch(res, "a.js") == ""
    (tmp_path / "a.js").write_text(REVIEW_ONLY)
    out = runner.invoke(app, ["migrate", str(tmp_path), "--to", "mixpanel", "--no-color"])
    assert out.exit_code == 0, out.output
    assert "@@" not in out.output and "-import amplitude" not in out.output
    assert "review line 2 amplitude-js/revenue" in out.output


def test_changed_file_still_shows_its_hunk(tmp_path: Path) -> None:
    (tmp_path / "a.js").write_text("import amplitude from 'amplitude-js';\namplitude.logEvent('A', {});\n")
    out = runner.invoke(app, ["migrate", str(tmp_path), "--to", "mixpanel", "--no-color"])
    assert "@@ -1,2 +1,2 @@" in out.output and "+mixpanel.track('A', {});" in out.output


def test_split_lines_splits_on_newline_only() -> None:
    assert split_lines("a\r\nb\u2028c\x0cd\ne") == ["a\r\n", "b\u2028c\x0cd\n", "e"]
    assert split_lines("") == [] and split_lines("a\n") == ["a\n"]


def test_hunks_mark_missing_final_newline_and_restore_the_bom() -> None:
    f = FileResult("a.js", "javascript", "changed", original="x = 1;\ny", rewritten="\ufeffx = 1;\nz")
    (h,) = hunks(f)
    assert h.lines == (
        "@@ -1,2 +1,2 @@\n",
        " \ufeffx = 1;\n",
        "-y\n",
        "\\ No newline at end of file\n",
        "+z\n",
        "\\ No newline at end of file\n",
    )


@pytest.mark.parametrize(
    "cmd", [["migrate", "/nonexistent", "--to", "mixpanel", "--check"], ["scan", "nope"]]
)
def test_missing_path_is_a_usage_error(cmd: list[str]) -> None:
    res = runner.invoke(app, cmd)
    assert res.exit_code == 2
    assert "no such file or directory" in res.output and cmd[1] in res.output
    assert "Traceback" not in res.output


def test_one_missing_path_among_good_ones_is_still_an_error(tmp_path: Path) -> None:
    (tmp_path / "a.js").write_text(REVIEW_ONLY)
    res = runner.invoke(app, ["migrate", str(tmp_path), str(tmp_path / "typo"), "--to", "mixpanel"])
    assert res.exit_code == 2 and "typo" in res.output
