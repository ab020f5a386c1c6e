"""Dependency manifests move with the code: rewritten in place, or listed — never silent."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rewriter.codemod.manifests import find_manifests, plan_manifest
from rewriter.codemod.packs.loader import RulePack, load_packs, select_packs


@pytest.fixture(scope="module")
def to_mp() -> list[RulePack]:
    return select_packs(load_packs(), "mixpanel")


@pytest.fixture(scope="module")
def to_amp() -> list[RulePack]:
    return select_packs(load_packs(), "amplitude")


PACKAGE_JSON = """{
  "name": "shop",
  "dependencies": {
    "@amplitude/analytics-browser": "^2.11.0",
    "react": "^18.2.0"
  },
  "devDependencies": {
    "@amplitude/node": "^1.10.0"
  }
}
"""


def test_package_json_keeps_formatting_and_key_order(to_mp: list[RulePack]) -> None:
    res = plan_manifest("package.json", PACKAGE_JSON, "amplitude", to_mp, {})
    assert res.rewritten == PACKAGE_JSON.replace('"@amplitude/analytics-browser": "^2.11.0"', '"mixpanel-browser": "^2.83.0"')
    assert json.loads(res.rewritten)["dependencies"] == {"mixpanel-browser": "^2.83.0", "react": "^18.2.0"}
    assert "lock file" in res.changes[0].note and res.changes[0].line == 4
    # a package with no pack is listed, never left silently
    assert [r.package for r in res.review] == ["@amplitude/node"]


def test_package_json_with_the_target_already_present_drops_the_source(to_mp: list[RulePack]) -> None:
    text = '{\n  "dependencies": {\n    "mixpanel-browser": "^2.50.0",\n    "amplitude-js": "^8.21.0"\n  }\n}\n'
    res = plan_manifest("package.json", text, "amplitude", to_mp, {})
    assert json.loads(res.rewritten) == {"dependencies": {"mixpanel-browser": "^2.50.0"}}
    assert res.rewritten == '{\n  "dependencies": {\n    "mixpanel-browser": "^2.50.0"\n  }\n}\n'


def test_package_still_used_by_review_sites_is_kept_and_listed(to_mp: list[RulePack]) -> None:
    res = plan_manifest("package.json", PACKAGE_JSON, "amplitude", to_mp, {"analytics-browser": 3})
    assert not res.changed
    assert any("3 site(s) left for review" in r.message for r in res.review)


def test_requirements_keep_markers_and_comments(to_mp: list[RulePack]) -> None:
    text = "flask==3.0.0\nAmplitude_Analytics>=1.1 ; python_version >= '3.8'  # analytics\n"
    res = plan_manifest("requirements-prod.txt", text, "amplitude", to_mp, {})
    assert res.rewritten == "flask==3.0.0\nmixpanel>=5.4.1 ; python_version >= '3.8'  # analytics\n"


def test_pyproject_pep621_and_poetry(to_amp: list[RulePack]) -> None:
    pep = '[project]\nname = "svc"\ndependencies = ["mixpanel>=4.10", "httpx"]\n'
    assert plan_manifest("pyproject.toml", pep, "mixpanel", to_amp, {}).rewritten == (
        '[project]\nname = "svc"\ndependencies = ["amplitude-analytics>=1.3.0", "httpx"]\n'
    )
    poetry = '[tool.poetry.dependencies]\npython = "^3.11"\nmixpanel = "^4.10.0"  # events\n'
    assert plan_manifest("pyproject.toml", poetry, "mixpanel", to_amp, {}).rewritten == (
        '[tool.poetry.dependencies]\npython = "^3.11"\namplitude-analytics = "^1.3.0"  # events\n'
    )


def test_gradle_coordinates(to_mp: list[RulePack]) -> None:
    text = 'dependencies {\n    implementation("com.amplitude:analytics-android:1.+")\n    implementation "com.amplitude:android-sdk:2.40.3"\n}\n'
    res = plan_manifest("build.gradle.kts", text, "amplitude", to_mp, {})
    assert 'implementation("com.mixpanel.android:mixpanel-android:8.9.0")' in res.rewritten
    assert [r.package for r in res.review] == ["com.amplitude:android-sdk"]  # legacy Android SDK: no pack yet


@pytest.mark.parametrize(("name", "text", "package"), [
    ("Podfile", "target 'App' do\n  pod 'AmplitudeSwift', '~> 1.0'\nend\n", "AmplitudeSwift"),
    ("pubspec.yaml", "dependencies:\n  amplitude_flutter: ^4.0.0\n", "amplitude_flutter"),
    ("Package.swift", '.package(url: "https://github.com/amplitude/Amplitude-Swift", from: "1.0.0")\n', "amplitude/Amplitude-Swift"),
])
def test_platforms_without_a_pack_are_listed(to_mp: list[RulePack], name: str, text: str, package: str) -> None:
    res = plan_manifest(name, text, "amplitude", to_mp, {})
    assert not res.changed and [r.package for r in res.review] == [package]


def test_unparsable_package_json_is_said_not_guessed(to_mp: list[RulePack]) -> None:
    res = plan_manifest("package.json", '{"dependencies": {"amplitude-js": ', "amplitude", to_mp, {})
    assert not res.changed and "does not parse" in res.review[0].message


def test_find_manifests_skips_vendored_folders(tmp_path: Path) -> None:
    (tmp_path / "node_modules" / "x").mkdir(parents=True)
    (tmp_path / "node_modules" / "x" / "package.json").write_text("{}")
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "package.json").write_text("{}")
    (tmp_path / "requirements.txt").write_text("")
    assert [p.relative_to(tmp_path).as_posix() for p in find_manifests([str(tmp_path)])] == ["app/package.json", "requirements.txt"]
