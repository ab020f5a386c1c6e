"""pubspec.yaml follows the migrated Dart code (manifests/formats.pubspec)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rewriter.cli import app
from rewriter.codemod.manifests import formats

runner = CliRunner()
PUBSPEC = (
    "name: app\n"
    "dependencies:\n"
    "  flutter:\n"
    "    sdk: flutter\n"
    "  amplitude_flutter: ^4.0.0 # analytics\n"
    "  http: ^1.0.0\n"
)
CODE = (
    "import 'package:amplitude_flutter/amplitude.dart';\n\n"
    "void f(Amplitude amplitude) {\n  amplitude.reset();\n}\n"
)


def test_replace_keeps_the_line_and_its_comment() -> None:
    text, found = formats.pubspec(PUBSPEC, "amplitude_flutter", "mixpanel_flutter", "^2.12.0", "replace")
    assert text == PUBSPEC.replace("amplitude_flutter: ^4.0.0", "mixpanel_flutter: ^2.12.0")
    assert [f.kind for f in found] == ["change"]


def test_add_puts_the_new_package_below() -> None:
    text, found = formats.pubspec(PUBSPEC, "amplitude_flutter", "mixpanel_flutter", "^2.12.0", "add")
    assert "  amplitude_flutter: ^4.0.0 # analytics\n  mixpanel_flutter: ^2.12.0\n  http" in text
    assert [f.kind for f in found] == ["change"]


@pytest.mark.parametrize("entry", [
    "  amplitude_flutter:\n    git:\n      url: https://github.com/amplitude/Amplitude-Flutter\n",
    "  amplitude_flutter:\n    path: ../amplitude\n",
])
def test_a_git_or_path_dependency_is_reviewed(entry: str) -> None:
    text = "name: app\ndependencies:\n" + entry
    new, found = formats.pubspec(text, "amplitude_flutter", "mixpanel_flutter", "^2.12.0", "replace")
    assert new == text and [f.kind for f in found] == ["review"]


def test_the_target_already_present_is_reviewed() -> None:
    text = PUBSPEC + "  mixpanel_flutter: ^2.0.0\n"
    new, found = formats.pubspec(text, "amplitude_flutter", "mixpanel_flutter", "^2.12.0", "replace")
    assert new == text and "already a dependency" in found[0].message


def test_the_cli_migrates_pubspec_with_the_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "a.dart").write_text(CODE)
    (tmp_path / "pubspec.yaml").write_text(PUBSPEC)
    monkeypatch.chdir(tmp_path)
    res = runner.invoke(app, ["migrate", ".", "--to", "mixpanel", "--write", "--format", "json"])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "pubspec.yaml").read_text() == PUBSPEC.replace("amplitude_flutter: ^4.0.0",
                                                                      "mixpanel_flutter: ^2.12.0")
    files = {f["path"]: f for f in json.loads(res.stdout)["files"]}
    assert [c["rule"] for c in files["pubspec.yaml"]["changes"]] == ["amplitude-flutter/dependency"]


def test_open_sites_keep_the_old_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "a.dart").write_text(CODE.replace("amplitude.reset();", "amplitude.revenue(r);"))
    (tmp_path / "pubspec.yaml").write_text(PUBSPEC)
    monkeypatch.chdir(tmp_path)
    res = runner.invoke(app, ["migrate", ".", "--to", "mixpanel", "--write", "--format", "json"])
    text = (tmp_path / "pubspec.yaml").read_text()
    assert "amplitude_flutter: ^4.0.0" in text and "mixpanel_flutter: ^2.12.0" in text
    files = {f["path"]: f for f in json.loads(res.stdout)["files"]}
    assert any("remove amplitude_flutter once" in r["message"] for r in files["pubspec.yaml"]["review"])
