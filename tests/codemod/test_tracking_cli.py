"""`rewriter scan --tracking-plan`: the plan files (golden), raw HTTP API use and unreadable files
in the scan report, and the plan counting the same track sites as the scan."""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rewriter.cli import app, user_properties_path
from rewriter.codemod import api
from rewriter.codemod.packs.loader import load_packs

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parent / "golden"
runner = CliRunner()


@pytest.mark.parametrize(
    ("fmt", "files"),
    [
        ("csv", {"plan.out": "tracking-plan.csv"}),
        ("mixpanel-lexicon", {"plan.out": "tracking-plan.lexicon.json"}),
        (
            "amplitude",
            {
                "plan.csv": "tracking-plan.amplitude-events.csv",
                "plan.user-properties.csv": "tracking-plan.amplitude-user-properties.csv",
            },
        ),
    ],
)
def test_scan_writes_the_plan_in_each_format(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str, files: dict[str, str]
) -> None:
    monkeypatch.chdir(ROOT)
    target = tmp_path / next(iter(files))
    res = runner.invoke(
        app, ["scan", "fixtures/apps", "--format", "json", "--tracking-plan", str(target), "--plan-format", fmt]
    )
    assert res.exit_code == 1, res.output  # the sample apps have files with syntax errors
    json.loads(res.stdout)  # stdout stays machine output: the "written" line goes to stderr
    assert "tracking plan:" in res.stderr and str(target) in res.stderr
    for name, golden in files.items():
        assert (tmp_path / name).read_text() == (GOLDEN / golden).read_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(files)  # no temp files left behind


def test_user_properties_path() -> None:
    assert user_properties_path(Path("out/plan.csv")) == Path("out/plan.user-properties.csv")
    assert user_properties_path(Path("plan")) == Path("plan.user-properties")


def test_plan_and_scan_count_the_same_track_sites(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    res = api.scan(["fixtures/apps"], tracking_plan=True)
    assert res.plan is not None
    op_of = {p.qualified(r): (r.operation or r.id) for p in load_packs() for r in p.rules}
    scanned = Counter(
        f"{f.path}:{x.line}" for f in res.files for x in (*f.changes, *f.review) if op_of.get(x.rule) == "track"
    )
    planned = Counter(s for e in res.plan.events.values() for s in e.sites)
    planned.update(u.where for u in res.plan.unnamed)
    assert scanned == planned and sum(scanned.values()) == 67  # 39 + 7 through exported clients + 5 iOS + 5 Android + 3 Flutter + 4 Python + 4 through context hooks
    # the unreadable files are the scan's errors, named in the plan too
    assert {n.split(": ", 1)[0] for n in res.not_read} == {f.path for f in res.errors}


def _api_app(tmp_path: Path) -> Path:
    (tmp_path / "sync.py").write_text(
        "import requests\n\n"
        "def send(events):\n"
        "    requests.post('https://api2.amplitude.com/batch', json={'events': events})\n"
    )
    (tmp_path / "app.js").write_text(
        "import mixpanel from 'mixpanel-browser';\nmixpanel.track('Opened');\n"
        "fetch('https://api.mixpanel.com/engage', { method: 'POST' });\n"
    )
    return tmp_path


def test_scan_lists_raw_http_api_use_for_review(tmp_path: Path) -> None:
    app_dir = _api_app(tmp_path)
    res = runner.invoke(app, ["scan", str(app_dir), "--format", "json"])
    assert res.exit_code == 0, res.output
    uses = json.loads(res.stdout)["api_uses"]
    assert [(Path(u["path"]).name, u["line"], u["endpoint"]) for u in uses] == [
        ("app.js", 3, "api.mixpanel.com/engage"),
        ("sync.py", 4, "api2.amplitude.com/batch"),
    ]
    assert "user_properties" in uses[0]["message"] and "$insert_id" in uses[1]["message"]
    table = runner.invoke(app, ["scan", str(app_dir)], env={"COLUMNS": "300"})
    assert "raw vendor HTTP API use" in table.stdout and "2 raw HTTP API uses for review" in table.stdout
    assert "api2.amplitude.com/batch" in table.stdout


def test_scan_excludes_apply_to_api_uses_and_plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app_dir = _api_app(tmp_path)
    monkeypatch.chdir(app_dir)
    res = runner.invoke(
        app, ["scan", ".", "--format", "json", "--exclude", "sync.py", "--tracking-plan", "plan.csv"]
    )
    assert res.exit_code == 0, res.output
    assert [u["endpoint"] for u in json.loads(res.stdout)["api_uses"]] == ["api.mixpanel.com/engage"]
    plan = (app_dir / "plan.csv").read_text()
    assert "Opened" in plan and "api.mixpanel.com/engage" in plan and "batch" not in plan


def test_undecodable_file_is_named_not_skipped(tmp_path: Path) -> None:
    (tmp_path / "a.js").write_bytes(b"import mixpanel from 'mixpanel-browser';\nmixpanel.track('\xff');\n")
    out = tmp_path / "out"
    out.mkdir()
    res = runner.invoke(app, ["scan", str(tmp_path / "a.js"), "--format", "json", "--tracking-plan",
                              str(out / "p.csv")])
    assert any("a.js: not UTF-8" in n for n in json.loads(res.stdout)["not_read"])


def test_plan_that_cannot_be_written_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "a.js").write_text("import mixpanel from 'mixpanel-browser';\nmixpanel.track('A');\n")
    blocker = tmp_path / "file"
    blocker.write_text("")
    res = runner.invoke(app, ["scan", str(tmp_path / "a.js"), "--tracking-plan", str(blocker / "plan.csv")])
    assert res.exit_code == 2 and "cannot write" in res.stderr
    assert res.exception is None or isinstance(res.exception, SystemExit)
    assert "Traceback" not in res.output


def test_bad_plan_format_is_a_usage_error(tmp_path: Path) -> None:
    res = runner.invoke(app, ["scan", str(tmp_path), "--tracking-plan", "x", "--plan-format", "xml"])
    assert res.exit_code == 2
    assert not os.path.exists("x")
