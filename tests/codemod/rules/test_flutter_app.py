"""The Flutter sample app (`fixtures/apps/flutter-app`) through the real CLI, both ways: every
written file equals its checked-in `.expected` (then `.roundtrip`) byte for byte, files without
one stay as they were, `--check` is clean afterwards, every Dart file still parses, and nothing of
the source vendor is left in the migrated files (or it would have been listed)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rewriter.cli import app
from rewriter.codemod.lang.treesitter import error_nodes, get_parser

APP = Path(__file__).resolve().parents[3] / "fixtures" / "apps" / "flutter-app"
SUFFIXES = (".expected", ".roundtrip")
runner = CliRunner()


def _sources() -> list[Path]:
    return [p for p in sorted(APP.rglob("*")) if p.is_file() and p.suffix not in SUFFIXES and p.name != "README.md"]


def _copy(tmp: Path, suffix: str | None) -> Path:
    """The app as it is (``suffix`` None) or as its ``suffix`` files say, in a fresh folder."""
    work = tmp / "app"
    for src in _sources():
        rel = src.relative_to(APP)
        alt = src.with_name(src.name + suffix) if suffix else src
        (work / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(alt if alt.exists() else src, work / rel)
    return work


def _migrate(work: Path, to: str) -> dict:  # type: ignore[type-arg]
    res = runner.invoke(app, ["migrate", str(work), "--to", to, "--write", "--format", "json"])
    assert res.exit_code == 0, res.output
    report = json.loads(res.stdout)
    assert report["summary"]["sites_for_review"] == 0 and report["summary"]["errors"] == 0
    return report  # type: ignore[no-any-return]


@pytest.mark.parametrize(("start", "want", "to", "vendor_words"), [
    (None, ".expected", "mixpanel", (b"amplitude_flutter", b"Amplitude(", b"BaseEvent")),
    (".expected", ".roundtrip", "amplitude", (b"mixpanel_flutter", b"Mixpanel", b"getPeople")),
])
def test_the_app_migrates_whole(tmp_path: Path, start: str | None, want: str, to: str,
                                vendor_words: tuple[bytes, ...]) -> None:
    work = _copy(tmp_path, start)
    _migrate(work, to)
    changed = 0
    for src in _sources():
        rel = src.relative_to(APP)
        expected = src.with_name(src.name + want)
        got = (work / rel).read_bytes()
        if expected.exists():
            changed += 1
            assert got == expected.read_bytes(), rel
            if rel.suffix == ".dart":
                assert not any(w in got for w in vendor_words), rel
            else:
                assert vendor_words[0] not in got, rel
        else:
            assert got == src.read_bytes(), rel  # no SDK code: untouched
        if rel.suffix == ".dart":
            assert not error_nodes(get_parser("dart").parse(got).root_node), rel
    assert changed == 3
    check = runner.invoke(app, ["migrate", str(work), "--to", to, "--check"])
    assert check.exit_code == 0, check.output


def test_lookalikes_are_untouched_and_unlisted() -> None:
    res = runner.invoke(app, ["migrate", str(APP / "lib" / "screens" / "lookalikes.dart"),
                              "--to", "mixpanel", "--format", "json"])
    assert res.exit_code == 0, res.output
    files = json.loads(res.stdout)["files"]
    assert all(f["status"] == "unchanged" and not f["review"] for f in files)
