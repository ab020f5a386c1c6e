"""Dependency manifests follow the code: exact-text round trips that keep every unrelated byte,
review findings for what cannot be edited safely, and the CLI deciding replace vs add."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rewriter.cli import app
from rewriter.codemod.manifests import formats, mappings, table
from rewriter.codemod.ops.profiles import load_profile
from rewriter.codemod.packs.loader import load_packs, select_packs

runner = CliRunner(env={"COLUMNS": "200"})

PKG = """{
    "name": "shop",
    "version": "1.0.0",
    "dependencies": {
        "react": "^18.2.0",
        "amplitude-js": "~8.21.0",
        "zod": "3.22.4"
    },
    "devDependencies": {"jest": "^29"},
    "scripts": {"amplitude-js": "not a dependency"}
}
"""


def test_package_json_replace_keeps_everything_else() -> None:
    out, found = formats.package_json(PKG, "amplitude-js", "mixpanel-browser", "^2.83.0", "replace")
    assert out == PKG.replace('"amplitude-js": "~8.21.0"', '"mixpanel-browser": "^2.83.0"')
    assert [f.kind for f in found] == ["change"]
    assert list(json.loads(out)["dependencies"]) == ["react", "mixpanel-browser", "zod"]  # key order kept


def test_package_json_add_beside_the_old_entry_middle_and_last() -> None:
    out, _ = formats.package_json(PKG, "amplitude-js", "mixpanel-browser", "^2.83.0", "add")
    assert '        "amplitude-js": "~8.21.0",\n        "mixpanel-browser": "^2.83.0",\n        "zod"' in out
    last = PKG.replace('"zod": "3.22.4"', '"amplitude-js": "8"').replace(
        '"amplitude-js": "~8.21.0",\n        ', ""
    )
    out, _ = formats.package_json(last, "amplitude-js", "mixpanel-browser", "^2.83.0", "add")
    assert json.loads(out)["dependencies"] == {
        "react": "^18.2.0",
        "amplitude-js": "8",
        "mixpanel-browser": "^2.83.0",
    }
    assert '"amplitude-js": "8",\n        "mixpanel-browser": "^2.83.0"\n    }' in out


@pytest.mark.parametrize(
    "spec", ["workspace:*", "file:../amp", "github:amplitude/Amplitude-JavaScript", "npm:other@1"]
)
def test_package_json_non_registry_specs_are_reviewed(spec: str) -> None:
    text = PKG.replace("~8.21.0", spec)
    out, found = formats.package_json(text, "amplitude-js", "mixpanel-browser", "^2.83.0", "replace")
    assert out == text and [f.kind for f in found] == ["review"] and spec in found[0].message


def test_package_json_target_already_present_is_reviewed() -> None:
    text = PKG.replace('"zod"', '"mixpanel-browser"')
    out, found = formats.package_json(text, "amplitude-js", "mixpanel-browser", "^2.83.0", "replace")
    assert out == text and found[0].kind == "review" and "already a dependency" in found[0].message


REQ = """# app deps
flask>=3.0
Amplitude_Analytics[extra]==1.3.0 ; python_version >= "3.9"  # analytics
requests==2.31
"""


def test_requirements_replace_keeps_marker_and_comment() -> None:
    out, found = formats.requirements(REQ, "amplitude-analytics", "mixpanel", ">=5.4.1,<6", "replace")
    assert out == REQ.replace(
        'Amplitude_Analytics[extra]==1.3.0 ; python_version >= "3.9"  # analytics',
        'mixpanel>=5.4.1,<6; python_version >= "3.9"  # analytics',
    )
    assert found[0].kind == "change"
    out, _ = formats.requirements(REQ, "amplitude-analytics", "mixpanel", ">=5.4.1,<6", "add")
    assert '# analytics\nmixpanel>=5.4.1,<6; python_version >= "3.9"\nrequests' in out


def test_requirements_hashes_and_urls_are_reviewed() -> None:
    for line in (
        "amplitude-analytics==1.3.0 --hash=sha256:abc\n",
        "amplitude-analytics @ https://example.test/a.whl\n",
    ):
        out, found = formats.requirements(line, "amplitude-analytics", "mixpanel", ">=5.4.1,<6", "replace")
        assert out == line and found[0].kind == "review"
    out, found = formats.requirements(
        "amplitude-analytics-extras==1\n", "amplitude-analytics", "mixpanel", ">=5", "replace"
    )
    assert found == [] and out == "amplitude-analytics-extras==1\n"  # another package with a longer name


PEP621 = """[project]
name = "svc"
dependencies = [
    "flask>=3",
    "amplitude-analytics>=1.1",  # analytics
    "requests",
]

[project.optional-dependencies]
jobs = ["amplitude-analytics==1.3.0; python_version>='3.10'", "rq"]

[tool.other]
x = "amplitude-analytics"
"""


def test_pyproject_pep621_replace_and_add() -> None:
    out, found = formats.pyproject(PEP621, "amplitude-analytics", "mixpanel", ">=5.4.1,<6", "replace")
    assert out == PEP621.replace('"amplitude-analytics>=1.1"', '"mixpanel>=5.4.1,<6"').replace(
        "\"amplitude-analytics==1.3.0; python_version>='3.10'\"",
        "\"mixpanel>=5.4.1,<6; python_version>='3.10'\"",
    )
    assert len(found) == 2  # not the string under [tool.other]
    out, _ = formats.pyproject(PEP621, "amplitude-analytics", "mixpanel", ">=5.4.1,<6", "add")
    data = tomllib.loads(out)
    assert data["project"]["dependencies"] == [
        "flask>=3",
        "amplitude-analytics>=1.1",
        "mixpanel>=5.4.1,<6",
        "requests",
    ]
    assert data["project"]["optional-dependencies"]["jobs"] == [
        "amplitude-analytics==1.3.0; python_version>='3.10'",
        "mixpanel>=5.4.1,<6; python_version>='3.10'",
        "rq",
    ]
    assert '    "amplitude-analytics>=1.1",  # analytics\n    "mixpanel>=5.4.1,<6",\n' in out


POETRY = """[tool.poetry.dependencies]
python = "^3.11"
amplitude-analytics = "^1.1"  # analytics
other = {version = "^2", optional = true}

[tool.poetry.group.dev.dependencies]
amplitude-analytics = {version = "^1.3", optional = true}

[tool.poetry.group.local.dependencies]
amplitude-analytics = {path = "../amplitude"}
"""


def test_pyproject_poetry_tables() -> None:
    out, found = formats.pyproject(POETRY, "amplitude-analytics", "mixpanel", ">=5.4.1,<6", "replace")
    data = tomllib.loads(out)
    assert data["tool"]["poetry"]["dependencies"] == {
        "python": "^3.11",
        "mixpanel": ">=5.4.1,<6",
        "other": {"version": "^2", "optional": True},
    }
    assert data["tool"]["poetry"]["group"]["dev"]["dependencies"] == {
        "mixpanel": {"version": ">=5.4.1,<6", "optional": True}
    }
    assert "# analytics" in out
    assert [f.kind for f in found] == [
        "change",
        "change",
        "review",
    ]  # the path dependency is left for a human
    out, _ = formats.pyproject(POETRY, "amplitude-analytics", "mixpanel", ">=5.4.1,<6", "add")
    deps = tomllib.loads(out)["tool"]["poetry"]["dependencies"]
    assert list(deps) == ["python", "amplitude-analytics", "mixpanel", "other"]


def test_version_table_covers_every_shipped_pack_target() -> None:
    """Every target SDK names its package and version in its profile; the npm and PyPI ones (the
    manifests this step edits) are in the table."""
    packs = load_packs()
    for p in packs:
        if p.review_only:
            continue
        profile = load_profile(p.target.sdk)
        assert profile.packages and set(profile.packages) == set(profile.versions), p.target.sdk
        if set(profile.packages) & {"npm", "pypi"}:
            assert p.target.sdk in table(), p.target.sdk
    pairs = {(m.old, m.new) for m in mappings(select_packs(packs, "mixpanel"))}
    assert ("amplitude-js", "mixpanel-browser") in pairs and ("amplitude-analytics", "mixpanel") in pairs
    pairs = {(m.old, m.new) for m in mappings(select_packs(packs, "amplitude"))}
    assert ("mixpanel-browser", "@amplitude/analytics-browser") in pairs and (
        "mixpanel",
        "amplitude-analytics",
    ) in pairs


# -- through the CLI ------------------------------------------------------------------------------
@pytest.fixture
def web(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "src").mkdir()
    (tmp_path / "package.json").write_text(PKG)
    (tmp_path / "src" / "a.js").write_text(
        "import amplitude from 'amplitude-js';\namplitude.getInstance().logEvent('A', {});\n"
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_fully_migrated_sdk_is_replaced_in_package_json(web: Path) -> None:
    res = runner.invoke(app, ["migrate", ".", "--to", "mixpanel", "--write"])
    assert res.exit_code == 0, res.output
    assert json.loads((web / "package.json").read_text())["dependencies"] == {
        "react": "^18.2.0",
        "mixpanel-browser": "^2.83.0",
        "zod": "3.22.4",
    }
    again = runner.invoke(app, ["migrate", ".", "--to", "mixpanel", "--check"])
    assert again.exit_code == 0, again.output


def test_part_of_a_package_migrated_keeps_the_old_dependency(web: Path) -> None:
    """Only src/ was given: code elsewhere in the package may still use amplitude-js."""
    (web / "server").mkdir()
    (web / "server" / "s.js").write_text(
        "import amplitude from 'amplitude-js';\namplitude.getInstance().logEvent('S', {});\n"
    )
    res = runner.invoke(app, ["migrate", "src", "--to", "mixpanel", "--write"])
    assert res.exit_code == 0, res.output
    deps = json.loads((web / "package.json").read_text())["dependencies"]
    assert deps == {
        "react": "^18.2.0",
        "amplitude-js": "~8.21.0",
        "mixpanel-browser": "^2.83.0",
        "zod": "3.22.4",
    }
    assert "only part of . was migrated" in res.output


def test_sdk_with_review_sites_keeps_the_old_dependency(web: Path) -> None:
    (web / "src" / "r.js").write_text(
        "import amplitude from 'amplitude-js';\namplitude.getInstance().logRevenueV2(r);\n"
    )
    res = runner.invoke(app, ["migrate", "src", "--to", "mixpanel", "--format", "json"])
    data = json.loads(res.stdout)
    (pkg,) = [f for f in data["files"] if f["language"] == "manifest"]
    assert pkg["path"] == "package.json" and pkg["status"] == "changed"
    assert "remove amplitude-js once" in pkg["review"][0]["message"]
    assert (web / "package.json").read_text() == PKG  # dry run


def test_no_manifests_flag(web: Path) -> None:
    res = runner.invoke(app, ["migrate", "src", "--to", "mixpanel", "--write", "--no-manifests"])
    assert res.exit_code == 0 and (web / "package.json").read_text() == PKG


# -- build.gradle(.kts), other platforms, packages no pack maps -------------------------------------
GRADLE_KTS = """plugins { id("com.android.application") }

dependencies {
    implementation("androidx.core:core-ktx:1.12.0")
    implementation("com.amplitude:analytics-android:1.+")
    implementation "com.amplitude:android-sdk:2.40.3"
}
"""


def test_gradle_replace_and_add() -> None:
    out, [f] = formats.gradle(GRADLE_KTS, "com.amplitude:analytics-android",
                              "com.mixpanel.android:mixpanel-android", "8.9.0", "replace")
    assert out == GRADLE_KTS.replace('"com.amplitude:analytics-android:1.+"',
                                     '"com.mixpanel.android:mixpanel-android:8.9.0"')
    assert f.kind == "change" and "sync Gradle" in f.message
    out, _ = formats.gradle(GRADLE_KTS, "com.amplitude:analytics-android",
                            "com.mixpanel.android:mixpanel-android", "8.9.0", "add")
    assert out == GRADLE_KTS.replace(
        '    implementation("com.amplitude:analytics-android:1.+")\n',
        '    implementation("com.amplitude:analytics-android:1.+")\n'
        '    implementation("com.mixpanel.android:mixpanel-android:8.9.0")\n',
    )
    groovy = "dependencies {\n  implementation 'com.amplitude:analytics-android:$ampVersion'\n}\n"
    out, _ = formats.gradle(groovy, "com.amplitude:analytics-android",
                            "com.mixpanel.android:mixpanel-android", "8.9.0", "replace")
    assert out == "dependencies {\n  implementation 'com.mixpanel.android:mixpanel-android:8.9.0'\n}\n"
    mapform = "implementation group: 'com.amplitude', name: 'analytics-android', version: '1.0'\n"
    out, [f] = formats.gradle(mapform, "com.amplitude:analytics-android",
                              "com.mixpanel.android:mixpanel-android", "8.9.0", "replace")
    assert out == mapform and f.kind == "review" and "map form" in f.message


@pytest.mark.parametrize(
    ("eco", "text", "name", "found"),
    [
        ("npm", '{"dependencies": {"@types/mixpanel-browser": "1", "mixpanel-browser": "2"}}', "mixpanel-browser", 1),
        ("npm", '{"scripts": {"@amplitude/node": "x"}}', "@amplitude/node", 0),
        ("pods", "pod 'AmplitudeSwift', '~> 1.0'\n", "Amplitude", 0),
        ("pods", "pod 'Amplitude-Swift'\n", "Amplitude", 0),
        ("pods", "pod 'Amplitude', '~> 8.0'\n", "Amplitude", 1),
        ("swiftpm", '.package(url: "https://github.com/amplitude/Amplitude-Swift.git", from: "1.0.0")',
         "amplitude/Amplitude-Swift", 1),
        ("pypi", "Amplitude_Python==0.1\n", "amplitude-python", 1),
        ("maven", "implementation 'com.amplitude:android-sdk-extra:1'\n", "com.amplitude:android-sdk", 0),
    ],
)
def test_find_package_matches_whole_names(eco: str, text: str, name: str, found: int) -> None:
    assert len(formats.find_package(text, eco, name)) == found


@pytest.fixture
def android(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    src = tmp_path / "app" / "src" / "main" / "java"
    src.mkdir(parents=True)
    (src / "Search.kt").write_text(
        "package com.example\n\nimport com.amplitude.android.Amplitude\n\n"
        "class Search(private val amplitude: Amplitude?) {\n"
        "    fun searched(query: String) {\n"
        '        amplitude?.track(eventType = "Searched", eventProperties = mapOf("query" to query))\n'
        "    }\n}\n"
    )
    (tmp_path / "app" / "build.gradle.kts").write_text(GRADLE_KTS)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _manifests(res_stdout: str) -> dict[str, dict]:  # type: ignore[type-arg]
    return {f["path"]: f for f in json.loads(res_stdout)["files"] if f["language"] == "manifest"}


def test_gradle_dependency_follows_migrated_kotlin_code(android: Path) -> None:
    res = runner.invoke(app, ["migrate", ".", "--to", "mixpanel", "--write", "--format", "json"])
    assert res.exit_code == 0, res.output
    gradle = (android / "app" / "build.gradle.kts").read_text()
    # Both Amplitude Android SDKs (Kotlin and the legacy com.amplitude.api) now have a pack whose
    # target is Mixpanel Android: one line becomes the target, the other is listed, never dropped.
    assert gradle.count("com.mixpanel.android:mixpanel-android:8.9.0") == 1
    assert gradle.count("com.amplitude:") == 1
    m = _manifests(res.stdout)["app/build.gradle.kts"]
    assert len(m["changes"]) == 1 and m["changes"][0]["rule"].endswith("/dependency")
    [item] = m["review"]
    assert item["rule"].endswith("/dependency") and "is already a dependency: remove" in item["message"]


@pytest.mark.parametrize(
    ("name", "text", "package", "line"),
    [
        ("Podfile", "platform :ios, '15.0'\ntarget 'App' do\n  pod 'AmplitudeSwift', '~> 1.0'\nend\n",
         "AmplitudeSwift", 3),
        ("Package.swift",
         'let package = Package(\n  dependencies: [\n'
         '    .package(url: "https://github.com/amplitude/Amplitude-Swift", from: "1.0.0"),\n  ]\n)\n',
         "amplitude/Amplitude-Swift", 3),
    ],
)
def test_platforms_without_a_pack_are_listed_per_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, text: str, package: str, line: int
) -> None:
    (tmp_path / "ios").mkdir()
    (tmp_path / "ios" / name).write_text(text)
    monkeypatch.chdir(tmp_path)
    res = runner.invoke(app, ["migrate", ".", "--to", "mixpanel", "--write", "--format", "json"])
    m = _manifests(res.stdout)[f"ios/{name}"]
    assert m["status"] == "unchanged" and not m["changes"]
    [item] = m["review"]
    assert item["line"] == line and item["message"].startswith(f"{package}: CocoaPods and Swift Package Manager manifests are not edited")
    assert (tmp_path / "ios" / name).read_text() == text  # listed, never edited
    assert res.exit_code == 0  # a review item, not an error; --check would fail on it
    assert runner.invoke(app, ["migrate", ".", "--to", "mixpanel", "--check"]).exit_code == 1


def test_unmapped_and_unused_packages_are_listed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A package no pack maps (@amplitude/analytics-types) and a mapped one in a folder without SDK code
    (tools/package.json) are listed; the migrated package.json is rewritten."""
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "a.js").write_text(
        "import amplitude from 'amplitude-js';\namplitude.getInstance().logEvent('A', {});\n"
    )
    (tmp_path / "package.json").write_text(
        '{\n  "dependencies": {\n    "amplitude-js": "^8.0.0",\n    "@amplitude/analytics-types": "^1.10.0"\n  }\n}\n'
    )
    (tmp_path / "tools").mkdir()
    (tmp_path / "tools" / "package.json").write_text('{"devDependencies": {"amplitude-js": "^8"}}\n')
    (tmp_path / "node_modules" / "x").mkdir(parents=True)
    (tmp_path / "node_modules" / "x" / "package.json").write_text('{"dependencies": {"amplitude-js": "^8"}}\n')
    monkeypatch.chdir(tmp_path)
    res = runner.invoke(app, ["migrate", ".", "--to", "mixpanel", "--format", "json"])
    ms = _manifests(res.stdout)
    assert sorted(ms) == ["package.json", "tools/package.json"]  # node_modules is never read
    root = ms["package.json"]
    assert [c["rule"] for c in root["changes"]] == ["amplitude-js/dependency"]
    assert [(r["line"], r["message"].split(":")[0]) for r in root["review"]] == [(4, "@amplitude/analytics-types")]
    [tool] = ms["tools/package.json"]["review"]
    assert "no SDK code under this manifest's folder was migrated" in tool["message"]
    assert ms["tools/package.json"]["status"] == "unchanged"


def test_pyproject_settings_naming_a_vendor_are_not_dependencies(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\ndependencies = ["flask", "mixpanel-utils>=1"]\n\n[tool.rewriter]\nto = "amplitude"\n'
    )
    (tmp_path / "requirements-dev.txt").write_text("# mixpanel is not used here\nmixpanel-stub==1\n")
    monkeypatch.chdir(tmp_path)
    res = runner.invoke(app, ["migrate", ".", "--format", "json"])
    assert res.exit_code == 0, res.output
    assert _manifests(res.stdout) == {}
