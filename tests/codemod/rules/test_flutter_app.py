"""The Flutter sample app (`fixtures/apps/flutter-app`) through the real CLI, both ways: the
written tree equals the checked-in one byte for byte, `--check` is clean afterwards, every Dart
file still parses, and nothing of the source vendor is left (or it would have been listed)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rewriter.cli import app
from rewriter.codemod.lang.treesitter import error_nodes, get_parser

APP = Path(__file__).resolve().parents[3] / "fixtures" / "apps" / "flutter-app"
runner = CliRunner()


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(("source", "expected", "to", "vendor_words"), [
    ("app", "expected", "mixpanel", (b"amplitude_flutter", b"Amplitude(", b"BaseEvent")),
    ("expected", "roundtrip", "amplitude", (b"mixpanel_flutter", b"Mixpanel", b"getPeople")),
])
def test_the_app_migrates_whole(tmp_path: Path, source: str, expected: str, to: str,
                                vendor_words: tuple[bytes, ...]) -> None:
    work = tmp_path / "app"
    shutil.copytree(APP / source, work)
    res = runner.invoke(app, ["migrate", str(work), "--to", to, "--write", "--format", "json"])
    assert res.exit_code == 0, res.output
    report = json.loads(res.stdout)
    assert report["summary"]["sites_for_review"] == 0 and report["summary"]["errors"] == 0
    got, want = _tree(work), _tree(APP / expected)
    assert sorted(got) == sorted(want)
    for name in want:
        assert got[name] == want[name], name
    for name, data in got.items():
        if name.endswith(".dart"):
            assert not error_nodes(get_parser("dart").parse(data).root_node), name
            if "lookalikes" not in name:
                assert not any(w in data for w in vendor_words), name
    assert not any(w in got["pubspec.yaml"] for w in vendor_words[:1])
    check = runner.invoke(app, ["migrate", str(work), "--to", to, "--check"])
    assert check.exit_code == 0, check.output


def test_lookalikes_are_untouched_and_unlisted(tmp_path: Path) -> None:
    res = runner.invoke(app, ["migrate", str(APP / "app" / "lib" / "screens" / "lookalikes.dart"),
                              "--to", "mixpanel", "--format", "json"])
    assert res.exit_code == 0, res.output
    files = json.loads(res.stdout)["files"]
    assert all(f["status"] == "unchanged" and not f["review"] for f in files)
