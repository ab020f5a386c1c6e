"""The shipped pre-commit hook, run for real with ``pre-commit try-repo`` on a fixture git repo.

pre-commit builds the hook's environment by pip-installing this repository (offline here: pip
uses the machine's package mirror), so this is the slowest test of the suite (~40 s, once: both
runs share one PRE_COMMIT_HOME). It checks the hook fails on an old-vendor call, names it, and
passes once the site is accepted inline, with direction taken from the fixture repo's config.
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
        GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@t", GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@t",
    )
    return env


def _git(repo: Path, env: dict[str, str], *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def test_hook_manifest_runs_the_check() -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "rewriter-check" and hook["entry"].startswith("rewriter migrate --check")
    assert hook["language"] == "python"


def test_pre_commit_try_repo(tmp_path: Path) -> None:
    env = _env(tmp_path / "pre-commit-home")
    repo = tmp_path / "app"
    (repo / "src").mkdir(parents=True)
    (repo / ".rewriter.toml").write_text('to = "mixpanel"\n')
    (repo / "src" / "a.js").write_text(
        "import amplitude from 'amplitude-js';\namplitude.getInstance().logEvent('Opened', {});\n"
    )
    (repo / "README.md").write_text("not code\n")
    _git(repo, env, "init", "-q")
    _git(repo, env, "add", "-A")
    _git(repo, env, "commit", "-qm", "init")

    def try_repo() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "rewriter-check", "--all-files"],
            cwd=repo, env=env, capture_output=True, text=True, timeout=900, check=False,
        )

    failed = try_repo()
    out = failed.stdout + failed.stderr
    assert failed.returncode == 1, out
    assert "Failed" in out and "amplitude-js/track" in out and "src/a.js" in out

    (repo / "src" / "a.js").write_text(
        "import amplitude from 'amplitude-js';\n"
        "amplitude.getInstance().logEvent('Opened', {}); // rewriter: ignore[track] legacy dashboard\n"
    )
    _git(repo, env, "commit", "-qam", "accept")
    passed = try_repo()
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout
