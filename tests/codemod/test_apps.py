"""Multi-file sample apps migrated end to end with the real CLI (issue 10's quality bar).

Each app under ``fixtures/apps/`` listed here has a ``.rewriter.toml`` saying the direction and
``*.expected`` files beside the files that change; every other file must come out byte-identical.
For each app: ``migrate --write`` on a copy gives exactly the expected tree, a second run changes
nothing (idempotent, and ``--check`` is clean when the app has nothing left for review), and no
call of the source vendor's SDK is left in the tree without being listed for review ("never
silent"). Regenerate the expected files with ``REWRITER_UPDATE_GOLDEN=1`` and read the diff.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rewriter.cli import app
from tests.codemod.conftest import ROOT

runner = CliRunner(env={"COLUMNS": "200"})
APPS = ROOT / "fixtures" / "apps"
UPDATE = os.environ.get("REWRITER_UPDATE_GOLDEN") == "1"

#: app -> "clean" (nothing left for review: ``--check`` passes after --write), "review" (some
#: sites stay, each listed) or "decoy" (no SDK at all, only look-alikes: nothing changes or is listed)
CASES = {
    "ts-client-module": "clean",
    "decoy-wrapper": "decoy",
    "nextjs-snippet": "review",
    "react-context-hook": "clean",
}

#: Source-vendor SDK calls and imports a reviewer would grep for after the migration.
LEFTOVER = {
    "amplitude": re.compile(
        r"@amplitude/|amplitude-js|\bamplitude\s*\.|\.(logEvent|setUserProperties|logRevenueV2|getInstance|setUserId)\s*\("
    ),
    "mixpanel": re.compile(r"mixpanel-browser|\bmixpanel\s*\.|\.(people\.\w+|register|register_once|get_distinct_id)\s*\("),
}


def _copy(name: str, tmp_path: Path) -> Path:
    dest = tmp_path / name
    shutil.copytree(APPS / name, dest, ignore=shutil.ignore_patterns("*.expected", "README.md"))
    return dest


def _to(app_dir: Path) -> str:
    m = re.search(r'to\s*=\s*"(\w+)"', (APPS / app_dir.name / ".rewriter.toml").read_text())
    assert m is not None
    return m.group(1)


@pytest.mark.parametrize("name", sorted(CASES))
def test_app_migrates_to_the_expected_tree(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    work = _copy(name, tmp_path)
    monkeypatch.chdir(work)
    report = tmp_path / "report.json"
    res = runner.invoke(app, ["migrate", ".", "--write", "--format", "json", "--output", str(report)])
    assert res.exit_code in (0, 1), res.output
    data = json.loads(report.read_text())
    assert data["summary"]["errors"] == 0
    for path in sorted(p for p in work.rglob("*") if p.is_file()):
        rel = path.relative_to(work)
        original = APPS / name / rel
        expected = original.with_name(original.name + ".expected")
        got = path.read_bytes()
        if UPDATE and got != original.read_bytes():
            expected.write_bytes(got)
        elif UPDATE and expected.exists():
            expected.unlink()
        want = expected.read_bytes() if expected.exists() else original.read_bytes()
        assert got == want, f"{rel} differs from {'its .expected file' if expected.exists() else 'the original'}"

    # Idempotent; --check clean when nothing is left for review.
    again = runner.invoke(app, ["migrate", ".", "--check", "--format", "json"])
    second = json.loads(again.stdout)
    assert second["summary"]["files_changed"] == 0
    if CASES[name] in ("clean", "decoy"):
        assert again.exit_code == 0, again.stdout
        assert second["summary"]["sites_for_review"] == 0
    if CASES[name] == "decoy":
        assert data["summary"]["sites_rewritten"] == data["summary"]["sites_for_review"] == 0
        return

    # Never silent: every remaining source-vendor call is on a line listed for review.
    source = data["from"]
    listed = {(Path(f["path"]).as_posix().lstrip("./"), r["line"]) for f in data["files"] for r in f["review"]}
    for f in data["files"]:
        for r in f["review"]:
            end = r.get("end_line", r["line"])
            listed.update((Path(f["path"]).as_posix().lstrip("./"), n) for n in range(r["line"], end + 1))
    for path in sorted(p for p in work.rglob("*") if p.is_file() and p.suffix in (".ts", ".tsx", ".js", ".jsx", ".py")):
        rel = path.relative_to(work).as_posix()
        for n, line in enumerate(path.read_text().splitlines(), 1):
            if LEFTOVER[source].search(line) and (rel, n) not in listed:
                pytest.fail(f"{rel}:{n} still calls {source} and is not listed for review: {line.strip()}")


def test_every_app_case_has_a_config_and_expected_outputs_are_not_stale() -> None:
    for name in CASES:
        assert (APPS / name / ".rewriter.toml").is_file(), name
        for exp in (APPS / name).rglob("*.expected"):
            assert exp.with_name(exp.name[: -len(".expected")]).is_file(), f"{exp} has no original"


def test_one_use_that_cannot_move_keeps_the_whole_client(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """All or nothing across modules: a plugin added in one component (no Mixpanel equivalent)
    keeps the exported client, its init, its import and every importer's calls as they are, and
    each use is listed naming that site."""
    work = _copy("ts-client-module", tmp_path)
    header = work / "src" / "components" / "Header.tsx"
    header.write_text(header.read_text().replace("  return <nav", "  analytics.add(myPlugin);\n  return <nav"))
    before = {p: p.read_bytes() for p in work.rglob("*") if p.is_file()}
    monkeypatch.chdir(work)
    res = runner.invoke(app, ["migrate", ".", "--write", "--no-manifests", "--format", "json"])
    data = json.loads(res.stdout)
    assert res.exit_code == 0, res.output  # a run that lists sites is not a failure (--check is the gate)
    assert {p: p.read_bytes() for p in before} == before  # nothing written anywhere
    reviews = [(f["path"], r) for f in data["files"] for r in f["review"]]
    blocked = [r for _p, r in reviews if "stays whole" in r["message"]]
    assert len(blocked) == 10  # init, export and the eight calls of the six importers
    assert all("src/components/Header.tsx:5 `analytics.add(myPlugin)`" in r["message"] for r in blocked)
    own = [r for _p, r in reviews if "stays whole" not in r["message"]]
    assert len(own) == 1 and own[0]["line"] == 5  # the blocking call, with its own reason
    assert data["summary"]["sites_rewritten"] == 0 and data["summary"]["clients_migrated"] == 0


def test_platform_variants_exporting_different_clients_keep_both_and_list_the_importer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``lib/amplitude/index.ts`` (React Native SDK) and ``index.web.ts`` (browser SDK) both export
    ``amplitude``; an importer's calls reach either, so neither client moves and every call is
    listed. A re-exported unsupported package (``@amplitude/analytics-types``) is never rewritten."""
    lib = tmp_path / "src" / "lib" / "amplitude"
    lib.mkdir(parents=True)
    (tmp_path / "package.json").write_text("{}")
    (lib / "index.ts").write_text(
        "import * as amplitude from '@amplitude/analytics-react-native';\n"
        "import * as Types from '@amplitude/analytics-types';\n\namplitude.init('KEY');\n\n"
        "export { amplitude, Types };\n")
    (lib / "index.web.ts").write_text(
        "import * as amplitude from '@amplitude/analytics-browser';\n\namplitude.init('KEY');\n\nexport { amplitude };\n")
    (tmp_path / "src" / "track.ts").write_text(
        "import { amplitude } from './lib/amplitude';\n\nexport const go = () => amplitude.track('Go');\n")
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    monkeypatch.chdir(tmp_path)
    res = runner.invoke(app, ["migrate", ".", "--to", "mixpanel", "--write", "--no-manifests", "--format", "json"])
    data = json.loads(res.stdout)
    assert {p: p.read_bytes() for p in before} == before
    track = next(f for f in data["files"] if f["path"].endswith("track.ts"))
    assert [r["line"] for r in track["review"]] == [3]
    assert "variants export different SDK clients" in track["review"][0]["message"]


def test_react_native_context_client_reaches_the_screens(monkeypatch: pytest.MonkeyPatch) -> None:
    """``fixtures/apps/react-native-mixpanel``: a ``new Mixpanel()`` client put in React context and
    handed out by ``useAnalytics()``; the screens that call it import no SDK. Every one of their
    calls is listed with the reason the client stays (it is created by a constructor the importers
    cannot follow), so nothing of it is silent; the module client in ``client.ts`` still migrates."""
    from rewriter.codemod import api

    monkeypatch.chdir(APPS / "react-native-mixpanel")
    run = api.migrate(["."], "amplitude", manifests=False, jobs=1)
    by_name = {Path(f.path).name: f for f in run.files}
    for screen, lines in (("Checkout.tsx", {7}), ("Settings.tsx", {10})):
        f = by_name[screen]
        assert f.status == "unchanged" and {r.line for r in f.review} == lines
        assert all("stays whole" in r.message and "AnalyticsProvider" in r.message for r in f.review)
    assert by_name["client.ts"].status == "changed" and not by_name["client.ts"].review
