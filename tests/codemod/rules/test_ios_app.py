"""The iOS sample app (`fixtures/apps/ios-app`, Swift + Objective-C) through the real CLI, both ways.

Amplitude → Mixpanel on a copy with ``--write`` must give `expected-mixpanel/` byte for byte, with
nothing left for review and ``--check`` clean afterwards; that output migrated back with ``--to
amplitude`` must give `expected-amplitude/`, where the calls on ``Mixpanel.mainInstance()`` stay and
are listed with their reason (AmplitudeSwift has no shared instance). Every output file parses with
the grammar of its language, and no source-vendor SDK reference is left unlisted.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rewriter.cli import app
from rewriter.codemod.lang import adapter_for_path

APP = Path(__file__).resolve().parents[3] / "fixtures" / "apps" / "ios-app"
runner = CliRunner()


def _tree(root: Path) -> dict[str, bytes]:
    """Relative path → bytes; the expected trees name their files ``*.expected`` (so scans of the
    sample apps, like the tracking plan's, see only the app itself)."""
    return {p.relative_to(root).as_posix().removesuffix(".expected"): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def _restore(expected: Path, dst: Path) -> None:
    """An expected tree copied out as the source files it stands for."""
    for rel, data in _tree(expected).items():
        (dst / rel).parent.mkdir(parents=True, exist_ok=True)
        (dst / rel).write_bytes(data)


def _migrate(root: Path, to: str, *extra: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    res = runner.invoke(app, ["migrate", str(root), "--to", to, "--format", "json", *extra])
    return res.exit_code, json.loads(res.stdout) if res.stdout.strip().startswith("{") else {}


def _reviews(report: dict) -> list[tuple[str, int, str]]:  # type: ignore[type-arg]
    return [(Path(f["path"]).name, r["line"], r["message"]) for f in report["files"] for r in f.get("review", [])]


def _parses(root: Path) -> None:
    for path in sorted(root.rglob("*")):
        adapter = adapter_for_path(str(path)) if path.is_file() else None
        if adapter is not None:
            assert adapter.syntax_error(adapter.parse(str(path), path.read_bytes())) is None, path


@pytest.fixture
def work(tmp_path: Path) -> Path:
    dst = tmp_path / "app"
    shutil.copytree(APP / "app", dst)
    return dst


def test_amplitude_to_mixpanel_matches_expected_tree_and_checks_clean(work: Path) -> None:
    code, report = _migrate(work, "mixpanel", "--write")
    assert code == 0, report
    assert _reviews(report) == []
    assert _tree(work) == _tree(APP / "expected-mixpanel")
    _parses(work)
    code, _ = _migrate(work, "mixpanel", "--check")
    assert code == 0
    # Nothing of Amplitude's SDK is left in code: only the comments that name the vendor.
    for rel, data in _tree(work).items():
        code_lines = [x for x in data.decode().splitlines() if not x.strip().startswith(("//", "///"))]
        assert not [x for x in code_lines if re.search(r"\bAmplitude(Swift)?\b|\bIdentify\(", x)], rel


def test_mixpanel_back_to_amplitude_lists_what_has_no_twin(work: Path) -> None:
    shutil.rmtree(work)
    _restore(APP / "expected-mixpanel", work)
    code, report = _migrate(work, "amplitude", "--write")
    assert code == 0, report
    assert _tree(work) == _tree(APP / "expected-amplitude")
    _parses(work)
    reviews = _reviews(report)
    assert [(name, line) for name, line, _ in reviews] == [
        ("LegacyTracker.swift", 11), ("LegacyTracker.swift", 15), ("LegacyTracker.swift", 19)
    ]
    assert all("no shared instance" in message for _, _, message in reviews)
    # Every Mixpanel reference left in code is on a listed line.
    listed = {(name, line) for name, line, _ in reviews}
    for rel, data in _tree(work).items():
        for i, text in enumerate(data.decode().splitlines(), 1):
            if re.search(r"\bMixpanel\b", text) and not text.strip().startswith(("//", "import ")):
                assert (Path(rel).name, i) in listed, (rel, i, text)
    code, _ = _migrate(work, "amplitude", "--check")
    assert code == 1  # the listed calls are still there
