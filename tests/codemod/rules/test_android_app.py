"""The Android sample app (`fixtures/apps/android-app`, Kotlin + Java, a `legacy` flavour source
set on the legacy Java SDK) migrated to Mixpanel by the real CLI on a copy: the written tree equals
the checked-in expected tree (`*.expected` beside each file that changes, the rest byte-identical),
`--check` is clean afterwards, a second run changes nothing, and every Amplitude call of the input
(found here by an independent scan) is either rewritten or listed in the report."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[3] / "fixtures" / "apps" / "android-app"
CLI = [sys.executable, "-c", "from rewriter.launcher import main; main()"]
#: An Amplitude call, creation or property write as this app spells them (receivers named
#: `amplitude`/`client`, the legacy shared instance, the Kotlin SDK's constructor).
SDK_USE = re.compile(r"\b(?:amplitude|client)\s*\??\.\s*\w+\s*[(=]|\bAmplitude\.getInstance\(|\bAmplitude\(")


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], cwd=cwd, capture_output=True, text=True, timeout=300, check=False)


@pytest.fixture(scope="module")
def migrated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:  # type: ignore[type-arg]
    copy = tmp_path_factory.mktemp("android") / "android-app"
    shutil.copytree(APP, copy, ignore=shutil.ignore_patterns("*.expected"))
    res = _cli("migrate", ".", "--to", "mixpanel", "--write", "--format", "json", "-q", cwd=copy)
    assert res.returncode == 0, res.stderr + res.stdout
    return copy, json.loads(res.stdout)


def _sources() -> list[Path]:
    return sorted(p for p in APP.rglob("*") if p.is_file() and p.suffix != ".expected")


def test_the_written_tree_is_the_expected_tree(migrated: tuple[Path, dict]) -> None:  # type: ignore[type-arg]
    copy, _ = migrated
    assert sorted(p.relative_to(copy) for p in copy.rglob("*") if p.is_file()) == [
        p.relative_to(APP) for p in _sources()
    ]
    changed = 0
    for src in _sources():
        rel = src.relative_to(APP)
        expected = src.with_name(src.name + ".expected")
        want = expected.read_bytes() if expected.exists() else src.read_bytes()
        changed += expected.exists()
        assert (copy / rel).read_bytes() == want, rel
    assert changed == 5  # four source files and the Gradle manifest


def test_check_is_clean_and_a_second_run_changes_nothing(migrated: tuple[Path, dict]) -> None:  # type: ignore[type-arg]
    copy, _ = migrated
    res = _cli("migrate", ".", "--to", "mixpanel", "--check", "--format", "json", "-q", cwd=copy)
    assert res.returncode == 0, res.stdout
    data = json.loads(res.stdout)
    assert data["summary"]["files_changed"] == 0
    # what is left is accepted by inline ignores: the revenue call and the dependency it keeps
    left = [(Path(f["path"]).name, r["rule"]) for f in data["files"] for r in f["review"]]
    assert sorted(left) == [("RevenueReporter.kt", "amplitude-kotlin/revenue"),
                            ("build.gradle.kts", "amplitude-kotlin/dependency")]


def test_every_amplitude_call_of_the_input_is_rewritten_or_listed(migrated: tuple[Path, dict]) -> None:  # type: ignore[type-arg]
    _, report = migrated
    accounted = {
        (Path(f["path"]).as_posix(), item["line"]) for f in report["files"] for item in [*f["changes"], *f["review"]]
    }
    found = 0
    for src in _sources():
        if src.suffix not in (".kt", ".java") or b"com.amplitude" not in src.read_bytes():
            continue  # a file that imports no Amplitude SDK has no Amplitude client
        rel = src.relative_to(APP).as_posix()
        for n, line in enumerate(src.read_text().splitlines(), 1):
            if SDK_USE.search(line) and not line.lstrip().startswith(("//", "*", "/*")):
                found += 1
                assert (rel, n) in accounted, f"{rel}:{n} neither rewritten nor listed: {line.strip()}"
    assert found == 17  # every SDK line of the app (the scan itself is pinned)


def test_lookalikes_and_files_without_the_sdk_are_untouched(migrated: tuple[Path, dict]) -> None:  # type: ignore[type-arg]
    copy, report = migrated
    for name in ("Lookalikes.kt", "ShopApp.kt"):
        [src] = [p for p in _sources() if p.name == name]
        assert (copy / src.relative_to(APP)).read_bytes() == src.read_bytes()
        assert not [f for f in report["files"] if Path(f["path"]).name == name and (f["changes"] or f["review"])]
