"""Terminal behaviour people expect: --version, output that is piped is not cut to 80 columns,
progress only on a terminal's stderr, rules list/validate/explain, scan lists its files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from rewriter.cli import app
from rewriter.codemod.packs.loader import load_packs
from rewriter.codemod.report.progress import FileProgress
from tests.codemod.conftest import ROOT

runner = CliRunner(env={"COLUMNS": None})
HEAD = "import amplitude from 'amplitude-js';\n"
REVENUE = "amplitude.getInstance().logRevenueV2(new amplitude.Revenue().setPrice(1));\n"


def _piped(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the CLI as a user would with its output piped (no terminal, no COLUMNS)."""
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "TERMINAL_WIDTH", "LINES")}
    return subprocess.run(
        [sys.executable, "-m", "rewriter", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=300,
        check=False,
    )


def test_version() -> None:
    res = runner.invoke(app, ["--version"])
    assert res.exit_code == 0 and res.stdout.startswith("rewriter ") and res.stdout.strip() != "rewriter"


def test_piped_help_keeps_full_option_names_and_choices() -> None:
    out = _piped("migrate", "--help").stdout
    for name in ("--update-baseline", "--baseline", "--link-base", "--no-notes", "--target-sdk", "--patch"):
        assert name in out
    assert "<mixpanel|amplitude>" in out and "console|json|markdown|sarif|github" in out


def test_piped_review_table_keeps_the_full_path(tmp_path: Path) -> None:
    deep = tmp_path / "a-rather-long-folder-name" / "with-another-long-sub-folder" / "and-one-more-level-down"
    deep.mkdir(parents=True)
    (deep / "checkout-revenue-tracking.js").write_text(HEAD + REVENUE)
    res = _piped("migrate", ".", "--to", "mixpanel", cwd=tmp_path)
    where = "a-rather-long-folder-name/with-another-long-sub-folder/and-one-more-level-down/checkout-revenue-tracking.js:2"
    assert len(where) > 80
    assert any(where in line for line in res.stdout.splitlines()), res.stdout
    assert "…" not in res.stdout


def test_rules_list_shows_every_rule_id_grouped_by_pack() -> None:
    res = runner.invoke(app, ["rules", "list"])
    assert res.exit_code == 0
    lines = res.stdout.splitlines()
    for pack in load_packs():
        header = next(
            i for i, line in enumerate(lines) if line.startswith(f"{pack.sdk}  {pack.from_} → {pack.to}")
        )
        listed = []
        for line in lines[header + 1 :]:
            if not line.startswith("  "):
                break
            listed.append(line.split()[0])
        assert listed == [pack.qualified(r) for r in pack.rules]


def test_progress_bar_only_past_the_threshold_on_a_terminal() -> None:
    term = Console(file=StringIO(), force_terminal=True, width=80)
    with FileProgress(enabled=True, threshold=3, console=term) as p:
        for _ in range(2):
            p()
        assert not p.shown
        for _ in range(3):
            p()
        assert p.shown and p.done == 5
    assert term.file.getvalue()  # type: ignore[attr-defined]
    quiet = Console(file=StringIO(), force_terminal=True)
    with FileProgress(enabled=False, threshold=1, console=quiet) as p:
        p()
    assert not p.shown and quiet.file.getvalue() == ""  # type: ignore[attr-defined]
    pipe = Console(file=StringIO(), force_terminal=False)
    with FileProgress(enabled=True, threshold=1, console=pipe) as p:
        p()
    assert not p.shown and pipe.file.getvalue() == ""  # type: ignore[attr-defined]


def test_machine_output_is_clean_on_a_run_over_the_threshold(tmp_path: Path) -> None:
    for i in range(210):
        (tmp_path / f"f{i:03}.js").write_text(HEAD + f"amplitude.getInstance().logEvent('e{i}', {{}});\n")
    res = _piped("migrate", str(tmp_path), "--to", "mixpanel", "--format", "json", "--jobs", "1")
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout)["summary"]["sites_rewritten"] == 210
    assert res.stderr == ""  # not a terminal: no progress bar anywhere


def test_rules_validate_reports_every_error_with_line_and_column(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "from: amplitude\nto: mixpanel\nsdk: bad\nlanguages: [javascript, cobol]\nbind: {modules: [x]}\n"
        "target: {sdk: a, name: b}\nrules:\n"
        '  - id: ok\n    match: "$SDK.a($X)"\n    fix: "b($X)"\n'
        '  - id: no-action\n    match: "$SDK.b()"\n'
        '  - id: bad-pattern\n    match: "$SDK.c($X, {a: })"\n    fix: "c($X)"\n'
        '  - id: bad-transform\n    match: "$SDK.d()"\n    transform: nope\n'
        '  - id: Bad Id\n    match: "$SDK.e()"\n    review: x\n'
        '  - id: bad-where\n    match: "$SDK.f($X)"\n    fix: "f($X)"\n    where:\n      X: {regex: "("}\n'
    )
    res = runner.invoke(app, ["rules", "validate", str(bad)])
    assert res.exit_code == 2
    expected = [
        f"{bad}:4:25: unknown language 'cobol'",
        f"{bad}:11:5: rules.1: Value error, a rule needs exactly one of fix, op, transform or review",
        f"{bad}:14:27: rule bad-pattern: pattern does not parse as javascript",  # the '}' inside the pattern
        f"{bad}:18:16: rule bad-transform: unknown transform 'nope'",
        f"{bad}:19:9: rules.4.id: Value error, rule id must be",
        f"{bad}:26:18: rule bad-where: where.X.regex: bad regex",
    ]
    for e in expected:
        assert e in res.output, res.output
    good = ROOT / "rules" / "amplitude-to-mixpanel" / "amplitude-js.yaml"
    res = runner.invoke(app, ["rules", "validate", str(good)])
    assert res.exit_code == 0 and res.stdout.startswith("ok ")


def test_rules_validate_yaml_error_has_a_column(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("from: amplitude\nto: [mixpanel\n")
    res = runner.invoke(app, ["rules", "validate", str(bad)])
    assert res.exit_code == 2 and f"{bad}:3:1: invalid YAML" in res.output


def test_scan_lists_the_files_it_found(tmp_path: Path) -> None:
    (tmp_path / "a.js").write_text(HEAD + REVENUE + "amplitude.getInstance().logEvent('A', {});\n")
    (tmp_path / "mp.js").write_text("import mixpanel from 'mixpanel-browser';\nmixpanel.track('B', {});\n")
    (tmp_path / "plain.js").write_text("export const x = 1;\n")
    res = runner.invoke(app, ["scan", str(tmp_path), "--format", "json"])
    files = {Path(f["path"]).name: f for f in json.loads(res.stdout)["files"]}
    assert set(files) == {"a.js", "mp.js"}
    # The revenue call cannot move, so the default amplitude-js client stays whole: its track
    # call is listed too (codemod.clients), not counted as automatic.
    assert files["a.js"] == {
        "path": str(tmp_path / "a.js"),
        "sdks": ["amplitude-js"],
        "automatic": 0,
        "review": 2,
    }
    assert files["mp.js"]["sdks"] == ["mixpanel-browser"] and files["mp.js"]["automatic"] == 1
    clients = {c["client"]: c for c in json.loads(res.stdout)["clients"]}
    amp = clients["amplitude-js:default"]
    assert amp["to"] == "mixpanel" and amp["uses"] == 2 and amp["files"] == 1 and amp["automatic"] == 0
    assert amp["blocked"] and f"{tmp_path / 'a.js'}:2" in amp["blocked"] and "logRevenueV2" in amp["blocked"]
    assert clients["mixpanel-browser:default"]["automatic"] == 1 and clients["mixpanel-browser:default"]["blocked"] is None
    table = runner.invoke(app, ["scan", str(tmp_path)]).stdout
    assert f"{tmp_path / 'a.js'}" in table and "2 files use an SDK" in table
    assert "the amplitude-js default client" in table and "stays whole" in table


def test_explain_shows_rule_rationale_and_fixture_example() -> None:
    res = runner.invoke(app, ["explain", "amplitude-js/track"])
    assert res.exit_code == 0
    assert "match:      $SDK.logEvent($EVENT, $PROPS)" in res.stdout
    assert "Example (track.input.js → track.expected.js):" in res.stdout
    expected = (ROOT / "rules/amplitude-to-mixpanel/amplitude-js.fixtures/track.expected.js").read_text()
    plus = [f"+{line}" for line in expected.splitlines() if "mixpanel.track" in line]
    assert plus and all(p in res.stdout for p in plus)
    review = runner.invoke(app, ["explain", "amplitude-js/revenue"])
    assert "left as it is, listed for review" in review.stdout and "Left for a human" in review.stdout


def test_explain_bare_ids_and_errors() -> None:
    packs = load_packs()
    bare: dict[str, int] = {}
    for p in packs:
        for r in p.rules:
            bare[r.id] = bare.get(r.id, 0) + 1
    unique = next(i for i, n in sorted(bare.items()) if n == 1)
    assert runner.invoke(app, ["explain", unique]).exit_code == 0
    res = runner.invoke(app, ["explain", "track"])
    assert res.exit_code == 2 and "ambiguous" in res.output and "amplitude-js/track" in res.output
    res = runner.invoke(app, ["explain", "nope/nope"])
    assert res.exit_code == 2 and "no rule" in res.output


@pytest.mark.parametrize("cmd", [["migrate", "--help"], ["scan", "--help"], ["explain", "--help"]])
def test_help_runs(cmd: list[str]) -> None:
    assert runner.invoke(app, cmd).exit_code == 0
