"""React Native packs (issue 10 item 5): which pack runs by default, what a React Native package
gets when its code is migrated to a browser SDK, and the real-app shapes of the audit."""

from __future__ import annotations

import json
from pathlib import Path

from rewriter.codemod.engine import rewrite_source
from rewriter.codemod.manifests import manifest_results
from rewriter.codemod.model import FileResult, RunResult
from rewriter.codemod.packs.loader import load_packs, select_packs

ROOT = Path(__file__).resolve().parents[3]
SHAPES = ROOT / "fixtures" / "real-shapes"


def _targets(to: str, target_sdk: str | None = None) -> dict[str, str]:
    return {p.sdk: p.target.sdk for p in select_packs(load_packs(), to, target_sdk)}  # type: ignore[arg-type]


def test_react_native_defaults_to_mixpanel_react_native() -> None:
    assert _targets("mixpanel")["analytics-react-native"] == "mixpanel-react-native"
    assert _targets("mixpanel", "mixpanel-browser")["analytics-react-native"] == "mixpanel-browser"
    # Other SDKs keep their only target whatever is asked for.
    assert _targets("mixpanel", "mixpanel-react-native")["analytics-browser"] == "mixpanel-browser"


def test_browser_sdk_in_a_react_native_package_is_reviewed_in_its_manifest(tmp_path: Path) -> None:
    src = SHAPES / "rn-package-browser-sdk" / "input"
    (tmp_path / "src").mkdir()
    (tmp_path / "package.json").write_bytes((src / "package.json").read_bytes())
    code = tmp_path / "src" / "stats.ts"
    code.write_bytes((src / "src" / "stats.ts").read_bytes())
    packs = select_packs(load_packs(), "mixpanel")
    res = rewrite_source(str(code), code.read_bytes(), packs)
    assert res.status == "changed" and "mixpanel-browser" in (res.rewritten or "")
    run = RunResult("amplitude", "mixpanel", files=[res])
    [manifest] = manifest_results(run, packs, [str(tmp_path)], str(tmp_path))
    messages = [r.message for r in manifest.review]
    assert any("is not a React Native SDK" in m for m in messages), messages


def test_browser_target_in_a_web_package_gets_no_react_native_review(tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text(json.dumps({"dependencies": {"@amplitude/analytics-browser": "^2"}}))
    code = tmp_path / "a.ts"
    code.write_text("import * as amplitude from '@amplitude/analytics-browser';\namplitude.track('A', {});\n")
    packs = select_packs(load_packs(), "mixpanel")
    res: FileResult = rewrite_source(str(code), code.read_bytes(), packs)
    [manifest] = manifest_results(RunResult("amplitude", "mixpanel", files=[res]), packs, [str(tmp_path)], str(tmp_path))
    assert manifest.status == "changed" and not manifest.review


def test_getter_clients_shape_is_never_silent() -> None:
    """tonwhales/wallet: a client re-created in an async getter. The init is refused with the line
    that re-creates it, every stray `new Mixpanel()` is listed, and so is every call on the client the
    getter returns (`(await inst()).track(...)`, followed through the getter): nothing is rewritten."""
    path = SHAPES / "rn-mixpanel-getter-clients" / "input.ts"
    res = rewrite_source(str(path), path.read_bytes(), select_packs(load_packs(), "amplitude"))
    assert res.status == "unchanged"
    rules = sorted(r.rule for r in res.review)
    assert rules == ["mixpanel-react-native/init"] * 2 + ["mixpanel-react-native/unmapped"] * 4
    assert all("re-created on line 9" in r.message for r in res.review if r.rule.endswith("/init"))
    through_getter = {r.line: r.message for r in res.review if "made on line 3" in r.message}
    assert sorted(through_getter) == [16, 20]  # one item per call chain: `.getPeople().union()` is one site
