"""Every report format on one small fixture app, against reviewed golden files, plus the checks a
golden file cannot make: SARIF validates against the official 2.1.0 schema, the patch applies
with real ``git apply`` on a fresh copy, the Markdown report respects its size cap, GitHub
annotations escape what the runner unescapes.

Regenerate the golden files with ``REWRITER_UPDATE_GOLDEN=1 pytest tests/codemod/report`` and
read the diff before committing it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from rewriter.cli import app
from rewriter.codemod.model import Change, FileResult, ReviewItem, RunResult, Span
from rewriter.codemod.report.github import RENDERER as GITHUB
from rewriter.codemod.report.markdown import MARKER
from rewriter.codemod.report.markdown import RENDERER as MARKDOWN
from rewriter.codemod.report.registry import RenderOptions
from rewriter.codemod.report.sarif import tool_version

HERE = Path(__file__).parent
APP = HERE / "fixtures" / "app"
GOLDEN = HERE / "golden"
SCHEMA = json.loads((HERE / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
UPDATE = os.environ.get("REWRITER_UPDATE_GOLDEN") == "1"

runner = CliRunner(env={"COLUMNS": None, "NO_COLOR": None})


@pytest.fixture
def app_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    dest = tmp_path / "app"
    shutil.copytree(APP, dest)
    monkeypatch.chdir(dest)
    return dest


def _golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    assert text == path.read_bytes().decode("utf-8"), f"{name} differs from its golden file"


def _run(*args: str) -> str:
    res = runner.invoke(app, ["migrate", "src", "jobs", "--to", "mixpanel", "--no-color", *args])
    assert res.exit_code == 1, res.output  # broken.js is an error file
    return res.stdout


@pytest.mark.parametrize("fmt", ["console", "json", "markdown", "sarif", "github"])
def test_golden(fmt: str, app_copy: Path) -> None:
    out = _run("--format", fmt)
    if fmt == "sarif":
        out = out.replace(f'"version": "{tool_version()}"', '"version": "<version>"')
    ext = {"console": "txt", "markdown": "md"}.get(fmt, fmt if fmt != "github" else "txt")
    _golden(f"app.{fmt}.{ext}" if fmt in ("console", "github") else f"app.{ext}", out)


def test_output_file_is_the_same_report(app_copy: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    _run("--format", "markdown", "--output", str(target))
    assert target.read_text(encoding="utf-8") == (GOLDEN / "app.md").read_text(encoding="utf-8")


def test_sarif_validates_against_the_official_schema(app_copy: Path) -> None:
    data = json.loads(_run("--format", "sarif"))
    jsonschema.Draft4Validator(SCHEMA).validate(data)
    run = data["runs"][0]
    levels = sorted({r["level"] for r in run["results"]})
    assert levels == ["note", "warning"]
    warning = next(
        r for r in run["results"] if r["level"] == "warning" and r["ruleId"] == "amplitude-js/named-instance"
    )
    region = warning["locations"][0]["physicalLocation"]["region"]
    assert set(region) >= {"startLine", "startColumn", "endLine", "endColumn"}
    rule = run["tool"]["driver"]["rules"][warning["ruleIndex"]]
    assert rule["id"] == warning["ruleId"] == "amplitude-js/named-instance" and "instance" in rule["help"]["text"]
    # the café line: the column counts code points, not bytes
    cafe = next(
        r
        for r in run["results"]
        if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("cafe.js")
    )
    assert cafe["locations"][0]["physicalLocation"]["region"]["startColumn"] == 42  # 43 if bytes were counted
    assert run["invocations"][0]["toolExecutionNotifications"][0]["level"] == "error"


def test_sarif_without_rewrite_notes_is_still_valid(app_copy: Path) -> None:
    data = json.loads(_run("--format", "sarif", "--no-notes"))
    jsonschema.Draft4Validator(SCHEMA).validate(data)
    assert {r["level"] for r in data["runs"][0]["results"]} == {"warning"}


def test_schema_check_is_real() -> None:
    """The schema rejects a result without a message: the validation above can fail."""
    bad = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"ruleId": "a"}]}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(SCHEMA).validate(bad)


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", "-c", "user.email=t@t", "-c", "user.name=t", "-c", "core.autocrlf=false", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


def test_patch_applies_with_git_on_a_fresh_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(APP, repo / "web")
    assert _git(repo, "init", "-q").returncode == 0
    _git(repo, "add", "-A")
    assert _git(repo, "commit", "-qm", "init").returncode == 0
    patch = tmp_path / "migration.patch"
    monkeypatch.chdir(repo / "web" / "src")  # run from a sub-folder: paths still start at the repo root
    res = runner.invoke(
        app, ["migrate", ".", "../jobs", "--to", "mixpanel", "--format", "json", "--patch", str(patch)]
    )
    assert res.exit_code == 1, res.output
    text = patch.read_bytes().decode("utf-8")
    assert "diff --git a/web/src/analytics.js b/web/src/analytics.js" in text
    assert "a/web/jobs/worker.py" in text and "a/web/package.json" in text
    assert "broken.js" not in text and "revenue.js" not in text
    assert "\r\n" in text and "\\ No newline at end of file" in text
    _golden("app.patch", text.replace("web/", ""))
    fresh = tmp_path / "fresh"
    assert _git(tmp_path, "clone", "-q", str(repo), str(fresh)).returncode == 0
    check = _git(fresh, "apply", "--check", str(patch))
    assert check.returncode == 0, check.stderr
    assert _git(fresh, "apply", str(patch)).returncode == 0
    # applying the patch gives exactly what --write gives
    monkeypatch.chdir(repo)
    assert runner.invoke(app, ["migrate", "web", "--to", "mixpanel", "--write"]).exit_code == 1
    for rel in (
        "web/src/analytics.js",
        "web/src/pages/cafe.js",
        "web/src/nonl.js",
        "web/jobs/worker.py",
        "web/package.json",
    ):
        assert (fresh / rel).read_bytes() == (repo / rel).read_bytes(), rel


def _big_run(n: int) -> RunResult:
    files = []
    for i in range(n):
        before = "".join(f"amplitude.logEvent('e{j}', {{}});\n" for j in range(40))
        after = before.replace("amplitude.logEvent", "mixpanel.track")
        changes = [
            Change("amplitude-js/track", j + 1, "x", "y", None, Span(j + 1, 1, j + 1, 10)) for j in range(40)
        ]
        review = [
            ReviewItem("amplitude-js/revenue", 41, "Revenue | needs <review>", "amplitude.logRevenueV2(r)")
        ]
        files.append(
            FileResult(
                f"src/f{i:03}.js",
                "javascript",
                "changed",
                changes=changes,
                review=review,
                original=before,
                rewritten=after,
            )
        )
    return RunResult("amplitude", "mixpanel", files)


def test_markdown_is_capped_and_says_what_it_left_out() -> None:
    text = MARKDOWN.render(_big_run(500), RenderOptions(max_chars=65_000))
    assert len(text) < 65_536
    assert text.startswith(MARKER)
    assert "more files not shown" in text and "more review sites" in text
    assert "**500** changed" in text and "| `amplitude-js/track` | rewritten | 20000 | 500 |" in text
    assert "Revenue \\| needs &lt;review&gt;" in text  # table and HTML characters escaped
    assert text.count("<details>") == text.count("</details>")


def test_markdown_links_point_at_the_line() -> None:
    text = MARKDOWN.render(_big_run(1), RenderOptions(link_base="https://example.test/o/r/blob/abc/"))
    assert "[`src/f000.js:41`](https://example.test/o/r/blob/abc/src/f000.js#L41)" in text


def test_github_annotations_escape_values() -> None:
    run = RunResult(
        "amplitude",
        "mixpanel",
        [
            FileResult(
                "a,b:c.js",
                "javascript",
                "unchanged",
                review=[ReviewItem("x/y", 3, "50% off\nnext line", "", Span(3, 5, 4, 2))],
            ),
        ],
    )
    out = GITHUB.render(run, RenderOptions())
    assert (
        out
        == "::warning file=a%2Cb%3Ac.js,line=3,col=5,endLine=4,endColumn=2,title=x/y::50%25 off%0Anext line\n"
    )


def test_sarif_fingerprints_are_unique_and_survive_moved_lines(app_copy: Path) -> None:
    def ids() -> list[str]:
        data = json.loads(_run("--format", "sarif"))
        return [r["partialFingerprints"]["rewriterSite/v1"] for r in data["runs"][0]["results"]]

    before = ids()
    assert len(before) == len(set(before))
    target = app_copy / "src" / "analytics.js"
    target.write_text("// a comment added above every site\n\n" + target.read_text())
    assert sorted(ids()) == sorted(before)


def test_parse_warning_reaches_every_format(app_copy: Path) -> None:
    """src/pages/Terms.tsx has a bare `&` in JSX text (a tsx grammar gap): it is rewritten around
    the error, and every report says so, on that file only."""
    files = json.loads(_run("--format", "json"))["files"]
    warned = {f["path"]: f["parse_warning"] for f in files if "parse_warning" in f}
    assert list(warned) == ["src/pages/Terms.tsx"] and "1 parse error" in warned["src/pages/Terms.tsx"]
    sarif = json.loads(_run("--format", "sarif"))
    notes = [n for n in sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"] if n["level"] == "note"]
    assert [n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for n in notes] == ["src/pages/Terms.tsx"]
    assert notes[0]["message"]["text"].startswith("parse warning: ")
    assert "> parse warning: the file already has 1 parse error" in _run("--format", "markdown")
    assert "parse warning src/pages/Terms.tsx: the file already has" in _run("--format", "console")
    assert "::notice file=src/pages/Terms.tsx,title=rewriter parse warning::" in _run("--format", "github")
