"""The React Native sample app (`fixtures/apps/react-native-mixpanel`) migrated to Amplitude: a
module client migrates whole, a client exposed through React context stays with a review item,
look-alikes stay byte-identical, output is idempotent and `*.expected` files match byte for byte."""

from __future__ import annotations

from pathlib import Path

from rewriter.codemod.engine import rewrite_source
from rewriter.codemod.packs.loader import load_packs, select_packs

APP = Path(__file__).resolve().parents[3] / "fixtures" / "apps" / "react-native-mixpanel"


def _run(rel: str):  # type: ignore[no-untyped-def]
    path = APP / rel
    return rewrite_source(str(path), path.read_bytes(), select_packs(load_packs(), "amplitude"))


def test_every_expected_file_matches_and_is_idempotent() -> None:
    expected = sorted(APP.rglob("*.expected"))
    assert expected
    packs = select_packs(load_packs(), "amplitude")
    for exp in expected:
        src = exp.with_suffix("")
        res = rewrite_source(str(src), src.read_bytes(), packs)
        assert res.status == "changed" and not res.review, (src, res.error, res.review)
        assert (res.rewritten or "").encode() == exp.read_bytes(), src
        again = rewrite_source(str(src), exp.read_bytes(), packs)
        assert again.status == "unchanged", src


def test_files_without_expected_output_are_not_rewritten() -> None:
    for path in sorted(APP.rglob("*.ts*")):
        if path.suffix == ".expected" or path.with_name(path.name + ".expected").exists():
            continue
        res = rewrite_source(str(path), path.read_bytes(), select_packs(load_packs(), "amplitude"))
        assert res.status == "unchanged", (path, res.rewritten)


def test_context_client_stays_with_one_review_naming_the_provider_line() -> None:
    res = _run("src/analytics/AnalyticsProvider.tsx")
    assert res.status == "unchanged"
    [item] = res.review
    assert item.rule == "mixpanel-react-native/init" and "passed on (line 7)" in item.message


def test_lookalikes_are_untouched_and_unlisted() -> None:
    res = _run("src/screens/lookalikes.ts")
    assert res.status == "unchanged" and not res.review
