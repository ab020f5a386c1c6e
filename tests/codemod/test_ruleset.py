"""Rule-pack loading and validation: every problem names file:line."""

from __future__ import annotations

from pathlib import Path

import pytest

from rewriter.codemod.packs.loader import (
    RuleFileError,
    builtin_rules_dir,
    load_pack,
    load_packs,
    pack_files,
    select_packs,
)

GOOD = """\
from: amplitude
to: mixpanel
sdk: wrapper
languages: [javascript]
bind:
  modules: [my-analytics]
target:
  sdk: mixpanel-browser
  name: mixpanel
  esm: "import mixpanel from 'mixpanel-browser';"
rules:
  - id: track
    match: "$SDK.send($E, $P)"
    fix: "mixpanel.track($E, $P)"
"""


def _write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "pack.yaml"
    p.write_text(text)
    return p


def test_good_pack_loads(tmp_path: Path) -> None:
    pack = load_pack(_write(tmp_path, GOOD))
    assert pack.sdk == "wrapper" and pack.rules[0].id == "track"
    assert pack.qualified(pack.rules[0]) == "wrapper/track"
    assert pack.rule_lines["track"] == 12


@pytest.mark.parametrize(
    ("mutation", "line", "fragment"),
    [
        (lambda s: s.replace("    fix:", "    fxi:"), 14, "fxi"),
        (lambda s: s.replace('match: "$SDK.send($E, $P)"', 'match: "$SDK.send($E, $P"'), 13, "does not parse"),
        (lambda s: s.replace('fix: "mixpanel.track($E, $P)"', 'fix: "mixpanel.track($E, $Q)"'), 12, "$Q"),
        (lambda s: s.replace("languages: [javascript]", "languages: [cobol]"), 4, "unknown language"),
        (lambda s: s.replace("to: mixpanel", "to: segment"), 2, "to"),
        (lambda s: s.replace('    fix: "mixpanel.track($E, $P)"', "    transform: nope"), 12, "unknown transform"),
        (lambda s: s + "  - id: track\n    match: x\n    review: dup\n", 1, "duplicate rule id"),
        (lambda s: s.replace("rules:\n", "rules:\n  - [\n"), 13, "invalid YAML"),
    ],
)
def test_errors_name_file_and_line(tmp_path: Path, mutation, line: int, fragment: str) -> None:  # type: ignore[no-untyped-def]
    path = _write(tmp_path, mutation(GOOD))
    with pytest.raises(RuleFileError) as info:
        load_pack(path)
    assert str(info.value).startswith(f"{path}:")
    assert fragment in str(info.value)
    if fragment != "duplicate rule id":
        assert info.value.line == line, str(info.value)


def test_every_shipped_pack_is_valid_and_has_rules() -> None:
    files = pack_files(builtin_rules_dir())
    assert len(files) >= 2
    for f in files:
        assert load_pack(f).rules


def test_user_pack_is_added_to_shipped(tmp_path: Path) -> None:
    packs = load_packs([_write(tmp_path, GOOD)])
    assert packs[-1].sdk == "wrapper"
    assert any(p.sdk == "amplitude-js" for p in packs)


def test_missing_user_pack_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(RuleFileError):
        load_packs([tmp_path / "empty"])


def test_select_packs_by_direction_and_target() -> None:
    packs = load_packs()
    to_mp = select_packs(packs, "mixpanel")
    assert to_mp and all(p.to == "mixpanel" for p in to_mp)
    assert len({(p.sdk, p.target.sdk) for p in to_mp}) == len(to_mp)


def test_global_hint_terms_all_and_any() -> None:
    from rewriter.codemod.packs.loader import Bind

    a2 = Bind(globals=["amplitude"], global_hint=[r"amplitude\.track\s*\(", "!getInstance"], global_hint_mode="all")
    ajs = Bind(globals=["amplitude"], global_hint=["getInstance", r"!amplitude\.track\s*\("], global_hint_mode="any")
    a2_file = b"amplitude.track('x');"
    ajs_file = b"amplitude.getInstance().logEvent('x');"
    plain = b"amplitude.logEvent('x');"
    assert a2.global_allowed(a2_file) and not a2.global_allowed(ajs_file) and not a2.global_allowed(plain)
    assert not ajs.global_allowed(a2_file) and ajs.global_allowed(ajs_file) and ajs.global_allowed(plain)
    assert Bind(globals=["x"]).global_allowed(b"")


def test_bad_global_hint_regex_names_the_line(tmp_path: Path) -> None:
    text = GOOD.replace("  modules: [my-analytics]\n", "  modules: [my-analytics]\n  global_hint: ['(']\n")
    with pytest.raises(RuleFileError) as info:
        load_pack(_write(tmp_path, text))
    assert info.value.line == 7 and "global_hint" in str(info.value)
