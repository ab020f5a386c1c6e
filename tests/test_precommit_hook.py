"""The shipped pre-commit hook, run for real with ``pre-commit try-repo`` on a fixture git repo.

pre-commit builds the hook's environment by pip-installing this repository (offline here: pip
uses the machine's package mirror), in a temporary store of its own on every ``try-repo``, so
the test runs it once (~20 s). It checks that the hook fails on an old-vendor call and names it,
that a site accepted inline is reported as accepted, and that the direction comes from the
fixture repo's config.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.update(
        PRE_COMMIT_HOME=str(home),
        GIT_AUTHOR_NAME="t",
        GIT_AUTHOR_EMAIL="t@t",
        GIT_COMMITTER_NAME="t",
        GIT_COMMITTER_EMAIL="t@t",
    )
    return env


def _git(repo: Path, env: dict[str, str], *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def test_hook_manifest_runs_the_check() -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "rewriter-check" and hook["entry"].startswith("rewriter migrate --check")
    assert hook["language"] == "python"


def test_pre_commit_try_repo(tmp_path: Path) -> None:
    """One try-repo run (each builds a fresh environment): a.js has a new old-vendor call and
    fails the hook; b.js's call is accepted inline and shows up as accepted, not as a failure."""
    env = _env(tmp_path / "pre-commit-home")
    repo = tmp_path / "app"
    (repo / "src").mkdir(parents=True)
    (repo / ".rewriter.toml").write_text('to = "mixpanel"\n')
    (repo / "src" / "a.js").write_text(
        "import amplitude from 'amplitude-js';\namplitude.getInstance().logEvent('Opened', {});\n"
    )
    (repo / "src" / "b.js").write_text(
        "import amplitude from 'amplitude-js';\n"
        "amplitude.getInstance().logEvent('Kept', {}); // rewriter: ignore[track] legacy dashboard\n"
    )
    (repo / "README.md").write_text("amplitude is mentioned here, but this is no code\n")
    _git(repo, env, "init", "-q")
    _git(repo, env, "add", "-A")
    _git(repo, env, "commit", "-qm", "init")
    res = subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "rewriter-check", "--all-files"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    out = res.stdout + res.stderr
    assert res.returncode == 1, out
    assert "rewriter migrate --check" in out and "Failed" in out
    assert "src/a.js" in out and "amplitude-js/track (line 2)" in out
    assert "src/b.js" in out and "(accepted: inline: legacy dashboard)" in out
    assert "README.md" not in out  # the hook only receives JavaScript, TypeScript and Python files
