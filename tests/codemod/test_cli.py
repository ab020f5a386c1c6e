"""End-to-end CLI tests with typer's CliRunner on temporary copies of sample code."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rewriter.cli import app
from tests.codemod.conftest import ROOT

runner = CliRunner(env={"COLUMNS": "200"})

APP_JS = """\
import amplitude from 'amplitude-js';

const amp = amplitude.getInstance();

export function login(user) {
  amp.setUserId(user.id);
  amp.logEvent('Login', { method: 'sso' });
  amplitude.getInstance('billing').logRevenueV2(new amplitude.Revenue().setPrice(1));
}
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "app.js").write_text(APP_JS)
    (tmp_path / "src" / "broken.js").write_text("amplitude.logEvent('x', {;\n")
    (tmp_path / "src" / "plain.js").write_text("export const x = 1;\n")
    nm = tmp_path / "node_modules" / "amplitude-js"
    nm.mkdir(parents=True)
    (nm / "index.js").write_text("amplitude.logEvent('vendored', {});\n")
    return tmp_path


def test_dry_run_prints_diff_and_summary_and_writes_nothing(project: Path) -> None:
    res = runner.invoke(app, ["migrate", str(project), "--to", "mixpanel", "--no-color"])
    assert res.exit_code == 1, res.output  # broken.js errored
    assert "+  mixpanel.track('Login', { method: 'sso' });" in res.output
    assert "amplitude-js/track" in res.output
    assert "amplitude-js/named-instance" in res.output  # another client: listed, it blocks nothing else
    assert "broken.js" in res.output and "syntax error" in res.output
    assert "node_modules" in res.output  # the report says what default excludes skipped
    assert (project / "src" / "app.js").read_text() == APP_JS


def test_write_applies_atomically_and_second_run_changes_nothing(project: Path) -> None:
    (project / "src" / "broken.js").unlink()
    (project / "src" / "app.js").chmod(0o640)
    res = runner.invoke(app, ["migrate", str(project / "src"), "--to", "mixpanel", "--write"])
    assert res.exit_code == 0, res.output
    text = (project / "src" / "app.js").read_text()
    assert "mixpanel.identify(user.id);" in text and "import mixpanel from 'mixpanel-browser';" in text
    assert (project / "src" / "app.js").stat().st_mode & 0o777 == 0o640
    assert not list((project / "src").glob(".*rewriter-tmp"))
    again = runner.invoke(app, ["migrate", str(project / "src"), "--to", "mixpanel", "--check", "--format", "json"])
    data = json.loads(again.stdout)
    assert data["summary"]["files_changed"] == 0
    assert again.exit_code == 1  # the named instance still needs review


def test_json_report_schema(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    res = runner.invoke(app, ["migrate", str(project / "src"), "--to", "mixpanel", "--format", "json", "--output", str(out)])
    assert res.exit_code == 1
    data = json.loads(out.read_text())
    assert data["version"] == 1 and data["from"] == "amplitude" and data["to"] == "mixpanel"
    files = {Path(f["path"]).name: f for f in data["files"]}
    app_js = files["app.js"]
    assert app_js["status"] == "changed" and app_js["language"] == "javascript"
    assert {c["rule"] for c in app_js["changes"]} >= {"amplitude-js/track", "amplitude-js/set-user-id"}
    assert all({"rule", "line", "before", "after", "note"} <= set(c) for c in app_js["changes"])
    assert app_js["review"][0]["rule"] == "amplitude-js/named-instance" and app_js["review"][0]["line"] == 8
    assert files["broken.js"]["status"] == "error" and files["broken.js"]["error"]
    assert "plain.js" not in files  # names no SDK: counted, not listed
    s = data["summary"]
    assert s["files_scanned"] == 3
    assert s["files_changed"] == 1 and s["errors"] == 1 and s["sites_for_review"] == 1
    assert 0 < s["migrated_share"] < 1


def test_check_exit_codes(project: Path) -> None:
    (project / "src" / "broken.js").unlink()
    assert runner.invoke(app, ["migrate", str(project / "src" / "plain.js"), "--to", "mixpanel", "--check"]).exit_code == 0
    assert runner.invoke(app, ["migrate", str(project / "src"), "--to", "mixpanel", "--check"]).exit_code == 1


def test_bad_usage_and_bad_rule_file_exit_2(project: Path, tmp_path: Path) -> None:
    assert runner.invoke(app, ["migrate", str(project), "--to", "segment"]).exit_code == 2
    bad = tmp_path / "bad.yaml"
    bad.write_text("from: amplitude\nto: mixpanel\nsdk: x\nlanguages: [javascript]\nbind: {}\ntarget: {sdk: a, name: b}\nrules:\n  - id: a\n    match: 'x('\n    fix: y\n")
    res = runner.invoke(app, ["migrate", str(project), "--to", "mixpanel", "--rules", str(bad)])
    assert res.exit_code == 2
    assert f"{bad}:9" in res.output and "Traceback" not in res.output
    res = runner.invoke(app, ["migrate", str(project), "--to", "amplitude", "--target-sdk", "nope"])
    assert res.exit_code == 2 and "nope" in res.output


def test_user_rule_pack_for_a_wrapper(project: Path, tmp_path: Path) -> None:
    (project / "src" / "broken.js").unlink()
    (project / "src" / "w.js").write_text("import track from './my-analytics';\ntrack.send('Opened', { a: 1 });\n")
    pack = tmp_path / "wrapper.yaml"
    pack.write_text(
        "from: amplitude\nto: mixpanel\nsdk: my-wrapper\nlanguages: [javascript]\n"
        "bind:\n  modules: ['./my-analytics']\n"
        "target:\n  sdk: mixpanel-browser\n  name: mixpanel\n  esm: \"import mixpanel from 'mixpanel-browser';\"\n"
        "rules:\n  - id: send\n    match: '$SDK.send($E, $P)'\n    fix: 'mixpanel.track($E, $P)'\n"
    )
    res = runner.invoke(app, ["migrate", str(project / "src" / "w.js"), "--to", "mixpanel", "--rules", str(pack), "--write"])
    assert res.exit_code == 0, res.output
    assert (project / "src" / "w.js").read_text() == "import mixpanel from 'mixpanel-browser';\nmixpanel.track('Opened', { a: 1 });\n"


def test_write_refuses_files_with_uncommitted_git_changes(project: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git not installed")
    (project / "src" / "broken.js").unlink()
    src = project / "src"
    git = ["git", "-C", str(project), "-c", "user.email=t@t", "-c", "user.name=t"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "init"], check=True)
    (src / "app.js").write_text(APP_JS + "// local edit\n")
    res = runner.invoke(app, ["migrate", str(src), "--to", "mixpanel", "--write"])
    assert res.exit_code == 1 and "uncommitted" in res.output
    assert "amp.logEvent" in (src / "app.js").read_text()
    res = runner.invoke(app, ["migrate", str(src), "--to", "mixpanel", "--write", "--force"])
    assert res.exit_code == 0 and "mixpanel.track" in (src / "app.js").read_text()


def test_scan_inventory(project: Path) -> None:
    (project / "src" / "broken.js").unlink()
    res = runner.invoke(app, ["scan", str(project / "src"), "--format", "json"])
    assert res.exit_code == 0, res.output
    rows = json.loads(res.stdout)["operations"]
    by_op = {(r["sdk"], r["operation"]): r for r in rows}
    assert by_op[("amplitude-js", "track")]["automatic"] == 1
    assert by_op[("amplitude-js", "instance")]["review"] == 1


def test_rules_commands(tmp_path: Path) -> None:
    res = runner.invoke(app, ["rules", "list"])
    assert res.exit_code == 0 and "amplitude-js" in res.output
    res = runner.invoke(app, ["rules", "show", "amplitude-js/track"])
    assert res.exit_code == 0 and "$SDK.logEvent($EVENT, $PROPS)" in res.output
    assert runner.invoke(app, ["rules", "show", "nope/nope"]).exit_code == 2
    pack = ROOT / "rules" / "amplitude-to-mixpanel" / "amplitude-js.yaml"
    assert runner.invoke(app, ["rules", "validate", str(pack)]).exit_code == 0
    bad = tmp_path / "bad.yaml"
    bad.write_text("from: amplitude\nto: [\n")
    res = runner.invoke(app, ["rules", "validate", str(bad)])
    assert res.exit_code == 2 and str(bad) in res.output


def test_rules_test_reports_failures(tmp_path: Path) -> None:
    pack_src = ROOT / "rules" / "amplitude-to-mixpanel" / "amplitude-js.yaml"
    d = tmp_path / "packs"
    d.mkdir()
    shutil.copy(pack_src, d / "amplitude-js.yaml")
    fx = d / "amplitude-js.fixtures"
    fx.mkdir()
    (fx / "track.input.js").write_text("amplitude.logEvent('a', {});\n")
    (fx / "track.expected.js").write_text("mixpanel.track('WRONG', {});\n")
    res = runner.invoke(app, ["rules", "test", str(d)])
    assert res.exit_code == 1 and "FAIL" in res.output and "WRONG" in res.output
    assert "no fixture pair" in res.output


WRAPPER_PACK = (
    "from: amplitude\nto: mixpanel\nsdk: my-wrapper\nlanguages: [javascript]\n"
    "bind:\n  modules: ['./my-analytics']\n"
    "target:\n  sdk: mixpanel-browser\n  name: mixpanel\n  esm: \"import mixpanel from 'mixpanel-browser';\"\n"
    "rules:\n  - id: send\n    match: '$SDK.send($E, $P)'\n    fix: 'mixpanel.track($E, $P)'\n"
    "  - id: revenue\n    match: '{revenue}'\n    review: 'no faithful equivalent: track a purchase event'\n"
)


def _wrapper_pack(tmp_path: Path, revenue_pattern: str) -> Path:
    d = tmp_path / "packs"
    (d / "wrapper.fixtures").mkdir(parents=True)
    (d / "wrapper.yaml").write_text(WRAPPER_PACK.replace("{revenue}", revenue_pattern))
    fx = d / "wrapper.fixtures"
    (fx / "send.input.js").write_text("import a from './my-analytics';\na.send('Opened', {});\n")
    (fx / "send.expected.js").write_text("import mixpanel from 'mixpanel-browser';\nmixpanel.track('Opened', {});\n")
    return d


def test_rules_test_a_review_rule_needs_no_fixture_pair(tmp_path: Path) -> None:
    res = runner.invoke(app, ["rules", "test", str(_wrapper_pack(tmp_path, "$SDK.revenue($$$A)"))])
    assert res.exit_code == 0, res.output
    assert "no fixture (review rule):" in res.output and " revenue" in res.output
    assert "1 passed, 0 failed, 1 review rules without a fixture (patterns checked)" in res.output


def test_rules_test_still_checks_an_unpaired_review_rules_pattern(tmp_path: Path) -> None:
    from rewriter.codemod.packs.fixtures import run_pack_fixtures
    from rewriter.codemod.packs.loader import load_pack

    d = _wrapper_pack(tmp_path, "$SDK.revenue(")
    # the library checks the patterns itself, however the pack was loaded (no pair is run here:
    # the engine would compile the broken pattern too)
    for f in (d / "wrapper.fixtures").iterdir():
        f.rename(tmp_path / f.name)
    [bad] = [o for o in run_pack_fixtures(load_pack(d / "wrapper.yaml", check_patterns=False)) if o.rule == "revenue"]
    assert not bad.ok and not bad.no_fixture and "does not parse as javascript" in bad.message
    # the CLI loads packs with their patterns compiled: a usage error naming file:line
    for f in ("send.input.js", "send.expected.js"):
        (tmp_path / f).rename(d / "wrapper.fixtures" / f)
    res = runner.invoke(app, ["rules", "test", str(d)])
    assert res.exit_code == 2 and "wrapper.yaml:16" in res.output and "rule revenue" in res.output
    assert "Traceback" not in res.output
