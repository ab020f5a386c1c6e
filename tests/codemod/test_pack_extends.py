"""Rule packs share common parts with ``extends:``: rules merge by id, ``drop_rules`` removes."""

from __future__ import annotations

from pathlib import Path

import pytest

from rewriter.codemod.packs.loader import RuleFileError, load_pack

BASE = """\
from: amplitude
to: mixpanel
sdk: base-sdk
languages: [javascript]
bind: {modules: [amplitude-js]}
target: {sdk: mixpanel-browser, name: mixpanel, esm: "import mixpanel from 'mixpanel-browser';"}
rules:
  - id: track
    match: "$SDK.logEvent($E)"
    fix: "mixpanel.track($E)"
  - id: flush
    match: "$SDK.sendEvents()"
    review: "no flush"
  - id: reset
    match: "$SDK.reset()"
    fix: "mixpanel.reset()"
"""


def write(tmp: Path, name: str, text: str) -> Path:
    p = tmp / name
    p.write_text(text)
    return p


def test_child_replaces_by_id_in_place_appends_new_and_drops(tmp_path: Path) -> None:
    write(tmp_path, "base.yaml", BASE)
    child = write(tmp_path, "child.yaml", """\
extends: base.yaml
sdk: child-sdk
drop_rules: [reset]
rules:
  - id: track
    match: "$SDK.track($E)"
    fix: "mixpanel.track($E)"
  - id: extra
    match: "$SDK.extra()"
    review: "new"
""")
    pack = load_pack(child)
    assert pack.sdk == "child-sdk" and pack.from_ == "amplitude"
    assert [r.id for r in pack.rules] == ["track", "flush", "extra"]
    assert pack.rules[0].match == ["$SDK.track($E)"]


def test_extends_errors_name_the_file(tmp_path: Path) -> None:
    a = write(tmp_path, "a.yaml", "extends: b.yaml\nrules: []\n")
    write(tmp_path, "b.yaml", "extends: a.yaml\nrules: []\n")
    with pytest.raises(RuleFileError, match="cycle"):
        load_pack(a)
    missing = write(tmp_path, "m.yaml", "extends: nope.yaml\n")
    with pytest.raises(RuleFileError, match=r"m\.yaml:1: extends: no pack file"):
        load_pack(missing)
    orphan = write(tmp_path, "o.yaml", BASE + "drop_rules: [track]\n")
    with pytest.raises(RuleFileError, match="drop_rules needs extends"):
        load_pack(orphan)


def test_shipped_browser_packs_share_their_rules() -> None:
    rules_dir = Path(__file__).resolve().parents[2] / "rules" / "amplitude-to-mixpanel"
    base = load_pack(rules_dir / "analytics-browser.yaml")
    for name in ("unified.yaml", "analytics-react-native.yaml"):
        child = load_pack(rules_dir / name)
        shared = {r.id for r in base.rules} & {r.id for r in child.rules}
        assert len(shared) >= len(base.rules) - 1
        assert len((rules_dir / name).read_text().splitlines()) < 40
