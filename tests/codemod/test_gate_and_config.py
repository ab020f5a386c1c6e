"""``--check`` as a CI gate (inline ignores, baseline file) and project configuration
(``.rewriter.toml`` / ``[tool.rewriter]``) with flags overriding it, through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rewriter.cli import app

runner = CliRunner(env={"COLUMNS": "200"})

HEAD = "import amplitude from 'amplitude-js';\n"
REVENUE = "amplitude.getInstance().logRevenueV2(new amplitude.Revenue().setPrice(1));\n"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "src").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check(*args: str) -> tuple[int, str]:
    res = runner.invoke(app, ["migrate", "--check", "--format", "json", *args])
    return res.exit_code, res.output


def test_inline_ignore_accepts_a_review_site_same_line_or_line_above(repo: Path) -> None:
    (repo / "src" / "a.js").write_text(HEAD + REVENUE)
    assert check("src", "--to", "mixpanel")[0] == 1
    (repo / "src" / "a.js").write_text(
        HEAD + REVENUE.rstrip("\n") + " // rewriter: ignore[amplitude-js/revenue] refunds stay\n"
    )
    code, out = check("src", "--to", "mixpanel")
    assert code == 0, out
    review = json.loads(out)["files"][0]["review"][0]
    assert review["accepted"] == "inline: refunds stay"
    (repo / "src" / "a.js").write_text(
        HEAD + "  // rewriter: ignore[revenue]\n" + REVENUE
    )  # bare id, line above
    assert check("src", "--to", "mixpanel")[0] == 0


def test_inline_ignore_for_another_rule_or_two_lines_up_does_not_count(repo: Path) -> None:
    (repo / "src" / "a.js").write_text(
        HEAD + REVENUE.rstrip("\n") + " // rewriter: ignore[amplitude-js/track]\n"
    )
    assert check("src", "--to", "mixpanel")[0] == 1
    (repo / "src" / "a.js").write_text(HEAD + "// rewriter: ignore[revenue]\nconst x = 1;\n" + REVENUE)
    assert check("src", "--to", "mixpanel")[0] == 1


def test_inline_ignore_in_python(repo: Path) -> None:
    (repo / "src" / "w.py").write_text(
        "from amplitude import Amplitude\n\nclient = Amplitude('k')\n"
        "client.shutdown()  # rewriter: ignore[amplitude-python/unmapped, init] we keep it\n"
        "# rewriter: ignore[init] reviewed\nother = Amplitude('k2')\n"
    )
    code, out = check("src", "--to", "mixpanel")
    data = json.loads(out)
    sites = data["files"][0]["changes"] + data["files"][0]["review"]
    assert sites, out
    by_line = {s["line"]: s.get("accepted") for s in sites}
    assert by_line.get(6) == "inline: reviewed"
    assert by_line.get(3) is None  # no comment there: the gate still fails on it
    assert code == 1


def test_baseline_gate_fails_only_on_new_sites(repo: Path) -> None:
    (repo / "src" / "a.js").write_text(HEAD + REVENUE + "amplitude.getInstance().logEvent('Old', {});\n")
    res = runner.invoke(app, ["migrate", "src", "--to", "mixpanel", "--update-baseline", "--format", "json"])
    assert res.exit_code == 0, res.output
    baseline = json.loads((repo / ".rewriter-baseline.json").read_text())
    assert {s["rule"] for s in baseline["sites"]} == {"amplitude-js/revenue", "amplitude-js/track"}
    assert all("line" not in s for s in baseline["sites"])
    assert check("src", "--to", "mixpanel")[0] == 0
    # lines moved by an unrelated edit: still accepted
    (repo / "src" / "a.js").write_text(
        HEAD + "\n\nconst unrelated = 1;\n" + REVENUE + "amplitude.getInstance().logEvent('Old', {});\n"
    )
    code, out = check("src", "--to", "mixpanel")
    assert code == 0, out
    assert json.loads(out)["summary"]["sites_accepted"] == 2
    # a new call of the old vendor fails the gate, and so does a copy of an accepted one
    (repo / "src" / "b.js").write_text(HEAD + "amplitude.getInstance().logEvent('New', {});\n")
    assert check("src", "--to", "mixpanel")[0] == 1
    (repo / "src" / "b.js").write_text(HEAD + REVENUE)
    assert check("src", "--to", "mixpanel")[0] == 1


def test_explicit_baseline_path_and_bad_baseline(repo: Path) -> None:
    (repo / "src" / "a.js").write_text(HEAD + REVENUE)
    base = repo / "ci" / "accepted.json"
    base.parent.mkdir()
    assert (
        runner.invoke(
            app, ["migrate", "src", "--to", "mixpanel", "--update-baseline", "--baseline", str(base)]
        ).exit_code
        == 0
    )
    assert check("src", "--to", "mixpanel", "--baseline", str(base))[0] == 0
    assert check("src", "--to", "mixpanel")[0] == 1  # the default baseline does not exist
    base.write_text("{not json")
    code, out = check("src", "--to", "mixpanel", "--baseline", str(base))
    assert code == 2 and "not a rewriter baseline" in out and "Traceback" not in out


# -- configuration ---------------------------------------------------------------------------
def test_rewriter_toml_makes_flags_unnecessary(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / "src" / "a.js").write_text(HEAD + REVENUE)
    (repo / "legacy").mkdir()
    (repo / "legacy" / "old.js").write_text(HEAD + REVENUE)
    (repo / ".rewriter.toml").write_text(
        'to = "mixpanel"\npaths = ["src", "legacy"]\nexclude = ["legacy/**"]\n'
    )
    code, out = check()
    data = json.loads(out)
    assert code == 1 and [Path(f["path"]).name for f in data["files"]] == ["a.js"]
    assert any("excluded by config" in e for e in data["excluded"])
    # config found from a sub-folder, and its relative paths stay relative to the config file
    (repo / "src" / "deeper").mkdir()
    monkeypatch.chdir(repo / "src" / "deeper")
    code, out = check()
    assert code == 1 and [Path(f["path"]).name for f in json.loads(out)["files"]] == ["a.js"]


def test_flags_override_config(repo: Path) -> None:
    (repo / "src" / "a.js").write_text(HEAD + "amplitude.getInstance().logEvent('A', {});\n")
    (repo / "src" / "mp.js").write_text(
        "import mixpanel from 'mixpanel-browser';\nmixpanel.track('B', {});\n"
    )
    (repo / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.rewriter]\nto = "mixpanel"\npaths = ["src"]\nexclude = ["src/a.js"]\n'
    )
    data = json.loads(check()[1])
    assert (
        data["to"] == "mixpanel" and data["files"] == []
    )  # a.js excluded, mp.js has nothing for this direction
    data = json.loads(check("--to", "amplitude")[1])
    assert data["to"] == "amplitude" and [Path(f["path"]).name for f in data["files"]] == ["mp.js"]
    data = json.loads(check("--exclude", "nothing-matches")[1])
    assert [Path(f["path"]).name for f in data["files"]] == ["a.js"]  # the flag replaced the config's exclude
    data = json.loads(
        check("src/a.js")[1]
    )  # a path argument replaces the config's paths (exclude still applies)
    assert data["files"] == [] and any("a.js (excluded by config)" in e for e in data["excluded"])


def test_rewriter_toml_wins_over_pyproject_in_the_same_folder(repo: Path) -> None:
    (repo / "src" / "mp.js").write_text(
        "import mixpanel from 'mixpanel-browser';\nmixpanel.track('B', {});\n"
    )
    (repo / "pyproject.toml").write_text('[tool.rewriter]\nto = "mixpanel"\npaths = ["src"]\n')
    (repo / ".rewriter.toml").write_text('to = "amplitude"\npaths = ["src"]\n')
    assert json.loads(check()[1])["to"] == "amplitude"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('to = "segment"\n', "to must be"),
        ('too = "mixpanel"\n', "unknown key(s) too"),
        ("paths = 3\n", "paths must be a list"),
        ("to = [\n", "invalid TOML"),
        ('paths = ["src"]\n', "--to is required"),
    ],
)
def test_bad_config_is_a_usage_error(repo: Path, text: str, message: str) -> None:
    (repo / ".rewriter.toml").write_text(text)
    code, out = check()
    assert code == 2 and message in out and ".rewriter.toml" in out and "Traceback" not in out


def test_no_paths_and_no_config_is_a_usage_error(repo: Path) -> None:
    code, out = check("--to", "mixpanel")
    assert code == 2 and "no paths given" in out


def test_explicit_config_file(repo: Path) -> None:
    (repo / "src" / "a.js").write_text(HEAD + REVENUE)
    cfg = repo / "ci.toml"
    cfg.write_text('to = "mixpanel"\npaths = ["src"]\nbaseline = "ci-baseline.json"\n')
    assert runner.invoke(app, ["migrate", "--config", str(cfg), "--update-baseline"]).exit_code == 0
    assert (repo / "ci-baseline.json").is_file()
    assert check("--config", str(cfg))[0] == 0


def test_scan_reads_paths_and_excludes_from_config(repo: Path) -> None:
    (repo / "src" / "a.js").write_text(HEAD + REVENUE)
    (repo / "src" / "skip.js").write_text(HEAD + REVENUE)
    (repo / ".rewriter.toml").write_text('paths = ["src"]\nexclude = ["src/skip.js"]\n')
    res = runner.invoke(app, ["scan", "--format", "json"])
    assert res.exit_code == 0, res.output
    assert [Path(f["path"]).name for f in json.loads(res.stdout)["files"]] == ["a.js"]
